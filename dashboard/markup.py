"""Escaped HTML for untrusted text: quotes with their number marked, article text with fact spans
and every number of the ledger marked by what became of it (curated, dismissed, unreviewed).

Everything that comes from an article (quotes, titles, the text itself) passes through
`escape_text` before it is placed in HTML; only the tags written here are ever markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, urlparse

# HTML specials plus every character Markdown (and Streamlit's math and emoji shortcodes) could
# read as syntax, written as numeric character references so the text shows literally.
_LITERAL = {char: f"&#{ord(char)};" for char in "&<>\"'\\`*_{}[]()#+-.!|~$:=^%@"}

MARK_STYLE = "background:#fde68a;padding:0 1px;border-radius:2px"
SELECTED_MARK_STYLE = (
    "background:#f59e0b;color:#111;padding:0 1px;border-radius:2px;outline:2px solid #b45309"
)
# The ledger's numbers: a curated one stands out inside its yellow quote; a dismissed one is
# muted and dashed, its reason on hover; an unreviewed one is loud, as someone must still act.
NUMBER_STYLES = {
    "curated": "font-weight:700;border-bottom:2px solid #b45309",
    "dismissed": ("background:#e5e7eb;color:#4b5563;border-bottom:2px dashed #6b7280;"
                  "cursor:help;padding:0 1px;border-radius:2px"),
    "unreviewed": ("background:#dc2626;color:#fff;font-weight:700;padding:0 2px;"
                   "border-radius:2px;outline:2px solid #7f1d1d;cursor:help"),
}
UNREVIEWED_TAG = ('<sup style="color:#b91c1c;font-weight:700;font-size:0.75em;margin-left:4px">'
                  "unreviewed</sup>")


def escape_text(text: object) -> str:
    """Text safe inside HTML and Markdown: no tag, entity or Markdown syntax survives."""
    return "".join(_LITERAL.get(char, char) for char in str(text))


def one_line(text: object) -> str:
    """The text with each run of white space, line breaks included, as one space.

    For text placed inside a Markdown block: a blank line in it would end the block (an HTML
    block's closing tag left dangling after it), and a line indented after it would become a
    code block that shows the escaped entities literally.
    """
    return " ".join(str(text).split())


def external_link(url: str) -> str:
    """An http(s) URL as a Markdown link (Streamlit opens it in a new tab, without referrer);
    anything else as plain text.

    Markdown, not an <a> tag: Streamlit's Markdown turns a URL it finds in text into a link of
    its own, even inside an <a>, which left an empty anchor beside an auto-linked copy. Inside a
    Markdown link's text it makes no second link.
    """
    parsed = urlparse(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return escape_text(url)
    # Percent-encoded, and without < > ( ) or spaces, the destination cannot end early.
    href = quote(url.strip(), safe=":/?#@!$&'*+,;=%-._~")
    return f"[{escape_text(url.strip())}](<{href}>)"


def escape_html(text: object) -> str:
    """Text for what reads HTML but no Markdown: plotly labels and hovers (a few tags, <b>, <a>)
    and `st.html`. Markdown's characters stay as they are: each escaped as an entity made a large
    table markedly slower for the browser to read."""
    return html.escape(str(text), quote=False)


def highlight_quote(quote: str, as_written: str, *, escape=escape_text,
                    style: str | None = MARK_STYLE) -> str:
    """The escaped quote with the number as written wrapped in <mark> (first occurrence).

    `escape` makes text safe where it goes (the default also for Markdown); `style` None
    leaves the <mark> bare, for HTML whose own style sheet styles it.
    """
    start = quote.find(as_written) if as_written else -1
    if start < 0 and as_written:
        start = quote.lower().find(as_written.lower())
    if start < 0:
        return escape(quote)
    end = start + len(as_written)
    opening = "<mark>" if style is None else f'<mark style="{style}">'
    return f"{escape(quote[:start])}{opening}{escape(quote[start:end])}</mark>{escape(quote[end:])}"


@dataclass(frozen=True)
class Span:
    """A fact's quote in the raw article text."""

    fact_id: str
    start: int
    end: int
    title: str
    tag: str = ""  # short marker after the span, e.g. the fact's number in a list; else its id


@dataclass(frozen=True)
class NumberMark:
    """A number of the ledger in the raw article text, with its disposition and hover text."""

    start: int
    end: int
    disposition: str  # curated, dismissed or unreviewed
    title: str


@dataclass(frozen=True)
class Segment:
    """A stretch of the raw article: body text, page junk or a repeated copy."""

    start: int
    end: int
    kind: str
    reason: str
    text: str


def anchor_id(fact_id: str) -> str:
    """The HTML id of a fact's highlighted span (letters, digits, - and _ only)."""
    safe = "".join(char if char.isascii() and (char.isalnum() or char in "-_") else "-"
                   for char in fact_id)
    return f"fact-{safe}"


def _number_html(text: str, number: NumberMark | None, ends_here: bool) -> str:
    """Escaped text, wrapped in the style of the ledger number it belongs to, if any."""
    if number is None:
        return escape_text(text)
    style = NUMBER_STYLES.get(number.disposition, NUMBER_STYLES["unreviewed"])
    tag = UNREVIEWED_TAG if ends_here and number.disposition == "unreviewed" else ""
    return (f'<span data-ledger="{escape_text(number.disposition)}" style="{style}" '
            f'title="{escape_text(number.title)}">{escape_text(text)}</span>{tag}')


def _marked_text(segment: Segment, spans: Iterable[Span], selected: str | None,
                 anchored: set[str], numbers: Iterable[NumberMark] = ()) -> str:
    """Escaped segment text; the parts inside fact spans wrapped in <mark>, numbers styled."""
    inside = [span for span in spans if span.start < segment.end and span.end > segment.start]
    marks = [n for n in numbers if n.start < segment.end and n.end > segment.start]
    cuts = {segment.start, segment.end}
    for span in (*inside, *marks):
        cuts.update(cut for cut in (span.start, span.end) if segment.start < cut < segment.end)
    ordered = sorted(cuts)
    pieces = []
    for left, right in zip(ordered, ordered[1:], strict=False):
        text = segment.text[left - segment.start:right - segment.start]
        number = next((n for n in marks if n.start <= left and right <= n.end), None)
        shown = _number_html(text, number, number is not None and number.end == right)
        covering = [span for span in inside if span.start <= left and right <= span.end]
        if not covering:
            pieces.append(shown)
            continue
        anchors = ""
        for span in covering:
            if span.fact_id not in anchored:
                anchored.add(span.fact_id)
                anchors += f'<span id="{anchor_id(span.fact_id)}"></span>'
        is_selected = any(span.fact_id == selected for span in covering)
        style = SELECTED_MARK_STYLE if is_selected else MARK_STYLE
        title = escape_text("; ".join(f"{span.fact_id}: {span.title}" for span in covering))
        pieces.append(f'{anchors}<mark style="{style}" title="{title}">{shown}</mark>')
        for span in inside:
            if span.end == right:
                pieces.append(
                    f'<sup style="color:#6b7280;font-size:0.7em">'
                    f"[{escape_text(span.tag or span.fact_id)}]</sup>"
                )
    return "".join(pieces)


def article_html(segments: Iterable[Segment], spans: Iterable[Span],
                 selected: str | None = None, numbers: Iterable[NumberMark] = ()) -> str:
    """The whole article as escaped HTML: fact spans marked, numbers styled by their ledger
    disposition, junk dimmed, repeats labelled."""
    spans = list(spans)
    numbers = list(numbers)
    anchored: set[str] = set()
    parts = []
    for segment in segments:
        text = _marked_text(segment, spans, selected, anchored, numbers)
        if segment.kind == "junk":
            label = escape_text(f"page junk: {segment.reason}" if segment.reason else "page junk")
            parts.append(
                f'<span style="color:#9ca3af;font-size:0.82em" title="{label}">'
                f'<span style="font-variant:small-caps;border:1px solid #d1d5db;'
                f'border-radius:3px;padding:0 3px;margin-right:4px">{label}</span>{text}</span>'
            )
        elif segment.kind == "duplicate":
            parts.append(
                '<div style="border-left:4px solid #9ca3af;padding-left:10px;color:#6b7280;'
                'margin:6px 0"><div style="font-weight:600;color:#374151;white-space:normal">'
                "Repeated copy of the article — not a second source</div>"
                f"{text}</div>"
            )
        else:
            parts.append(text)
    body = "".join(parts)
    return (
        '<div style="white-space:pre-wrap;line-height:1.65;font-size:0.95rem;'
        'border:1px solid #e5e7eb;border-radius:6px;padding:12px 16px;'
        f'overflow-wrap:anywhere">{body}</div>'
    )
