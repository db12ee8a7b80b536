"""Map: provinces shaded by one metric, cities as points; click a region to open it."""

from __future__ import annotations

import streamlit as st

from dashboard import data, figures, geo, render, views_cache
from dashboard.markup import escape_text
from dashboard.params import Param, read_url, widget_key, write_url

PAGE = "map"
PREFERRED_METRIC = "computing_power"

tables = render.tables_or_stop()
st.title("Map")
render.empty_notice(tables, ("regions", "metrics", "facts"), stop=True)
facts, regions, metrics = tables.facts, tables.regions, tables.metrics
metric_ids = list(metrics["metric_id"])
metric_labels = dict(zip(metrics["metric_id"], metrics["label"], strict=True))
province_ids = set(regions.loc[regions["level"].isin(figures.PROVINCE_LEVELS), "region_id"])
province_counts = facts[facts["region_id"].isin(province_ids)]["metric_id"].value_counts()
if PREFERRED_METRIC in province_counts.index or province_counts.empty:
    default_metric = PREFERRED_METRIC if PREFERRED_METRIC in metric_ids else metric_ids[0]
else:
    default_metric = province_counts.idxmax()
SPEC = [Param("metric", "metric", tuple(metric_ids), default_metric)]

read_url(PAGE, SPEC)
metric_id = st.selectbox(
    "Metric", metric_ids, key=widget_key(PAGE, "metric"),
    format_func=lambda m: f"{metric_labels[m]} ({province_counts.get(m, 0)} province-level)",
)
write_url(PAGE, SPEC, {"metric": metric_id})

try:
    data.province_geojson()
except data.DataError as error:
    render.error_page(error)
    st.stop()

metric = metrics.set_index("metric_id").loc[metric_id].to_dict()
view = views_cache.map_view(metric_id, data.signature())
st.html(view["legend"])
deck = geo.PrebuiltDeck(view["spec"], geo.TOOLTIP)
event = st.pydeck_chart(deck, key="map_chart", on_select="rerun",
                        selection_mode="single-object", height=geo.MAP_HEIGHT, width="stretch")
picked = [obj for objects in event["selection"]["objects"].values() for obj in objects]
if picked:
    fields = picked[0].get("properties", picked[0])
    if fields.get("region_id") in set(regions["region_id"]):
        st.switch_page(render.REGION_PAGE, query_params={"region": fields["region_id"]})
    st.info(f"{escape_text(fields.get('label', 'This area'))}: no article names it, so it has "
            "no region page.")

st.caption(
    "The view is fitted to the regions with a figure and the focus regions. Each focus region "
    f"is labelled with its figure or \"not reported\", and so are up to {geo.OTHER_LABELS} "
    "others with the highest figures where their labels fit. Where a region has several "
    "figures, the map shows an actual one before a target, the newest first. Hover for the "
    "source; click a region to open its page; the table below holds everything the map shows."
)
st.caption(geo.BOUNDARY_CAPTION)

values = view["values"]
disputed = tables.conflicts[tables.conflicts["fact_id_a"].isin(values["fact_id"])
                            | tables.conflicts["fact_id_b"].isin(values["fact_id"])]
render.conflict_notices(disputed, key="map_conflicts")
st.subheader(f"What the map shows: {escape_text(metric['label'])}")
if values.empty:
    st.info("No region reports this metric.")
else:
    st.dataframe(
        values.assign(level=values["level"].map(figures.LEVEL_NAMES))[
            ["label", "level", "figure", "status", "when", "source", "facts"]
        ].rename(columns={"label": "Region", "level": "Level", "figure": "Figure",
                          "status": "Status", "when": "Year", "source": "Source",
                          "facts": "Facts"}),
        hide_index=True,
    )
