"""Every page in Streamlit's AppTest: no exception, URL state restores the view, filters change
the content, tampered links give a notice and the default view, broken data gives an error page.

These run on the hand-made tables in tests/fixtures/ (CHINA_AI_REGIONS_DATA points there);
test_dashboard_real_data.py runs the same pages on data/tidy/.
"""

from __future__ import annotations

import gc
import html
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.data import DATA_ENV
from tests.apptest_pages import APP, open_page, plain

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = ["views/compare.py", "views/map.py", "views/region.py", "views/sources.py",
         "views/data.py"]
FOCUS = ["beijing", "guangdong", "guizhou", "hangzhou", "shanghai", "shenzhen"]
TAMPERED = [
    {"metric": "gdp"},
    {"metric": ""},
    {"metric": "x" * 10_000},
    {"metric": "<script>alert(1)</script>"},
    {"metric": ["computing_power", "ai_companies"]},
    {"regions": ["<script>alert(1)</script>"]},
    {"regions": [""]},
    {"regions": ["y" * 10_000]},
    {"unknown": "1"},
]


@pytest.fixture(autouse=True)
def fixture_data(monkeypatch):
    monkeypatch.setenv(DATA_ENV, str(FIXTURES))


def no_exception(at: AppTest) -> None:
    assert not at.exception, [item.value for item in at.exception]


def chart_spec(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def plotted_facts(at: AppTest) -> list[str]:
    """Fact ids drawn on the compare chart (legend swatches carry none)."""
    return [fact for trace in chart_spec(at)["data"] for fact in trace.get("customdata") or []]


def url(at: AppTest) -> dict[str, list[str]]:
    """The URL's parameters after the run, each as a list (AppTest gives one value bare)."""
    return {key: value if isinstance(value, list) else [value]
            for key, value in at.query_params.items()}


def texts(elements) -> str:
    return "\n".join(html.unescape(str(element.value)) for element in elements)


# Every page -----------------------------------------------------------------------------------

@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_by_default(page):
    at = open_page(page)
    no_exception(at)
    assert not at.warning
    assert not at.error


# Compare ------------------------------------------------------------------------------------

def test_compare_default_shows_focus_regions_and_computing_power():
    at = open_page()
    assert at.selectbox(key="compare_metric").value == "computing_power"
    assert at.multiselect(key="compare_regions").value == FOCUS
    assert sorted(plotted_facts(at)) == ["f002", "f003", "f011"]
    assert "Not reported:** Beijing 北京, Guangdong 广东, Hangzhou 杭州" in texts(at.markdown)
    assert url(at) == {}


def test_compare_url_restores_metric_and_regions():
    at = open_page(metric="computing_power", regions=["guizhou", "shanghai"])
    no_exception(at)
    assert at.selectbox(key="compare_metric").value == "computing_power"
    assert at.multiselect(key="compare_regions").value == ["guizhou", "shanghai"]
    assert sorted(plotted_facts(at)) == ["f002", "f003"]
    assert url(at)["regions"] == ["guizhou", "shanghai"]


def test_compare_shows_targets_unlike_actuals_with_their_year():
    at = open_page(regions=["guizhou", "shanghai"])
    traces = {trace["name"]: trace for trace in chart_spec(at)["data"] if trace.get("customdata")}
    assert traces["Target (plan)"]["marker"]["pattern"]["shape"] == "/"
    assert traces["Target (plan)"]["text"] == ["≥ 100 EFLOPS (target 2025)"]
    assert traces["Actual"]["text"] == ["85 EFLOPS (year not stated)"]
    info = texts(at.info)
    assert "Targets mixed with actual figures" in info
    assert "Mixed administrative levels" in info


def test_compare_evidence_quotes_every_plotted_fact_with_its_source():
    at = open_page(regions=["guizhou", "shanghai"])
    quotes = [element.value for element in at.markdown if "<blockquote" in element.value]
    assert len(quotes) == 2
    assert any("<mark" in quote and "85 exaflops</mark>" in quote for quote in quotes)
    links = [(link.proto.page, link.proto.query_string) for link in at.get("page_link")]
    assert any("fact=f002" in query and "source=s001" in query for _, query in links)
    cards = texts(at.markdown)
    assert "Example Daily" in cards
    assert "2024 (inferred: mentions events of 2024)" in cards


def test_compare_metric_change_changes_the_chart():
    at = open_page()
    at.selectbox(key="compare_metric").set_value("ai_companies").run()
    no_exception(at)
    assert sorted(plotted_facts(at)) == ["f001"]
    assert url(at)["metric"] == ["ai_companies"]


def test_compare_region_change_changes_the_chart():
    at = open_page()
    at.multiselect(key="compare_regions").set_value(["shenzhen"]).run()
    assert plotted_facts(at) == ["f011"]
    assert url(at)["regions"] == ["shenzhen"]


def test_compare_rank_metric_has_a_reversed_axis():
    at = open_page(metric="computing_power_rank", regions=["hangzhou", "shanghai"])
    spec = chart_spec(at)
    axis = spec["layout"]["xaxis"]
    assert axis["range"][0] > axis["range"][1]
    ranks = {fact: rank for trace in spec["data"] if trace.get("customdata")
             for fact, rank in zip(trace["customdata"], plain(trace["x"]), strict=True)}
    assert ranks == {"f006": 1, "f007": 4}


def test_compare_categorical_metric_is_a_table_with_its_conflict():
    at = open_page(metric="waic_host", regions=["shanghai", "shenzhen"])
    no_exception(at)
    assert not at.get("plotly_chart")
    claims = at.dataframe[0].value
    assert list(claims["Region"]) == ["Shanghai 上海", "Shenzhen 深圳"]
    assert "Conflicting sources" in texts(at.info)


def test_compare_chart_click_selects_the_fact_in_the_evidence():
    at = open_page(regions=["guizhou", "shanghai"])
    at.session_state["chart"] = {"selection": {"points": [{"customdata": "f002"}],
                                               "point_indices": [0], "box": [], "lasso": []}}
    at.run()
    no_exception(at)
    first_card = next(element.value for element in at.markdown if "selected in chart" in
                      element.value)
    assert "Shanghai 上海" in first_card
    assert url(at)["fact"] == ["f002"]


def test_compare_fact_in_url_is_highlighted():
    at = open_page(regions=["guizhou", "shanghai"], fact="f003")
    cards = [element.value for element in at.markdown if "selected in chart" in element.value]
    assert len(cards) == 1 and "Guizhou 贵州" in cards[0]


def test_compare_coverage_grid_counts_facts():
    at = open_page()
    assert "Shenzhen<br>深圳</th>" in at.get("html")[0].proto.body
    assert not at.dataframe  # the data tables are built only when opened
    at.session_state["coverage_table"] = True
    at.run()
    grid_table = at.dataframe[-1].value
    assert grid_table.loc["Computing power", "Shenzhen 深圳"] == 1


def test_compare_quote_with_a_script_tag_is_escaped():
    at = open_page(metric="ai_companies", regions=["zhejiang"])
    quote = next(element.value for element in at.markdown if "<blockquote" in element.value)
    assert "<script>" not in quote
    assert "&#60;script&#62;" in quote


@pytest.mark.parametrize("params", TAMPERED, ids=lambda params: str(params)[:40])
def test_compare_tampered_url_gives_a_notice_and_the_default_view(params):
    at = open_page(**params)
    no_exception(at)
    assert len(at.warning) == 1
    assert at.warning[0].value.startswith("Part of the link was not understood")
    assert "<script" not in at.warning[0].value
    assert at.selectbox(key="compare_metric").value == "computing_power"
    assert at.multiselect(key="compare_regions").value == FOCUS
    assert url(at) == {}  # the URL is cleaned


def test_compare_partly_bad_regions_keep_the_good_ones():
    at = open_page(regions=["guizhou", "atlantis", "guizhou"])
    assert at.multiselect(key="compare_regions").value == ["guizhou"]
    assert "1 value is not a known region" in at.warning[0].value


# Map ------------------------------------------------------------------------------------------

def deck(at: AppTest) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def test_map_shades_provinces_offline():
    at = open_page("views/map.py")
    spec = deck(at)
    assert [layer["id"] for layer in spec["layers"]] == [
        "provinces", "province-borders", "cities", "city-labels"]
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec
    shaded = {feature["properties"]["region_id"]: feature["properties"]
              for feature in spec["layers"][0]["data"]}
    assert shaded["guizhou"]["figure"] == "85 EFLOPS"
    assert shaded[""]["figure"] == "not reported"  # Anhui
    assert "Amap" in texts(at.caption) and "Taiwan" in texts(at.caption)
    assert list(at.dataframe[0].value["Region"]) == ["Guizhou 贵州", "Shanghai 上海",
                                                     "Shenzhen 深圳"]


def test_map_url_restores_the_metric():
    at = open_page("views/map.py", metric="nev_output_share")
    assert at.selectbox(key="map_metric").value == "nev_output_share"
    assert list(at.dataframe[0].value["Region"]) == ["Guangdong 广东"]


def test_map_tampered_metric_gives_a_notice():
    at = open_page("views/map.py", metric="<script>alert(1)</script>")
    no_exception(at)
    assert len(at.warning) == 1
    assert at.selectbox(key="map_metric").value == "computing_power"


def test_map_click_opens_the_region_page():
    at = open_page("views/map.py")
    at.session_state["map_chart"] = {"selection": {
        "indices": {"provinces": [5]},
        "objects": {"provinces": [{"properties": {"region_id": "guizhou"}}]}}}
    at.run()
    no_exception(at)
    assert at.selectbox(key="region_region").value == "guizhou"
    assert url(at)["region"] == ["guizhou"]


# Region ---------------------------------------------------------------------------------------

def test_region_url_restores_the_region_with_everything_known():
    at = open_page("views/region.py", region="guangdong")
    no_exception(at)
    assert at.selectbox(key="region_region").value == "guangdong"
    assert "Guangdong 广东" in [header.value for header in at.header]
    links = {link.proto.label: link.proto.query_string for link in at.get("page_link")}
    assert links["China 中国"] == "region=china"
    assert links["Shenzhen 深圳"] == "region=shenzhen"
    assert list(at.dataframe[0].value["Fact"]) == ["f009", "f010"]


def test_region_lists_conflicts_involving_it():
    at = open_page("views/region.py", region="shenzhen")
    assert "which city hosts the World AI Conference" in texts(at.info)
    assert not at.warning
    assert "Conflicts (1)" in [sub.value for sub in at.subheader]


def test_region_change_changes_the_content():
    at = open_page("views/region.py", region="guangdong")
    at.selectbox(key="region_region").set_value("shanghai").run()
    assert list(at.dataframe[0].value["Fact"]) == ["f002", "f007", "f008"]
    assert url(at)["region"] == ["shanghai"]
    at.selectbox(key="region_region").set_value("beijing").run()  # the default
    assert list(at.dataframe[0].value["Fact"]) == ["f001"]
    assert url(at) == {}


@pytest.mark.parametrize("value", ["atlantis", "", "<script>alert(1)</script>", "z" * 10_000])
def test_region_tampered_url_gives_a_notice(value):
    at = open_page("views/region.py", region=value)
    no_exception(at)
    assert len(at.warning) == 1
    assert at.selectbox(key="region_region").value == "beijing"


# Sources --------------------------------------------------------------------------------------

def article(at: AppTest) -> str:
    return at.get("html")[0].proto.body


def test_sources_url_restores_the_article_and_highlights_the_fact():
    at = open_page("views/sources.py", source="s003", fact="f012")
    no_exception(at)
    assert at.selectbox(key="sources_source").value == "s003"
    body = article(at)
    assert '<span id="fact-f012"></span>' in body
    assert "outline:2px solid" in body.split('id="fact-f012"')[1].split("</mark>")[0]
    assert "Highlighted from the link" in texts(at.info)


def test_sources_text_is_escaped_junk_dimmed_and_repeat_marked():
    at = open_page("views/sources.py", source="s003")
    body = article(at)
    assert "<script>" not in body and "&#60;script&#62;" in body
    assert "page junk&#58; disclaimer" in body
    assert "Repeated copy of the article — not a second source" in body
    assert body.count("<mark") >= 4


def test_sources_ledger_counts_and_number_styles():
    at = open_page("views/sources.py", source="s003")
    no_exception(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Numbers in the body": "5", "Curated": "4", "Dismissed": "1",
                       "Unreviewed": "0"}
    body = article(at)
    assert body.count('data-ledger="curated"') == 4
    (dismissed,) = body.split('data-ledger="dismissed"')[1:]
    assert ">$5</span>" in html.unescape(dismissed.split("</span>")[0] + "</span>")
    assert "<b>bold</b>" not in body and "&#60;b&#62;bold&#60;/b&#62;" in body
    assert "dismissed&#58; other — Worth in dollars" in dismissed
    assert 'data-ledger="unreviewed"' not in body
    assert "Numbers dismissed, with the reason (1)" in [e.label for e in at.expander]
    overview = at.dataframe[0].value
    assert overview.to_dict("records") == [
        {"article": "s001", "title": "The AI race: key players", "numbers": 4, "curated": 4,
         "dismissed": 0, "unreviewed": 0},
        {"article": "s002", "title": "AI technology booms in Yangtze River Delta", "numbers": 3,
         "curated": 2, "dismissed": 0, "unreviewed": 1},
        {"article": "s003", "title": "Guangdong report", "numbers": 5, "curated": 4,
         "dismissed": 1, "unreviewed": 0},
    ]


def test_sources_unreviewed_number_is_loud_and_counted():
    at = open_page("views/sources.py", source="s002")
    no_exception(at)
    assert {m.label: m.value for m in at.metric}["Unreviewed"] == "1"
    body = article(at)
    (unreviewed,) = body.split('data-ledger="unreviewed"')[1:]
    assert ">fifth</span><sup" in unreviewed
    assert "1 number nobody has reviewed yet" in texts(at.markdown)
    assert not at.warning


def test_sources_picker_flags_articles_with_unreviewed_numbers():
    at = open_page("views/sources.py")
    picker = at.selectbox(key="sources_source")
    assert list(picker.options) == [
        "s001 · The AI race: key players",
        "s002 · ⚠ 1 unreviewed · AI technology booms in Yangtze River Delta",
        "s003 · Guangdong report",
    ]


def test_sources_metadata_marks_how_the_date_is_known():
    at = open_page("views/sources.py", source="s003")
    meta = texts(at.markdown)
    assert "date unknown (no date in the text)" in meta
    assert "Nandu" in meta


def test_sources_fact_of_another_article_is_dropped_quietly():
    at = open_page("views/sources.py", source="s002", fact="f012")
    assert not at.warning
    assert "fact" not in url(at)


@pytest.mark.parametrize("params", [{"source": "s999"}, {"source": "<script>"},
                                    {"fact": "f999"}, {"source": ["s001", "s002"]}])
def test_sources_tampered_url_gives_a_notice(params):
    at = open_page("views/sources.py", **params)
    no_exception(at)
    assert len(at.warning) == 1
    assert at.selectbox(key="sources_source").value == "s001"


# Data -----------------------------------------------------------------------------------------

def test_data_shows_every_fact_with_provenance():
    at = open_page("views/data.py")
    table = at.dataframe[0].value
    assert len(table) == 12
    assert {"source_title", "source_sha256", "quote", "quote_start"} <= set(table.columns)
    assert len(at.get("download_button")) == 2


def test_data_url_filters_restore_the_view():
    at = open_page("views/data.py", region=["guangdong", "shenzhen"], status="target")
    no_exception(at)
    assert at.multiselect(key="data_region").value == ["guangdong", "shenzhen"]
    assert at.multiselect(key="data_status").value == ["target"]
    assert list(at.dataframe[0].value["fact_id"]) == ["f010"]


def test_data_filter_change_changes_the_table():
    at = open_page("views/data.py")
    at.multiselect(key="data_metric").set_value(["computing_power"]).run()
    assert list(at.dataframe[0].value["fact_id"]) == ["f002", "f003", "f011"]
    assert url(at)["metric"] == ["computing_power"]
    at.multiselect(key="data_source").set_value(["s003"]).run()
    assert list(at.dataframe[0].value["fact_id"]) == ["f011"]


@pytest.mark.parametrize("params", [{"region": "atlantis"}, {"status": "<script>"},
                                    {"metric": ""}, {"source": "q" * 10_000}])
def test_data_tampered_url_gives_a_notice_and_all_rows(params):
    at = open_page("views/data.py", **params)
    no_exception(at)
    assert len(at.warning) == 1
    assert len(at.dataframe[0].value) == 12


# Broken data ----------------------------------------------------------------------------------

@pytest.fixture
def broken_data(tmp_path, monkeypatch) -> Path:
    shutil.copytree(FIXTURES, tmp_path / "data")
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "data"))
    return tmp_path / "data" / "tidy"


@pytest.mark.parametrize("page", PAGES)
def test_missing_tidy_file_shows_the_error_page(broken_data, page):
    (broken_data / "facts.csv").unlink()
    at = AppTest.from_file(APP, default_timeout=30)
    if page != "views/compare.py":
        at.switch_page(page)
    at.run()
    no_exception(at)
    message = at.error[0].value
    assert "facts.csv" in message and "is missing" in message and "make data" in message


def test_corrupt_tidy_file_shows_the_error_page(broken_data):
    path = broken_data / "regions.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("116.4074", "east"),
                    encoding="utf-8")
    at = AppTest.from_file(APP, default_timeout=30).run()
    no_exception(at)
    message = at.error[0].value
    assert "regions.csv" in message and "lon" in message and "make data" in message


def test_missing_map_file_shows_the_error_on_the_map_page(broken_data):
    (broken_data.parent / "geo" / "china_provinces.geojson").unlink()
    at = open_page("views/map.py")
    no_exception(at)
    assert "china_provinces.geojson" in at.error[0].value
    assert "make geo" in at.error[0].value


def test_what_the_app_loads_once_is_exempt_from_the_collection_after_every_run():
    # Streamlit collects garbage after every run; the app freezes the modules and tables it
    # loads once, so that collection walks only what a run creates.
    no_exception(open_page())
    tracked = {id(obj) for obj in gc.get_objects()}
    assert gc.get_freeze_count() > 0
    assert id(vars(pd)) not in tracked
    assert id(data.tables().facts) not in tracked
