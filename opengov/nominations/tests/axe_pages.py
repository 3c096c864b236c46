"""The pages of nominations and elections that tests/system/test_every_page_accessible.py checks
with axe,
with the demo loaded."""

from __future__ import annotations

from opengov.nominations.demo import ROUND_TITLE
from opengov.nominations.models import NominationRound


def _round() -> NominationRound:
    return NominationRound.objects.select_related("body").get(title=ROUND_TITLE)


def public_paths() -> list[str]:
    round_ = _round()
    nomination = round_.nominations.order_by("pk").first()
    assert nomination is not None
    return [
        "/nominations/",
        round_.get_absolute_url(),
        nomination.get_absolute_url(),
        round_.body.get_absolute_url(),
    ]


def manager_paths() -> list[str]:
    round_ = _round()
    return [
        "/bodies/new/",
        f"/bodies/{round_.body.slug}/rounds/new/",
        f"/nominations/{round_.pk}/edit/",
        f"/nominations/{round_.pk}/open/",
        f"/nominations/{round_.pk}/publish-results/",
    ]
