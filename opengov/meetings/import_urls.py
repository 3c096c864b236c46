"""URLs of the meeting-notes import (upload, preview, confirm)."""

import_urlpatterns: list = []
