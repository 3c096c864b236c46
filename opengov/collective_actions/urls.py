"""URLs of events and collective actions."""

from django.urls import path  # noqa: F401

app_name = "collective_actions"

urlpatterns: list = []
