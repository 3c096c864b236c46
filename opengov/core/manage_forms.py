"""What every app's managing forms share: ManageForm (a GOV.UK form whose `service_kwargs()` is
what its one service takes) and small field helpers."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import GOVUK_WIDGET_CLASSES, DomainErrorFormMixin, GovukFormMixin, widget_kind

__all__ = ["MAX_CHECKBOXES", "MULTIPLE_HINT", "ManageForm", "choice_field", "required"]

# GOV.UK checkboxes up to this many choices; past it a select that takes several choices.
MAX_CHECKBOXES = 30
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
