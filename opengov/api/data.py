"""Open data: the /data/ index, the data dictionary, and streamed CSV and JSON downloads of every
dataset in `opengov.api.datasets` (public data only). Downloads are written row by row as they are
read, so memory stays flat however large the data."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from opengov.core.text import guard_formula

from .datasets import DATASETS, Dataset

ROWS_PER_WRITE = 200


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return str(value)


def csv_cell(value: Any) -> str:
    """A value as a CSV cell: lists joined with "; ", objects as JSON, dates in ISO 8601, and
    formulas defused: a cell that starts with = + - @, a tab or a carriage return gets a leading
    apostrophe unless it is a plain number such as -5, so numbers and dates stay what they are
    (opengov.core.text.guard_formula, the one rule for every CSV this site writes)."""
    return guard_formula(_text(value))


class _Echo:
    """A file-like object that hands back what csv.writer writes, instead of storing it."""

    def write(self, value: str) -> str:
        return value


def _batched(lines: Iterable[str]) -> Iterator[str]:
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= ROWS_PER_WRITE:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def csv_lines(dataset: Dataset) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([column.name for column in dataset.columns])
    for row in dataset.rows():
        yield writer.writerow([csv_cell(value) for value in row.values()])


def json_lines(dataset: Dataset) -> Iterator[str]:
    """A JSON array, one object per line, written incrementally."""
    yield "["
    separator = "\n"
    for row in dataset.rows():
        yield separator + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


def _dataset(name: str) -> Dataset:
    try:
        return DATASETS[name]
    except KeyError:
        raise Http404(f"There is no dataset called {name}.") from None


def _download(
    name: str, lines: Iterator[str], content_type: str, extension: str
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_batched(lines), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def download_csv(request: HttpRequest, name: str) -> StreamingHttpResponse:
    dataset = _dataset(name)
    return _download(name, csv_lines(dataset), "text/csv; charset=utf-8", "csv")


def download_json(request: HttpRequest, name: str) -> StreamingHttpResponse:
    dataset = _dataset(name)
    return _download(name, json_lines(dataset), "application/json; charset=utf-8", "json")


def data_index(request: HttpRequest) -> HttpResponse:
    """Every dataset with its CSV and JSON links, the licence and the OGP layout file."""
    return render(request, "data/index.html", {"datasets": DATASETS})


def data_dictionary(request: HttpRequest) -> HttpResponse:
    """Every dataset's columns, with their type and meaning."""
    return render(request, "data/dictionary.html", {"datasets": DATASETS})


def commitments_ogp_csv(request: HttpRequest) -> HttpResponseBase:
    """The commitments in the OGP's own spreadsheet layout (opengov.action_plans.ogp), imported
    when asked for so that this module does not depend on it."""
    from opengov.action_plans.ogp.views import commitments_ogp_csv as view

    response: HttpResponseBase = view(request)
    return response
