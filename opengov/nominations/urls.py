"""URLs of nominations and elections."""

from django.urls import path  # noqa: F401

app_name = "nominations"

urlpatterns: list = []
