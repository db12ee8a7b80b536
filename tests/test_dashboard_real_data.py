"""The pages on the real tables in data/tidy/ (AppTest): every page, region and source renders,
and the figures the articles give are on screen as the articles give them."""

from __future__ import annotations

import csv
import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.data import DATA_ENV
from tests import apptest_pages
from tests.apptest_pages import REPO, plain
from tests.scorecard_html import cells, column_heads, row_ids

TIDY = REPO / "data" / "tidy"


def rows(name: str) -> list[dict]:
    with (TIDY / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(autouse=True)
def real_data(monkeypatch):
    monkeypatch.delenv(DATA_ENV, raising=False)


def open_page(page: str = "views/compare.py", **params) -> AppTest:
    return apptest_pages.open_page(page, timeout=60, **params)


def clean(at: AppTest) -> None:
    assert not at.exception, [item.value for item in at.exception]
    assert not at.error, [item.value for item in at.error]
    assert not at.warning, [item.value for item in at.warning]


@pytest.mark.parametrize("page", ["views/side_by_side.py", "views/compare.py", "views/map.py",
                                  "views/region.py", "views/sources.py", "views/data.py"])
def test_every_page_runs_on_the_real_data(page):
    clean(open_page(page))


def test_side_by_side_shows_every_reported_metric_for_the_focus_regions():
    at = open_page("views/side_by_side.py")
    clean(at)
    body = "".join(element.proto.body for element in at.get("html"))  # the grid's sections
    focus = [row["region_id"] for row in rows("regions") if row["focus"] == "true"]
    assert sorted(column_heads(body)) == sorted(focus)
    reported = {row["metric_id"] for row in rows("facts") if row["region_id"] in focus}
    assert set(row_ids(body)) == reported
    shown = cells(body)
    # Three one-in-four shares for Guangdong: 2024 first, the undated lead-paragraph one last.
    assert shown["nev_output_share"]["guangdong"] == ("actual", "25%|2024|+2 more")
    assert shown["computing_power"]["shanghai"] == ("target", "≥ 100 EFLOPS|target 2025")
    assert shown["computing_power"]["guizhou"] == ("actual", "85 EFLOPS|year not stated")
    assert shown["waic_host"]["shenzhen"][1].endswith("⚠ sources disagree")
    assert shown["computing_power"]["beijing"] == ("none", "not reported")


def test_compare_defaults_to_the_focus_regions_of_regions_csv():
    at = open_page()
    focus = {row["region_id"] for row in rows("regions") if row["focus"] == "true"}
    assert set(at.multiselect(key="compare_regions").value) == focus
    assert at.selectbox(key="compare_metric").value == "computing_power"


def test_compare_shared_link_shows_guizhou_actual_and_shanghai_target():
    at = open_page(metric="computing_power", regions=["guizhou", "shanghai"])
    clean(at)
    assert at.multiselect(key="compare_regions").value == ["guizhou", "shanghai"]
    traces = {trace["name"]: trace for trace in json.loads(at.get("plotly_chart")[0].proto.spec)
              ["data"] if trace.get("customdata")}
    assert plain(traces["Actual"]["x"]) == [85] and traces["Actual"]["y"] == ["Guizhou 贵州"]
    assert plain(traces["Target (plan)"]["x"]) == [100]
    assert traces["Target (plan)"]["text"] == ["≥ 100 EFLOPS (target 2025)"]
    quotes = [element.value for element in at.markdown if "<blockquote" in element.value]
    assert len(quotes) == 2 and all("<mark" in quote for quote in quotes)


def test_compare_world_ai_conference_host_shows_the_conflict():
    at = open_page(metric="waic_host")
    assert any("Conflicting sources" in info.value for info in at.info)
    assert {"Shanghai 上海", "Shenzhen 深圳"} <= set(at.dataframe[0].value["Region"])


@pytest.mark.parametrize("metric", [row["metric_id"] for row in rows("metrics")]
                         if (TIDY / "metrics.csv").is_file() else [])
def test_compare_every_metric_renders(metric):
    at = open_page(metric=metric)
    assert not at.exception and not at.warning
    assert at.selectbox(key="compare_metric").value == metric


@pytest.mark.parametrize("region", [row["region_id"] for row in rows("regions")]
                         if (TIDY / "regions.csv").is_file() else [])
def test_region_page_renders_every_region(region):
    at = open_page("views/region.py", region=region)
    clean(at)
    assert at.selectbox(key="region_region").value == region


@pytest.mark.parametrize("source", [row["source_id"] for row in rows("sources")]
                         if (TIDY / "sources.csv").is_file() else [])
def test_sources_page_renders_every_article(source):
    at = open_page("views/sources.py", source=source)
    clean(at)
    body = at.get("html")[0].proto.body
    facts = [row for row in rows("facts") if row["source_id"] == source]
    assert body.count("<span id=\"fact-") == len(facts)


def test_data_page_lists_every_fact():
    at = open_page("views/data.py")
    assert len(at.dataframe[0].value) == len(rows("facts"))


def test_map_shades_guizhou_by_default():
    at = open_page("views/map.py")
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    provinces = {feature["properties"]["region_id"]: feature["properties"]
                 for feature in spec["layers"][0]["data"]}
    assert provinces["guizhou"]["figure"] == "85 EFLOPS"
    assert len(spec["layers"][0]["data"]) == 34
