"""The permission matrix's rows, path arguments, API bodies and world for nominations
(see __init__.py)."""

# ruff: noqa: E501 - the table's rows are wider than code lines, to stay one row per line.

from __future__ import annotations

TABLE = """
# route                                  method state     anon   part   cso    other  lead   gov    sec    admin
"""
