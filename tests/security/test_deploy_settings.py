"""The production settings as a browser meets them: gunicorn serving config.settings.production
(static files from the app folders instead of collectstatic's manifest, a throwaway SQLite
database) behind a pretend TLS proxy that sets X-Forwarded-Proto. Every answer, pages, API and
errors, carries a Content-Security-Policy with no inline script, HSTS, nosniff, a
Referrer-Policy and frame-ancestors 'none' / X-Frame-Options; the session cookie is Secure and
HttpOnly, the CSRF cookie Secure; plain HTTP is redirected to HTTPS. And no template holds an
inline script or an on* event attribute, which that policy would block (or, if loosened, allow
an injected one to run)."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOST = "opengov.example.org"
EMAIL, PASSWORD = "admin@example.org", "a-long-production-password-1"
YEAR = 60 * 60 * 24 * 365
SAFE_REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
STARTUP_SECONDS = 60
GUNICORN = ["--workers", "1", "--error-logfile", "-", "--bind"]

SETTINGS = '''
"""config.settings.production, with static files served from the app folders."""
from config.settings.production import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
'''

SETUP = f"""
import django
django.setup()
from django.core.management import call_command
from opengov.accounts.models import User
call_command("migrate", interactive=False, verbosity=0)
call_command("createcachetable", verbosity=0)
User.objects.create_user(email="{EMAIL}", password="{PASSWORD}")
"""


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str

    def cookie(self, name: str):
        for header in self.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            if name in jar:
                return jar[name], header
        raise AssertionError(f"no {name} cookie set: {self.headers.get_all('Set-Cookie')}")


@dataclass
class Site:
    port: int

    def request(self, method: str, path: str, *, https: bool = True, **kwargs) -> Answer:
        headers = {"Host": HOST, **kwargs.pop("headers", {})}
        if https:
            headers["X-Forwarded-Proto"] = "https"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, headers=headers, **kwargs)
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read().decode())
        finally:
            connection.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    """gunicorn on a free port of 127.0.0.1 with the production settings, until the module ends."""
    folder = tmp_path_factory.mktemp("production")
    (folder / "production_like.py").write_text(SETTINGS)
    leave_out = {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_DEBUG"}
    env = {key: value for key, value in os.environ.items() if key not in leave_out}
    env.update(
        DJANGO_SETTINGS_MODULE="production_like",
        PYTHONPATH=os.pathsep.join([str(folder), str(ROOT)]),
        DJANGO_SECRET_KEY="production-" + "k" * 60,
        DJANGO_ALLOWED_HOSTS=HOST,
        OPENGOV_VAR_DIR=str(folder),
        SQLITE_PATH=str(folder / "db.sqlite3"),
    )
    setup = subprocess.run(
        [sys.executable, "-c", SETUP],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert setup.returncode == 0, setup.stderr
    port = free_port()
    log = (folder / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            *GUNICORN,
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert server.poll() is None, (folder / "gunicorn.log").read_text()
            try:
                Site(port).request("GET", "/accounts/sign-in/")
                break
            except OSError:
                assert time.monotonic() < deadline, (folder / "gunicorn.log").read_text()
                time.sleep(0.2)
        yield Site(port)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def policy(answer: Answer) -> dict[str, list[str]]:
    header = answer.headers.get("Content-Security-Policy")
    assert header, dict(answer.headers)
    directives = (part.split() for part in header.split(";") if part.strip())
    return {words[0].lower(): words[1:] for words in directives}


PATHS = ["/", "/accounts/sign-in/", "/api/v1/plans", "/api/v1/docs", "/no-such-page/"]


@pytest.mark.parametrize("path", PATHS)
def test_every_answer_carries_the_security_headers(site, path):
    for attempt in (1, 2):  # the second anonymous read may come from the page cache
        answer = site.request("GET", path)
        assert answer.status in (200, 404), (attempt, answer.status, answer.body[:500])
        csp = policy(answer)
        scripts = csp.get("script-src", csp.get("default-src"))
        assert scripts and not {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(scripts), csp
        assert csp["frame-ancestors"] == ["'none'"], csp
        assert csp["object-src"] == ["'none'"], csp
        hsts = answer.headers["Strict-Transport-Security"]
        assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= YEAR, hsts
        assert "includeSubDomains" in hsts, hsts
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Referrer-Policy"] in SAFE_REFERRER_POLICIES
        assert answer.headers["X-Frame-Options"] == "DENY"


def test_an_error_page_shows_no_debug_information(site):
    answer = site.request("GET", "/no-such-page/")
    assert answer.status == 404
    assert "Traceback" not in answer.body and "URLconf" not in answer.body


def test_plain_http_is_redirected_to_https(site):
    answer = site.request("GET", "/plans/", https=False)
    assert answer.status == 301
    assert answer.headers["Location"] == f"https://{HOST}/plans/"


def test_csrf_cookie_is_secure(site):
    cookie, header = site.request("GET", "/accounts/sign-in/").cookie("csrftoken")
    assert cookie["secure"], header
    assert cookie["samesite"].lower() in {"lax", "strict"}, header


def test_session_cookie_is_secure_and_http_only(site):
    page = site.request("GET", "/accounts/sign-in/")
    csrf, _ = page.cookie("csrftoken")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body).group(1)
    answer = site.request(
        "POST",
        "/accounts/sign-in/",
        body=urlencode({"username": EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": token}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf.value}",
            "Origin": f"https://{HOST}",
            "Referer": f"https://{HOST}/accounts/sign-in/",
        },
    )
    assert answer.status == 302, answer.body[:2000]
    cookie, header = answer.cookie("sessionid")
    assert cookie["secure"] and cookie["httponly"], header
    assert cookie["samesite"].lower() in {"lax", "strict"}, header


# Templates ------------------------------------------------------------------------------------

SCRIPT = re.compile(r"<script\b(?P<attributes>[^>]*)>(?P<body>.*?)</script\s*>", re.I | re.S)
DATA_SCRIPT = re.compile(r"""type\s*=\s*["']application/(ld\+)?json["']""", re.I)
TAG = re.compile(r"<[a-zA-Z][^<>]*>", re.S)
EVENT_ATTRIBUTE = re.compile(r"""[\s"'}](on[a-z]+)\s*=""", re.I)
SCRIPT_URL = re.compile(r"""(href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I)


def inline_script_problems(text: str) -> list[str]:
    """What in a template CSP would block (or an injected copy could use): a <script> with a body
    that is code, an on* event attribute, a javascript: URL."""
    problems = [
        f"inline script: {match.group(0)[:80]!r}"
        for match in SCRIPT.finditer(text)
        if match.group("body").strip() and not DATA_SCRIPT.search(match.group("attributes"))
    ]
    for tag in TAG.findall(text):
        problems += [f"{name} attribute: {tag[:80]!r}" for name in EVENT_ATTRIBUTE.findall(tag)]
    problems += [f"javascript: URL: {m.group(0)!r}" for m in SCRIPT_URL.finditer(text)]
    return problems


def templates() -> list[Path]:
    folders = [path for path in (ROOT / "opengov").rglob("templates") if path.is_dir()]
    return sorted(file for folder in folders for file in folder.rglob("*") if file.is_file())


def test_no_template_holds_an_inline_script_or_event_attribute():
    found = templates()
    assert len(found) > 50 and any(path.name == "base.html" for path in found)
    problems = [
        f"{path.relative_to(ROOT)}: {problem}"
        for path in found
        for problem in inline_script_problems(path.read_text(encoding="utf-8"))
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("snippet", "flagged"),
    [
        ("<script src=\"{% static 'js/app.js' %}\"></script>", False),
        ('<script type="module" src="/static/js/app.js"></script>', False),
        ('<script id="data" type="application/json">{"a": 1}</script>', False),
        ("<script>alert(1)</script>", True),
        ('<script type="text/javascript">\n  init();\n</script>', True),
        ('<button class="govuk-button" onclick="go()">Go</button>', True),
        ("<a href=\"#\"\n   onMouseOver='x()'>x</a>", True),
        ('<img src="x.png" {% if a %}onerror="x()"{% endif %}>', True),
        ('<a href="javascript:void(0)">x</a>', True),
        ('<p class="govuk-body">Click on = the button, one-off</p>', False),
        ('<a href="/x" data-module="govuk-button" aria-label="on">x</a>', False),
    ],
)
def test_the_template_scan_tells_inline_code_from_external(snippet, flagged):
    assert bool(inline_script_problems(textwrap.dedent(snippet))) is flagged
