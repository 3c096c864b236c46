"""The site's URLs: each app mounts its own; the API lives under /api/v1/."""

from django.contrib import admin
from django.urls import include, path

from opengov.api.api import api

urlpatterns = [
    path("", include("opengov.pages.urls")),
    path("", include("opengov.action_plans.urls")),
    path("", include("opengov.organisations.urls")),
    path("", include("opengov.meetings.urls")),
    path("", include("opengov.ideas.urls")),
    path("", include("opengov.consultations.urls")),
    path("", include("opengov.feedback.urls")),
    path("", include("opengov.collective_actions.urls")),
    path("", include("opengov.nominations.urls")),
    path("history/", include("opengov.core.urls")),
    path("accounts/tokens/", include("opengov.accounts.token_urls")),
    path("accounts/", include("opengov.accounts.urls")),
    path("data/", include("opengov.api.data_urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# GOV.UK error pages (JSON under /api/); a database locked or gone answers 503 (error_pages.py).
handler400 = "opengov.core.error_pages.bad_request"
handler403 = "opengov.core.error_pages.permission_denied"
handler404 = "opengov.core.error_pages.page_not_found"
handler500 = "opengov.core.error_pages.server_error"
