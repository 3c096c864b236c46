"""Read and check an OGP/IRM commitments export (its layout is in columns.py) without touching the
database. A malformed file is refused with OgpImportError, naming each problem's row (the header
is row 1) and column; a valid one gives its header, one OgpRow per data row, and warnings."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from opengov.core.errors import DomainError

from .columns import (
    DATE,
    FLAG,
    LAYOUT,
    MODELLED,
    POLICY_AREA_COLUMNS,
    REQUIRED_COLUMNS,
    STARRED,
    STARRED_COLUMNS,
    STARRED_END_OF_TERM,
    STARRED_PROGRESS_REPORT,
    slashed_order,
    starred_from,
    unguard,
)

Source = str | os.PathLike[str] | IO[bytes] | IO[str]
MAX_PROBLEMS = 20
COLUMN_OF = {(spec.level, spec.field): name for name, spec in MODELLED.items()}
LAYOUT_SET, AREA_SET, REQUIRED_SET = (
    frozenset(LAYOUT),
    frozenset(POLICY_AREA_COLUMNS),
    frozenset(REQUIRED_COLUMNS),
)


@dataclass(frozen=True)
class Problem:
    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"Row {self.row}" + (f", column “{self.column}”" if self.column else "")
        return f"{where}: {self.message}"


class OgpImportError(DomainError):
    """The file is not a valid OGP export and nothing was written. `problems` lists what is wrong
    (at most MAX_PROBLEMS), each with its row and column; the message names the first."""

    def __init__(self, problems: list[Problem]) -> None:
        first, more = problems[0], len(problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"{first}{suffix}", field=first.column)
        self.problems, self.row, self.column = problems, first.row, first.column


@dataclass
class OgpRow:
    """One data row, read and checked: what it says about its member, plan and commitment."""

    row: int
    member: dict[str, Any] = field(default_factory=dict)
    plan: dict[str, Any] = field(default_factory=dict)
    commitment: dict[str, Any] = field(default_factory=dict)
    source: dict[str, str] = field(default_factory=dict)
    flags: dict[str, tuple[bool, str]] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return str(self.member["code"])

    @property
    def plan_key(self) -> tuple[str, int]:
        return self.code, int(self.plan["number"])


@dataclass(frozen=True)
class OgpCommitment:
    """What one row says about a commitment: its modelled fields, its ogp_source entries for the
    file's `columns` (entries for other columns are kept), and its OGP policy areas among those
    the file has a column for."""

    fields: Mapping[str, Any]
    source: Mapping[str, str]
    columns: frozenset[str]
    policy_area_ids: frozenset[int]
    ogp_policy_area_ids: frozenset[int]


def read_ogp_file(source: Source) -> tuple[list[str], list[OgpRow], list[str]]:
    """The file's header, rows and warnings, without touching the database. Raises
    OgpImportError when the file is not a valid OGP export."""
    records = _records(_text_of(source))
    if not records or not any(cell.strip() for cell in records[0][1]):
        raise OgpImportError([Problem(1, None, "the file is empty (row 1 should be the header)")])
    header = [name.strip() for name in records[0][1]]
    warnings = _check_header(header)
    problems: list[Problem] = []
    cells_by_row: list[tuple[int, dict[str, str]]] = []
    for number, record in records[1:]:
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            column = header[len(record)] if len(record) < len(header) else None
            message = f"has {len(record)} values but the header has {len(header)} columns"
            problems.append(Problem(number, column, message))
            continue
        cells_by_row.append((number, dict(zip(header, map(unguard, record), strict=True))))
    orders = _date_orders(cells_by_row)
    rows = []
    for number, cells in cells_by_row:
        if (row := _read_row(number, cells, orders, problems)) is not None:
            rows.append(row)
    problems += _check_consistency(rows)
    if problems:
        raise OgpImportError(sorted(problems, key=lambda p: p.row)[:MAX_PROBLEMS])
    return header, rows, warnings + _duplicate_numbers(rows)


def _text_of(source: Source) -> str:
    data = Path(source).read_bytes() if isinstance(source, str | os.PathLike) else source.read()
    text = data if isinstance(data, str) else _decode(data)
    if "\x00" in text:
        offset = text.index("\x00")
        raise OgpImportError([_locate(text, offset, "holds binary data: this is not a CSV file")])
    return text


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        prefix = data[: error.start].decode("utf-8-sig")
        message = (
            f"is not UTF-8 text (byte 0x{data[error.start]:02x}): save the file as "
            "“CSV UTF-8” and import it again"
        )
        raise OgpImportError([_locate(prefix, len(prefix), message)]) from None


def _locate(text: str, offset: int, message: str) -> Problem:
    """The row and column at `offset` of the file's text, for a fault found before parsing."""
    records = list(csv.reader(io.StringIO(text[:offset] + "X", newline="")))
    row, index = len(records), len(records[-1]) - 1
    header = [name.strip() for name in records[0]] if row > 1 else []
    if index < len(header):
        return Problem(row, header[index], message)
    return Problem(row, None, f"value {index + 1} {message}")


def _records(text: str) -> list[tuple[int, list[str]]]:
    records: list[tuple[int, list[str]]] = []
    try:
        for record in csv.reader(io.StringIO(text, newline="")):
            records.append((len(records) + 1, record))
    except csv.Error as error:
        raise OgpImportError([Problem(len(records) + 1, None, f"is not CSV: {error}")]) from None
    return records


def _check_header(header: list[str]) -> list[str]:
    if duplicate := next((name for name in header if header.count(name) > 1), None):
        raise OgpImportError([Problem(1, duplicate, "appears more than once in the header")])
    if missing := [name for name in REQUIRED_COLUMNS if name not in header]:
        names = ", ".join(f"“{name}”" for name in missing)
        message = f"the header lacks the required column(s) {names}: is this an OGP export?"
        raise OgpImportError([Problem(1, missing[0], message)])
    warnings = []
    if unknown := [name for name in header if name not in LAYOUT]:
        warnings.append(f"Columns not in the OGP layout, ignored: {', '.join(unknown)}")
    if absent := [name for name in LAYOUT if name not in header]:
        warnings.append(f"OGP columns missing, left as they were: {', '.join(absent)}")
    return warnings


def _date_orders(cells_by_row: list[tuple[int, dict[str, str]]]) -> dict[tuple[str, str], str]:
    """For each action plan (code, number), the day/month order its dates show, where they show
    exactly one."""
    seen: dict[tuple[str, str], set[str]] = {}
    for _number, cells in cells_by_row:
        key = (cells["Code"], cells["Action Plan Number"])
        for column in ("Start Date", "End Date"):
            if order := slashed_order(cells.get(column, "")):
                seen.setdefault(key, set()).add(order)
    return {key: orders.pop() for key, orders in seen.items() if len(orders) == 1}


def _read_row(
    number: int, cells: dict[str, str], orders: dict[tuple[str, str], str], problems: list[Problem]
) -> OgpRow | None:
    found = len(problems)
    row = OgpRow(number)
    order = orders.get((cells["Code"], cells["Action Plan Number"]))
    for column, text in cells.items():
        if column in REQUIRED_SET and not text.strip():
            problems.append(Problem(number, column, "is empty"))
            continue
        try:
            _read_cell(row, column, text, order)
        except ValueError as error:
            problems.append(Problem(number, column, str(error)))
    if any(column in cells for column in STARRED_COLUMNS) and len(problems) == found:
        row.commitment["starred"] = starred_from(
            cells.get(STARRED_END_OF_TERM, ""), cells.get(STARRED_PROGRESS_REPORT, "")
        )
    return row if len(problems) == found else None


def _read_cell(row: OgpRow, column: str, text: str, order: str | None) -> None:
    if (spec := MODELLED.get(column)) is not None:
        value = DATE.read(text, order) if spec.codec is DATE else spec.codec.read(text)
        getattr(row, spec.level)[spec.field] = value
        if spec.codec.write(value) != text:
            row.source[column] = text  # OGP's own spelling, so that an export reproduces it
    elif column in AREA_SET:
        row.flags[column] = (FLAG.read(text), text)
    elif column in LAYOUT_SET:
        if column in STARRED_COLUMNS:
            STARRED.read(text)
        if text:
            row.source[column] = text


def _check_consistency(rows: list[OgpRow]) -> list[Problem]:
    """Identifiers are unique; rows of one member (or one plan) agree on its values; two
    members do not share a name."""
    problems = []
    ids: dict[str, OgpRow] = {}
    firsts: dict[str, dict[Any, OgpRow]] = {"member": {}, "plan": {}}
    names: dict[str, OgpRow] = {}
    for row in rows:
        ogp_id = row.commitment["ogp_id"]
        if (other := ids.setdefault(ogp_id, row)) is not row:
            message = f"“{ogp_id}” is also the identifier in row {other.row}"
            problems.append(Problem(row.row, "Commitment Unique Identifier", message))
        for level, key in (("member", row.code), ("plan", row.plan_key)):
            other = firsts[level].setdefault(key, row)
            for name, value in getattr(row, level).items():
                if getattr(other, level).get(name) != value:
                    message = f"differs from row {other.row}, which has the same {level}"
                    problems.append(Problem(row.row, COLUMN_OF[(level, name)], message))
        other = names.setdefault(str(row.member["name"]).casefold(), row)
        if other.code != row.code:
            message = f"is also the name of member {other.code} (row {other.row})"
            problems.append(Problem(row.row, "Country/Locality", message))
    return problems


def _duplicate_numbers(rows: list[OgpRow]) -> list[str]:
    seen: dict[tuple[Any, ...], OgpRow] = {}
    warnings = []
    for row in rows:
        other = seen.setdefault((*row.plan_key, row.commitment["number"]), row)
        if other is not row:
            warnings.append(
                f"Rows {other.row} and {row.row}: {row.member['name']} action plan "
                f"{row.plan['number']} has two commitments numbered {row.commitment['number']} "
                "(as OGP published them); both are imported."
            )
    return warnings
