"""The benchmark's floor: the base page template rendered with no database query. `bench/run`
reports every route's median latency as a ratio to this page's, so that results taken on noisy
machines can be compared. Mounted at /_bench/floor/ only when settings.OPENGOV_BENCH_FLOOR is true
(bench/run sets OPENGOV_BENCH_FLOOR=1); never in a normal deployment."""

from __future__ import annotations

from functools import cache

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.template.backends.django import Template

FLOOR_TEMPLATE = """{% extends "base.html" %}{% load i18n %}
{% block title %}Benchmark floor{% endblock %}
{% block content %}
<h1 class="govuk-heading-xl">Benchmark floor</h1>
<p class="govuk-body">The site's page template with no database query: the baseline that
bench/run compares every page with.</p>
{% endblock %}"""


@cache
def floor_template() -> Template:
    return engines["django"].from_string(FLOOR_TEMPLATE)  # type: ignore[return-value]


def floor(request: HttpRequest) -> HttpResponse:
    """The base template, the same context processors and middleware as every page, no query."""
    return HttpResponse(floor_template().render({}, request))
