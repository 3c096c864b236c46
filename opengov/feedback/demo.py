"""The demo's feedback, loaded through the services by `opengov.demo.loader`."""

from __future__ import annotations

from collections import Counter


def load(*, created: Counter[str]) -> None:
    """Load what is missing of this app's demo (loading twice creates nothing)."""
