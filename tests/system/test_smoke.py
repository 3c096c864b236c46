"""The harness itself: a real browser reaches the live server, the page is styled and scripted
from our own static files, and axe finds nothing on the home page."""

import pytest

from tests.system.axe import assert_no_axe_violations
from tests.system.journeys import PageProblems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_has_a_heading_and_no_axe_violations(page):
    problems = PageProblems(page)

    response = page.goto("/")

    assert response is not None and response.ok, response and response.status
    headings = page.locator("h1")
    assert headings.count() == 1
    assert headings.first.inner_text().strip()
    assert not problems.items, problems.report()
    assert_no_axe_violations(page)
