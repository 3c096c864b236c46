"""Numbered pages of the public lists, whose totals are counted once per data generation.

A numbered list shows its total ("512 actions") and the number of its last page, so Django's
`Paginator` counts every row the list's filters select on every render: 14 ms of the action
register's 77 ms at S=100 on PostgreSQL (50,000 action items), under 1 ms at S=1. Whoever is
signed in gets the page built, so the page cache (ADR 6) does not spare them that count.

`cached_count` keeps each count in Django's cache under a key naming:

- the **data generation**, the audit chain's last sequence and hash, read from its head: every
  service write appends an audit event in its transaction, so any change to any row moves it and
  makes every earlier count unreachable. It is read before the count, so a count taken while a
  write commits is kept under the older generation, never the newer one. The hash tells apart a
  transaction that appended an event and rolled back from a later one that appended another with
  the same sequence: a count taken inside the first is never read again;
- the database and the count's own SQL with its parameters: the filters, the viewer's
  visibility (a signed-in member's private meetings are in the parameters) and today's date when
  the filter depends on it. Two requests share a count only when they would run the same query on
  the same data.

``OPENGOV_COUNT_CACHE_SECONDS = 0`` turns the cache off (the test settings do: factories write
without audit events).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property

from .models import AuditChainHead


def cached_count(queryset: QuerySet[Any]) -> int:
    """`queryset.count()`, kept for the data generation as the module's docstring says."""
    seconds = settings.OPENGOV_COUNT_CACHE_SECONDS
    if seconds <= 0:
        return queryset.count()
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing, such as pk__in=[]
        return 0
    head = AuditChainHead.objects.using(queryset.db).filter(pk=1)
    sequence, last_hash = head.values_list("last_sequence", "last_hash").first() or (0, "")
    name = connections[queryset.db].settings_dict["NAME"]
    query = hashlib.sha256(repr((name, sql, params)).encode()).hexdigest()
    key = f"opengov:count:{sequence}:{last_hash}:{query}"
    count: int | None = cache.get(key)
    if count is None:
        count = queryset.count()
        cache.set(key, count, seconds)
    return count


class CountedPaginator(Paginator):
    """A `Paginator` whose total of a queryset comes from `cached_count`."""

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            return cached_count(self.object_list)
        return super().count


def page_of(request: HttpRequest, rows: Any, param: str = "page") -> Page:
    """The page of `rows` that `?page=` asks for; a missing or malformed number gives the first
    page, one past the end the last."""
    return CountedPaginator(rows, settings.OPENGOV_LIST_PAGE_SIZE).get_page(request.GET.get(param))
