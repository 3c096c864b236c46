"""The forms of the notes import: the upload, and the preview where a person corrects what the
importer extracted. The preview is a fixed set of rows (those extracted, plus a few empty ones for
additions), so it works without JavaScript; `NotePreviewForms.extraction()` turns the rows back
into the importer's JSON shape for `confirm_note_import`, which decides every business rule."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from typing import Any

from django import forms
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext_lazy as _

from opengov.action_plans.choices import ProgressStatus
from opengov.core.forms import DomainErrorFormMixin, GovukDateField, GovukFormMixin
from opengov.organisations.models import OrganisationKind

from .choices import AttendanceRole
from .importer_matching import ImportPlan
from .models import NoteImport
from .services.imports import MAX_NOTE_BYTES

EXTRA_ATTENDEES = 3
EXTRA_ACTIONS = 2


class ImportForm(DomainErrorFormMixin, GovukFormMixin, forms.Form):
    pass


TOO_LARGE = _("The selected file must be smaller than 2 MB")
# A .docx is a zip: what it unpacks to is read into memory, so that is capped too (a "zip bomb"
# of a few hundred kilobytes can unpack to gigabytes).
MAX_DOCX_UNPACKED_BYTES = 25 * 1024 * 1024


class NoteSizeLimit(FileUploadHandler):
    """Reads an uploaded note only up to MAX_NOTE_BYTES: past it the file's bytes are skipped,
    never kept in memory or on disk, and `too_large` is set for the form's message. It must be
    the request's first upload handler, installed before the body is read."""

    too_large = False

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > MAX_NOTE_BYTES:
            self.too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def unpacked_size(upload: Any) -> int:
    """What a zip archive (a .docx) says it unpacks to; 0 for anything else."""
    upload.seek(0)
    try:
        if upload.read(4) != b"PK\x03\x04":
            return 0
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            return sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return 0  # not a readable archive: the content check says what it is
    finally:
        upload.seek(0)


class NoteUploadForm(ImportForm):
    """`too_large`: the upload handler skipped the file for its size (then it is missing)."""

    file = forms.FileField(
        label=_("Upload a meeting note"),
        help_text=_("A text, Markdown, HTML or Word (.docx) file, smaller than 2 MB."),
        error_messages={
            "required": _("Select a meeting note"),
            "empty": _("The selected file is empty"),
            "invalid": _("Select a meeting note"),
        },
    )
    meeting_date = GovukDateField(
        label=_("Date of the meeting (optional)"),
        required=False,
        help_text=_("Needed only if the note does not say. For example, 10 11 2016"),
    )
    series = forms.CharField(
        label=_("Meeting series (optional)"),
        required=False,
        max_length=200,
        help_text=_('For example, "OGN and Cabinet Office". A new series is started if needed.'),
    )

    def __init__(self, *args: Any, too_large: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if too_large:
            field = self.fields["file"]
            field.error_messages = {**field.error_messages, "required": TOO_LARGE}

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_NOTE_BYTES:
            raise forms.ValidationError(TOO_LARGE)
        if unpacked_size(upload) > MAX_DOCX_UNPACKED_BYTES:
            raise forms.ValidationError(
                _("The selected Word document unpacks to more than 25 MB: save it as text instead")
            )
        return upload


class MeetingPreviewForm(ImportForm):
    title = forms.CharField(
        label=_("Title"), max_length=300, error_messages={"required": _("Enter the title")}
    )
    date = GovukDateField(label=_("Date of the meeting"))
    series = forms.CharField(
        label=_("Series (optional)"),
        required=False,
        max_length=200,
        help_text=_("A series with a new name is started when you confirm."),
    )


def _leave_out() -> forms.BooleanField:
    return forms.BooleanField(label=_("Leave this out"), required=False)


class AttendeeRowForm(ImportForm):
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    organisation = forms.CharField(label=_("Organisation"), required=False, max_length=300)
    organisation_kind = forms.ChoiceField(
        label=_("Kind of organisation, if a new one is created"),
        choices=[("", _("Guess from the name")), *OrganisationKind.choices],
        required=False,
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=AttendanceRole.choices, initial=AttendanceRole.ATTENDEE
    )
    sent_apologies = forms.BooleanField(label=_("Sent apologies"), required=False)
    leave_out = _leave_out()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("organisation") and not data.get("name") and not data.get("leave_out"):
            self.add_error("name", _("Enter the person's name"))
        return data


class SectionRowForm(ImportForm):
    heading = forms.CharField(label=_("Heading"), required=False, max_length=300)
    text = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    commitment_number = forms.CharField(
        label=_("Commitment discussed (number)"), required=False, max_length=40
    )
    leave_out = _leave_out()


class UpdateRowForm(ImportForm):
    number = forms.CharField(
        label=_("Commitment number"),
        max_length=40,
        error_messages={"required": _("Enter the commitment number")},
    )
    title = forms.CharField(label=_("Title, as written"), required=False, max_length=500)
    text = forms.CharField(
        label=_("Update"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter the update")},
    )
    status = forms.ChoiceField(label=_("Status"), choices=ProgressStatus.choices)
    leave_out = _leave_out()


class DecisionRowForm(ImportForm):
    text = forms.CharField(
        label=_("Decision"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    leave_out = _leave_out()


class ActionRowForm(ImportForm):
    text = forms.CharField(
        label=_("Action"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = forms.CharField(label=_("Owner"), required=False, max_length=200)
    due = forms.CharField(
        label=_("Due"),
        required=False,
        max_length=200,
        help_text=_('A date as 2016-11-28, or the note\'s words ("in the New Year")'),
    )
    leave_out = _leave_out()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        stray = (data.get("owner") or data.get("due")) and not data.get("text")
        if stray and not data.get("leave_out"):
            self.add_error("text", _("Enter the action"))
        return data


AttendeeFormSet = forms.formset_factory(AttendeeRowForm, extra=EXTRA_ATTENDEES)
SectionFormSet = forms.formset_factory(SectionRowForm, extra=0)
UpdateFormSet = forms.formset_factory(UpdateRowForm, extra=0)
DecisionFormSet = forms.formset_factory(DecisionRowForm, extra=0)
ActionFormSet = forms.formset_factory(ActionRowForm, extra=EXTRA_ACTIONS)

# (prefix, what one row is called in error messages)
ROW_NAMES = {
    "attendee": _("Attendee"),
    "section": _("Section"),
    "update": _("Commitment update"),
    "decision": _("Decision"),
    "action": _("Action"),
}


def _initial(plan: ImportPlan) -> dict[str, list[dict[str, Any]]]:
    return {
        "attendee": [
            {
                "name": row.name,
                "organisation": row.organisation.written,
                "organisation_kind": row.organisation.kind if row.organisation.is_new else "",
                "role": row.role if row.role in AttendanceRole.values else "attendee",
                "sent_apologies": row.sent_apologies,
            }
            for row in plan.attendees
        ],
        "section": [
            {"heading": r.heading, "text": r.text, "commitment_number": r.commitment_number}
            for r in plan.sections
        ],
        "update": [
            {"number": u.number, "title": u.title, "text": u.text, "status": u.status}
            for u in plan.updates
        ],
        "decision": [{"text": text} for text in plan.decisions],
        "action": [{"text": a.text, "owner": a.owner.written, "due": a.due} for a in plan.actions],
    }


class NotePreviewForms:
    """The meeting's form and one formset per kind of row, bound together."""

    formset_classes: dict[str, Any] = {
        "attendee": AttendeeFormSet,
        "section": SectionFormSet,
        "update": UpdateFormSet,
        "decision": DecisionFormSet,
        "action": ActionFormSet,
    }

    def __init__(
        self, plan: ImportPlan, note: NoteImport, data: dict[str, Any] | None = None
    ) -> None:
        self.plan = plan
        self.warnings = list(note.extraction.get("warnings") or [])
        date = plan.date or note.meeting_date
        self.meeting = MeetingPreviewForm(
            data,
            prefix="meeting",
            initial={"title": plan.title, "date": date, "series": note.series_name},
        )
        initial = _initial(plan)
        self.formsets = {
            prefix: cls(data, prefix=prefix, initial=initial[prefix])
            for prefix, cls in self.formset_classes.items()
        }

    def __getitem__(self, prefix: str) -> Any:
        return self.formsets[prefix]

    def _paired(self, prefix: str, matches: list[Any]) -> list[dict[str, Any]]:
        """Each row's form with what its extracted row matched (None for the empty rows)."""
        forms_ = self.formsets[prefix].forms
        return [
            {"n": n, "form": form, "match": matches[n - 1] if n <= len(matches) else None}
            for n, form in enumerate(forms_, 1)
        ]

    @property
    def attendee_rows(self) -> list[dict[str, Any]]:
        return self._paired("attendee", self.plan.attendees)

    @property
    def section_rows(self) -> list[dict[str, Any]]:
        return self._paired("section", self.plan.sections)

    @property
    def update_rows(self) -> list[dict[str, Any]]:
        return self._paired("update", self.plan.updates)

    @property
    def decision_rows(self) -> list[dict[str, Any]]:
        return self._paired("decision", self.plan.decisions)

    @property
    def action_rows(self) -> list[dict[str, Any]]:
        return self._paired("action", self.plan.actions)

    def is_valid(self) -> bool:
        valid = self.meeting.is_valid()
        return all([valid, *(formset.is_valid() for formset in self.formsets.values())])

    def _rows(self, prefix: str) -> Iterator[dict[str, Any]]:
        for form in self.formsets[prefix].forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data and not data.get("leave_out"):
                yield data

    def series_name(self) -> str:
        return str(self.meeting.cleaned_data.get("series") or "")

    def extraction(self) -> dict[str, Any]:
        """The rows, as corrected, in the importer's shape (plus the kind of each organisation to
        create and each update's status)."""
        date: dt.date | None = self.meeting.cleaned_data.get("date")
        attendees, apologies = [], []
        for row in self._rows("attendee"):
            if not row.get("name"):
                continue
            person = {
                "name": row["name"],
                "organisation": row.get("organisation") or None,
                "organisation_kind": row.get("organisation_kind") or "",
            }
            if row.get("sent_apologies"):
                apologies.append(person)
            else:
                attendees.append({**person, "role": row.get("role") or "attendee"})
        return {
            "meeting": {
                "title": self.meeting.cleaned_data.get("title"),
                "date": date.isoformat() if date else None,
            },
            "attendees": attendees,
            "apologies": apologies,
            "sections": [
                {k: r.get(k) or None for k in ("heading", "text", "commitment_number")}
                for r in self._rows("section")
            ],
            "commitment_updates": [
                {k: r.get(k) or None for k in ("number", "title", "text", "status")}
                for r in self._rows("update")
            ],
            "decisions": [{"text": r["text"]} for r in self._rows("decision") if r.get("text")],
            "action_items": [
                {k: r.get(k) or None for k in ("text", "owner", "due")}
                for r in self._rows("action")
                if r.get("text")
            ],
            "warnings": self.warnings,
        }

    def add_domain_error(self, error: Any) -> None:
        self.meeting.add_domain_error(error)

    def error_summary(self) -> list[tuple[str, str]]:
        """(the id of the input at fault, the message) for GOV.UK's error summary."""
        items: list[tuple[str, str]] = []
        forms_: list[tuple[str, forms.Form]] = [("", self.meeting)]
        for prefix, formset in self.formsets.items():
            items += [("", str(e)) for e in formset.non_form_errors()]
            forms_ += [(f"{ROW_NAMES[prefix]} {n}: ", f) for n, f in enumerate(formset.forms, 1)]
        for label, form in forms_:
            for name, errors in form.errors.items():
                anchor = form[name].auto_id if name in form.fields else ""
                if name in form.fields and isinstance(form.fields[name], GovukDateField):
                    anchor = f"{anchor}_day"
                items += [(anchor, f"{label}{error}") for error in errors]
        return items
