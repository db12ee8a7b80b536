"""Escaping of untrusted text: quotes, article text, links."""

from __future__ import annotations

import html

import pytest

from dashboard.markup import (
    NUMBER_STYLES,
    NumberMark,
    Segment,
    Span,
    anchor_id,
    article_html,
    escape_html,
    escape_text,
    external_link,
    highlight_quote,
    one_line,
)


def test_escape_text_leaves_no_tag_entity_or_markdown_syntax():
    escaped = escape_text('<script>alert(1)</script> *bold* $5 [x](y) `code` & "q" :smile:')
    for raw in ("<", ">", "*", "$", "[", "]", "(", ")", "`", '"', ":"):
        assert raw not in escaped
    assert html.unescape(escaped) == (
        '<script>alert(1)</script> *bold* $5 [x](y) `code` & "q" :smile:')


def test_one_line_leaves_no_blank_or_indented_line_to_end_a_markdown_block():
    note = "First line.\n\n    An indented line with <b>bold</b> & [link](x)\n"
    assert one_line(note) == "First line. An indented line with <b>bold</b> & [link](x)"
    assert one_line(" 85\u3000exaflops ") == "85 exaflops"
    assert one_line("") == ""


def test_escape_text_keeps_chinese_and_letters():
    assert escape_text("广东 Guangdong 2023") == "广东 Guangdong 2023"


def test_highlight_quote_marks_the_number_as_written():
    marked = highlight_quote("Guizhou is reaching 85 exaflops, a leader.", "85 exaflops")
    assert marked.startswith("Guizhou is reaching <mark")
    assert ">85 exaflops</mark>" in marked
    assert html.unescape(marked.split("</mark>")[1]) == ", a leader."


def test_highlight_quote_escapes_a_script_in_the_quote():
    quote = "Zhejiang counted about 1,200 AI companies <script>alert(1)</script> in 2023."
    marked = highlight_quote(quote, "about 1,200")
    assert "<script>" not in marked and "</script>" not in marked
    assert "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;" in marked
    assert marked.count("<mark") == 1


def test_highlight_quote_escapes_a_script_in_the_number():
    marked = highlight_quote("a <b>bold</b> claim", "<b>bold</b>")
    assert "<b>" not in marked
    assert "&#60;b&#62;bold&#60;/b&#62;</mark>" in marked


def test_highlight_quote_without_a_match_is_just_escaped():
    assert highlight_quote("one in four <i>", "25%") == escape_text("one in four <i>")


def test_highlight_quote_falls_back_to_case_insensitive_match():
    assert ">Three</mark>" in highlight_quote("Three cities were ranked", "three")


BODY = "Shanghai aims <b>high</b>.\n"
JUNK = "Related <a>x</a>\n"
SEGMENTS = [
    Segment(0, len(BODY), "body", "", BODY),
    Segment(len(BODY), len(BODY + JUNK), "junk", "related links", JUNK),
    Segment(len(BODY + JUNK), len(BODY + JUNK + BODY), "duplicate", "repeated copy", BODY),
]


def test_article_html_escapes_article_text():
    page = article_html(SEGMENTS, [])
    assert "<b>" not in page and "<a>" not in page
    assert "&#60;b&#62;high&#60;/b&#62;" in page


def test_article_html_marks_fact_spans_with_anchors():
    spans = [Span("f1", 0, 8, "Shanghai 上海 · ≥ 100"), Span("f2", 9, 13, "other")]
    page = article_html(SEGMENTS, spans, selected="f2")
    assert page.count('<span id="fact-f1"></span>') == 1
    assert page.count('<span id="fact-f2"></span>') == 1
    assert ">Shanghai</mark>" in page
    assert "[f1]" in page and "[f2]" in page
    assert "outline:2px solid" in page.split('id="fact-f2"')[1].split("</mark>")[0]


def test_article_html_handles_overlapping_spans():
    spans = [Span("a", 0, 13, "a"), Span("b", 9, 24, "b")]
    page = article_html(SEGMENTS[:1], spans)
    assert page.count("<mark") == 3  # before the overlap, the overlap, after it
    assert 'title="a&#58; a; b&#58; b">aims</mark>' in page


def test_article_html_dims_junk_and_labels_the_repeat():
    page = article_html(SEGMENTS, [])
    assert "page junk&#58; related links" in page
    assert "Repeated copy of the article — not a second source" in page


def test_anchor_id_only_uses_safe_characters():
    assert anchor_id('f1"><script>') == "fact-f1---script-"


def test_external_link_only_links_http_urls():
    assert external_link("javascript:alert(1)") == escape_text("javascript:alert(1)")
    link = external_link('https://example.com/a"b<c>')
    assert link == "[" + escape_text('https://example.com/a"b<c>') + "](<https://example.com/a%22b%3Cc%3E>)"


@pytest.mark.parametrize("url", [
    "https://example.com/a)b",
    "https://example.com/x>[y](javascript:alert(1))",
    "https://example.com/<img src=x onerror=alert(1)>",
])
def test_external_link_destination_cannot_end_early(url):
    """No character of the URL closes the Markdown destination or opens markup."""
    link = external_link(url)
    text, destination = link[1:].split("](<", 1)
    assert destination.endswith(">)")
    assert not set(destination[:-2]) & set("<>()[] \"'")
    assert not set(text) & set("<>()[]")


def test_external_link_makes_one_anchor():
    """Streamlit auto-links a URL in text even inside an <a>; a Markdown link gets none."""
    assert "<a" not in external_link("https://example.com/ai-race")


def test_escape_html_escapes_tags_for_plotly_and_st_html():
    assert escape_html("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"


def test_article_html_marks_each_ledger_number_in_its_own_style():
    text = "Guizhou reached 85 exaflops. A ride costs 2 yuan. It has 3 hubs.\n"
    segments = [Segment(0, len(text), "body", "", text)]
    quote_end = text.index(".") + 1
    numbers = [
        NumberMark(text.index("85"), text.index("85") + 11, "curated", "curated: f1"),
        NumberMark(text.index("2 yuan"), text.index("2 yuan") + 6, "dismissed",
                   'dismissed: out of scope — a <b>fare</b> & "price"'),
        NumberMark(text.index("3 hubs"), text.index("3 hubs") + 1, "unreviewed", "unreviewed"),
    ]
    body = article_html(segments, [Span("f1", 0, quote_end, "Guizhou")], None, numbers)
    curated, dismissed, unreviewed = body.split('<span data-ledger="')[1:]
    # The curated number sits inside its fact's yellow quote, in the curated style.
    at = body.index('data-ledger="curated"')
    assert body.rfind("<mark", 0, at) > body.rfind("</mark>", 0, at)
    assert body.find("</mark>", at) < body.find("<mark", at)
    assert curated.startswith(f'curated" style="{NUMBER_STYLES["curated"]}" title="curated&#58; '
                              'f1">85 exaflops</span>')
    assert dismissed.startswith(f'dismissed" style="{NUMBER_STYLES["dismissed"]}"')
    assert "<b>" not in dismissed and "&#60;b&#62;fare&#60;/b&#62; &#38; &#34;price&#34;" in (
        dismissed)
    assert ">2 yuan</span>" in dismissed
    assert unreviewed.startswith(f'unreviewed" style="{NUMBER_STYLES["unreviewed"]}"')
    assert ">3</span><sup" in unreviewed and "unreviewed</sup>" in unreviewed
    assert len({NUMBER_STYLES[k] for k in ("curated", "dismissed", "unreviewed")}) == 3


def test_article_html_number_text_is_escaped():
    text = "It cost <b>5</b> yuan.\n"
    start = text.index("5")
    body = article_html([Segment(0, len(text), "body", "", text)], [],
                        numbers=[NumberMark(start - 3, start + 5, "unreviewed", "x")])
    assert "<b>" not in body and "&#60;b&#62;5&#60;/b&#62;" in body
