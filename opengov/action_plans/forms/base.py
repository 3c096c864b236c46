"""What every managing form shares: ManageForm (a form whose `service_kwargs()` is what its one
service takes), evidence links, and field helpers."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import (
    GOVUK_WIDGET_CLASSES,
    DomainErrorFormMixin,
    GovukFormMixin,
    widget_kind,
)
from opengov.organisations.models import Organisation

# GOV.UK checkboxes up to this many organisations; past it a select that takes several choices.
MAX_CHECKBOXES = 30
EVIDENCE_SLOTS = 5
MULTIPLE_HINT = _("To choose more than one, hold down Ctrl (or Cmd on a Mac) as you click.")


class ManageForm(DomainErrorFormMixin, GovukFormMixin, forms.Form):
    def add_field(self, name: str, field: forms.Field) -> None:
        """Add a field after __init__, with the GOV.UK class GovukFormMixin gives the others."""
        base_class, _error_class = GOVUK_WIDGET_CLASSES.get(widget_kind(field.widget), ("", ""))
        if base_class:
            existing = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{base_class} {existing}".strip()
        self.fields[name] = field

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned data as the service's keyword arguments (`version` → `expected_version`)."""
        data = dict(self.cleaned_data)
        if "version" in data:
            data["expected_version"] = data.pop("version")
        return data


def required(message: Any) -> dict[str, Any]:
    return {"required": message}


def choice_field(form: forms.Form, name: str) -> forms.ModelChoiceField:
    """A model choice field of the form, to set its queryset for this object."""
    return cast(forms.ModelChoiceField, form.fields[name])


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
