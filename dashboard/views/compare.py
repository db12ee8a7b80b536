"""Compare: one metric across regions, each figure with the sentence it comes from."""

from __future__ import annotations

import streamlit as st

from dashboard import figures, render
from dashboard.markup import escape_text
from dashboard.params import Param, read_url, widget_key, write_url

PAGE = "compare"
PREFERRED_METRIC = "computing_power"

tables = render.tables_or_stop()
facts, regions, metrics, sources = tables.facts, tables.regions, tables.metrics, tables.sources
labels = figures.region_labels(regions)
colours = figures.region_colours(regions)
region_ids = figures.region_order(regions)
metric_ids = list(metrics["metric_id"])
metric_labels = dict(zip(metrics["metric_id"], metrics["label"], strict=True))
source_titles = dict(zip(sources["source_id"], sources["title"], strict=True))
sources_by_id = sources.set_index("source_id", drop=False)
default_metric = (PREFERRED_METRIC if PREFERRED_METRIC in metric_ids
                  else facts["metric_id"].value_counts().idxmax())
SPEC = [
    Param("metric", "metric", tuple(metric_ids), default_metric),
    Param("regions", "region", tuple(region_ids), figures.focus_regions(regions), multiple=True),
    Param("fact", "fact", tuple(facts["fact_id"]), None, widget=False),
]

st.title("Compare regions")
url = read_url(PAGE, SPEC)

metric_id = st.columns([2, 3])[0].selectbox(
    "Metric", metric_ids, key=widget_key(PAGE, "metric"), format_func=metric_labels.get
)
chosen = st.multiselect(
    "Regions", region_ids, key=widget_key(PAGE, "regions"), format_func=labels.get,
    placeholder="Pick regions to compare",
)
metric = metrics.set_index("metric_id").loc[metric_id].to_dict() | {"metric_id": metric_id}
st.caption(escape_text(metric["description"]) + (
    "" if metric["unit"] in ("text", "rank") else f" Unit: {escape_text(metric['unit'])}."
))

shown = figures.facts_for(facts, metric_id, chosen)
missing = figures.not_reported(facts, metric_id, chosen)
shown_ids = list(shown["fact_id"])
for note in figures.caveats(shown, regions, sources, tables.conflicts,
                            categorical=metric["kind"] == "categorical"):
    st.info(note, icon="ℹ️")

clicked = None
if not chosen:
    st.info("Pick at least one region to compare.")
elif shown.empty:
    st.info(f"No region picked reports {escape_text(metric['label'])}.")
elif metric["kind"] == "categorical":
    st.markdown(f"**{escape_text(metric['label'])}** — claims made by the articles "
                "(a claim, not a number, so a table rather than a chart):")
    st.dataframe(figures.claims_table(shown, labels, source_titles), hide_index=True)
else:
    chart = st.plotly_chart(
        figures.comparison_figure(shown, metric, labels, colours, source_titles),
        key="chart", on_select="rerun", selection_mode=("points",),
        config=figures.chart_config(metric_id), width="stretch",
    )
    for point in chart["selection"]["points"]:
        data = point.get("customdata")
        fact_id = data[0] if isinstance(data, list) and data else data
        if fact_id in shown_ids:
            clicked = fact_id
            break
    with st.expander("Data table"):
        st.dataframe(figures.comparison_table(shown, labels, source_titles), hide_index=True)
if missing:
    st.markdown("**Not reported:** " + ", ".join(escape_text(labels[r]) for r in missing)
                + " — no article gives this figure for them (not zero).")

# The highlighted fact: a click on the chart, else the link's `fact`; un-clicking clears it.
had_click = st.session_state.get("_compare_clicked")
if clicked:
    selected = clicked
elif had_click:
    selected = None
else:
    selected = url["fact"] if url["fact"] in shown_ids else None
st.session_state["_compare_clicked"] = clicked
write_url(PAGE, SPEC, {"metric": metric_id, "regions": tuple(chosen), "fact": selected})

if not shown.empty:
    st.subheader("Evidence")
    st.caption("The sentence behind every figure above, the number as written marked. "
               "Click a bar to bring its evidence to the top.")
    ordered = sorted(shown.to_dict("records"), key=lambda fact: fact["fact_id"] != selected)
    for fact in ordered:
        render.evidence_card(fact, sources_by_id.loc[fact["source_id"]].to_dict(),
                             labels[fact["region_id"]], selected=fact["fact_id"] == selected)

st.subheader("Coverage")
st.caption("How many figures the articles give for each region and metric; an empty cell means "
           "nothing is reported.")
grid = figures.coverage_grid(facts, regions, metrics)
st.plotly_chart(figures.coverage_figure(grid, regions), key="coverage",
                config=figures.chart_config("coverage"), width="stretch")
with st.expander("Data table"):
    st.dataframe(grid)
