"""Keeping spam out of the feedback form, before moderation sees it.

- A honeypot: the form's `website` field is hidden from people (the `hidden` attribute: not
  displayed, not read by screen readers) and filled in by robots that fill in every field. A
  filled one is answered exactly as a real submission is (the same redirect, the same
  confirmation page) but stores nothing: refusing it would tell the robot what to change.
- A rate limit per client address (opengov.accounts.throttle's counters, in the shared "throttle"
  cache): each valid or honeypot submission counts, a form sent back with errors does not. Past
  the limit the answer is 429 with a GOV.UK page and Retry-After, and nothing is stored. The rate
  is the setting OPENGOV_FEEDBACK_RATE_PER_ADDRESS ("count/period", default 10 an hour: enough
  for an office behind one address)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage

from opengov.accounts.throttle import client_address

RATE_SETTING = "OPENGOV_FEEDBACK_RATE_PER_ADDRESS"
DEFAULT_RATE = "10/h"
GROUP = "feedback:address"


def submission_wait(request: HttpRequest) -> int:
    """Count this submission against its client address; the seconds to wait if the address is
    over its limit (then nothing is stored), else 0."""
    rate = str(getattr(settings, RATE_SETTING, DEFAULT_RATE))
    address = client_address(request)
    usage = get_usage(
        request, group=GROUP, key=lambda _group, _request: address, rate=rate, increment=True
    )
    if usage is None or usage["count"] <= usage["limit"]:
        return 0
    return max(1, int(usage["time_left"]))
