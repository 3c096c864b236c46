"""Accessibility checks with axe-core (through axe-playwright-python)."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
MAX_TARGETS_SHOWN = 5

_axe = Axe()


def axe_violations(page: Page, *, context: str | None = None) -> list[dict]:
    """Run axe on the current page (or on the part matched by the CSS selector ``context``)."""
    options = {
        "runOnly": {"type": "tag", "values": AXE_TAGS},
        "resultTypes": ["violations"],
    }
    results = _axe.run(page, context=context, options=options)
    return list(results.response["violations"])


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        nodes = violation.get("nodes", [])
        targets = [" ".join(map(str, node.get("target", []))) for node in nodes]
        shown = ", ".join(targets[:MAX_TARGETS_SHOWN])
        more = (
            f" (+{len(targets) - MAX_TARGETS_SHOWN} more)"
            if len(targets) > MAX_TARGETS_SHOWN
            else ""
        )
        lines.append(
            f"- {violation['id']} [{violation.get('impact') or 'n/a'}]: {violation.get('help', '')}"
            f"\n    {violation.get('helpUrl', '')}"
            f"\n    on {len(nodes)} element(s): {shown}{more}"
        )
        if nodes and nodes[0].get("failureSummary"):
            summary = nodes[0]["failureSummary"].replace("\n", "\n      ")
            lines.append(f"    first: {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page: Page, *, context: str | None = None) -> None:
    """Fail with a readable list if axe finds any WCAG 2.x A/AA or best-practice violation."""
    violations = axe_violations(page, context=context)
    if violations:
        raise AssertionError(
            f"{len(violations)} accessibility violation(s) on {page.url}:\n"
            + format_violations(violations)
        )
