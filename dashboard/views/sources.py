"""Sources: each article's record and its text, every fact's quote marked, page junk dimmed."""

from __future__ import annotations

import streamlit as st

from dashboard import figures, render
from dashboard.markup import (
    Segment,
    Span,
    article_html,
    escape_text,
    external_link,
    highlight_quote,
)
from dashboard.params import Param, read_url, widget_key, write_url

PAGE = "sources"

tables = render.tables_or_stop()
facts, sources, regions = tables.facts, tables.sources, tables.regions
labels = figures.region_labels(regions)
metric_labels = dict(zip(tables.metrics["metric_id"], tables.metrics["label"], strict=True))
options = list(sources["source_id"])
titles = dict(zip(sources["source_id"], sources["title"], strict=True))
fact_sources = dict(zip(facts["fact_id"], facts["source_id"], strict=True))
SPEC = [
    Param("source", "source", tuple(options), options[0] if options else None),
    Param("fact", "fact", tuple(facts["fact_id"]), None, widget=False),
]

st.title("Sources")
# A link that names a figure but no article opens the figure's own article.
linked = st.query_params.get_all("fact")
if "source" not in st.query_params and len(linked) == 1 and linked[0] in fact_sources:
    st.query_params["source"] = fact_sources[linked[0]]
url = read_url(PAGE, SPEC)
source_id = st.selectbox("Article", options, key=widget_key(PAGE, "source"),
                         format_func=lambda s: f"{s} · {titles[s]}")
own = facts[facts["source_id"] == source_id].sort_values(["quote_start", "fact_id"])
selected = url["fact"] if url["fact"] in set(own["fact_id"]) else None
if url["fact"] and selected is None and source_id == url["source"]:
    # The link itself pairs the figure with another article: say so and offer the right one.
    # (When the reader has just picked another article, the figure is dropped quietly.)
    home = fact_sources[url["fact"]]
    st.warning(f"The figure in the link, **{escape_text(url['fact'])}**, is from another "
               f"article ({escape_text(home)} · {escape_text(titles[home])}); it is not "
               "highlighted here.", icon="⚠️")
    st.page_link(render.SOURCES_PAGE, label=f"Open it in its own article ({escape_text(home)})",
                 icon="📄",
                 query_params={"source": home, "fact": url["fact"]})
write_url(PAGE, SPEC, {"source": source_id, "fact": selected})

source = sources.set_index("source_id").loc[source_id]
st.header(escape_text(source["title"]))
rows = [
    ("Publisher", escape_text(source["publisher"]) or "not stated"),
    ("URL", external_link(str(source["url"])) if source["url"] else "not known"),
    ("Published", escape_text(figures.published_text(source.to_dict()))),
    ("File", f"<code>{escape_text(source['file'])}</code>"),
    ("SHA-256", f"<code>{escape_text(source['sha256'])}</code>"),
    ("Characters", f"{source['chars']:,}" if source["chars"] is not None else ""),
]
st.markdown("\n".join(f"- **{name}:** {value}" for name, value in rows), unsafe_allow_html=True)

if selected:
    fact = own.set_index("fact_id").loc[selected].to_dict() | {"fact_id": selected}
    st.info(
        f"Highlighted from the link: **{selected}** · {escape_text(labels[fact['region_id']])} · "
        f"{escape_text(metric_labels[fact['metric_id']])} · "
        f"{escape_text(figures.fact_label(fact))}",
        icon="🔎",
    )

st.subheader(f"Figures taken from this article ({len(own)})")
for number, fact in enumerate(own.to_dict("records"), start=1):
    st.page_link(
        render.SOURCES_PAGE, icon="🔸" if fact["fact_id"] == selected else "▫️",
        label=(f"[{number}] {fact['fact_id']} · {escape_text(labels[fact['region_id']])} · "
               f"{escape_text(metric_labels[fact['metric_id']])}: "
               f"{escape_text(figures.fact_label(fact))}"),
        query_params={"source": source_id, "fact": fact["fact_id"]},
    )
    if fact["fact_id"] == selected:
        st.markdown(highlight_quote(fact["quote"], fact["as_written"]), unsafe_allow_html=True)

st.subheader("Text")
st.caption("Yellow: the quote of a figure (its number in the list above follows in brackets); "
           "orange: the figure from the link. Small grey text is page junk (navigation, "
           "disclaimers, photo credits), not part of the article. The text is shown exactly as "
           "received.")
segments = [
    Segment(int(row.start), int(row.end), row.kind, row.reason, row.text)
    for row in tables.segments[tables.segments["source_id"] == source_id].itertuples()
]
spans = [
    Span(fact["fact_id"], int(fact["quote_start"]), int(fact["quote_end"]),
         f"{labels[fact['region_id']]} · {figures.fact_label(fact)}", tag=str(number))
    for number, fact in enumerate(own.to_dict("records"), start=1)
]
st.html(article_html(segments, spans, selected))
