"""Region: everything known about one region — names, level, parent, facts, conflicts, sources."""

from __future__ import annotations

import streamlit as st

from dashboard import figures, render
from dashboard.markup import escape_text
from dashboard.params import Param, read_url, widget_key, write_url

PAGE = "region"

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
            st.caption("Contains")
            for child in figures.region_order(children):
                st.page_link(render.REGION_PAGE, label=labels[child], icon="⬇️",
                             query_params={"region": child})

own = facts[facts["region_id"] == region_id]
sources_by_id = sources.set_index("source_id", drop=False)
st.subheader(f"Figures ({len(own)})")
if own.empty:
    st.info("No article gives a figure for this region.")
else:
    st.dataframe(figures.region_summary(own, metrics, dict(zip(sources["source_id"],
                 sources["title"], strict=True))), hide_index=True)
for metric in metrics.itertuples():
    group = figures.facts_for(own, metric.metric_id, [region_id])
    if group.empty:
        continue
    st.markdown(f"#### {escape_text(figures.metric_axis_title(metric._asdict()))}")
    for fact in group.to_dict("records"):
        render.evidence_card(fact, sources_by_id.loc[fact["source_id"]].to_dict(),
                             labels[region_id], key_prefix="region-evidence")

involved = tables.conflicts[(tables.conflicts["region_id_a"] == region_id)
                            | (tables.conflicts["region_id_b"] == region_id)]
st.subheader(f"Conflicts ({len(involved)})")
if involved.empty:
    st.caption("No source contradicts another about this region.")
for conflict in involved.itertuples():
    other = conflict.region_id_b if conflict.region_id_a == region_id else conflict.region_id_a
    st.info(f"**Conflicting sources** — {escape_text(conflict.description)}", icon="⚖️")
    if other != region_id:
        st.page_link(render.REGION_PAGE, label=f"See {labels[other]}", icon="📍",
                     query_params={"region": other})

st.subheader("Sources")
source_ids = list(dict.fromkeys(own.sort_values("source_id")["source_id"]))
if not source_ids:
    st.caption("No article.")
for source_id in source_ids:
    source = sources_by_id.loc[source_id]
    count = int((own["source_id"] == source_id).sum())
    st.page_link(render.SOURCES_PAGE, icon="📄", query_params={"source": source_id},
                 label=f"{source_id} · {escape_text(source['title'])} "
                 f"({count} figure{'s' if count > 1 else ''})")
