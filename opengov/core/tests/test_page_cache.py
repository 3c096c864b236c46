"""The anonymous page cache (opengov/core/page_cache.py, ADR 6): served only to requests that
cannot be anyone's own, dropped by the next write, never a signed-in person's page."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from opengov.action_plans.choices import ProgressStatus
from opengov.action_plans.services import post_progress_update
from opengov.core.page_cache import CACHE_HEADER, cacheable_request, storable

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.OPENGOV_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page(commitment):
    return commitment.get_absolute_url()


def test_a_second_anonymous_visit_is_served_from_the_cache_with_one_query(client, page):
    first = client.get(page)
    assert first.status_code == 200 and first[CACHE_HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(page)
    assert second[CACHE_HEADER] == "hit"
    assert second.content == first.content
    assert len(queries) == 1  # the data generation, nothing else
    # The security headers are added to cached pages as to any other.
    assert "Content-Security-Policy" in second and second["X-Frame-Options"] == "DENY"


def test_a_write_through_a_service_makes_the_next_visit_render_afresh(
    client, page, commitment, lead
):
    assert "Procurement has started" not in client.get(page).text
    assert client.get(page)[CACHE_HEADER] == "hit"
    post_progress_update(
        by=lead,
        commitment=commitment,
        status=ProgressStatus.ON_TRACK,
        text="Procurement has started",
    )
    after = client.get(page)
    assert after[CACHE_HEADER] == "miss"
    assert "Procurement has started" in after.text


def test_the_query_string_is_part_of_the_key(client):
    assert client.get("/meetings/")[CACHE_HEADER] == "miss"
    assert client.get("/meetings/?page=2")[CACHE_HEADER] == "miss"
    assert client.get("/meetings/?page=2")[CACHE_HEADER] == "hit"


def test_a_signed_in_person_is_never_served_nor_stored(client, page, secretariat):
    client.get(page)  # stored for anonymous visitors
    client.force_login(secretariat)
    signed_in = client.get(page)
    assert CACHE_HEADER not in signed_in  # rendered for them, not read from the cache
    assert client.get(page).has_header(CACHE_HEADER) is False
    client.logout()
    cache.clear()
    client.force_login(secretariat)
    client.get(page)  # their page is not stored...
    client.logout()
    client.cookies.clear()
    assert client.get(page)[CACHE_HEADER] == "miss"  # ...so a visitor gets a fresh one


def test_cookies_and_credentials_that_could_make_a_page_personal_bypass_it(client, page):
    client.get(page)
    client.cookies["messages"] = "anything"
    assert CACHE_HEADER not in client.get(page)
    client.cookies.clear()
    assert CACHE_HEADER not in client.get(page, HTTP_AUTHORIZATION="Bearer something")
    assert client.get(page)[CACHE_HEADER] == "hit"


def test_only_complete_public_answers_are_stored(client, commitment):
    missing = commitment.get_absolute_url().rstrip("/") + "999/"
    assert CACHE_HEADER not in client.get(missing)  # a 404 is never stored
    assert CACHE_HEADER not in client.get("/accounts/sign-in/")  # account pages never cached
    assert CACHE_HEADER not in client.get("/data/commitments.csv")  # a stream is never stored


def test_an_answer_with_a_form_token_or_a_cookie_is_not_stored(rf: RequestFactory):
    request = rf.get("/somewhere/")
    assert cacheable_request(request)
    assert storable(request, HttpResponse("fine"))
    with_token = rf.get("/somewhere/")
    get_token(with_token)  # the page rendered {% csrf_token %}
    assert not storable(with_token, HttpResponse("a form"))
    with_cookie = HttpResponse("a cookie")
    with_cookie.set_cookie("x", "1")
    assert not storable(request, with_cookie)
    private = HttpResponse("private")
    private["Cache-Control"] = "private"
    assert not storable(request, private)
    assert not cacheable_request(rf.post("/somewhere/"))


def test_api_reads_are_cached_for_anonymous_callers_too(client, commitment):
    url = f"/api/v1/commitments/{commitment.pk}"
    assert client.get(url)[CACHE_HEADER] == "miss"
    hit = client.get(url)
    assert hit[CACHE_HEADER] == "hit" and hit["Content-Type"] == "application/json; charset=utf-8"


def test_it_is_off_when_the_setting_is_zero(client, page, settings):
    settings.OPENGOV_PAGE_CACHE_SECONDS = 0
    client.get(page)
    assert CACHE_HEADER not in client.get(page)
