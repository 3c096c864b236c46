"""{% feedback_status_tag feedback %}: where feedback stands, as a GOV.UK tag."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ..choices import FeedbackStatus, Moderation
from ..models import Feedback

register = template.Library()


@register.simple_tag
def feedback_status_tag(feedback: Feedback) -> SafeString:
    if feedback.moderation == Moderation.PENDING:
        colour, label = "grey", Moderation.PENDING.label
    elif feedback.moderation == Moderation.HIDDEN:
        colour, label = "red", Moderation.HIDDEN.label
    elif feedback.status == FeedbackStatus.ANSWERED:
        colour, label = "green", FeedbackStatus.ANSWERED.label
    else:
        colour, label = "blue", FeedbackStatus.RECEIVED.label
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, label)
