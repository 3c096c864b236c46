"""Template helpers for GOV.UK pages; a builtin, so no {% load %} is needed.

Filters: govuk_date, govuk_datetime, markdown, web_url, govuk_field_kind, govuk_error_anchor,
govuk_fieldset_describedby. Tags: {% querystring_replace request key=value … %},
{% govuk_tag status [label] %}, {% pagination page_obj %}, {% service_nav_item href label %}."""

import datetime
from typing import Any

from django import template
from django.core.paginator import Page
from django.forms.boundfield import BoundField
from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from opengov.core.forms import widget_kind
from opengov.core.markdown import render_markdown
from opengov.core.text import is_web_url

register = template.Library()

# Status keys (TextChoices values across apps) → GOV.UK tag colour; "" is the default blue.
STATUS_COLOURS: dict[str, str] = {
    "not_started": "grey",
    "on_track": "",
    "in_progress": "",
    "delayed": "orange",
    "postponed": "purple",
    "complete": "green",
    "withdrawn": "red",
    "overdue": "red",
    "drafting": "grey",
    "consultation": "teal",
    "implementing": "",
    "ended": "grey",
}


@register.filter
def govuk_date(value: datetime.date | None) -> str:
    """10 November 2016, or "Not known"."""
    if value is None or value == "":
        return _("Not known")
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, "j F Y")


@register.filter
def govuk_datetime(value: datetime.datetime | None) -> str:
    """10 November 2016 at 2:30pm, in the deployment's time zone."""
    if value is None or value == "":
        return _("Not known")
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return _("%(date)s at %(time)s") % {
        "date": date_format(value, "j F Y"),
        "time": date_format(value, "g:iA").lower(),
    }


@register.filter(is_safe=True)
def markdown(value: str | None) -> SafeString:
    return render_markdown(value)


@register.filter
def web_url(value: str | None) -> str:
    """The address if it is a web address (http or https, with a host), else "": a link is made
    only from one, whatever older data holds: `{% if url|web_url %}<a href="{{ url|web_url }}">`."""
    return str(value).strip() if is_web_url(value) else ""


@register.filter
def govuk_field_kind(field: BoundField) -> str:
    return widget_kind(field.field.widget)


@register.filter
def govuk_error_anchor(field: BoundField) -> str:
    """The id of the input the error summary links to: the first (or the wrong) one of a group."""
    if first_error_id := getattr(field, "first_error_id", None):
        return first_error_id
    kind = widget_kind(field.field.widget)
    if kind in {"radios", "checkboxes"}:
        return field.field.widget.id_for_label(field.auto_id, "0")
    return field.id_for_label or field.auto_id


@register.filter
def govuk_fieldset_describedby(field: BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.simple_tag
def querystring_replace(request: HttpRequest, **kwargs: Any) -> str:
    """The current query string with `kwargs` replacing its values; None or "" removes a key.
    `?page=2` stays a page of the same filtered list: `{% querystring_replace request page=2 %}`."""
    query = request.GET.copy()
    for key, value in kwargs.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = str(value)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def govuk_tag(status: Any, label: Any = None) -> SafeString:
    """<strong class="govuk-tag …"> for a status key; label defaults to the choice's label."""
    key = str(getattr(status, "value", status) or "")
    text = label or getattr(status, "label", None) or key.replace("_", " ").capitalize()
    colour = STATUS_COLOURS.get(key, "grey")
    classes = f"govuk-tag govuk-tag--{colour}" if colour else "govuk-tag"
    return format_html('<strong class="{}">{}</strong>', classes, text)


@register.inclusion_tag("govuk/includes/pagination.html", takes_context=True)
def pagination(context: template.Context, page: Page) -> dict[str, Any]:
    """GOV.UK pagination for a Django Page, keeping the rest of the query string."""
    request = context["request"]
    items: list[dict[str, Any]] = []
    if page.paginator.num_pages > 1:
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
            if number == page.paginator.ELLIPSIS:
                items.append({"ellipsis": True})
            else:
                href = querystring_replace(request, page=number)
                items.append({"number": number, "href": href, "current": number == page.number})
    return {
        "page": page,
        "items": items,
        "previous_href": querystring_replace(request, page=page.previous_page_number())
        if page.has_previous()
        else "",
        "next_href": querystring_replace(request, page=page.next_page_number())
        if page.has_next()
        else "",
    }


@register.inclusion_tag("govuk/includes/service_nav_item.html", takes_context=True)
def service_nav_item(context: template.Context, href: str, label: str) -> dict[str, Any]:
    """A service navigation link, marked current on its page and active within its section."""
    path = getattr(context.get("request"), "path", "")
    current = path == href
    active = current or (href not in {"", "/"} and path.startswith(href))
    return {"href": href, "label": label, "current": current, "active": active}
