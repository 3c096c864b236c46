"""The error pages, with DEBUG off: GOV.UK "Page not found", "There is a problem with the service"
and "Service unavailable" patterns, JSON under /api/, no traceback, no inline script; the 400, 500
and 503 pages render with no database and no request context."""

from __future__ import annotations

import json
import re

import pytest
from django.core import checks
from django.db import OperationalError, connection
from django.test import Client, RequestFactory
from django.urls import path, reverse

import config.urls
from opengov.core import error_pages

SITE = "Open Government UK"


def boom(request):
    raise RuntimeError("secret detail of a bug")


# The site's own URLs and error handlers, plus one view that fails.
urlpatterns = [path("boom/", boom), *config.urls.urlpatterns]
handler400 = config.urls.handler400
handler403 = config.urls.handler403
handler404 = config.urls.handler404
handler500 = config.urls.handler500


@pytest.fixture(autouse=True)
def debug_off(settings):
    settings.DEBUG = False


def assert_govuk_page(html: str, heading: str) -> None:
    assert '<html lang="en-gb" class="govuk-template">' in html
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in html
    assert f"<title>{heading} – {SITE}</title>" in html
    assert 'class="govuk-header__product-name">' in html
    assert "Traceback" not in html and "secret detail" not in html
    # Only external scripts: the Content-Security-Policy forbids inline ones.
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)


def test_the_handlers_are_configured_and_pass_djangos_checks():
    assert config.urls.handler404 == "opengov.core.error_pages.page_not_found"
    assert config.urls.handler500 == "opengov.core.error_pages.server_error"
    errors = [e for e in checks.run_checks(tags=[checks.Tags.urls]) if e.is_serious()]
    assert errors == []


def test_an_unknown_address_answers_page_not_found(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert_govuk_page(html, "Page not found")
    assert "If you typed the web address, check it is correct." in html
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_an_object_that_does_not_exist_answers_page_not_found(client, db):
    response = client.get(reverse("action_plans:commitment-detail", kwargs={"pk": 987654}))
    assert response.status_code == 404
    assert_govuk_page(response.content.decode(), "Page not found")


def test_an_unknown_api_route_answers_json(client, db):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_a_participant_on_a_managing_page_gets_the_permission_page(client, participant, commitment):
    client.force_login(participant)
    response = client.get(reverse("action_plans:update-create", kwargs={"pk": commitment.pk}))
    assert response.status_code == 403
    html = response.content.decode()
    assert_govuk_page(html, "You do not have permission to use this page")
    assert "You are signed in as participant@example.org." in html


def test_a_form_without_its_security_token_gets_the_govuk_page_and_saves_nothing(
    participant, commitment
):
    from django.test import Client

    from opengov.action_plans.models import ProgressUpdate

    client = Client(enforce_csrf_checks=True)
    client.force_login(participant)
    url = reverse("action_plans:update-create", kwargs={"pk": commitment.pk})
    response = client.post(url, {"status": "on_track", "text": "Sent without a token"})
    assert response.status_code == 403
    assert_govuk_page(response.content.decode(), "Your form could not be sent")
    assert not ProgressUpdate.objects.filter(text="Sent without a token").exists()


def test_a_request_for_another_host_answers_bad_request(client, db):
    response = client.get("/", HTTP_HOST="attacker.example.org")
    assert response.status_code == 400
    assert_govuk_page(response.content.decode(), "Sorry, there is a problem with the service")


@pytest.mark.urls(__name__)
def test_a_failing_view_answers_the_problem_page_without_its_traceback(db):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert_govuk_page(html, "Sorry, there is a problem with the service")
    assert "RuntimeError" not in html
    assert "Retry-After" not in response


def test_a_failing_api_view_answers_json_without_its_traceback(db):
    """A bug in the endpoint: its first query raises."""

    def bug(execute, sql, params, many, context):
        raise RuntimeError("secret detail of a bug")

    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(bug):
        response = client.get("/api/v1/plans")
    assert response.status_code == 500
    assert response.json() == {"detail": "Sorry, there is a problem with the service."}


# Rendered with no database: these tests have no `db` fixture, so pytest-django fails any query.


def bare_request(path: str = "/"):
    """A request that went through no middleware: no session, no user, no messages."""
    request = RequestFactory().get(path)
    assert not hasattr(request, "user") and not hasattr(request, "session")
    return request


def test_the_500_page_renders_without_a_database_or_request_context():
    response = error_pages.server_error(bare_request())
    assert response.status_code == 500
    assert_govuk_page(response.content.decode(), "Sorry, there is a problem with the service")


def test_the_400_page_renders_without_a_database_or_request_context():
    response = error_pages.bad_request(bare_request(), Exception("bad"))
    assert response.status_code == 400
    assert_govuk_page(response.content.decode(), "Sorry, there is a problem with the service")


def test_the_503_page_renders_without_a_database_or_request_context():
    response = error_pages.service_unavailable(bare_request(), OperationalError("gone"))
    assert response.status_code == 503
    assert response["Retry-After"] == str(error_pages.RETRY_AFTER_SECONDS)
    html = response.content.decode()
    assert_govuk_page(html, "Sorry, the service is unavailable")
    assert "it has not been saved" in html and "gone" not in html


def test_the_500_handler_answers_503_when_it_handles_a_database_outage():
    """Django calls the 500 handler inside its `except` block, where the exception is current."""
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = error_pages.server_error(bare_request("/api/v1/plans"))
    assert response.status_code == 503
    assert response["Retry-After"] == str(error_pages.RETRY_AFTER_SECONDS)
    assert json.loads(response.content) == {
        "detail": "Sorry, the service is unavailable. Try again in a few minutes."
    }
