"""What action plans' managing forms share: evidence links and the organisations field. ManageForm
and the generic field helpers live in `opengov.core.manage_forms` and are re-exported here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from opengov.core.manage_forms import (
    MAX_CHECKBOXES,
    MULTIPLE_HINT,
    ManageForm,
    choice_field,
    required,
)
from opengov.organisations.models import Organisation

__all__ = [
    "EVIDENCE_SLOTS",
    "MAX_CHECKBOXES",
    "MULTIPLE_HINT",
    "EvidenceMixin",
    "EvidenceURLField",
    "ManageForm",
    "choice_field",
    "organisations_field",
    "required",
]

EVIDENCE_SLOTS = 5


def organisations_field(label: Any, count: int, **kwargs: Any) -> forms.ModelMultipleChoiceField:
    few = count < MAX_CHECKBOXES
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Organisation.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple if few else forms.SelectMultiple(attrs={"size": 10}),
        help_text=kwargs.pop("help_text", "" if few else MULTIPLE_HINT),
        **kwargs,
    )


class EvidenceURLField(forms.URLField):
    default_validators = [URLValidator(schemes=["http", "https"])]
    default_error_messages = {
        "invalid": _("Enter a web address starting with http:// or https://"),
    }


class EvidenceMixin(ManageForm):
    """Up to five evidence links, each a web address and an optional title: plain inputs that
    need no JavaScript. The service takes them as one list."""

    def add_evidence_fields(self) -> None:
        for n in range(1, EVIDENCE_SLOTS + 1):
            url = EvidenceURLField(
                label=_("Evidence link %(n)s: web address (optional)") % {"n": n},
                required=False,
                assume_scheme="https",
                max_length=2000,
                help_text=_("For example, https://www.example.org/report") if n == 1 else "",
            )
            title = forms.CharField(
                label=_("Evidence link %(n)s: title (optional)") % {"n": n},
                required=False,
                max_length=300,
            )
            self.add_field(f"evidence_url_{n}", url)
            self.add_field(f"evidence_title_{n}", title)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for n in range(1, EVIDENCE_SLOTS + 1):
            url = f"evidence_url_{n}"
            if (
                cleaned.get(f"evidence_title_{n}")
                and not cleaned.get(url)
                and url not in self.errors
            ):
                self.add_error(url, _("Enter the web address for this title"))
        return cleaned

    def evidence(self) -> list[dict[str, str]]:
        data = self.cleaned_data
        return [
            {"url": data[f"evidence_url_{n}"], "title": data.get(f"evidence_title_{n}", "")}
            for n in range(1, EVIDENCE_SLOTS + 1)
            if data.get(f"evidence_url_{n}")
        ]

    def service_kwargs(self) -> dict[str, Any]:
        data = super().service_kwargs()
        for n in range(1, EVIDENCE_SLOTS + 1):
            data.pop(f"evidence_url_{n}", None)
            data.pop(f"evidence_title_{n}", None)
        data["evidence"] = self.evidence()
        return data
