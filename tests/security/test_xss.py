"""Cross-site scripting, stored and reflected. Every user-text field of every model (enumerated
from the models, see content_world.text_fields) holds an attack string, put there through the
services; then every route of the site (enumerated from the URL configuration) is requested, as
an administrator and anonymously, and what it answers is parsed: HTML must hold no script but the
site's own files, no event handler or htmx attribute, no javascript:/vbscript:/data: address;
Atom must be well-formed with clean HTML summaries; iCalendar must parse to the same events.
A new model, field or route is attacked without anyone adding it here; a route with parameters
fails until ROUTE_ARGUMENTS says which object it shows."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from opengov.core.markdown import render_markdown

from .content_world import World, build_world, holds_payload, text_fields
from .html_checks import atom_problems, calendar_events, html_problems, scan_html
from .site_walk import FOLLOWED, NOT_A_PAGE, addresses, problems_in

pytestmark = pytest.mark.django_db

PAYLOADS = {
    "html": (
        '<script>alert("xss")</script>"><img src=x onerror=alert(1)>'
        "</textarea><svg onload=alert(2)>' onmouseover='alert(3)"
        ' <div hx-get="/accounts/tokens/" hx-trigger="load">x</div>'
    ),
    "markdown": (
        "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](vbscript:msgbox(1)) "
        "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) ![e](javascript:alert(1)) "
        '<javascript:alert(1)> [f](java&#x73;cript:alert(1)) <a href="javascript:alert(1)">g</a> '
        '[h]( javascript:alert(1)) [i](https://example.org "x" onmouseover="alert(1)")'
    ),
    "template": '{{ "zq"|add:"jx" }} {% now "Y" %}{% debug %}{% load static %} {{ 7*7 }} ${7*7}',
}
TEMPLATE_LITERAL, TEMPLATE_EVALUATED = '{{ "zq"|add:"jx" }}', "zqjx"
# Where a reflected parameter could land: pagination, sorting, filters, search, redirects.
REFLECTED = [
    "page", "sort", "order", "ordering", "q", "search", "status", "lead", "government",
    "policy_area", "series", "owner", "overdue", "object", "app", "since", "before", "next",
    "cursor", "limit", "format",
]  # fmt: skip
REFLECTED_PAYLOAD = PAYLOADS["html"]
REFLECTED_NEXT = "javascript:alert(document.domain)//"


@pytest.fixture(params=list(PAYLOADS))
def world(request, db) -> World:
    return build_world(PAYLOADS[request.param])


def test_every_text_field_of_every_model_is_attacked(world):
    fields = text_fields()
    assert len(fields) > 40
    for model, f in fields:
        assert holds_payload(model, f, world.payload), f"{model._meta.label}.{f.name}"


def test_no_stored_attack_runs_on_any_page_feed_or_download(world, client):
    """As the administrator (who sees every page, the managing ones too) and, for the HTML attack,
    anonymously; template syntax must be shown as written, never evaluated."""
    client.force_login(world.admin)
    users = {"": client}
    if world.payload == PAYLOADS["html"]:
        users[" (anonymous)"] = Client()
    found, unexpected = {}, {}
    for name, address in addresses(world):
        for who, user_client in users.items():
            response = user_client.get(address, follow=name in FOLLOWED)
            # The administrator sees every page; a visitor may be sent to sign in, or get a 404.
            wrong = response.status_code != NOT_A_PAGE.get(name, 200) if not who else False
            if wrong or response.status_code >= 500:
                unexpected[f"{name} {address}{who}"] = response.status_code
            if response.status_code == 200:
                found[f"{name} {address}{who}"] = problems_in(response)
                if "html" in response.get("Content-Type", ""):
                    assert TEMPLATE_EVALUATED not in response.content.decode(), (name, address)
    assert unexpected == {}
    assert len(found) > 80
    assert {route: p for route, p in found.items() if p} == {}


@pytest.mark.parametrize("world", ["html"], indirect=True)
def test_reflected_query_parameters_never_become_markup(world, client):
    """Every parameter a list or filter could read (and every input name of the page's forms)
    set to the attack string, `next` to a javascript: address: anonymously on every page a visitor
    sees, as the administrator on the others (the managing pages)."""
    client.force_login(world.admin)
    anonymous, checked = Client(), 0
    for name, address in addresses(world):
        for user_client in (anonymous, client):
            page = user_client.get(address)
            if page.status_code == 200 and "html" in page.get("Content-Type", ""):
                break
        else:
            continue
        names = set(REFLECTED) | set(re.findall(r'name="([\w-]+)"', page.content.decode()))
        query = {n: REFLECTED_NEXT if n == "next" else REFLECTED_PAYLOAD for n in names}
        response = user_client.get(address, query)
        assert response.status_code < 500, (name, address)
        if "html" in response.get("Content-Type", ""):
            assert html_problems(response.content.decode()) == [], (name, address)
            checked += 1
    assert checked > 40


@pytest.mark.parametrize("world", ["template"], indirect=True)
def test_template_syntax_in_text_is_shown_as_written(world, client):
    _, text = scan_html(client.get(world.commitment.get_absolute_url()).content.decode())
    assert TEMPLATE_LITERAL in text
    assert TEMPLATE_EVALUATED not in text


@pytest.mark.parametrize("world", ["html"], indirect=True)
def test_feeds_escape_the_attack_strings(world, client):
    problems, titles = atom_problems(client.get(reverse("meetings:minutes-atom")).content)
    assert problems == []
    assert titles and all(title.startswith(" ".join(world.payload.split())) for title in titles)
    events = calendar_events(client.get(reverse("meetings:meetings-ics")).content)
    assert len(events) == 2
    assert {str(event["SUMMARY"]) for event in events} == {" ".join(world.payload.split())}


def test_calendar_line_breaks_cannot_add_events_or_properties(client, db):
    injection = (
        "Room 1\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected\r\nATTACH:https://x.example"
    )
    world = build_world(injection)
    events = calendar_events(client.get(reverse("meetings:meetings-ics")).content)
    assert len(events) == 2 == world.series.meetings.count()
    assert all("ATTACH" not in event and str(event["SUMMARY"]) != "injected" for event in events)
    # The line breaks stay inside the value, escaped (\\n), as RFC 5545 says; CR goes.
    assert str(events[-1]["LOCATION"]) == world.meeting.place.replace("\r", "")


@pytest.mark.parametrize("world", ["html"], indirect=True)
def test_emails_carry_no_markup(world, client):
    """E-mails are plain text. Notifications may quote what people wrote (a round's or an idea's
    title), as text that no mail reader runs; an e-mail with an HTML part must pass the same
    checks as a page. The password reset says nothing a user wrote."""
    notifications = list(mail.outbox)  # sent while the world was built through the services
    mail.outbox.clear()
    client.post(reverse("accounts:password-reset"), {"email": world.admin.email})
    assert len(mail.outbox) == 1, "the password reset e-mail was not sent"
    reset = mail.outbox[0]
    assert world.payload[:8] not in reset.subject + reset.body
    for message in [*notifications, reset]:
        assert message.content_subtype == "plain", message.subject
        assert "\n" not in message.subject and "\r" not in message.subject
        for content, mimetype in getattr(message, "alternatives", []):
            assert mimetype != "text/html" or html_problems(str(content)) == []


@pytest.mark.parametrize(
    "source",
    [
        "[x](javascript:alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](\\javascript:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](%6Aavascript:alert(1))",
        "[x](data:text/html,<script>alert(1)</script>)",
        "![x](data:image/svg+xml,<svg onload=alert(1)>)",
        "[x](vbscript:msgbox(1))",
        "<a href='javascript:alert(1)'>x</a>",
        "<img src=x onerror=alert(1)>",
        "<details open ontoggle=alert(1)>",
        '<div hx-get="/x" hx-trigger="load">x</div>',
        "[x](https://example.org){onclick=alert(1)}",
        "`<script>alert(1)</script>`",
        "```\n<script>alert(1)</script>\n```",
        "| a |\n|---|\n| <script>alert(1)</script> |",
        "<iframe src=javascript:alert(1)>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<base href=//evil.example>",
    ],
)
def test_markdown_never_renders_executable_markup(source):
    assert html_problems(str(render_markdown(source))) == []


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<script src="https://evil.example/x.js"></script>',
        "<img src=x onerror=alert(1)>",
        '<a href=" java&#x73;cript:alert(1)">x</a>',
        '<a href="\x01javascript:alert(1)">x</a>',
        '<form><button formaction="javascript:alert(1)">x</button></form>',
        '<svg><a xlink:href="data:text/html,x">x</a></svg>',
        '<div hx-get="/accounts/tokens/" hx-trigger="load">x</div>',
        '<iframe srcdoc="<b>x</b>"></iframe>',
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        '<base href="https://evil.example/">',
    ],
)
def test_the_checks_see_what_would_run(html):
    """The checks above are only as good as this: each of these is found."""
    assert html_problems(f"<p>Text</p>{html}<p>More</p>")
