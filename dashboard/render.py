"""Streamlit pieces the pages share: the data error page, the notice of a table with no row and
the evidence card of a fact."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.figures import CONFLICTS_LISTED, fact_label, published_text
from dashboard.markup import escape_text, highlight_quote, one_line

SOURCES_PAGE = "views/sources.py"
COMPARE_PAGE = "views/compare.py"
REGION_PAGE = "views/region.py"
# The app's pages, in the sidebar's order: script (relative to dashboard/), title, icon and URL
# path ("" for the default page). dashboard/app.py builds its navigation from these.
PAGES = (
    ("views/side_by_side.py", "Side by side", "🧮", ""),
    (COMPARE_PAGE, "Compare", "📊", "compare"),
    ("views/map.py", "Map", "🗺️", "map"),
    (REGION_PAGE, "Region", "📍", "region"),
    (SOURCES_PAGE, "Sources", "📄", "sources"),
    ("views/data.py", "Data", "⬇️", "data"),
)
_LINK_TARGETS: dict[str, st.Page] = {}
# A table the build wrote without a row: its curation file lists nothing yet.
EMPTY_TABLES = {
    "regions": "No regions yet: data/curation/regions.yaml lists none.",
    "metrics": "No metrics yet: data/curation/metrics.yaml declares none.",
    "sources": "No articles yet: data/curation/sources.yaml lists none.",
    "facts": "No curated facts yet: data/curation/facts.yaml lists none.",
}


def _page(script: str, title: str, icon: str, url_path: str) -> st.Page:
    return st.Page(script, title=title, icon=icon, url_path=url_path or None,
                   default=not url_path)


def navigation_pages() -> list[st.Page]:
    """New st.Page objects for st.navigation (made each run: navigation marks them as runnable
    for that run, so they are not shared between sessions)."""
    return [_page(*page) for page in PAGES]


def link_target(script: str) -> st.Page:
    """The page of `script` for st.page_link, made once per process: given a path, page_link
    resolves it on disk each time, which many evidence cards on a page add up to."""
    target = _LINK_TARGETS.get(script)
    if target is None:
        target = _LINK_TARGETS[script] = _page(*next(page for page in PAGES
                                                     if page[0] == script))
    return target


def page_link(script: str, **kwargs) -> None:
    """st.page_link to one of the app's pages (`script`, e.g. SOURCES_PAGE)."""
    st.page_link(link_target(script), **kwargs)


def error_page(error: data.DataError) -> None:
    """Say which file is broken and how to rebuild it, instead of a traceback."""
    st.title("The data could not be loaded")
    path = str(error.path).replace("`", "")
    st.error(f"`{path}` {escape_text(error.problem)}\n\n{error.hint}", icon="🛑")
    st.caption("The dashboard reads only data/tidy/ and data/geo/; nothing was changed.")


def tables_or_stop() -> data.Tables:
    """The tidy tables, or the error page and the end of this run."""
    try:
        return data.tables()
    except data.DataError as error:
        error_page(error)
        st.stop()
        raise  # unreachable: st.stop() ends the run


def empty_notice(tables: data.Tables, names: Sequence[str], *, stop: bool) -> None:
    """Say which of the tables `names` (keys of EMPTY_TABLES) have no row; with `stop`, end the
    run after saying so, for a page that has nothing to show without them."""
    said = " ".join(EMPTY_TABLES[name] for name in names if getattr(tables, name).empty)
    if not said:
        return
    if stop:
        st.info(f"{said} This page has nothing to show until then: add entries and run "
                "`make data` to rebuild data/tidy/.", icon="ℹ️")
        st.stop()
    st.info(said, icon="ℹ️")


def first_then_on_request(items: Sequence, shown: int, draw: Callable[[object], None], *,
                          label: Callable[[int], str], key: str) -> None:
    """Draw the first `shown` items; the others behind an expander (titled `label(how many)`)
    that draws them only once it is opened, so a long list costs a page nothing until asked."""
    for item in items[:shown]:
        draw(item)
    rest = items[shown:]
    if rest:
        more = st.expander(label(len(rest)), key=key, on_change="rerun")
        if more.open:
            with more:
                for item in rest:
                    draw(item)


def conflict_notices(conflicts: pd.DataFrame, *, key: str,
                     after_each: Callable[[object], None] | None = None) -> None:
    """Each conflict as a notice when there are a few (`after_each(conflict)` draws what
    follows each one); else one notice that counts them and a table of all of them behind an
    expander, so the page under it stays in reach."""
    if len(conflicts) <= CONFLICTS_LISTED:
        for conflict in conflicts.itertuples():
            st.info(f"**Conflicting sources** — {escape_text(conflict.description)}", icon="⚖️")
            if after_each is not None:
                after_each(conflict)
        return
    st.info(f"**Conflicting sources** — {len(conflicts)} pairs of figures disagree; the table "
            "below lists them.", icon="⚖️")
    # Lazy: the table is drawn once the reader opens it; a table redrawn on every change of
    # the page cost the Map page seconds in a browser without a GPU.
    listing = st.expander(f"All {len(conflicts)} conflicts", key=key, on_change="rerun")
    if listing.open:
        listing.dataframe(conflicts[["description", "fact_id_a", "fact_id_b"]].rename(columns={
            "description": "What disagrees", "fact_id_a": "Figure", "fact_id_b": "Against"}),
            hide_index=True)


def evidence_card(fact: Mapping, source: Mapping, region_label: str, *,
                  selected: bool = False, key_prefix: str = "evidence") -> None:
    """A fact's figure, its quote with the number marked, the source and a link to the text.

    One Markdown block and one link per card: the Compare page redraws them on every change.
    """
    with st.container(border=True, key=f"{key_prefix}-{fact['fact_id']}"):
        badge = " &nbsp;:orange-badge[selected in chart]" if selected else ""
        # One line each: a blank line would end the HTML block the quote or the note sits in.
        quote = highlight_quote(one_line(fact["quote"]), one_line(fact["as_written"]))
        background = "#fff7ed" if selected else "#f9fafb"
        border = "#f59e0b" if selected else "#d1d5db"
        publisher = f" — {escape_text(source['publisher'])}" if source.get("publisher") else ""
        note = f" · Note: {escape_text(one_line(fact['note']))}" if fact.get("note") else ""
        st.markdown(
            f"**{escape_text(region_label)}** · {escape_text(fact_label(fact))}{badge}\n\n"
            f'<blockquote style="margin:0 0 6px 0;padding:6px 12px;background:{background};'
            f'border-left:4px solid {border};color:#1f2937;opacity:1">{quote}</blockquote>\n\n'
            f'<div style="font-size:0.85rem;color:#6b7280">Source: <em>'
            f"{escape_text(source['title'])}</em>{publisher} · published "
            f"{escape_text(published_text(source))}{note}</div>",
            unsafe_allow_html=True,
        )
        page_link(
            SOURCES_PAGE,
            label=f"Open in the article ({escape_text(fact['source_id'])}, "
                  f"{escape_text(fact['fact_id'])})",
            icon="📄",
            query_params={"source": fact["source_id"], "fact": fact["fact_id"]},
        )
