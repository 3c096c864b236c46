"""The support counts kept on ideas (ADR 5): an idea's own, and its combined count with the ideas
merged into it, each person counted once."""

from __future__ import annotations

from ..models import Idea, Support


def absorbed_ids(idea: Idea) -> set[int]:
    """The idea and every idea merged into it, directly or through another merged idea."""
    found, frontier = {idea.pk}, {idea.pk}
    while frontier:
        frontier = (
            set(Idea.objects.filter(merged_into_id__in=frontier).values_list("pk", flat=True))
            - found
        )
        found |= frontier
    return found


def lock_support_chain(idea: Idea) -> None:
    """Lock the idea's row and those of the ideas it was merged into, child before parent (the
    same order for every writer, so no two wait on each other): supports added or withdrawn at
    the same moment then recount one after the other, each seeing the other's committed rows."""
    current: int | None = idea.pk
    seen: set[int] = set()
    while current is not None and current not in seen:
        seen.add(current)
        current = (
            Idea.objects.select_for_update()
            .filter(pk=current)
            .values_list("merged_into_id", flat=True)
            .first()
        )


def refresh_support_counts(idea: Idea) -> None:
    """Recount the idea's supports, and the combined count of it and every idea it was merged
    into, up the chain."""
    own = Support.objects.filter(idea_id=idea.pk).count()
    Idea.objects.filter(pk=idea.pk).update(supports_count=own)
    current: int | None = idea.pk
    seen: set[int] = set()
    while current is not None and current not in seen:
        seen.add(current)
        target = Idea.objects.get(pk=current)
        combined = (
            Support.objects.filter(idea_id__in=absorbed_ids(target))
            .values("user_id")
            .distinct()
            .count()
        )
        Idea.objects.filter(pk=current).update(combined_supports_count=combined)
        current = target.merged_into_id
