import datetime

import pytest
from django import forms

from opengov.core.errors import DomainError
from opengov.core.forms import (
    DomainErrorFormMixin,
    GovukDateField,
    GovukFormMixin,
    VersionField,
)


class ExampleForm(DomainErrorFormMixin, GovukFormMixin, forms.Form):
    title = forms.CharField(label="Title", help_text="A short name")
    summary = forms.CharField(label="Summary", widget=forms.Textarea, required=False)
    colour = forms.ChoiceField(
        label="Colour", choices=[("red", "Red"), ("blue", "Blue")], widget=forms.RadioSelect
    )
    kind = forms.ChoiceField(label="Kind", choices=[("a", "A"), ("b", "B")])
    agree = forms.BooleanField(label="I agree", required=False)
    due_on = GovukDateField(label="Due date", required=False)
    version = VersionField()


def date_form(day: str, month: str, year: str, *, required: bool = True) -> forms.Form:
    class DateForm(GovukFormMixin, forms.Form):
        due_on = GovukDateField(label="Due date", required=required)

    return DateForm(data={"due_on_day": day, "due_on_month": month, "due_on_year": year})


def test_date_field_cleans_to_a_date():
    form = date_form("10", "11", "2016")
    assert form.is_valid()
    assert form.cleaned_data["due_on"] == datetime.date(2016, 11, 10)


def test_date_field_accepts_surrounding_spaces_and_leading_zeros():
    form = date_form(" 01 ", "02", "2024")
    assert form.is_valid()
    assert form.cleaned_data["due_on"] == datetime.date(2024, 2, 1)


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2024", "Enter a real date"),
        ("10", "13", "2024", "Enter a real date"),
        ("ten", "11", "2016", "Enter a real date"),
        ("10", "", "2016", "The date must include a month"),
        ("", "11", "2016", "The date must include a day"),
        ("10", "11", "", "The date must include a year"),
        ("", "", "2016", "The date must include a day and month"),
        ("10", "11", "16", "The year must include 4 numbers"),
        ("", "", "", "Enter a date"),
    ],
)
def test_date_field_explains_what_is_wrong(day, month, year, message):
    form = date_form(day, month, year)
    assert not form.is_valid()
    assert form.errors["due_on"] == [message]


def test_optional_date_field_accepts_empty():
    form = date_form("", "", "", required=False)
    assert form.is_valid()
    assert form.cleaned_data["due_on"] is None


def test_date_error_marks_only_the_missing_part():
    html = str(date_form("10", "", "2016"))
    assert 'href="#id_due_on_month"' in html
    month_input = html.split('id="id_due_on_month"')[0].rsplit("<input", 1)[1]
    day_input = html.split('id="id_due_on_day"')[0].rsplit("<input", 1)[1]
    assert "govuk-input--error" in month_input
    assert "govuk-input--error" not in day_input


def test_unbound_form_renders_govuk_components():
    html = str(ExampleForm(initial={"due_on": datetime.date(2016, 11, 10), "version": 3}))
    assert 'class="govuk-input"' in html
    assert 'class="govuk-textarea"' in html
    assert 'class="govuk-select"' in html
    assert 'class="govuk-radios"' in html
    assert 'class="govuk-radios__input"' in html
    assert "govuk-checkboxes__input" in html
    assert 'class="govuk-date-input"' in html
    assert 'name="due_on_day"' in html and 'value="10"' in html
    assert '<div id="id_title_helptext" class="govuk-hint">A short name</div>' in html
    assert 'aria-describedby="id_title_helptext"' in html
    assert 'type="hidden" name="version" value="3"' in html
    assert "govuk-error-summary" not in html
    assert " required" not in html


def test_bound_form_with_errors_renders_error_summary_and_messages():
    form = ExampleForm(data={"summary": "x", "version": "1", "due_on_day": "40"})
    assert not form.is_valid()
    html = str(form)
    assert 'class="govuk-error-summary"' in html
    assert "There is a problem" in html
    assert '<a href="#id_title">This field is required.</a>' in html
    assert 'href="#id_colour_0"' in html
    assert 'href="#id_due_on_month"' in html
    assert "govuk-form-group--error" in html
    assert 'class="govuk-input govuk-input--error"' in html
    assert 'id="id_title_error" class="govuk-error-message"' in html
    assert '<span class="govuk-visually-hidden">Error:</span>' in html
    assert 'aria-describedby="id_title_helptext id_title_error"' in html
    assert 'aria-describedby="id_colour_error"' in html


def test_domain_error_on_a_field_shows_on_that_field():
    form = ExampleForm(data={"title": "A", "colour": "red", "kind": "a", "version": "1"})
    assert form.is_valid()
    form.add_domain_error(DomainError("That title is taken", field="title"))
    assert form.errors["title"] == ["That title is taken"]
    assert "govuk-input--error" in str(form["title"])


def test_domain_error_on_a_hidden_or_unknown_field_shows_at_the_top():
    form = ExampleForm(data={"title": "A", "colour": "red", "kind": "a", "version": "1"})
    assert form.is_valid()
    form.add_domain_error(DomainError("Someone else changed this", field="version"))
    form.add_domain_error(DomainError("Not allowed"))
    assert form.non_field_errors() == ["Someone else changed this", "Not allowed"]
    assert "<li>Someone else changed this</li>" in str(form)
