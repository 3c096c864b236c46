"""User-written Markdown to safe HTML: CommonMark with tables and strikethrough, raw HTML off,
then an allow-list sanitiser (nh3) as a second line of defence. Output carries GOV.UK classes."""

from typing import Any

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_parser = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])

ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "del", "em", "h2", "h3", "h4", "h5", "h6", "hr", "li",
    "ol", "p", "pre", "s", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Classes are set here, never taken from the input, so GOV.UK styles apply to user content too.
GOVUK_CLASSES = {
    "a": "govuk-link",
    "blockquote": "govuk-inset-text",
    "h2": "govuk-heading-m",
    "h3": "govuk-heading-s",
    "h4": "govuk-heading-s",
    "h5": "govuk-heading-s",
    "h6": "govuk-heading-s",
    "hr": "govuk-section-break govuk-section-break--m govuk-section-break--visible",
    "ol": "govuk-list govuk-list--number",
    "p": "govuk-body",
    "table": "govuk-table",
    "tbody": "govuk-table__body",
    "td": "govuk-table__cell",
    "th": "govuk-table__header",
    "thead": "govuk-table__head",
    "tr": "govuk-table__row",
    "ul": "govuk-list govuk-list--bullet",
}


def _demote_headings(tokens: list[Any]) -> None:
    """The page owns its one <h1>: user headings start at <h2>."""
    for token in tokens:
        if token.type in {"heading_open", "heading_close"}:
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"


def render_markdown(text: str | None) -> SafeString:
    """Render `text` as sanitised HTML, safe to insert into a page."""
    if not text:
        return SafeString("")
    tokens = _parser.parse(text)
    _demote_headings(tokens)
    html = _parser.renderer.render(tokens, _parser.options, {})
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        link_rel="nofollow noopener",
        url_schemes=URL_SCHEMES,
        set_tag_attribute_values={tag: {"class": cls} for tag, cls in GOVUK_CLASSES.items()},
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 with an allow-list above
