"""Public pages of the audit trail: every change, and each event with its hashes."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404
from django.views.generic import TemplateView

from opengov.accounts.withheld import withhold_names

from .audit import GENESIS_HASH, canonical_payload
from .history import APP_LABELS, HistoryFilter, page_for, visible_event


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


class HistoryView(TemplateView):
    template_name = "core/history.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        filters = HistoryFilter.from_query(self.request.GET)
        events, next_before = page_for(
            self.request.user,
            filters,
            before=_int_or_none(self.request.GET.get("before")),
            size=settings.OPENGOV_LIST_PAGE_SIZE,
        )
        context.update(
            events=withhold_names(events),
            next_before=next_before,
            filters=filters,
            app_labels=APP_LABELS,
        )
        return context


class EventDetailView(TemplateView):
    template_name = "core/event_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        event = visible_event(self.request.user, kwargs["sequence"])
        if event is None:
            raise Http404
        shown = withhold_names([event])[0]
        context.update(
            event=shown,
            # The canonical form holds the stored names: not shown once any is withheld.
            payload=None if getattr(shown, "withheld", False) else canonical_payload(event),
            is_first=event.prev_hash == GENESIS_HASH,
        )
        return context
