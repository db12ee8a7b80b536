"""Sources: each article's record and its text, every fact's quote marked, page junk dimmed, and
every number of the body marked by its place in the ledger: curated, dismissed or unreviewed."""

from __future__ import annotations

import streamlit as st

from dashboard import data, figures, ledger, render
from dashboard.markup import (
    NumberMark,
    Segment,
    Span,
    article_html,
    escape_text,
    external_link,
    highlight_quote,
    one_line,
)
from dashboard.params import Param, read_url, widget_key, write_url

PAGE = "sources"
# A long report can hold a hundred figures: the first links are drawn, the rest on request.
FACT_LINKS_SHOWN = 15

tables = render.tables_or_stop()
st.title("Sources")
render.empty_notice(tables, ("sources",), stop=True)
render.empty_notice(tables, ("facts",), stop=False)
facts, sources, regions = tables.facts, tables.sources, tables.regions
labels = figures.region_labels(regions)
metric_labels = dict(zip(tables.metrics["metric_id"], tables.metrics["label"], strict=True))
options = list(sources["source_id"])
titles = dict(zip(sources["source_id"], sources["title"], strict=True))
fact_sources = dict(zip(facts["fact_id"], facts["source_id"], strict=True))
ledger_counts = ledger.ledger_counts(tables.ledger, options)
SPEC = [
    Param("source", "source", tuple(options), options[0] if options else None),
    Param("fact", "fact", data.lookups().fact_ids, None, widget=False),
]

# A link that names a figure but no article opens the figure's own article.
linked = st.query_params.get_all("fact")
if "source" not in st.query_params and len(linked) == 1 and linked[0] in fact_sources:
    st.query_params["source"] = fact_sources[linked[0]]
url = read_url(PAGE, SPEC)
source_id = st.selectbox("Article", options, key=widget_key(PAGE, "source"),
                         format_func=lambda s: ledger.source_option(s, titles[s],
                                                                     ledger_counts[s]))
with st.expander("The ledger of every article: how many of its numbers are curated, dismissed "
                 "or unreviewed"):
    st.dataframe(ledger.counts_table(ledger_counts, titles), hide_index=True)
own = facts[facts["source_id"] == source_id].sort_values(["quote_start", "fact_id"])
selected = url["fact"] if url["fact"] in set(own["fact_id"]) else None
if url["fact"] and selected is None and source_id == url["source"]:
    # The link itself pairs the figure with another article: say so and offer the right one.
    # (When the reader has just picked another article, the figure is dropped quietly.)
    home = fact_sources[url["fact"]]
    st.warning(f"The figure in the link, **{escape_text(url['fact'])}**, is from another "
               f"article ({escape_text(home)} · {escape_text(titles[home])}); it is not "
               "highlighted here.", icon="⚠️")
    render.page_link(render.SOURCES_PAGE, icon="📄",
                     label=f"Open it in its own article ({escape_text(home)})",
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
        f"Highlighted from the link: **{escape_text(selected)}** · "
        f"{escape_text(labels[fact['region_id']])} · "
        f"{escape_text(metric_labels[fact['metric_id']])} · "
        f"{escape_text(figures.fact_label(fact))}",
        icon="🔎",
    )

st.subheader(f"Figures taken from this article ({len(own)})")


def fact_link(numbered: tuple[int, dict]) -> None:
    number, fact = numbered
    render.page_link(
        render.SOURCES_PAGE, icon="🔸" if fact["fact_id"] == selected else "▫️",
        label=(f"[{number}] {escape_text(fact['fact_id'])} · "
               f"{escape_text(labels[fact['region_id']])} · "
               f"{escape_text(metric_labels[fact['metric_id']])}: "
               f"{escape_text(figures.fact_label(fact))}"),
        query_params={"source": source_id, "fact": fact["fact_id"]},
    )
    if fact["fact_id"] == selected:
        st.markdown(highlight_quote(one_line(fact["quote"]), one_line(fact["as_written"])),
                    unsafe_allow_html=True)


own_records = list(enumerate(own.to_dict("records"), start=1))
# A linked figure beyond the first few is drawn above the list, not hidden in the expander.
for numbered in own_records[FACT_LINKS_SHOWN:]:
    if numbered[1]["fact_id"] == selected:
        fact_link(numbered)
render.first_then_on_request(
    own_records, FACT_LINKS_SHOWN, fact_link,
    label=lambda count: f"{count} more figures (all are marked in the text below)",
    key="more_facts")

own_ledger = tables.ledger[tables.ledger["source_id"] == source_id]
counts = ledger_counts[source_id]
st.subheader("Every number in the article")
columns = st.columns(4)
for column, (label, count) in zip(columns, (("Numbers in the body", sum(counts.values())),
                                            *((name.capitalize(), counts[name])
                                              for name in ledger.DISPOSITIONS)), strict=True):
    column.metric(label, f"{count:,}")
if counts["unreviewed"]:
    # Not st.warning: the page's warnings are its notices about the link.
    st.markdown(f":red-background[**⚠ {counts['unreviewed']} number"
                f"{'s' if counts['unreviewed'] != 1 else ''} nobody has reviewed yet** (red in "
                "the text): curate each in facts.yaml or dismiss it in dismissed.yaml.]")
dismissed = own_ledger[own_ledger["disposition"] == "dismissed"]
if len(dismissed):
    with st.expander(f"Numbers dismissed, with the reason ({len(dismissed)})"):
        st.markdown("\n".join(
            f"- **{escape_text(row.as_written)}**: {escape_text(ledger.reason_label(row.reason))}"
            + (f" — {escape_text(one_line(row.note))}" if row.note else "")
            for row in dismissed.itertuples()
        ), unsafe_allow_html=True)

st.subheader("Text")
st.caption("Yellow: the quote of a figure (its number in the list above follows in brackets); "
           "orange: the figure from the link. Numbers: bold and underlined where a fact curates "
           "them; grey and dashed where they were dismissed (the reason shows on hover); red "
           "where nobody has reviewed them yet. Small grey text is page junk (navigation, "
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
numbers = [
    NumberMark(int(row.start), int(row.end), row.disposition, ledger.ledger_title(row._asdict()))
    for row in own_ledger.itertuples()
]
st.html(article_html(segments, spans, selected, numbers))
