"""How the permission matrix finds the value of a path argument for a state of the world: shared by
test_permission_matrix.py and the apps' parts in matrix_apps/."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Resolver:
    states: tuple[str, ...]
    values: Callable[[Any, str], list[str]]  # (the world, a state) -> the values to try


def stateful(kind: str, states: tuple[str, ...], attr: str = "pk") -> Resolver:
    return Resolver(states, lambda w, s: [str(getattr(w.objects[kind][s], attr))])


def stateless(kind: str, attr: str = "pk") -> Resolver:
    return Resolver(("-",), lambda w, s: [str(getattr(w.objects[kind]["-"], attr))])


def constant(*values: str) -> Resolver:
    return Resolver(("-",), lambda w, s: list(values))
