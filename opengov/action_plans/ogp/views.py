"""The open-data download of commitments in OGP's export layout, streamed row by row."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.http import HttpRequest, StreamingHttpResponse
from django.views.decorators.http import require_GET

from ..models import Commitment
from .exporter import iter_ogp_rows


class _Echo:
    """A file-like object that hands back what csv.writer writes, so rows can be streamed."""

    def write(self, text: str) -> str:
        return text


def _lines(request: HttpRequest) -> Iterator[str]:
    writer = csv.writer(_Echo())
    for row in iter_ogp_rows(Commitment.objects.visible_to(request.user)):
        yield writer.writerow(row)


@require_GET
def commitments_ogp_csv(request: HttpRequest) -> StreamingHttpResponse:
    """Every commitment the user may see, in OGP's 171-column layout (UTF-8 CSV)."""
    response = StreamingHttpResponse(_lines(request), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="commitments-ogp.csv"'
    return response
