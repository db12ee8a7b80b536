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
# Metrics whose evidence is drawn at once (in the metrics' curated order); every figure of the
# others is in the table above them, and their cards are one click away.
METRICS_SHOWN = 6

tables = render.tables_or_stop()
st.title("Region")
render.empty_notice(tables, ("regions",), stop=True)
render.empty_notice(tables, ("facts",), stop=False)
facts, regions, metrics = tables.facts, tables.regions, tables.metrics
labels = figures.region_labels(regions)
options = figures.region_order(regions)
focus = figures.focus_regions(regions)
SPEC = [Param("region", "region", tuple(options), focus[0] if focus else options[0])]

read_url(PAGE, SPEC)
region_id = st.selectbox("Region", options, key=widget_key(PAGE, "region"),
                         format_func=labels.get)
write_url(PAGE, SPEC, {"region": region_id})

region = regions.set_index("region_id").loc[region_id]
st.header(escape_text(labels[region_id]))
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
            render.page_link(render.REGION_PAGE, label=escape_text(labels[parent]), icon="⬆️",
                             query_params={"region": parent})
    with links[1]:
        if not children.empty:
            st.caption(f"Contains ({len(children)})")
            render.first_then_on_request(
                figures.region_order(children), LINKS_SHOWN,
                lambda child: render.page_link(render.REGION_PAGE,
                                               label=escape_text(labels[child]), icon="⬇️",
                                               query_params={"region": child}),
                label=lambda count: f"{count} more", key="more-children")

own = facts[facts["region_id"] == region_id]
look = data.lookups()
st.subheader(f"Figures ({len(own)})")
if own.empty:
    st.info("No article gives a figure for this region.")
else:
    st.dataframe(figures.region_summary(own, metrics, look.source_titles), hide_index=True)
# Actual figures before targets, the newest first: the ones a reader most likely came for.
ordered = own.assign(_target=own["status"] == "target", _year=own["year"].fillna(0)).sort_values(
    ["_target", "_year", "fact_id"], ascending=[True, False, True], kind="stable")
by_metric: dict[str, list[dict]] = {}
for fact in ordered.to_dict("records"):
    by_metric.setdefault(fact["metric_id"], []).append(fact)


def metric_evidence(metric) -> None:
    """A metric's heading, its latest figure's card and the others on request."""
    st.markdown(f"#### {escape_text(figures.metric_axis_title(metric._asdict()))}")
    render.first_then_on_request(
        by_metric[metric.metric_id], CARDS_PER_METRIC,
        lambda fact: render.evidence_card(fact, look.sources[fact["source_id"]],
                                          labels[region_id], key_prefix="region-evidence"),
        label=lambda count: f"{count} earlier figure{'s' if count > 1 else ''}",
        key=f"more-{metric.metric_id}")


render.first_then_on_request(
    [metric for metric in metrics.itertuples() if metric.metric_id in by_metric],
    METRICS_SHOWN, metric_evidence,
    label=lambda count: f"Evidence for {count} more metric{'s' if count > 1 else ''} "
    "(all are in the table above)",
    key="more-metrics")

involved = tables.conflicts[(tables.conflicts["region_id_a"] == region_id)
                            | (tables.conflicts["region_id_b"] == region_id)]
st.subheader(f"Conflicts ({len(involved)})")
if involved.empty:
    st.caption("No source contradicts another about this region.")


def link_to_other_region(conflict) -> None:
    """Under a conflict's notice: a link to the other region of the claim, if another."""
    other = conflict.region_id_b if conflict.region_id_a == region_id else conflict.region_id_a
    if other != region_id:
        render.page_link(render.REGION_PAGE, label=f"See {escape_text(labels[other])}", icon="📍",
                         query_params={"region": other})


render.conflict_notices(involved, key="region_conflicts", after_each=link_to_other_region)

st.subheader("Sources")
figures_per_source = own["source_id"].value_counts()
source_ids = sorted(figures_per_source.index)
if not source_ids:
    st.caption("No article.")


def source_link(source_id: str) -> None:
    count = int(figures_per_source[source_id])
    render.page_link(render.SOURCES_PAGE, icon="📄", query_params={"source": source_id},
                     label=f"{source_id} · {escape_text(look.source_titles[source_id])} "
                     f"({count} figure{'s' if count > 1 else ''})")


render.first_then_on_request(source_ids, LINKS_SHOWN, source_link,
                             label=lambda count: f"{count} more articles", key="more_sources")
