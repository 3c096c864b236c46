"""Unique, readable slugs for URLs."""

from __future__ import annotations

from typing import Any

from django.utils.text import slugify


def unique_slug(model: type[Any], text: str, max_length: int = 120) -> str:
    """slugify(text), with -2, -3… appended until no row of `model` has it."""
    base = slugify(text)[: max_length - 8] or "item"
    slug, n = base, 2
    while model._default_manager.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
