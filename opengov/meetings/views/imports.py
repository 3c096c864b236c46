"""The notes import for the secretariat: upload a note, check and correct what was extracted on
the preview (each name shown with what it matches, or what will be created), then confirm.

Only holders of "meetings.import_note" reach these pages (others: 403; signed out: the sign-in
page). The uploaded file is never served back: only the text read from it and its extraction are
kept. Each POST calls one service; a refusal is shown on the form, keeping what was typed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from opengov.core.errors import DomainError

from ..import_forms import NotePreviewForms, NoteSizeLimit, NoteUploadForm
from ..importer_matching import plan_import
from ..models import NoteImport
from ..services.imports import confirm_note_import, preview_note, revise_note_preview

PERMISSION = "meetings.import_note"


class NoteImportView(LoginRequiredMixin, View):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


@method_decorator(csrf_exempt, name="dispatch")
class NoteUploadView(NoteImportView):
    """The upload is read through NoteSizeLimit, so a file over 2 MB is refused without being
    kept. The handler must be in place before the body is read, and the CSRF middleware reads
    it: so the middleware skips this view and `read_upload` checks the CSRF token itself."""

    template_name = "meetings/import/upload.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": NoteUploadForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        limit = NoteSizeLimit(request)
        request.upload_handlers = [limit, *request.upload_handlers]
        return self.read_upload(request, limit)

    @method_decorator(csrf_protect)
    def read_upload(self, request: HttpRequest, limit: NoteSizeLimit) -> HttpResponse:
        form = NoteUploadForm(request.POST, request.FILES, too_large=limit.too_large)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                note = preview_note(
                    by=request.user,
                    data=upload.read(),
                    filename=upload.name or "",
                    meeting_date=form.cleaned_data["meeting_date"],
                    series_name=form.cleaned_data["series"],
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                return redirect("meetings:note-preview", pk=note.pk)
        return render(request, self.template_name, {"form": form})


class NotePreviewView(NoteImportView):
    template_name = "meetings/import/preview.html"

    def load(self) -> NoteImport:
        return get_object_or_404(NoteImport.objects.select_related("meeting"), pk=self.kwargs["pk"])

    def imported(self, note: NoteImport) -> HttpResponse | None:
        """The meeting's page, when this note has already been confirmed."""
        if note.status != NoteImport.Status.CONFIRMED or note.meeting is None:
            return None
        messages.info(self.request, _("This note has already been imported."))
        return redirect(note.meeting.get_absolute_url())

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        note = self.load()
        if done := self.imported(note):
            return done
        plan = plan_import(note.extraction, series_name=note.series_name)
        return self.show(note, NotePreviewForms(plan, note))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        note = self.load()
        if done := self.imported(note):
            return done
        plan = plan_import(note.extraction, series_name=note.series_name)
        forms = NotePreviewForms(plan, note, data=request.POST)
        if forms.is_valid():
            extraction, series = forms.extraction(), forms.series_name()
            try:
                if "check" in request.POST:
                    revise_note_preview(
                        by=request.user, note_import=note, extraction=extraction, series_name=series
                    )
                    return redirect("meetings:note-preview", pk=note.pk)
                meeting = confirm_note_import(
                    by=request.user, note_import=note, extraction=extraction, series_name=series
                )
            except DomainError as error:
                forms.add_domain_error(error)
            else:
                messages.success(request, _("Meeting imported from the note"))
                return redirect(meeting.get_absolute_url())
        return self.show(note, forms)

    def show(self, note: NoteImport, forms: NotePreviewForms) -> HttpResponse:
        context = {
            "note": note,
            "plan": forms.plan,
            "forms": forms,
            "errors": forms.error_summary(),
        }
        return render(self.request, self.template_name, context)
