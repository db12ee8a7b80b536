"""Compare: one metric across regions, each figure with the sentence it comes from."""

from __future__ import annotations

import streamlit as st

from dashboard import data, render, views_cache
from dashboard.figures import listing
from dashboard.markup import escape_text, one_line
from dashboard.params import Param, read_url, widget_key, write_url

PAGE = "compare"
PREFERRED_METRIC = "computing_power"
# Regions per chart page: with hundreds reporting a metric, the chart shows them ten at a time,
# best figure first, and a picker reaches the rest.
REGIONS_PER_PAGE = 10
# Evidence cards drawn at once; the others wait behind an expander (and are all in the table):
# each card is three elements, so they are most of what a page of many figures sends.
EVIDENCE_SHOWN = 6
SCOPES = {"picked": "Picked regions", "all": "Every region that reports it"}

tables = render.tables_or_stop()
st.title("Compare regions")
render.empty_notice(tables, ("regions", "metrics", "facts"), stop=True)
look = data.lookups()
signature = data.signature()
labels = look.region_labels
metric_ids = list(look.metrics)
default_metric = (PREFERRED_METRIC if PREFERRED_METRIC in metric_ids
                  else tables.facts["metric_id"].value_counts().idxmax())
SPEC = [
    Param("metric", "metric", tuple(metric_ids), default_metric),
    Param("regions", "region", tuple(look.reported_regions), look.reported_focus,
          multiple=True),
    Param("fact", "fact", look.fact_ids, None, widget=False),
    Param("scope", "scope", tuple(SCOPES), "picked"),
    Param("page", "page", tuple(str(n) for n in range(
        1, -(-max(len(look.reported_regions), 1) // REGIONS_PER_PAGE) + 1)), "1"),
]


# A fragment: picking a metric or region, or clicking a bar, reruns only this part of the page.
@st.fragment
def comparison_section() -> None:
    url = read_url(PAGE, SPEC)

    top = st.columns([2, 3])
    metric_id = top[0].selectbox(
        "Metric", metric_ids, key=widget_key(PAGE, "metric"), format_func=look.metric_labels.get
    )
    scope = top[1].radio("Show", list(SCOPES), key=widget_key(PAGE, "scope"),
                         format_func=SCOPES.get, horizontal=True)
    picked = st.multiselect(
        "Regions", look.reported_regions, key=widget_key(PAGE, "regions"),
        format_func=labels.get,
        placeholder="Pick regions to compare",
        disabled=scope == "all",
        help="Not used while every region that reports the metric is shown." if scope == "all"
        else None,
    )
    metric = look.metrics[metric_id]
    st.caption(escape_text(one_line(metric["description"])) + (
        "" if metric["unit"] in ("text", "rank") else f" Unit: {escape_text(metric['unit'])}."
    ))

    ranking = views_cache.ranking(metric_id, tuple(picked), scope == "all", REGIONS_PER_PAGE,
                                  signature)
    pages = max(1, -(-len(ranking["ranked"]) // REGIONS_PER_PAGE)) if ranking["paged"] else 1
    page = "1"
    if pages > 1:
        page_key = widget_key(PAGE, "page")
        if st.session_state.get(page_key) not in {str(n) for n in range(1, pages + 1)}:
            st.session_state[page_key] = "1"
        page = st.selectbox(
            f"{len(ranking['ranked'])} regions report it: showing, from the best figure",
            [str(n) for n in range(1, pages + 1)], key=page_key,
            format_func=lambda n: _page_label(int(n), len(ranking["ranked"])),
        )
    first = (int(page) - 1) * REGIONS_PER_PAGE
    chosen = ranking["ranked"][first:first + REGIONS_PER_PAGE] if ranking["paged"] \
        else ranking["ranked"]

    view = views_cache.comparison(metric_id, tuple(chosen), signature)
    shown = view["shown"]
    shown_ids = view["fact_ids"]
    for note in view["caveats"]:
        st.info(note, icon="ℹ️")

    clicked = None
    if not chosen and not ranking["missing"]:
        st.info("Pick at least one region to compare.")
    elif shown.empty:
        st.info(f"No region picked reports {escape_text(metric['label'])}.")
    elif view["figure"] is None:
        st.markdown(f"**{escape_text(metric['label'])}** — claims made by the articles "
                    "(a claim, not a number, so a table rather than a chart):")
        st.dataframe(view["table"], hide_index=True)
    else:
        chart = st.plotly_chart(
            view["figure"], key="chart", on_select="rerun", selection_mode=("points",),
            config=view["config"], width="stretch",
        )
        for point in chart["selection"]["points"]:
            point_data = point.get("customdata")
            fact_id = point_data[0] if isinstance(point_data, list) and point_data else point_data
            if isinstance(fact_id, str) and fact_id in shown_ids:
                clicked = fact_id
                break
        # Lazy: the table is built only once the reader opens it, so it costs the chart nothing.
        table = st.expander("Data table", key="chart_table", on_change="rerun")
        if table.open:
            table.dataframe(view["table"], hide_index=True)
    if ranking["missing"] and page == "1":
        missing = listing([escape_text(labels[region]) for region in ranking["missing"]],
                          limit=20)
        st.markdown(f"**Not reported:** {missing} — no article gives this figure for them "
                    "(not zero).")

    # The highlighted fact: a click on the chart, else the link's `fact`; un-clicking clears it.
    had_click = st.session_state.get("_compare_clicked")
    if clicked:
        selected = clicked
    elif had_click:
        selected = None
    else:
        selected = url["fact"] if url["fact"] in shown_ids else None
    st.session_state["_compare_clicked"] = clicked
    write_url(PAGE, SPEC, {"metric": metric_id, "regions": tuple(picked), "fact": selected,
                           "scope": scope, "page": page})

    if not shown.empty:
        st.subheader("Evidence")
        st.caption("The sentence behind every figure above, the number as written marked."
                   + ("" if view["figure"] is None
                      else " Click a bar to bring its evidence to the top."))
        ordered = sorted(view["records"], key=lambda fact: fact["fact_id"] != selected)
        render.first_then_on_request(
            ordered, EVIDENCE_SHOWN,
            lambda fact: render.evidence_card(fact, look.sources[fact["source_id"]],
                                              labels[fact["region_id"]],
                                              selected=fact["fact_id"] == selected),
            label=lambda count: f"Evidence for the other {count} figures on this page",
            key="more_evidence")


def _page_label(page: int, total: int) -> str:
    last = min(page * REGIONS_PER_PAGE, total)
    return f"ranks {(page - 1) * REGIONS_PER_PAGE + 1}–{last} of {total}"


comparison_section()

