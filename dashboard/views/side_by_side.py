"""Side by side: every metric (rows, by theme) for the picked regions (columns), each cell the
figure an article gives with its sentence on hover; the landing page."""

from __future__ import annotations

import streamlit as st

from dashboard import data, export, render, views_cache
from dashboard.params import Param, read_url, widget_key, write_url
from dashboard.scorecard import STATUSES, grid_table, shown_fact_ids

PAGE = "side_by_side"
# The Compare page's own parameters: a link with one of them was shared when Compare was the
# landing page, so it still opens Compare, with everything it carried.
COMPARE_ONLY = ("metric", "fact")

if any(name in st.query_params for name in COMPARE_ONLY):
    st.switch_page(render.COMPARE_PAGE, query_params={
        name: st.query_params.get_all(name) for name in st.query_params})

tables = render.tables_or_stop()
st.title("Side by side")
render.empty_notice(tables, ("regions", "metrics", "facts"), stop=True)
look = data.lookups()
signature = data.signature()
labels = look.region_labels
thresholds = tuple(str(count) for count in range(1, len(look.reported_regions) + 1))
SPEC = [
    Param("regions", "region", tuple(look.reported_regions), look.reported_focus,
          multiple=True),
    Param("themes", "theme", tuple(look.themes), (), multiple=True),
    Param("min_regions", "threshold", thresholds, thresholds[0] if thresholds else None),
    Param("status", "choice of figures", tuple(STATUSES), "both"),
]


def threshold_options(picked: int) -> tuple[str, ...]:
    """"Reported for at least" offers 1 to the number of picked regions (not one entry per
    region of the data: 339 at 100 times the data), and keeps a larger count already chosen,
    from a link or before a region was removed, which the grid reads as "all of them"."""
    chosen = st.session_state.get(widget_key(PAGE, "min_regions"))
    current = thresholds.index(chosen) + 1 if chosen in thresholds else 1
    return thresholds[:max(picked, current, 1)]


st.caption("What the articles report for each region, metric by metric. Hover over a figure "
           "(or move to it with Tab) for the sentence it comes from and its source; a metric's "
           "name opens it on the Compare page with these regions.")


# A fragment: a filter change reruns only this part of the page.
@st.fragment
def scorecard_section() -> None:
    read_url(PAGE, SPEC)
    chosen = st.multiselect("Regions", look.reported_regions, key=widget_key(PAGE, "regions"),
                            format_func=labels.get, placeholder="Pick regions to compare")
    themes_column, threshold_column, status_column = st.columns([3, 2, 3])
    themes = themes_column.multiselect(
        "Themes", list(look.themes), key=widget_key(PAGE, "themes"),
        format_func=look.themes.get, placeholder="All themes")
    threshold = threshold_column.selectbox(
        "Reported for at least", threshold_options(len(chosen)),
        key=widget_key(PAGE, "min_regions"),
        format_func=lambda count: f"{count} of the picked regions")
    status = status_column.radio("Figures", list(STATUSES), key=widget_key(PAGE, "status"),
                                 format_func=STATUSES.get, horizontal=True)
    write_url(PAGE, SPEC, {"regions": tuple(chosen), "themes": tuple(themes),
                           "min_regions": threshold, "status": status})
    if not chosen:
        st.info("Pick at least one region.")
        return

    wanted = int(threshold or 1)
    if wanted > len(chosen):
        st.caption(f"Only {len(chosen)} region{'s are' if len(chosen) > 1 else ' is'} picked: "
                   f"showing the metrics reported for all of them.")
    view = views_cache.side_by_side(tuple(chosen), tuple(themes), status,
                                    min(wanted, len(chosen)), signature)
    if view["nesting"]:
        st.info(view["nesting"], icon="ℹ️")
    rows = view["rows"]
    if not rows:
        st.info("No metric matches these filters: no article gives a figure for enough of the "
                "picked regions.")
        return
    facts = shown_fact_ids(rows)
    st.markdown(f"**{len(rows)}** metric{'s' if len(rows) > 1 else ''} · **{len(chosen)}** "
                f"region{'s' if len(chosen) > 1 else ''} · **{len(facts)}** figure"
                f"{'s' if len(facts) != 1 else ''} from the articles")
    # One element per section, with no gap between them: a filter change redraws only the
    # sections whose HTML it changed.
    with st.container(gap=None):
        for section in view["sections"]:
            st.html(section)

    left, right = st.columns(2)
    left.download_button(
        "Download the grid (CSV)", data=lambda: export.csv_bytes(grid_table(rows, chosen)),
        file_name="china-ai-regions-side-by-side.csv", mime="text/csv", on_click="ignore",
        icon="⬇️", key="grid_csv",
    )
    right.download_button(
        "Download these figures, one row per fact (CSV)",
        data=lambda: export.csv_bytes(export.facts_with_provenance(
            tables.facts[tables.facts["fact_id"].isin(facts)], tables.regions, tables.metrics,
            tables.sources)),
        file_name="china-ai-regions-side-by-side-facts.csv", mime="text/csv",
        on_click="ignore", icon="⬇️", key="facts_csv",
    )
    st.caption("The grid has one row per metric: each region's figure as shown and its "
               "`<region>_fact_ids`. The second file has every figure of the grid with its "
               "sentence and source, as on the Data page.")


scorecard_section()
