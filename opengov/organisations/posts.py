"""Which posts people held on given days, looked up in one query for a whole page (a meeting's
attendees on its date, an event's delegation on its day)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q

from .models import Tenure


def posts_held(pairs: Iterable[tuple[int, dt.date]]) -> dict[tuple[int, dt.date], list[Tenure]]:
    """For each (person id, day) pair, the tenures that person held that day (start and end days
    included; an open tenure is held until today and after), with their post and its
    organisation loaded, oldest first. Every pair given is a key, with an empty list when the
    person held no post that day. One query, whatever the number of pairs; none when empty."""
    wanted = {(int(person_id), day) for person_id, day in pairs}
    result: dict[tuple[int, dt.date], list[Tenure]] = {pair: [] for pair in wanted}
    if not wanted:
        return result
    people = {person_id for person_id, _ in wanted}
    first = min(day for _, day in wanted)
    last = max(day for _, day in wanted)
    tenures = (
        Tenure.objects.filter(person_id__in=people, start_on__lte=last)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=first))
        .select_related("post__organisation")
        .order_by("start_on", "post__title", "pk")
    )
    days_by_person: dict[int, list[dt.date]] = {}
    for person_id, day in wanted:
        days_by_person.setdefault(person_id, []).append(day)
    for tenure in tenures:
        for day in days_by_person[tenure.person_id]:
            if tenure.held_on(day):
                result[(tenure.person_id, day)].append(tenure)
    return result
