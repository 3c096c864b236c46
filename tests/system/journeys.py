"""Steps and watchers shared by browser journeys."""

from __future__ import annotations

from playwright.sync_api import ConsoleMessage, Page, Request, Response

SIGN_IN_PATH = "/accounts/sign-in/"
ASSET_TYPES = {"stylesheet", "script", "font", "image"}


def sign_in(page: Page, email: str, password: str) -> None:
    """Sign in through the real form, as a person would, and wait for the response page."""
    page.goto(SIGN_IN_PATH)
    page.get_by_label("Email address", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state("load")


class PageProblems:
    """Collects what a person would not see but a page should never do: a stylesheet, script, font
    or image that fails to load, a JavaScript error, a console error (a CSP violation among them).

    Create it before ``page.goto``; ``assert not problems.items, problems.report()`` after."""

    def __init__(self, page: Page) -> None:
        self.items: list[str] = []
        self._answered_with_error: set[str] = set()
        page.on("response", self._on_response)
        page.on("requestfailed", self._on_request_failed)
        page.on("pageerror", lambda error: self.items.append(f"JavaScript error: {error}"))
        page.on("console", self._on_console)

    def _on_response(self, response: Response) -> None:
        kind = response.request.resource_type
        if response.status >= 400 and kind in ASSET_TYPES:
            self._answered_with_error.add(response.url)
            self.items.append(f"{kind} {response.url} answered {response.status}")

    def _on_request_failed(self, request: Request) -> None:
        # An error answer also aborts the request: report that asset once, with its status.
        if request.resource_type in ASSET_TYPES and request.url not in self._answered_with_error:
            self.items.append(f"{request.resource_type} {request.url} failed: {request.failure}")

    def _on_console(self, message: ConsoleMessage) -> None:
        # Failed loads are reported above with their URL; everything else an error says is kept.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.items.append(f"console error: {message.text}")

    def report(self) -> str:
        return "problems on the page:\n" + "\n".join(f"- {item}" for item in self.items)
