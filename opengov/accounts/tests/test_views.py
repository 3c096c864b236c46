import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-and-unusual-passphrase"


@pytest.fixture
def user():
    return get_user_model().objects.create_user(email="ada@example.org", password=PASSWORD)


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_sign_in_page_renders_a_govuk_form(client):
    response = client.get(reverse("accounts:sign-in"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en-gb"' in html
    assert html.count("<h1") == 1
    assert 'type="email"' in html and 'class="govuk-input"' in html
    assert 'id="main-content"' in html


def test_user_can_sign_in_with_email(client, user):
    response = client.post(
        reverse("accounts:sign-in"), {"username": "ada@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("pages:home")
    assert signed_in_user_id(client) == str(user.pk)


def test_sign_in_ignores_the_case_of_the_email(client, user):
    client.post(reverse("accounts:sign-in"), {"username": "Ada@Example.org", "password": PASSWORD})
    assert signed_in_user_id(client) == str(user.pk)


def test_wrong_password_shows_error_summary(client, user):
    response = client.post(
        reverse("accounts:sign-in"), {"username": "ada@example.org", "password": "wrong"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Enter a correct email address and password" in html
    assert "<title>Error: Sign in" in html
    assert signed_in_user_id(client) is None


def test_empty_sign_in_links_errors_to_fields(client):
    response = client.post(reverse("accounts:sign-in"), {"username": "", "password": ""})
    html = response.content.decode()
    assert '<a href="#id_username">Enter your email address</a>' in html
    assert '<a href="#id_password">Enter your password</a>' in html


def test_sign_in_follows_a_local_next(client, user):
    response = client.post(
        reverse("accounts:sign-in") + "?next=/history/",
        {"username": "ada@example.org", "password": PASSWORD, "next": "/history/"},
    )
    assert response.url == "/history/"


def test_sign_in_does_not_follow_next_to_another_host(client, user):
    response = client.post(
        reverse("accounts:sign-in"),
        {"username": "ada@example.org", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response.url
    assert response.url == reverse("pages:home")


def test_sign_in_does_not_follow_protocol_relative_next(client, user):
    response = client.post(
        reverse("accounts:sign-in"),
        {"username": "ada@example.org", "password": PASSWORD, "next": "//evil.example/"},
    )
    assert "evil.example" not in response.url


def test_sign_out_by_post_signs_out(client, user):
    client.force_login(user)
    response = client.post(reverse("accounts:sign-out"))
    assert response.status_code == 302
    assert signed_in_user_id(client) is None


def test_get_sign_out_does_not_sign_out(client, user):
    client.force_login(user)
    response = client.get(reverse("accounts:sign-out"))
    assert response.status_code == 200
    assert signed_in_user_id(client) == str(user.pk)
    assert 'method="post"' in response.content.decode()


def test_signed_in_header_shows_email_and_sign_out_form(client, user):
    client.force_login(user)
    html = client.get(reverse("accounts:sign-out")).content.decode()
    assert "ada@example.org" in html
    assert 'action="{}"'.format(reverse("accounts:sign-out")) in html
    assert "csrfmiddlewaretoken" in html


def reset_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def test_password_reset_sends_one_email_with_a_working_link(client, user):
    response = client.post(reverse("accounts:password-reset"), {"email": "ada@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password-reset-done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.org"]
    assert "\n" not in message.subject

    response = client.get(reset_link(message), follow=True)
    assert response.status_code == 200
    assert "Choose a new password" in response.content.decode()
    new_password = "another-long-unusual-passphrase"
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:password-reset-complete")
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_password_reset_link_works_only_once(client, user):
    client.post(reverse("accounts:password-reset"), {"email": "ada@example.org"})
    link = reset_link(mail.outbox[0])
    response = client.get(link, follow=True)
    new_password = "another-long-unusual-passphrase"
    client.post(
        response.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    response = client.get(link, follow=True)
    assert "This link has expired" in response.content.decode()


def test_password_reset_mismatch_shows_error(client, user):
    client.post(reverse("accounts:password-reset"), {"email": "ada@example.org"})
    response = client.get(reset_link(mail.outbox[0]), follow=True)
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "another-long-passphrase", "new_password2": "different-one"},
    )
    assert response.status_code == 200
    assert "The passwords do not match" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_reset_for_unknown_email_shows_same_page_and_sends_nothing(client, user):
    response = client.post(
        reverse("accounts:password-reset"), {"email": "nobody@example.org"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("accounts:password-reset-done")
    assert "Check your email" in response.content.decode()
    assert mail.outbox == []


def test_password_reset_with_invalid_email_shows_error(client):
    response = client.post(reverse("accounts:password-reset"), {"email": "not-an-email"})
    assert response.status_code == 200
    assert "Enter an email address in the correct format" in response.content.decode()
    assert mail.outbox == []
