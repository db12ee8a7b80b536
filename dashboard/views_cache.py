"""What a page shows for a given state, built once per version of the data and shared.

Streamlit reruns a page on every click; these are the parts that do not depend on the session
(figures, caveats, the map's JSON), cached as resources keyed by the page state and
`data.signature()`. The results are shared between sessions: read them, never modify them.
"""

from __future__ import annotations

import streamlit as st

from dashboard import data, export, figures, geo, scorecard


@st.cache_resource(show_spinner=False, max_entries=512)
def comparison(metric_id: str, chosen: tuple[str, ...], data_signature: str) -> dict:
    """The Compare page for one metric and set of regions."""
    tables, look = data.tables(), data.lookups()
    metric = look.metrics[metric_id]
    shown = figures.facts_for(tables.facts, metric_id, chosen)
    categorical = metric["kind"] == "categorical"
    view = {
        "shown": shown,
        "records": shown.to_dict("records"),
        "fact_ids": frozenset(shown["fact_id"]),
        "missing": figures.not_reported(tables.facts, metric_id, chosen),
        "caveats": figures.caveats(shown, tables.regions, tables.sources, tables.conflicts,
                                   categorical=categorical),
        "figure": None,
        "table": None,
        "config": figures.chart_config(metric_id),
    }
    if shown.empty:
        return view
    if categorical:
        view["table"] = figures.claims_table(shown, look.region_labels, look.source_titles)
    else:
        view["figure"] = figures.comparison_figure(shown, metric, look.region_labels,
                                                   look.region_colours, look.source_titles)
        view["table"] = figures.comparison_table(shown, look.region_labels, look.source_titles)
    return view


@st.cache_resource(show_spinner=False, max_entries=512)
def ranking(metric_id: str, picked: tuple[str, ...], every_region: bool, page_size: int,
            data_signature: str) -> dict:
    """The regions the Compare page shows for a metric and those of the picked regions that do
    not report it. A few picked regions keep the reader's order; more than a page of them, or
    every region that reports the metric, go best figure first."""
    tables, look = data.tables(), data.lookups()
    reporting = set(tables.facts.loc[tables.facts["metric_id"] == metric_id, "region_id"])
    candidates = ([region for region in look.reported_regions if region in reporting]
                  if every_region else list(picked))
    shown = figures.facts_for(tables.facts, metric_id, candidates)
    few = not every_region and shown["region_id"].nunique() <= page_size
    return {
        "ranked": list(picked) if few else figures.ranked_regions(
            shown, look.metrics[metric_id], candidates),
        "paged": not few,
        "missing": [] if every_region else figures.not_reported(tables.facts, metric_id,
                                                                picked),
    }


@st.cache_resource(show_spinner=False, max_entries=512)
def side_by_side(chosen: tuple[str, ...], themes: tuple[str, ...], status: str,
                 min_regions: int, data_signature: str) -> dict:
    """The Side by side page for one set of regions and filters: its rows and HTML sections."""
    tables, look = data.tables(), data.lookups()
    rows = scorecard.scorecard_rows(tables.facts, tables.metrics, tables.sources,
                                    tables.conflicts, chosen, themes=themes, status=status,
                                    min_regions=min_regions)
    return {
        "rows": rows,
        "sections": scorecard.scorecard_sections(rows, chosen, tables.regions, look.sources),
        "nesting": scorecard.nesting_caption(chosen, tables.regions),
    }


@st.cache_resource(show_spinner=False, max_entries=64)
def map_view(metric_id: str, data_signature: str) -> dict:
    """The map for one metric: its JSON (the provinces are large, so it is made once), its
    legend and the table below it."""
    tables, look = data.tables(), data.lookups()
    metric = look.metrics[metric_id]
    values = geo.map_values(tables.facts, tables.regions, tables.sources, metric_id)
    provinces = geo.province_features(data.province_geojson(), tables.regions, values, metric)
    points = geo.city_points(tables.regions, values, metric)
    labels = geo.label_points(tables.regions, values, look.focus, points,
                              lowest_first=figures.lower_is_better(metric))
    view = geo.fitted_view(provinces, points, labels)
    deck = geo.build_deck(provinces, points, geo.visible_labels(labels, view, focus=look.focus),
                          view, characters=geo.label_characters(tables.regions))
    return {"spec": geo.compact_json(deck), "values": values,
            "legend": geo.legend_html(values, metric, points)}


@st.cache_resource(show_spinner=False, max_entries=4)
def facts_with_provenance(data_signature: str):
    """The Data page's table: every fact with its region, metric and source columns."""
    tables = data.tables()
    return export.facts_with_provenance(tables.facts, tables.regions, tables.metrics,
                                        tables.sources)
