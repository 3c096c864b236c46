"""The API documentation page is a GOV.UK page built from the OpenAPI schema, with no
third-party script."""

import pytest

pytestmark = pytest.mark.django_db


def test_docs_page_lists_every_operation_of_the_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    text = page.content.decode()
    for path, item in schema["paths"].items():
        for method in item:
            assert f"{method.upper()} {path}" in text
    assert "Needs an API token" in text
    assert "govuk-table" in text


def test_docs_page_loads_no_third_party_assets(client):
    text = client.get("/api/v1/docs").content.decode()
    assert "cdn.jsdelivr.net" not in text
    assert "swagger-ui" not in text
    assert "<script>" not in text
