"""The pages on a synthetic folder ten times the real data (tools/synth_data.py, AppTest): a
metric with hundreds of regions is paged, long lists are cut short with the rest on request."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import figures, geo
from dashboard.data import DATA_ENV, read_tables
from tests import apptest_pages
from tests.apptest_pages import REPO, plain

SCALE = 10


@pytest.fixture(scope="module")
def synth(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scale") / "data"
    subprocess.run([sys.executable, "tools/synth_data.py", "--scale", str(SCALE), "--out",
                    str(folder)], cwd=REPO, check=True, capture_output=True)
    return folder


@pytest.fixture(autouse=True)
def synthetic_data(synth, monkeypatch):
    monkeypatch.setenv(DATA_ENV, str(synth))


@pytest.fixture(scope="module")
def tables(synth):
    return read_tables(synth / "tidy")


def open_page(page: str, /, **params) -> AppTest:
    at = apptest_pages.open_page(page, timeout=90, **params)
    assert not at.exception, [item.value for item in at.exception]
    return at


def chart_regions(at: AppTest, tables) -> list[str]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    fact_ids = [item if isinstance(item, str) else item[0]
                for trace in spec["data"] for item in plain(trace.get("customdata") or [])]
    region_of = dict(zip(tables.facts["fact_id"], tables.facts["region_id"], strict=True))
    return list(dict.fromkeys(region_of[f] for f in fact_ids if f in region_of))


def test_compare_every_region_pages_ten_at_a_time_best_first(tables):
    computing = tables.facts[tables.facts["metric_id"] == "computing_power"]
    assert computing["region_id"].nunique() > 30  # the synthetic metric every region reports
    at = open_page("views/compare.py", metric="computing_power", scope="all")
    first_page = chart_regions(at, tables)
    assert len(first_page) == 10
    metric = tables.metrics.set_index("metric_id").loc["computing_power"].to_dict()
    order = [r for r in figures.region_order(tables.regions)
             if r in set(computing["region_id"])]
    best = figures.ranked_regions(figures.facts_for(tables.facts, "computing_power", order),
                                  metric, order)
    # (the chart draws actual figures and targets as separate traces: compare as sets)
    assert set(first_page) == set(best[:10])
    picker = at.selectbox(key="compare_page")
    assert picker.options[0].startswith("ranks 1–10 of ")
    picker.set_value("3").run()
    assert set(chart_regions(at, tables)) == set(best[20:30])
    assert at.query_params["page"] == "3" and at.query_params["scope"] == "all"


def test_compare_shared_link_to_a_page_opens_it(tables):
    at = open_page("views/compare.py", metric="computing_power", scope="all", page="2")
    assert at.selectbox(key="compare_page").value == "2"
    assert len(chart_regions(at, tables)) == 10


def test_compare_draws_at_most_six_evidence_cards_and_counts_the_rest(tables):
    at = open_page("views/compare.py", metric="computing_power", scope="all")
    shown = len(chart_regions(at, tables))
    facts = tables.facts[(tables.facts["metric_id"] == "computing_power")]
    cards = [c for c in at.get("flex_container") if "evidence-" in str(c.proto)]
    assert 0 < len(cards) <= 6 or shown == 0
    labels = [e.label for e in at.expander]
    on_page = facts[facts["region_id"].isin(chart_regions(at, tables))]
    if len(on_page) > 6:
        assert f"Evidence for the other {len(on_page) - 6} figures on this page" in labels


def test_compare_caveats_count_what_they_do_not_list(tables):
    at = open_page("views/compare.py", metric="computing_power", scope="all")
    for info in at.info:
        listed = info.value.count("(20")  # each listed figure carries its year
        assert listed <= figures.CAVEAT_LISTED + 1, info.value


def test_listing_names_the_first_and_counts_the_rest():
    assert figures.listing(["a", "b"], limit=3) == "a, b"
    assert figures.listing(list("abcde"), limit=3) == "a, b, c, and 2 more"
    assert figures.listing(list("abcd"), "; ", 2) == "a; b; and 2 more"


def test_map_labels_the_focus_regions_and_at_most_ten_others(tables):
    values = geo.map_values(tables.facts, tables.regions, tables.sources, "computing_power")
    assert len(values) > 30
    focus = figures.focus_regions(tables.regions)
    labels = geo.label_points(tables.regions, values, focus, [])
    ids = [label["region_id"] for label in labels]
    assert ids[:len(focus)] == list(focus)
    others = ids[len(focus):]
    assert len(others) == geo.OTHER_LABELS
    top = values[~values["region_id"].isin(focus)].assign(
        v=pd.to_numeric(values["value"])).sort_values(["v", "region_id"],
                                                      ascending=[False, True])
    assert others == list(top["region_id"][:geo.OTHER_LABELS])


def test_map_drops_a_label_that_would_cover_another():
    def label(region, lon):
        return {"region_id": region, "position": [lon, 30.0], "text": f"{region} · 1 EFLOPS",
                "reported": True, "anchor": "start", "offset": [10, 0]}

    view = {"longitude": 110.0, "latitude": 30.0, "zoom": 4.0}
    labels = [label("focus", 110.0), label("near", 110.05), label("far", 104.0)]
    kept = [item["region_id"] for item in geo.visible_labels(labels, view, focus=["focus"])]
    assert kept == ["focus", "far"]


def test_region_page_shows_six_metrics_one_card_each_and_the_rest_on_request(tables):
    region = tables.facts["region_id"].value_counts().index[0]
    own = tables.facts[tables.facts["region_id"] == region]
    per_metric = own["metric_id"].value_counts()
    assert len(per_metric) > 6, "the busiest region should report more than six metrics"
    at = open_page("views/region.py", region=region)
    # The first six metrics in the curated order get a card each (their latest figure)...
    first_six = [m for m in tables.metrics["metric_id"] if m in per_metric.index][:6]
    cards = [c for c in at.get("flex_container") if "region-evidence-" in str(c.proto)]
    assert len(cards) == 6
    earlier = [e.label for e in at.expander if " earlier figure" in e.label]
    assert len(earlier) == int((per_metric[first_six] > 1).sum())
    # ...and the others wait behind one expander that names how many there are.
    more = [e.label for e in at.expander if e.label.startswith("Evidence for ")]
    assert more == [f"Evidence for {len(per_metric) - 6} more metrics (all are in the table "
                    "above)"]
    # Every figure is still in the table.
    assert len(at.dataframe[0].value) == len(own)


def test_sources_page_links_fifteen_figures_and_the_rest_on_request(tables):
    counts = tables.facts["source_id"].value_counts()
    source = counts.index[0]
    assert counts.iloc[0] > 15
    at = open_page("views/sources.py", source=source)
    links = [link for link in at.get("page_link") if f"'source': '{source}'" in str(link.proto)
             or source in str(link.proto)]
    assert 15 <= len(links) < counts.iloc[0]
    assert any(e.label.startswith(f"{counts.iloc[0] - 15} more figures") for e in at.expander)


@pytest.mark.parametrize("page", ["views/side_by_side.py", "views/map.py", "views/data.py"])
def test_other_pages_run_on_ten_times_the_data(page):
    at = open_page(page)
    assert not at.error


def test_map_moves_a_focus_label_down_rather_than_over_another():
    def label(region, lon):
        return {"region_id": region, "position": [lon, 30.0], "text": f"{region} · 1 EFLOPS",
                "reported": True, "anchor": "start", "offset": [10, 0]}

    view = {"longitude": 110.0, "latitude": 30.0, "zoom": 4.0}
    kept = geo.visible_labels([label("a", 110.0), label("b", 110.02)], view, focus=["a", "b"])
    assert [item["region_id"] for item in kept] == ["a", "b"]
    assert kept[0]["offset"] == [10, 0] and kept[1]["offset"] == [10, 18]
