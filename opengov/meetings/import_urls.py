"""URLs of the meeting-notes import (upload, then a preview to correct and confirm)."""

from django.urls import path

from .views import imports

import_urlpatterns: list = [
    path("meetings/import/", imports.NoteUploadView.as_view(), name="note-import"),
    path("meetings/import/<int:pk>/", imports.NotePreviewView.as_view(), name="note-preview"),
]
