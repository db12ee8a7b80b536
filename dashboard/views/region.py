"""Region: everything known about one region — names, level, parent, facts, conflicts, sources."""

from __future__ import annotations

import streamlit as st

from dashboard import data, figures, render
from dashboard.markup import escape_text
from dashboard.params import Param, read_url, widget_key, write_url

PAGE = "region"
# A province with dozens of cities, a region with hundreds of figures and articles: the first
# few of each are drawn, the rest wait behind an expander that draws them when opened.
LINKS_SHOWN = 12
CARDS_PER_METRIC = 1

tables = render.tables_or_stop()
facts, regions, metrics, sources = tables.facts, tables.regions, tables.metrics, tables.sources
labels = figures.region_labels(regions)
options = figures.region_order(regions)
focus = figures.focus_regions(regions)
SPEC = [Param("region", "region", tuple(options), focus[0] if focus else options[0])]

st.title("Region")
read_url(PAGE, SPEC)
region_id = st.selectbox("Region", options, key=widget_key(PAGE, "region"),
                         format_func=labels.get)
write_url(PAGE, SPEC, {"region": region_id})

region = regions.set_index("region_id").loc[region_id]
st.header(labels[region_id])
details = [f"**Level:** {escape_text(figures.LEVEL_NAMES.get(region['level'], region['level']))}"]
if region["aliases"]:
    details.append(f"**Also written:** {escape_text(region['aliases'])}")
if region["focus"]:
    details.append("one of the focus regions shown by default")
st.markdown(" · ".join(details))



def region_links(region_ids: list[str], name: str) -> None:
    """A link to each region's page: the first LINKS_SHOWN, the rest behind an expander."""
    for other in region_ids[:LINKS_SHOWN]:
        st.page_link(render.REGION_PAGE, label=labels[other], icon="⬇️",
                     query_params={"region": other})
    if len(region_ids) > LINKS_SHOWN:
        more = st.expander(f"{len(region_ids) - LINKS_SHOWN} more", key=f"more-{name}",
                           on_change="rerun")
        if more.open:
            with more:
                for other in region_ids[LINKS_SHOWN:]:
                    st.page_link(render.REGION_PAGE, label=labels[other], icon="⬇️",
                                 query_params={"region": other})


parent = region["parent_id"]
children = regions[regions["parent_id"] == region_id]
if parent or not children.empty:
    links = st.columns(2)
    with links[0]:
        if parent:
            st.caption("Part of")
            st.page_link(render.REGION_PAGE, label=labels[parent], icon="⬆️",
                         query_params={"region": parent})
    with links[1]:
        if not children.empty:
            st.caption(f"Contains ({len(children)})")
            region_links(figures.region_order(children), "children")

own = facts[facts["region_id"] == region_id]
sources_by_id = sources.set_index("source_id", drop=False)
st.subheader(f"Figures ({len(own)})")
if own.empty:
    st.info("No article gives a figure for this region.")
else:
    st.dataframe(figures.region_summary(own, metrics, dict(zip(sources["source_id"],
                 sources["title"], strict=True))), hide_index=True)
source_rows = data.lookups().sources
# Actual figures before targets, the newest first: the ones a reader most likely came for.
ordered = own.assign(_target=own["status"] == "target", _year=own["year"].fillna(0)).sort_values(
    ["_target", "_year", "fact_id"], ascending=[True, False, True], kind="stable")
by_metric: dict[str, list[dict]] = {}
for fact in ordered.to_dict("records"):
    by_metric.setdefault(fact["metric_id"], []).append(fact)
for metric in metrics.itertuples():
    records = by_metric.get(metric.metric_id)
    if not records:
        continue
    st.markdown(f"#### {escape_text(figures.metric_axis_title(metric._asdict()))}")
    for fact in records[:CARDS_PER_METRIC]:
        render.evidence_card(fact, source_rows[fact["source_id"]], labels[region_id],
                             key_prefix="region-evidence")
    if len(records) > CARDS_PER_METRIC:
        earlier = len(records) - CARDS_PER_METRIC
        more = st.expander(f"{earlier} earlier figure{'s' if earlier > 1 else ''}",
                           key=f"more-{metric.metric_id}", on_change="rerun")
        if more.open:
            with more:
                for fact in records[CARDS_PER_METRIC:]:
                    render.evidence_card(fact, source_rows[fact["source_id"]],
                                         labels[region_id], key_prefix="region-evidence")

involved = tables.conflicts[(tables.conflicts["region_id_a"] == region_id)
                            | (tables.conflicts["region_id_b"] == region_id)]
st.subheader(f"Conflicts ({len(involved)})")
if involved.empty:
    st.caption("No source contradicts another about this region.")
elif len(involved) > figures.CONFLICTS_LISTED:
    render.conflict_notices(involved, key="region_conflicts")
for conflict in involved.itertuples() if len(involved) <= figures.CONFLICTS_LISTED else ():
    other = conflict.region_id_b if conflict.region_id_a == region_id else conflict.region_id_a
    st.info(f"**Conflicting sources** — {escape_text(conflict.description)}", icon="⚖️")
    if other != region_id:
        st.page_link(render.REGION_PAGE, label=f"See {labels[other]}", icon="📍",
                     query_params={"region": other})

st.subheader("Sources")
source_ids = list(dict.fromkeys(own.sort_values("source_id")["source_id"]))
if not source_ids:
    st.caption("No article.")


def source_link(source_id: str) -> None:
    source = sources_by_id.loc[source_id]
    count = int((own["source_id"] == source_id).sum())
    st.page_link(render.SOURCES_PAGE, icon="📄", query_params={"source": source_id},
                 label=f"{source_id} · {escape_text(source['title'])} "
                 f"({count} figure{'s' if count > 1 else ''})")


for source_id in source_ids[:LINKS_SHOWN]:
    source_link(source_id)
if len(source_ids) > LINKS_SHOWN:
    more_sources = st.expander(f"{len(source_ids) - LINKS_SHOWN} more articles",
                               key="more_sources", on_change="rerun")
    if more_sources.open:
        with more_sources:
            for source_id in source_ids[LINKS_SHOWN:]:
                source_link(source_id)
