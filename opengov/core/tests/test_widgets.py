"""FastSelect renders exactly what Django's Select renders (apart from whitespace between tags)."""

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opengov.core.forms import GovukFormMixin
from opengov.core.widgets import FastSelect
from opengov.organisations.models import Organisation
from opengov.organisations.tests.factories import OrganisationFactory

CHOICES = [
    ("", "All"),
    ("a&b", 'A <b>"quoted"</b>'),
    ("Group <1>", [("x", "X"), ("y", "Y & Z")]),
    (3, "three"),
]


def squeeze(html: str) -> str:
    return " ".join(html.split()).replace("> <", "><")


@pytest.mark.parametrize("value", ["a&b", "x", "y", "", 3, "3", None, "unknown"])
def test_fast_select_matches_djangos_select(value):
    attrs = {"class": "govuk-select", "id": "id_f", "aria-describedby": "f-hint"}
    expected = forms.Select(choices=CHOICES, attrs=attrs).render("f", value)
    assert squeeze(FastSelect(choices=CHOICES, attrs=attrs).render("f", value)) == squeeze(expected)


PLAIN = [("", "All"), ("a&b", 'A <b>"quoted"</b>'), (3, "three"), ("3", "three again"), (None, "-")]


@pytest.mark.parametrize("value", ["a&b", "", 3, "3", None, "unknown", ["3"]])
def test_fast_select_without_groups_matches_djangos_select(value):
    """Without groups the options are built from the choices directly; still Django's markup,
    with only the first option of a repeated value selected."""
    attrs = {"class": "govuk-select", "id": "id_f", "disabled": True, "data-x": False}
    expected = forms.Select(choices=PLAIN, attrs=attrs).render("f", value)
    assert squeeze(FastSelect(choices=PLAIN, attrs=attrs).render("f", value)) == squeeze(expected)


def test_fast_select_escapes_labels_and_values():
    html = FastSelect(choices=CHOICES).render("f", None)
    assert 'value="a&amp;b"' in html and "A &lt;b&gt;&quot;quoted&quot;&lt;/b&gt;" in html
    assert "<b>" not in html


class Filters(GovukFormMixin, forms.Form):
    colour = forms.ChoiceField(choices=[("", "Any"), ("red", "Red")], required=False)
    flavours = forms.MultipleChoiceField(choices=[("a", "A")], required=False)


def test_govuk_forms_use_it_for_plain_selects_only_and_keep_later_choices():
    form = Filters({"colour": "blue"})
    assert isinstance(form.fields["colour"].widget, FastSelect)
    assert not isinstance(form.fields["flavours"].widget, FastSelect)
    form.fields["colour"].choices = [("", "Any"), ("blue", "Blue")]  # set after __init__
    html = str(form["colour"])
    assert '<option value="blue" selected>Blue</option>' in html
    assert 'class="govuk-select' in html


class OrganisationChoice(GovukFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.order_by("name"))


@pytest.mark.django_db
def test_a_model_choice_select_reads_its_choices_once_and_renders_as_django_does():
    chosen = OrganisationFactory(name="Involve & <co>")
    OrganisationFactory(name="mySociety")
    form = OrganisationChoice({"organisation": chosen.pk})
    assert isinstance(form.fields["organisation"].widget, FastSelect)

    with CaptureQueriesContext(connection) as queries:
        html = str(form["organisation"].as_widget())
    plain = OrganisationChoice({"organisation": chosen.pk})
    plain.fields["organisation"].widget = forms.Select(
        attrs={"class": "govuk-select"}, choices=plain.fields["organisation"].choices
    )
    with CaptureQueriesContext(connection) as djangos:
        expected = str(plain["organisation"].as_widget())

    assert squeeze(html) == squeeze(expected)
    # The choices are read once, as Django's Select reads them (one query for the bound
    # value, one for the options).
    options = [q["sql"] for q in queries if "ORDER BY" in q["sql"]]
    assert len(options) == 1 and not any("COUNT(" in q["sql"] for q in queries), queries
    assert len(queries) == len(djangos)
