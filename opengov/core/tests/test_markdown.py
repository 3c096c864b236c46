import re

from django.utils.safestring import SafeString

from opengov.core.markdown import render_markdown


def test_script_tags_are_not_rendered():
    html = render_markdown("Hello <script>alert('x')</script>")
    assert "<script" not in html


def test_javascript_links_are_not_links():
    for source in [
        "[click](javascript:alert(1))",
        "[click](JAVASCRIPT:alert(1))",
        "<javascript:alert(1)>",
    ]:
        html = render_markdown(source)
        assert 'href="javascript' not in html.lower()


def test_event_handler_attributes_are_stripped():
    html = render_markdown(
        '<a href="https://example.com" onclick="steal()">x</a> <img src=x onerror=y>'
    )
    assert not re.search(r"<[a-z][^>]*\son\w+=", html)
    assert "<img" not in html
    assert "<a href" not in html.replace('<a href="https://example.com" class', "")


def test_links_get_nofollow_and_only_safe_schemes():
    html = render_markdown("[a](https://example.com) [b](mailto:a@example.com) [c](ftp://x.org/f)")
    assert '<a href="https://example.com" class="govuk-link" rel="nofollow noopener">a</a>' in html
    assert 'href="mailto:a@example.com"' in html
    assert 'href="ftp' not in html


def test_tables_render_with_govuk_classes():
    html = render_markdown("| Milestone | Due |\n|---|--:|\n| Publish | ~~May~~ June |")
    assert '<table class="govuk-table">' in html
    assert '<th class="govuk-table__header">Milestone</th>' in html
    assert "<s>May</s>" in html
    assert "style=" not in html


def test_headings_are_demoted_so_the_page_keeps_one_h1():
    html = render_markdown("# Title\n\n## Part")
    assert "<h1" not in html
    assert '<h2 class="govuk-heading-m">Title</h2>' in html
    assert "<h3" in html


def test_output_is_safe_string_and_empty_for_empty_input():
    assert isinstance(render_markdown("*hi*"), SafeString)
    assert render_markdown("") == ""
    assert render_markdown(None) == ""
