"""URLs of meetings, the action register and feeds."""

from .import_urls import import_urlpatterns

app_name = "meetings"

urlpatterns: list = [*import_urlpatterns]
