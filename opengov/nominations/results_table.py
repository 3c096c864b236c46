"""A count's stages as the table its page shows: a row per candidate, a column per stage."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from .counting import SCALE

ACTIONS = {
    "first": _("First preferences"),
    "plurality": _("Votes"),
    "last": _("Remaining seats filled"),
}


def show_votes(units: int | None) -> str:
    """Votes as people read them: 4, or 2.49999 (never trailing zeros)."""
    if units is None:
        return ""
    value = (Decimal(units) / SCALE).quantize(Decimal("0.00001"))
    text = format(value.normalize(), "f")
    return text


@dataclass
class StageTable:
    headings: list[str]
    rows: list[tuple[str, list[str]]]
    non_transferable: list[str]
    notes: list[str]


def stage_table(count: Any, names: dict[int, str]) -> StageTable:
    headings, notes = [], []
    for stage in count.stages:
        who = names.get(stage["candidate"], "")
        if stage["action"] == "surplus":
            headings.append(
                _("Stage %(n)d: %(name)s's surplus") % {"n": stage["stage"], "name": who}
            )
        elif stage["action"] == "exclusion":
            headings.append(
                _("Stage %(n)d: %(name)s excluded") % {"n": stage["stage"], "name": who}
            )
        else:
            headings.append(
                _("Stage %(n)d: %(action)s")
                % {"n": stage["stage"], "action": ACTIONS.get(stage["action"], stage["action"])}
            )
        if stage["tie_break"] == "lot":
            notes.append(_("Stage %(n)d: a tie was decided by lot.") % {"n": stage["stage"]})
        elif stage["tie_break"]:
            notes.append(
                _("Stage %(n)d: a tie was decided by the totals at an earlier stage.")
                % {"n": stage["stage"]}
            )
    candidates = sorted(
        {int(c) for stage in count.stages for c in stage["totals"]},
        key=lambda c: names.get(c, ""),
    )
    rows = [
        (names.get(c, str(c)), [show_votes(stage["totals"].get(str(c))) for stage in count.stages])
        for c in candidates
    ]
    non_transferable = [show_votes(stage.get("non_transferable", 0)) for stage in count.stages]
    return StageTable(headings, rows, non_transferable, notes)


@dataclass
class Bar:
    label: str
    value: str
    y: int
    width: float
    is_elected: bool


@dataclass
class BarChart:
    """Horizontal bars of each candidate's votes at the last stage, beside the results table
    that holds the same numbers; the quota, for STV, as a line."""

    bars: list[Bar]
    height: int
    quota_x: float | None
    label_width: int = 200
    plot_width: int = 400


def bar_chart(count: Any, lines: list[Any]) -> BarChart | None:
    if not lines:
        return None
    chart = BarChart([], 0, None)
    top = max(max(line.final_votes for line in lines), count.quota or 0) or 1
    for i, line in enumerate(sorted(lines, key=lambda x: (-x.final_votes, x.pk))):
        chart.bars.append(
            Bar(
                label=str(line.nomination.nominee.display_name),
                value=format(line.final_votes.normalize(), "f"),
                y=i * 32 + 8,
                width=round(float(line.final_votes / top) * chart.plot_width, 1),
                is_elected=line.is_elected,
            )
        )
    chart.height = len(chart.bars) * 32 + 16
    if count.quota:
        chart.quota_x = round(chart.label_width + float(count.quota / top) * chart.plot_width, 1)
    return chart
