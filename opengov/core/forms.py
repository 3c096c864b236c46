"""GOV.UK form rendering: the renderer, a mixin that gives widgets GOV.UK classes and cleans the
submitted text (opengov.core.text), the GOV.UK date input, the hidden `version` field for
optimistic concurrency, and turning DomainErrors into form errors. Templates:
govuk/forms/form.html (error summary, fields) and govuk/forms/field.html."""

import datetime
from collections.abc import Callable
from typing import Any, Protocol

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates, TemplatesSetting
from django.template import TemplateDoesNotExist
from django.utils.translation import gettext_lazy as _

from .text import clean_line, clean_text
from .widgets import FastSelect

# Widget kind → (the GOV.UK class every such widget gets, the class added when it has an error).
GOVUK_WIDGET_CLASSES: dict[str, tuple[str, str]] = {
    "input": ("govuk-input", "govuk-input--error"),
    "textarea": ("govuk-textarea", "govuk-textarea--error"),
    "select": ("govuk-select", "govuk-select--error"),
    "file": ("govuk-file-upload", "govuk-file-upload--error"),
    "checkbox": ("govuk-checkboxes__input", ""),
}
DATE_PARTS = ("day", "month", "year")


class GovukFormRenderer(TemplatesSetting):
    """Renders forms with the project's templates; Django's own widget templates come from
    django.forms, which is not an installed app, so they are looked up there as a fallback."""

    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"
    _django_forms = DjangoTemplates()

    def get_template(self, template_name: str) -> Any:
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self._django_forms.get_template(template_name)


def widget_kind(widget: forms.Widget) -> str:
    """Which GOV.UK component renders this widget (see govuk/forms/field.html)."""
    kinds: list[tuple[type[forms.Widget], str]] = [
        (GovukDateWidget, "date"),
        (forms.CheckboxSelectMultiple, "checkboxes"),
        (forms.RadioSelect, "radios"),
        (forms.CheckboxInput, "checkbox"),
        (forms.Select, "select"),
        (forms.Textarea, "textarea"),
        (forms.FileInput, "file"),
    ]
    if widget.is_hidden:
        return "hidden"
    return next((kind for cls, kind in kinds if isinstance(widget, cls)), "input")


def _with_class(existing: str | None, extra: str, *, first: bool = False) -> str:
    classes = (existing or "").split()
    if extra in classes:
        return " ".join(classes)
    return " ".join([extra, *classes] if first else [*classes, extra])


class GovukBoundField(BoundField):
    """Adds the GOV.UK error class to a widget when the field has errors, at render time, so
    errors added after validation (add_domain_error) show too. Django itself sets aria-invalid and
    aria-describedby ("<id>_helptext", "<id>_error": the ids govuk/forms/field.html uses)."""

    def build_widget_attrs(self, attrs: dict[str, Any], widget: Any = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        _, error_class = GOVUK_WIDGET_CLASSES.get(widget_kind(widget), ("", ""))
        if error_class and self.errors:
            attrs["class"] = _with_class(attrs.get("class", widget.attrs.get("class")), error_class)
        return attrs


class GovukFormMixin:
    """Mix into every form: GOV.UK classes on widgets, no browser validation (GOV.UK error
    messages instead), error classes and ARIA links at render time, and the submitted text
    cleaned by opengov.core.text's rules before any field reads it."""

    bound_field_class: type[BoundField] | None = GovukBoundField
    use_required_attribute = False
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field.widget) is forms.Select:
                # The same markup, built in Python: see opengov.core.widgets.FastSelect.
                widget = FastSelect(attrs=field.widget.attrs, choices=field.widget.choices)
                widget.is_required = field.widget.is_required
                widget.is_localized = field.widget.is_localized
                field.widget = widget
            base_class, _ = GOVUK_WIDGET_CLASSES.get(widget_kind(field.widget), ("", ""))
            if base_class:
                field.widget.attrs["class"] = _with_class(
                    field.widget.attrs.get("class"), base_class, first=True
                )

    def full_clean(self) -> None:
        """Clean the submitted text by opengov.core.text's rules before the fields read it: long
        text (a textarea) by `clean_text`, everything else by `clean_line`; passwords as typed."""
        form: Any = self
        if form.is_bound:
            data = form.data.copy()
            for name, field in self.fields.items():
                if isinstance(field.widget, forms.PasswordInput):
                    continue
                clean = clean_text if isinstance(field.widget, forms.Textarea) else clean_line
                for key in _posted_names(form.add_prefix(name), field.widget):
                    if key not in data:
                        continue
                    if hasattr(data, "setlist"):
                        data.setlist(key, [_cleaned(v, clean) for v in data.getlist(key)])
                    else:
                        data[key] = _cleaned(data[key], clean)
            form.data = data
        super().full_clean()  # type: ignore[misc]


def _posted_names(name: str, widget: forms.Widget) -> list[str]:
    """The names a field's values are posted under: its own, or its parts' (a date's _day…)."""
    if isinstance(widget, forms.MultiWidget):
        parts: Any = widget  # django-stubs do not know MultiWidget.widgets_names
        return [f"{name}{suffix}" for suffix in parts.widgets_names]
    return [name]


def _cleaned(value: Any, clean: Callable[[str], str]) -> Any:
    return clean(value) if isinstance(value, str) else value


class HasMessage(Protocol):
    message: str


class DomainErrorFormMixin:
    """Shows a service's DomainError on the form: on its field if the form shows that field,
    otherwise at the top (a stale `version`, say, is not something the user can correct there)."""

    fields: dict[str, forms.Field]
    add_error: Any

    def add_domain_error(self, error: HasMessage) -> None:
        field = getattr(error, "field", None)
        if field not in self.fields or self.fields[field].widget.is_hidden:
            field = None
        if not hasattr(self, "cleaned_data"):
            self.cleaned_data: dict[str, Any] = {}
        self.add_error(field, error.message)


class VersionField(forms.IntegerField):
    """The record's version when the edit began; declare as `version = VersionField()` and pass it
    to the service, which refuses a stale save (ConflictError)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year text inputs; posted as <name>_day, <name>_month, <name>_year."""

    use_fieldset = True

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            part: forms.TextInput(attrs={"inputmode": "numeric"}) for part in DATE_PARTS
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[str | None]:
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_day" if id_ else ""


class GovukDateBoundField(GovukBoundField):
    """Gives the field template the three inputs, each marked when it is the one at fault."""

    def raw_parts(self) -> list[str]:
        value = self.value()
        if not isinstance(value, list | tuple):
            value = self.field.widget.decompress(value)
        return [str(part or "").strip() for part in value]

    def parts_in_error(self) -> set[str]:
        if not self.errors:
            return set()
        raw = dict(zip(DATE_PARTS, self.raw_parts(), strict=True))
        missing = {part for part, value in raw.items() if not value}
        if missing and len(missing) < len(DATE_PARTS):
            return missing
        if not missing and raw["year"].isdigit() and len(raw["year"]) != 4:
            return {"year"}
        return set(DATE_PARTS)

    @property
    def first_error_id(self) -> str:
        in_error = self.parts_in_error()
        part = next((p for p in DATE_PARTS if p in in_error), "day")
        return f"{self.auto_id}_{part}"

    @property
    def date_parts(self) -> list[dict[str, str]]:
        labels = {"day": _("Day"), "month": _("Month"), "year": _("Year")}
        in_error = self.parts_in_error()
        parts = []
        for part, value in zip(DATE_PARTS, self.raw_parts(), strict=True):
            width = "govuk-input--width-4" if part == "year" else "govuk-input--width-2"
            error = " govuk-input--error" if part in in_error else ""
            parts.append(
                {
                    "id": f"{self.auto_id}_{part}",
                    "name": f"{self.html_name}_{part}",
                    "value": value,
                    "label": str(labels[part]),
                    "classes": f"govuk-input govuk-date-input__input {width}{error}",
                }
            )
        return parts


class GovukDateField(forms.Field):
    """A date typed as day, month and year, cleaned to datetime.date with GOV.UK's messages."""

    widget = GovukDateWidget
    bound_field_class = GovukDateBoundField
    default_error_messages = {
        "required": _("Enter a date"),
        "invalid": _("Enter a real date"),
        "year_length": _("The year must include 4 numbers"),
        "missing_day": _("The date must include a day"),
        "missing_month": _("The date must include a month"),
        "missing_year": _("The date must include a year"),
        "missing_day_month": _("The date must include a day and month"),
        "missing_day_year": _("The date must include a day and year"),
        "missing_month_year": _("The date must include a month and year"),
    }

    def to_python(self, value: Any) -> datetime.date | None:
        if isinstance(value, datetime.date):
            return value
        if value in self.empty_values:
            return None
        parts = dict(zip(DATE_PARTS, [str(p or "").strip() for p in value], strict=False))
        missing = [part for part in DATE_PARTS if not parts.get(part)]
        if len(missing) == len(DATE_PARTS):
            return None
        if missing:
            code = "missing_" + "_".join(missing)
            raise forms.ValidationError(self.error_messages[code], code=code)
        if not all(parts[p].isdigit() for p in DATE_PARTS):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if len(parts["year"]) != 4:
            raise forms.ValidationError(self.error_messages["year_length"], code="year_length")
        try:
            return datetime.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(data) != self.to_python(initial)
        except forms.ValidationError:
            return True
