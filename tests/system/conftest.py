"""Fixtures for browser journeys: a real Chromium driven by Playwright against pytest-django's live
server.

Run them with ``pytest -m browser``; leave them out with ``pytest -m "not browser"``. The browser is
Debian's Chromium at /usr/bin/chromium unless OPENGOV_CHROMIUM names another executable.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API drives its own asyncio loop from the main thread, so Django sees "a running
# event loop" and refuses ORM calls made by the test itself (SynchronousOnlyOperation). The test is
# not async code; this is the documented switch for exactly this case. Set before any test runs
# because the browser is session-scoped and the loop outlives the first browser test.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import Browser, Page, Playwright, sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # Tests only talk to the live server on loopback: never route anything through a proxy.
    "--no-proxy-server",
]
DEFAULT_TIMEOUT_MS = 10_000
SYSTEM_TESTS_DIR = Path(__file__).resolve().parent


def chromium_executable() -> str:
    return os.environ.get("OPENGOV_CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test that drives the browser carries the ``browser`` marker, even if unmarked."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "page" in fixtures or "browser" in fixtures:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator:
    """Keep each phase's report on the item so fixtures can see whether the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    executable = chromium_executable()
    if not Path(executable).exists():
        pytest.fail(
            f"Chromium not found at {executable}: install Debian's `chromium` package or set "
            "OPENGOV_CHROMIUM to a Chromium executable."
        )
    browser = playwright.chromium.launch(
        executable_path=executable, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def page(
    request: pytest.FixtureRequest, browser: Browser, live_server, transactional_db
) -> Iterator[Page]:
    """A fresh browser context (no cookies, no storage) per test, pointed at the live server.

    ``transactional_db`` so the live-server thread and the test see the same committed rows (with
    in-memory SQLite pytest-django shares the one connection with the server thread)."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        timezone_id="Europe/London",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.set_default_navigation_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    yield page
    try:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            save_screenshot(page, request)
    finally:
        context.close()


def save_screenshot(page: Page, request: pytest.FixtureRequest) -> None:
    """Save a full-page PNG of a failed journey to test-results/ at the project root."""
    out_dir = Path(request.config.rootpath) / "test-results"
    out_dir.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid).strip("_")[:180]
    path = out_dir / f"{name}.png"
    try:
        page.screenshot(path=str(path), full_page=True)
    except Exception as exc:  # a crashed page must not hide the test's own failure
        print(f"could not save screenshot {path}: {exc}")
    else:
        print(f"screenshot of the failure: {path} (page URL {page.url})")
