"""Export commitments in the OGP/IRM layout (columns.py): the header, then one row per
commitment, in a fixed number of queries per chunk of rows so memory stays flat.

Each modelled column is written from opengov's field, in OGP's words; where the import kept OGP's
own spelling of the cell in `ogp_source` (such as "1" in "Verifiable", or "September 2014" in
"Start Date") and that spelling still says the field's value, the spelling is written, so an
imported file comes back as it was. Every other column comes from `ogp_source` verbatim.

Formula guard: a cell that starts with =, +, -, @, a tab or a carriage return is written with a
leading apostrophe, so that a spreadsheet shows it instead of running it as a formula; a plain
number ("-1", "+2.5") is left alone, being data. A cell that already starts with an apostrophe
followed by such a character ("'=1") gets one more. The importer removes exactly that one
apostrophe again, and only where the export would have added it (columns.guard and
columns.unguard), so export, import and export again give the same bytes."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any, Protocol

from django.db.models import Prefetch, QuerySet

from ..choices import MemberKind
from ..models import Commitment, PolicyArea
from .columns import (
    FLAG,
    LAYOUT,
    MODELLED,
    POLICY_AREA_COLUMNS,
    STARRED,
    STARRED_COLUMNS,
    STARRED_END_OF_TERM,
    Codec,
    guard,
)

CHUNK_SIZE = 500
ORDER = ["plan__member__name", "plan__number", "position", "number", "pk"]


class Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def iter_ogp_rows(
    commitments: QuerySet[Commitment], *, chunk_size: int = CHUNK_SIZE
) -> Iterator[list[str]]:
    """The header, then a row per commitment (by member, plan and commitment number), each a
    list of the layout's 171 cells, formula-guarded. Two queries per `chunk_size` commitments,
    plus one for the policy areas."""
    areas = dict(
        PolicyArea.objects.filter(ogp_column__in=POLICY_AREA_COLUMNS).values_list(
            "ogp_column", "pk"
        )
    )
    yield list(LAYOUT)
    rows = (
        commitments.select_related("plan__member")
        .prefetch_related(Prefetch("policy_areas", queryset=PolicyArea.objects.only("pk")))
        .order_by(*ORDER)
    )
    for commitment in rows.iterator(chunk_size=chunk_size):
        yield [guard(cell) for cell in ogp_cells(commitment, areas)]


def write_ogp_csv(stream: Writable, commitments: QuerySet[Commitment]) -> int:
    """Write the layout as CSV to a text stream; returns the number of commitments written."""
    writer = csv.writer(stream)
    rows = 0
    for row in iter_ogp_rows(commitments):
        writer.writerow(row)
        rows += 1
    return rows - 1


def ogp_cells(commitment: Commitment, areas: dict[str, int]) -> list[str]:
    """The commitment's 171 cells, unguarded. `areas` maps policy-area columns to PolicyArea
    ids; a column without a policy area is written from ogp_source."""
    source = {str(k): str(v) for k, v in (commitment.ogp_source or {}).items()}
    area_ids = {area.pk for area in commitment.policy_areas.all()}
    starred_unknown = not any(name in source for name in STARRED_COLUMNS)
    cells = []
    for column in LAYOUT:
        if (spec := MODELLED.get(column)) is not None:
            value = _value(commitment, spec.level, spec.field)
            cells.append(_spelled(spec.codec, source.get(column), value))
        elif column in areas:
            cells.append(_spelled(FLAG, source.get(column), areas[column] in area_ids))
        elif column == STARRED_END_OF_TERM and starred_unknown:
            # A commitment OGP has not published: its own verdict, if anyone entered one.
            cells.append(STARRED.write(commitment.starred))
        else:
            cells.append(source.get(column, ""))
    return cells


def _value(commitment: Commitment, level: str, field: str) -> Any:
    if level == "commitment":
        return getattr(commitment, field)
    plan = commitment.plan
    if level == "plan":
        return getattr(plan, field)
    member = plan.member
    if field == "ogp_kind" and not member.ogp_kind:
        return "Local" if member.kind == MemberKind.LOCAL else "National"
    return getattr(member, field)


def _spelled(codec: Codec, spelling: str | None, value: Any) -> str:
    if spelling is not None and codec.accepts(spelling, value):
        return spelling
    return codec.write(value)
