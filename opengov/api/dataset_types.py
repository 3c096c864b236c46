"""The building blocks of the open-data registry: a dataset, its columns, their types and the
column makers every app's datasets share. Each app builds its datasets from these;
`opengov.api.datasets` gathers them into one registry."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from opengov.core.schemas import history_url

__all__ = [
    "BOOLEAN",
    "DATE",
    "DATETIME",
    "HISTORY",
    "INTEGER",
    "INTEGER_LIST",
    "OBJECT",
    "PAGE",
    "TEXT",
    "TEXT_LIST",
    "URL",
    "Column",
    "Dataset",
    "col",
    "label",
    "public_user",
]

INTEGER, TEXT, DATE, DATETIME, BOOLEAN = "integer", "text", "date", "date and time", "boolean"
TEXT_LIST, URL, OBJECT = "list of text", "URL path", "object"
INTEGER_LIST = "list of integers"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    getter: Callable[[Any], Any]


@dataclass(frozen=True)
class Dataset:
    title: str
    description: str
    queryset_factory: Callable[[], QuerySet[Any]]
    columns: list[Column] = field(default_factory=list)
    # Turns the objects as read into the objects shown, one at a time (the history withholds the
    # names of people who deleted their account: opengov.accounts.withheld).
    prepare: Callable[[Iterator[Any]], Iterator[Any]] | None = None

    def rows(self, chunk_size: int = 200) -> Any:
        """Each object as {column: value}, read in chunks so memory stays flat. Chunks are small
        (with their prefetched relations) so that memory is the same for a file of a few hundred
        rows and one of millions: with 1,000, the commitments at S=100 peaked 1.32 times higher
        than at S=10, whose 600 rows filled less than one chunk (bench/results, issue 4)."""
        objects = self.queryset_factory().iterator(chunk_size=chunk_size)
        for obj in self.prepare(objects) if self.prepare else objects:
            yield {column.name: column.getter(obj) for column in self.columns}


def public_user() -> AnonymousUser:
    """Whom every dataset is read as: an anonymous visitor, so only public data is downloaded."""
    return AnonymousUser()


def col(name: str, type_: str, description: str, path: str | None = None) -> Column:
    """A column read from an attribute (dotted `path`, default `name`); missing links give None."""
    getter = operator.attrgetter(path or name)

    def get(obj: Any) -> Any:
        try:
            return getter(obj)
        except AttributeError:
            return None

    return Column(name, type_, description, get)


def label(name: str, what: str, attribute: str | None = None) -> Column:
    """The human label of the choice in `attribute` (default: `name` without "_label")."""
    source = attribute or name.removesuffix("_label")
    return Column(
        name,
        TEXT,
        f"{what}, as shown on the site.",
        lambda o: str(getattr(o, f"get_{source}_display")()),
    )


PAGE = Column("url", URL, "The object's page on this site.", lambda o: o.get_absolute_url())
HISTORY = Column("history_url", URL, "The page listing every change to it.", history_url)
