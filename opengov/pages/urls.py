"""URLs of the home page and fixed pages."""

from django.conf import settings
from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("take-part/", views.TakePartView.as_view(), name="take-part"),
]

if settings.OPENGOV_BENCH_FLOOR:  # the benchmark's no-query baseline page (bench/README.md)
    from .bench import floor

    urlpatterns.append(path("_bench/floor/", floor, name="bench-floor"))
