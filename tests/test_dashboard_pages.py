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
from dashboard.markup import SELECTED_MARK_STYLE, escape_text
from dashboard.render import EMPTY_TABLES
from tests.apptest_pages import APP, open_page, plain
from tests.scorecard_html import cells, column_heads, row_ids

FIXTURES = Path(__file__).parent / "fixtures"
SIDE = "views/side_by_side.py"
PAGES = [SIDE, "views/compare.py", "views/map.py", "views/region.py", "views/sources.py",
         "views/data.py"]
# The order the focus regions are declared in (the fixture's focus_position), not alphabetical.
FOCUS = ["beijing", "shanghai", "guizhou", "shenzhen", "hangzhou", "guangdong"]
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


# Side by side ---------------------------------------------------------------------------------

def grid(at: AppTest) -> str:
    """The scorecard's HTML: its sections (legend and heads, then a table per theme) joined."""
    return "".join(element.proto.body for element in at.get("html"))


def test_side_by_side_is_the_landing_page_with_the_focus_regions_as_columns():
    at = open_page(SIDE)
    no_exception(at)
    assert at.multiselect(key="side_by_side_regions").value == FOCUS
    body = grid(at)
    assert column_heads(body) == FOCUS
    assert "Beijing<br>北京" in body
    assert "prefecture-level city in Guangdong 广东" in html.unescape(body)
    # Every metric some focus region reports, by theme, in the curated order.
    assert row_ids(body) == ["computing_power", "nev_output_share", "ai_companies",
                             "ai_subsidies", "ai_core_industry", "computing_power_rank",
                             "waic_host"]
    assert "Money &amp; industry" in body and "Money & industry" not in body
    assert url(at) == {}


def test_side_by_side_cells_show_figures_targets_conflicts_and_not_reported():
    body = grid(open_page(SIDE))
    shown = cells(body)
    assert shown["computing_power"] == {
        "beijing": ("none", "not reported"),
        "guangdong": ("none", "not reported"),
        "guizhou": ("actual", "85 EFLOPS|year not stated"),
        "hangzhou": ("none", "not reported"),
        "shanghai": ("target", "≥ 100 EFLOPS|target 2025"),
        "shenzhen": ("actual", "≈ 12 EFLOPS|2023"),
    }
    assert shown["ai_core_industry"]["guangdong"] == ("target", "400–440 billion yuan|target 2027")
    assert shown["computing_power_rank"]["hangzhou"] == ("actual", "#1|2019")
    assert shown["waic_host"]["shanghai"] == ("actual",
                                              "WAIC was held in Shanghai|2018|⚠ sources disagree")
    assert "0" not in {text for row in shown.values() for _, text in row.values()}


def test_side_by_side_cell_popover_has_the_quote_and_source():
    body = grid(open_page(SIDE))
    cell = body.split('data-fact="f003"')[1].split("</td>")[0]
    assert 'class="sbs-tip"' in cell
    assert "85 exaflops</mark>" in cell
    assert "The AI race: key players" in cell and "Example Daily" in cell
    assert 'href="sources?source=s001&amp;fact=f003"' in cell
    zhejiang = grid(open_page(SIDE, regions="zhejiang"))
    assert "<script>" not in zhejiang and "&lt;script&gt;alert" in zhejiang


def test_side_by_side_row_label_opens_compare_with_the_same_regions():
    body = grid(open_page(SIDE, regions=["shanghai", "guizhou"]))
    assert ('href="compare?metric=computing_power&amp;regions=shanghai&amp;regions=guizhou"'
            in body)


def test_side_by_side_flags_a_city_next_to_its_province():
    at = open_page(SIDE)
    assert "Shenzhen 深圳 lies inside Guangdong 广东" in texts(at.info)
    assert '<th scope="col" data-region="shenzhen"><span class="sbs-flag"' in grid(at)
    alone = open_page(SIDE, regions=["shenzhen", "guizhou"])
    assert not alone.info and "sbs-flag" not in grid(alone).split("</style>")[1]


@pytest.mark.parametrize(("params", "rows"), [
    ({"regions": ["shanghai", "hangzhou"], "min_regions": "2"}, ["computing_power_rank"]),
    ({"themes": "events"}, ["computing_power_rank", "waic_host"]),
    ({"themes": ["vehicles", "computing"]}, ["computing_power", "nev_output_share"]),
    ({"regions": ["guangdong", "shanghai"], "status": "target"},
     ["computing_power", "ai_core_industry"]),
    ({"status": "actual", "min_regions": "2"}, ["computing_power", "computing_power_rank",
                                                "waic_host"]),
])
def test_side_by_side_url_filters_restore_the_view(params, rows):
    at = open_page(SIDE, **params)
    no_exception(at)
    assert not at.warning
    assert row_ids(grid(at)) == rows
    assert url(at) == {key: value if isinstance(value, list) else [value]
                       for key, value in params.items()}


def test_side_by_side_status_filter_drops_the_other_kind():
    shown = cells(grid(open_page(SIDE, status="actual")))
    assert shown["computing_power"]["shanghai"] == ("none", "not reported")
    assert "ai_core_industry" not in shown


def test_side_by_side_widgets_change_the_grid_and_the_url():
    at = open_page(SIDE)
    at.multiselect(key="side_by_side_themes").set_value(["computing"]).run()
    assert row_ids(grid(at)) == ["computing_power"]
    assert url(at) == {"themes": ["computing"]}
    at.selectbox(key="side_by_side_min_regions").set_value("3").run()
    assert row_ids(grid(at)) == ["computing_power"]
    at.radio(key="side_by_side_status").set_value("target").run()
    assert not at.get("html")
    assert "No metric matches these filters" in texts(at.info)
    assert url(at) == {"themes": ["computing"], "min_regions": ["3"], "status": ["target"]}
    at.multiselect(key="side_by_side_regions").set_value([]).run()
    assert "Pick at least one region." in texts(at.info)


def threshold_counts(at: AppTest) -> list[str]:
    """The counts "Reported for at least" offers ("2 of the picked regions" -> "2")."""
    return [option.split()[0] for option in at.selectbox(key="side_by_side_min_regions").options]


def test_side_by_side_threshold_above_the_picked_regions_keeps_what_they_all_report():
    at = open_page(SIDE, regions="guizhou", min_regions="3")
    assert row_ids(grid(at)) == ["computing_power"]
    assert "Only 1 region is picked" in texts(at.caption)
    assert threshold_counts(at) == ["1", "2", "3"]


def test_side_by_side_threshold_offers_up_to_the_number_of_picked_regions():
    at = open_page(SIDE)
    assert threshold_counts(at) == ["1", "2", "3", "4", "5", "6"]  # the six focus regions
    at.multiselect(key="side_by_side_regions").set_value(["beijing", "shanghai"]).run()
    assert threshold_counts(at) == ["1", "2"]
    at.selectbox(key="side_by_side_min_regions").set_value("2").run()
    # One region removed: the chosen 2 stays, read as "all of them", with the caption.
    at.multiselect(key="side_by_side_regions").set_value(["shanghai"]).run()
    assert at.selectbox(key="side_by_side_min_regions").value == "2"
    assert threshold_counts(at) == ["1", "2"]
    assert "Only 1 region is picked" in texts(at.caption)


def test_side_by_side_pickers_hold_only_regions_with_facts():
    at = open_page(SIDE)
    assert "china" not in at.multiselect(key="side_by_side_regions").options
    assert "Zhejiang 浙江" in at.multiselect(key="side_by_side_regions").options
    compare = open_page()
    assert "China 中国" not in compare.multiselect(key="compare_regions").options


@pytest.mark.parametrize("params", [
    {"regions": "atlantis"},
    {"regions": ["<script>alert(1)</script>"]},
    {"themes": "<b>money</b>"},
    {"themes": "x" * 10_000},
    {"min_regions": "0"},
    {"min_regions": "-1"},
    {"min_regions": "99"},
    {"min_regions": "two"},
    {"min_regions": ["1", "2"]},
    {"status": "planned"},
    {"unknown": "1"},
], ids=lambda params: str(params)[:40])
def test_side_by_side_tampered_url_gives_a_notice_and_the_default_view(params):
    at = open_page(SIDE, **params)
    no_exception(at)
    assert len(at.warning) == 1
    assert at.warning[0].value.startswith("Part of the link was not understood")
    assert "<script" not in at.warning[0].value and "<b>" not in at.warning[0].value
    assert at.multiselect(key="side_by_side_regions").value == FOCUS
    assert at.selectbox(key="side_by_side_min_regions").value == "1"
    assert at.radio(key="side_by_side_status").value == "both"
    assert column_heads(grid(at)) == FOCUS
    assert url(at) == {}


def test_side_by_side_old_compare_link_opens_compare_with_its_state():
    # Compare was the landing page: `/?metric=...&regions=...` links were shared.
    at = open_page(SIDE, metric="computing_power_rank", regions=["hangzhou", "shanghai"])
    no_exception(at)
    assert at.selectbox(key="compare_metric").value == "computing_power_rank"
    assert at.multiselect(key="compare_regions").value == ["hangzhou", "shanghai"]
    assert sorted(plotted_facts(at)) == ["f006", "f007"]
    assert url(at) == {"metric": ["computing_power_rank"], "regions": ["hangzhou", "shanghai"]}


def test_side_by_side_old_link_to_a_fact_opens_compare_with_it_highlighted():
    at = open_page(SIDE, regions=["guizhou", "shanghai"], fact="f003")
    cards = [element.value for element in at.markdown if "selected in chart" in element.value]
    assert len(cards) == 1 and "Guizhou 贵州" in cards[0]


def test_side_by_side_old_link_with_a_bad_metric_gives_compare_s_notice():
    at = open_page(SIDE, metric="<script>alert(1)</script>")
    no_exception(at)
    assert len(at.warning) == 1
    assert at.selectbox(key="compare_metric").value == "computing_power"


@pytest.fixture
def markup_data(tmp_path, monkeypatch) -> Path:
    """The fixtures with markup in a region's name, a metric's label and a theme's label."""
    shutil.copytree(FIXTURES, tmp_path / "data")
    tidy = tmp_path / "data" / "tidy"
    for name, old, new in [
        ("regions.csv", "guizhou,Guizhou,", 'guizhou,<img src=x onerror="alert(1)">Guizhou,'),
        ("metrics.csv", "computing_power,Computing power,", "computing_power,<b>Computing</b>,"),
        ("metrics.csv", ",Computing,1,1", ",<i>Computing</i>,1,1"),
    ]:
        path = tidy / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "data"))
    return tidy


def test_side_by_side_shows_markup_in_names_as_text(markup_data):
    at = open_page(SIDE)
    no_exception(at)
    body = grid(at).split("</style>", 1)[1]
    for raw in ("<img", "<b>Computing", "<i>Computing"):
        assert raw not in body
    # Escaped for HTML (the grid is HTML, not Markdown): shown as the text it is.
    assert '&lt;img src=x onerror="alert(1)"&gt;Guizhou' in body
    assert "&lt;b&gt;Computing&lt;/b&gt;" in body
    assert "&lt;i&gt;Computing" in body


# Compare ------------------------------------------------------------------------------------

def test_compare_default_shows_focus_regions_and_computing_power():
    at = open_page()
    assert at.selectbox(key="compare_metric").value == "computing_power"
    assert at.multiselect(key="compare_regions").value == FOCUS
    assert sorted(plotted_facts(at)) == ["f002", "f003", "f011"]
    assert "Not reported:** Beijing 北京, Hangzhou 杭州, Guangdong 广东" in texts(at.markdown)
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
        "provinces", "province-borders", "cities", "region-labels"]
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec
    shaded = {feature["properties"]["region_id"]: feature["properties"]
              for feature in spec["layers"][0]["data"]}
    assert shaded["guizhou"]["figure"] == "85 EFLOPS"
    assert shaded[""]["figure"] == "not reported"  # Anhui
    assert "Amap" in texts(at.caption) and "Taiwan" in texts(at.caption)
    assert list(at.dataframe[0].value["Region"]) == ["Guizhou 贵州", "Shanghai 上海",
                                                     "Shenzhen 深圳"]


def test_map_has_a_legend_with_figures_and_labels_for_the_focus_regions():
    at = open_page("views/map.py")
    legend = at.get("html")[0].proto.body
    assert "12 EFLOPS" in legend and "100 EFLOPS" in legend and "not reported" in legend
    spec = deck(at)
    labels = {label["region_id"]: label["text"] for label in spec["layers"][3]["data"]}
    assert labels["guizhou"] == "Guizhou 贵州 · 85 EFLOPS"
    assert labels["shanghai"] == "Shanghai 上海 · ≥ 100 EFLOPS (target 2025)"
    # One fixed character set for every metric (one font atlas), holding every label's text.
    assert set("".join(labels.values())) <= set(spec["layers"][3]["characterSet"])
    assert spec["initialViewState"]["zoom"] > 3.3  # fitted to Guizhou, Shanghai and Shenzhen


def test_map_of_a_disputed_claim_says_the_sources_disagree():
    at = open_page("views/map.py", metric="waic_host")
    no_exception(at)
    assert "Conflicting sources" in texts(at.info)


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


MARKDOWN_NAMES = {
    "beijing": ("Beijing", "Beijing **[click me](https://evil.example/x)** :red[RED]"),
    "guangdong": ("Guangdong", "Guangdong [click me](https://evil.example/x) :red[RED]"),
    "shenzhen": ("Shenzhen", "Shenzhen `code` # _x_ <b>bold</b>"),
    "shanghai": ("Shanghai", "Shanghai ![image](https://evil.example/i.png) $x^2$"),
}


@pytest.fixture
def markdown_names(tmp_path, monkeypatch) -> dict[str, str]:
    """The fixtures with Markdown in regions' English names; their labels as shown, by id."""
    shutil.copytree(FIXTURES, tmp_path / "data")
    path = tmp_path / "data" / "tidy" / "regions.csv"
    text = path.read_text(encoding="utf-8")
    for region_id, (old, new) in MARKDOWN_NAMES.items():
        assert f"\n{region_id},{old}," in text
        text = text.replace(f"\n{region_id},{old},", f'\n{region_id},"{new}",')
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "data"))
    chinese = {"beijing": "北京", "guangdong": "广东", "shenzhen": "深圳", "shanghai": "上海"}
    return {region_id: f"{new} {chinese[region_id]}"
            for region_id, (_, new) in MARKDOWN_NAMES.items()}


def shown_as_text(markdown: str, text: str) -> None:
    """`markdown` shows `text` as it is: every Markdown character an entity, none left to act."""
    assert html.unescape(markdown) == text
    for syntax in ("[", "](", "*", ":red", "`", "#", "_", "<", "$"):
        assert syntax not in markdown.replace("&#", ""), (syntax, markdown)


def test_region_shows_markdown_in_region_names_as_text(markdown_names):
    at = open_page("views/region.py", region="beijing")
    no_exception(at)
    (header,) = at.header
    shown_as_text(header.value, markdown_names["beijing"])

    at = open_page("views/region.py", region="shenzhen")
    no_exception(at)
    shown_as_text(at.header[0].value, markdown_names["shenzhen"])
    links = {link.proto.query_string: link.proto.label for link in at.get("page_link")}
    shown_as_text(links["region=guangdong"], markdown_names["guangdong"])  # its parent
    # The other region of its conflict (with Shanghai).
    assert links["region=shanghai"].startswith("See ")
    shown_as_text(links["region=shanghai"][len("See "):], markdown_names["shanghai"])

    at = open_page("views/region.py", region="guangdong")
    no_exception(at)
    links = {link.proto.query_string: link.proto.label for link in at.get("page_link")}
    shown_as_text(links["region=shenzhen"], markdown_names["shenzhen"])  # its city


# An id may hold "_" and "-": this one, left as it is, is Markdown for "f-" "003" in italics "-a".
MARKDOWN_ID = "f-_003_-a"


@pytest.fixture
def markdown_id(tmp_path, monkeypatch) -> str:
    """The fixtures with fact f003 (Guizhou's computing power, from s001) renamed MARKDOWN_ID."""
    shutil.copytree(FIXTURES, tmp_path / "data")
    for name, old in (("facts.csv", "\nf003,s001,"), ("ledger.csv", ",curated,f003,")):
        path = tmp_path / "data" / "tidy" / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1
        path.write_text(text.replace(old, old.replace("f003", MARKDOWN_ID)), encoding="utf-8")
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "data"))
    return MARKDOWN_ID


def test_fact_ids_in_links_and_notices_are_shown_as_text(markdown_id):
    escaped = escape_text(markdown_id)
    at = open_page("views/sources.py", source="s001", fact=markdown_id)
    no_exception(at)
    (notice,) = [info.value for info in at.info if "Highlighted from the link" in info.value]
    assert f"**{escaped}**" in notice and markdown_id not in notice
    (label,) = [link.proto.label for link in at.get("page_link")
                if f"fact={markdown_id}" in link.proto.query_string]
    assert escaped in label and markdown_id not in label

    at = open_page("views/compare.py", metric="computing_power", regions="guizhou")
    no_exception(at)
    (label,) = [link.proto.label for link in at.get("page_link")
                if f"fact={markdown_id}" in link.proto.query_string]
    assert label == f"Open in the article (s001, {escaped})"


# A note written as a YAML `|` block: a blank line, then an indented line with markup in it.
MULTILINE_NOTE = "First line.\n\n    An indented line with <b>bold</b> & [link](x)\n"


@pytest.fixture
def multiline_note(tmp_path, monkeypatch) -> str:
    """The fixtures with fact f003 (Guizhou's computing power) noted MULTILINE_NOTE."""
    shutil.copytree(FIXTURES, tmp_path / "data")
    path = tmp_path / "data" / "tidy" / "facts.csv"
    text = path.read_text(encoding="utf-8")
    old = ",Year not stated.\n"
    assert text.count(old) == 1 and "\nf003," in text.split(old)[0]
    path.write_text(text.replace(old, f',"{MULTILINE_NOTE}"\n'), encoding="utf-8")
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "data"))
    return "f003"


@pytest.mark.parametrize(("page", "params"), [
    ("views/compare.py", {"metric": "computing_power", "regions": "guizhou"}),
    ("views/region.py", {"region": "guizhou"}),
])
def test_evidence_card_with_a_multiline_note_stays_one_html_block(multiline_note, page, params):
    at = open_page(page, **params)
    no_exception(at)
    (card,) = [element.value for element in at.markdown
               if "<blockquote" in element.value and escape_text("First line") in element.value]
    # The source line, the note at its end, is one HTML block: no blank line ends it early and
    # no indented line after one becomes a code block showing the entities literally.
    source_line = card.rsplit("\n\n", 1)[1]
    assert source_line.startswith("<div") and source_line.endswith("</div>")
    assert "\n" not in source_line
    assert not any(line.startswith(" ") for line in card.split("\n"))
    note = escape_text("First line. An indented line with <b>bold</b> & [link](x)")
    assert source_line.endswith(f" · Note: {note}</div>")


def test_sources_dismissed_note_over_several_lines_stays_in_its_list_item(tmp_path,
                                                                          monkeypatch):
    shutil.copytree(FIXTURES, tmp_path / "data")
    path = tmp_path / "data" / "tidy" / "ledger.csv"
    text = path.read_text(encoding="utf-8")
    old = '"Worth in dollars <b>bold</b> & ""quoted"": not a figure of the region"'
    assert text.count(old) == 1
    path.write_text(text.replace(old, f'"{MULTILINE_NOTE}"'), encoding="utf-8")
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "data"))
    at = open_page("views/sources.py", source="s003")
    no_exception(at)
    (listed,) = [element.value for element in at.markdown if element.value.startswith("- **")
                 and escape_text("First line") in element.value]
    note = escape_text("First line. An indented line with <b>bold</b> & [link](x)")
    assert listed.endswith(f" — {note}") and "\n" not in listed


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


def test_sources_link_pairing_a_fact_with_another_article_says_so():
    at = open_page("views/sources.py", source="s002", fact="f012")
    no_exception(at)
    assert at.selectbox(key="sources_source").value == "s002"
    assert len(at.warning) == 1
    notice = texts(at.warning)
    assert "f012" in notice and "is from another article (s003" in notice
    assert SELECTED_MARK_STYLE not in article(at)
    assert "fact" not in url(at)
    link = [p for p in at.get("page_link") if "its own article" in p.proto.label]
    assert len(link) == 1 and "source=s003" in link[0].proto.query_string
    assert "fact=f012" in link[0].proto.query_string


def test_sources_link_with_a_fact_alone_opens_its_article():
    at = open_page("views/sources.py", fact="f012")
    no_exception(at)
    assert not at.warning
    assert at.selectbox(key="sources_source").value == "s003"
    assert SELECTED_MARK_STYLE in article(at).split('id="fact-f012"')[1].split("</mark>")[0]
    assert "Highlighted from the link" in texts(at.info)


def test_sources_fact_is_dropped_quietly_when_the_reader_picks_another_article():
    at = open_page("views/sources.py", source="s003", fact="f012")
    at.selectbox(key="sources_source").set_value("s002").run()
    no_exception(at)
    assert not at.warning
    assert url(at).get("source") == ["s002"] and "fact" not in url(at)


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


# Empty data -----------------------------------------------------------------------------------

# The pages that show figures and nothing else: with no fact they say why and stop.
FIGURE_PAGES = (SIDE, "views/compare.py", "views/map.py")
# The pages that show a region or an article without its figures: they stop only without one.
OWN_TABLE = {"views/region.py": "regions", "views/sources.py": "sources"}
# A curation file listing nothing: the tables the build then writes without a row (a fact names
# a region, a metric and an article, so each of these leaves no fact either).
EMPTIED = {
    "facts": ("facts",),
    "facts, no computing power": ("facts",),
    "sources": ("sources", "facts"),
    "regions": ("regions", "facts"),
    "metrics": ("metrics", "facts"),
    "everything": ("regions", "metrics", "sources", "facts"),
}


def write_table(path: Path, frame: pd.DataFrame) -> None:
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


@pytest.fixture(params=list(EMPTIED))
def empty_data(request, tmp_path, monkeypatch) -> tuple[str, ...]:
    """The fixtures as the build writes them when curation files list nothing (as `extract
    check` accepts them): header-only tables, nothing left that refers to their rows."""
    shutil.copytree(FIXTURES, tmp_path / "data")
    tidy = tmp_path / "data" / "tidy"
    emptied = EMPTIED[request.param]
    tables = {name: pd.read_csv(tidy / f"{name}.csv", dtype=str, keep_default_na=False)
              for name in data.COLUMNS}
    for name in emptied:
        tables[name] = tables[name].iloc[0:0]
    if "sources" in emptied:
        tables["segments"] = tables["segments"].iloc[0:0]
        tables["ledger"] = tables["ledger"].iloc[0:0]
    if "computing power" in request.param:
        tables["metrics"] = tables["metrics"][tables["metrics"]["metric_id"] != "computing_power"]
    # No fact: no conflict between facts, and every number of the articles unreviewed.
    tables["conflicts"] = tables["conflicts"].iloc[0:0]
    tables["ledger"] = tables["ledger"].assign(disposition="unreviewed", fact_ids="")
    for name, frame in tables.items():
        write_table(tidy / f"{name}.csv", frame)
    data.read_tables(tidy)  # the tables hold together
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "data"))
    return emptied


def said_empty(page: str, emptied: tuple[str, ...]) -> list[str]:
    """The tables a page says are empty: those it needs that are, else the facts."""
    if page in OWN_TABLE:
        needs = (OWN_TABLE[page],)
    elif page == "views/data.py":
        needs = ("regions", "metrics", "sources", "facts")
    else:
        needs = ("regions", "metrics", "facts")
    return [name for name in needs if name in emptied] or ["facts"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_says_what_is_empty_instead_of_failing(empty_data, page):
    at = open_page(page)
    no_exception(at)
    assert not at.error and not at.warning
    info = texts(at.info)
    for name in said_empty(page, empty_data):
        assert html.unescape(EMPTY_TABLES[name]) in info, (name, info)
    stopped = page in FIGURE_PAGES or OWN_TABLE.get(page) in empty_data
    assert ("nothing to show until then" in info) == stopped
    if stopped:
        assert not at.selectbox and not at.multiselect and not at.markdown
    elif page == "views/region.py":
        assert at.header and at.selectbox(key="region_region").value
    elif page == "views/sources.py":
        assert at.header and at.selectbox(key="sources_source").value


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
    if page != SIDE:
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
