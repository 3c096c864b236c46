"""The pages of posts and projects that tests/system/test_every_page_accessible.py checks with
axe, with the demo loaded."""

from __future__ import annotations


def public_paths() -> list[str]:
    return []


def manager_paths() -> list[str]:
    return []
