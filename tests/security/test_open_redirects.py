"""Open redirects through `next` on sign-in and sign-out: whatever is asked for (another host,
a scheme-relative or backslashed address, `javascript:` or `data:`, control characters), the
redirect stays on this site, or the request is refused outright; a local `next` is still followed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from opengov.accounts.tests.factories import PASSWORD, UserFactory

SIGN_IN = reverse("accounts:sign-in")


@pytest.fixture
def ada(db):
    return UserFactory(email="ada@example.org")


# Open redirects --------------------------------------------------------------------------------

EVIL = [
    "//evil.example",
    "https://evil.example",
    "http://evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "///evil.example",
    "https:evil.example",
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    " //evil.example",
    "\t//evil.example",
    "/%09/evil.example",
    "http://testserver@evil.example/",
    "https://testserver.evil.example/",
    "//evil.example/%2f..",
    "\x00//evil.example",
]


def assert_refused_or_same_site(response) -> None:
    """A redirect to this site, or the request refused outright (400) with no redirect at all."""
    if response.status_code == 400:
        assert "Location" not in response
        return
    assert response.status_code == 302
    assert_same_site(response["Location"])


def assert_same_site(location: str) -> None:
    parts = urlsplit(location)
    assert parts.scheme == "" and parts.netloc == "", location
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location
    assert url_has_allowed_host_and_scheme(location, allowed_hosts={"testserver"}), location


@pytest.mark.parametrize("target", EVIL)
def test_sign_in_never_redirects_off_site(client, ada, target):
    response = client.post(
        f"{SIGN_IN}?next={target}", {"username": ada.email, "password": PASSWORD, "next": target}
    )
    assert_refused_or_same_site(response)
    # Already signed in, the sign-in page redirects at once: to this site too.
    client.force_login(ada)
    assert_refused_or_same_site(client.get(SIGN_IN, {"next": target}))


@pytest.mark.parametrize("target", EVIL)
def test_sign_out_never_redirects_off_site(client, ada, target):
    client.force_login(ada)
    response = client.post(f"{reverse('accounts:sign-out')}?next={target}", {"next": target})
    assert_refused_or_same_site(response)
    if response.status_code == 302:
        assert "_auth_user_id" not in client.session


def test_a_local_next_is_still_followed(client, ada):
    response = client.post(
        f"{SIGN_IN}?next=/history/", {"username": ada.email, "password": PASSWORD}
    )
    assert response["Location"] == "/history/"
    response = client.post(reverse("accounts:sign-out"), {"next": "/plans/"})
    assert response["Location"] == "/plans/"
