"""The pure builders behind the dashboard pages: labels, selections, caveats, charts, grids."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
import pytest

from dashboard import figures
from dashboard.data import read_tables

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def tables():
    return read_tables(FIXTURES / "tidy")


def fact(**fields) -> dict:
    base = {"fact_id": "x", "region_id": "guizhou", "source_id": "s001", "metric_id": "m",
            "value": 1.0, "value_high": None, "value_text": "", "unit": "EFLOPS",
            "as_written": "1", "qualifier": "exact", "status": "actual", "period": "",
            "year": None, "note": ""}
    return base | fields


@pytest.mark.parametrize(("fields", "expected"), [
    ({"value": 100.0, "qualifier": "at_least", "status": "target", "period": "2025"},
     "≥ 100 EFLOPS (target 2025)"),
    ({"value": 85.0}, "85 EFLOPS (year not stated)"),
    ({"value": 12.0, "qualifier": "approx", "period": "2023"}, "≈ 12 EFLOPS (2023)"),
    ({"value": 5.0, "qualifier": "at_most", "period": "2023"}, "≤ 5 EFLOPS (2023)"),
    ({"value": 25.0, "unit": "percent", "period": "2023"}, "25% (2023)"),
    ({"value": 1e9, "unit": "yuan"}, "1 billion yuan (year not stated)"),
    ({"value": 4e11, "value_high": 4.4e11, "unit": "yuan", "qualifier": "range",
      "status": "target", "period": "2027"}, "400–440 billion yuan (target 2027)"),
    ({"value": 1.5e8, "value_high": 2.2e9, "unit": "yuan", "qualifier": "range"},
     "150 million yuan – 2.2 billion yuan (year not stated)"),
    ({"value": 1.35e6, "unit": "persons", "qualifier": "at_least", "period": "2023"},
     "≥ 1.35 million persons (2023)"),
    ({"value": 2400.0, "unit": "count", "qualifier": "at_least"}, "≥ 2,400 (year not stated)"),
    ({"value": 1.0, "unit": "rank", "period": "2019"}, "#1 (2019)"),
    ({"value": 36.82, "value_high": 100.66, "unit": "percent", "qualifier": "range",
      "period": "2024"}, "36.82–100.66% (2024)"),
    ({"status": "target"}, "1 EFLOPS (target, year not stated)"),
])
def test_fact_label_shows_qualifier_unit_and_period(fields, expected):
    assert figures.fact_label(fact(**fields)) == expected


def test_fact_label_of_categorical_claim_is_its_text():
    claim = fact(value=None, value_text="Shanghai", unit="text", period="2018")
    assert figures.fact_label(claim) == "Shanghai (2018)"


def test_region_label_is_english_then_chinese(tables):
    assert figures.region_labels(tables.regions)["guangdong"] == "Guangdong 广东"


def test_region_order_puts_focus_regions_first_in_their_declared_order(tables):
    order = figures.region_order(tables.regions)
    assert order[:6] == ["beijing", "shanghai", "guizhou", "shenzhen", "hangzhou", "guangdong"]
    assert order[6:] == ["china", "zhejiang"]  # the others by English name
    assert figures.focus_regions(tables.regions) == tuple(order[:6])


def test_region_colours_are_stable_and_distinct_for_focus(tables):
    colours = figures.region_colours(tables.regions)
    assert colours == figures.region_colours(tables.regions.iloc[::-1])
    focus = [colours[region] for region in figures.focus_regions(tables.regions)]
    assert len(set(focus)) == 6
    assert "rgb(136, 136, 136)" not in colours.values()  # grey means "not reported"


def test_facts_for_keeps_region_order_and_actual_before_target(tables):
    shown = figures.facts_for(tables.facts, "computing_power", ["shanghai", "guizhou", "shenzhen"])
    assert list(shown["fact_id"]) == ["f002", "f003", "f011"]
    assert figures.facts_for(tables.facts, "computing_power", []).empty


def test_not_reported_lists_regions_without_a_fact_never_as_zero(tables):
    regions = ["beijing", "guizhou", "shanghai", "hangzhou"]
    assert figures.not_reported(tables.facts, "computing_power", regions) == [
        "beijing", "hangzhou"]


def caveat_titles(notes):
    return [note.split("**")[1] for note in notes]


def test_caveats_for_city_next_to_province_and_target(tables):
    shown = figures.facts_for(tables.facts, "computing_power", ["guizhou", "shanghai", "shenzhen"])
    notes = figures.caveats(shown, tables.regions, tables.sources, tables.conflicts)
    assert caveat_titles(notes) == [
        "Mixed administrative levels", "Targets mixed with actual figures", "Year not stated"]
    notes = [html.unescape(note) for note in notes]
    assert "Shenzhen 深圳 is a prefecture-level city inside Guangdong 广东" in notes[0]
    assert "Shanghai 上海 is a municipality" in notes[0]
    assert "Shanghai 上海 (target 2025)" in notes[1]


def test_caveats_mention_the_parent_when_both_are_shown(tables):
    facts = pd.concat([tables.facts, tables.facts[tables.facts["fact_id"] == "f011"].assign(
        fact_id="f099", region_id="guangdong")])
    shown = figures.facts_for(facts, "computing_power", ["guangdong", "shenzhen"])
    notes = figures.caveats(shown, tables.regions, tables.sources, tables.conflicts)
    assert "figures for Guangdong 广东 may include it" in notes[0]


def test_caveats_name_the_conflict_for_a_categorical_claim(tables):
    shown = figures.facts_for(tables.facts, "waic_host", ["shanghai", "shenzhen"])
    notes = figures.caveats(shown, tables.regions, tables.sources, tables.conflicts,
                            categorical=True)
    assert caveat_titles(notes) == ["Conflicting sources"]
    assert "which city hosts the World AI Conference" in notes[0]


def test_caveats_flag_figures_much_older_than_the_others(tables):
    facts = pd.concat([tables.facts, pd.DataFrame([fact(
        fact_id="f100", region_id="beijing", metric_id="computing_power_rank", value=2.0,
        unit="rank", period="2023", year=2023, source_id="s003")])])
    shown = figures.facts_for(facts, "computing_power_rank", ["hangzhou", "beijing"])
    notes = figures.caveats(shown, tables.regions, tables.sources, tables.conflicts)
    assert "Older figures" in caveat_titles(notes)
    older = html.unescape(next(note for note in notes if "Older figures" in note))
    assert "Hangzhou 杭州 #1 (2019)" in older and "(2023)" in older


def test_figure_year_dates_targets_by_their_article():
    assert figures.figure_year(fact(status="actual", year=2023), 2025) == 2023
    assert figures.figure_year(fact(status="target", year=2027), 2024) == 2024
    assert figures.figure_year(fact(status="actual"), pd.NA) is None


def test_published_text_marks_inferred_and_unknown_dates():
    assert figures.published_text({"published": "2019-04-19", "published_basis": "stated"}) == (
        "2019-04-19")
    assert figures.published_text({"published": "2024", "published_basis": "inferred: x"}) == (
        "2024 (inferred: x)")
    assert figures.published_text({"published": "", "published_basis": "unknown: no date"}) == (
        "date unknown (no date)")


def chart(tables, metric_id, regions):
    shown = figures.facts_for(tables.facts, metric_id, regions)
    metric = tables.metrics.set_index("metric_id").loc[metric_id].to_dict()
    titles = dict(zip(tables.sources["source_id"], tables.sources["title"], strict=True))
    return figures.comparison_figure(shown, metric, figures.region_labels(tables.regions),
                                     figures.region_colours(tables.regions), titles)


def test_comparison_figure_draws_targets_unlike_actuals(tables):
    figure = chart(tables, "computing_power", ["guizhou", "shanghai", "beijing"])
    data = [trace for trace in figure.data if trace.customdata is not None]
    actual = next(trace for trace in data if trace.name == "Actual")
    target = next(trace for trace in data if trace.name == "Target (plan)")
    assert list(actual.customdata) == ["f003"] and list(target.customdata) == ["f002"]
    assert target.marker.pattern.shape == "/" and actual.marker.pattern.shape == ""
    assert list(target.text) == ["≥ 100 EFLOPS (target 2025)"]
    legend = [trace.name for trace in figure.data if trace.showlegend is not False]
    assert legend == ["Actual", "Target (plan)"]
    rows = [y for trace in data for y in trace.y]
    assert not any("Beijing" in row for row in rows)  # not reported: no bar, no zero


def test_comparison_figure_draws_a_range_as_an_interval(tables):
    figure = chart(tables, "ai_core_industry", ["guangdong"])
    interval = next(trace for trace in figure.data if trace.name == "Range (low–high)")
    assert list(interval.x) == [4e11, 4.4e11, None]
    assert "400–440 billion yuan (target 2027)" in interval.text


def test_label_width_counts_chinese_characters_as_full_width():
    # "Guangdong " is 10 narrow characters (0.6 em each), 广东 two wide ones (1 em each): 8 em.
    assert figures.label_width("Guangdong 广东", font_size=14) == 112
    assert figures.label_width("", font_size=14) == 0


def test_comparison_figure_leaves_room_for_the_longest_row_label(tables):
    figure = chart(tables, "computing_power", ["guizhou", "shanghai"])
    rows = list(figure.layout.yaxis.categoryarray)
    assert figure.layout.yaxis.automargin is False
    assert figure.layout.margin.l >= max(figures.label_width(row) for row in rows) + 20


def test_comparison_figure_reverses_the_axis_for_ranks(tables):
    figure = chart(tables, "computing_power_rank", ["hangzhou", "shanghai"])
    low, high = figure.layout.xaxis.range
    assert low > high  # rank 1 on the right
    assert figure.layout.xaxis.title.text == "AI computing power rank (1 = best)"


def test_chart_config_keeps_png_export():
    config = figures.chart_config("computing_power")
    assert config["toImageButtonOptions"]["format"] == "png"
    assert "modeBarButtonsToRemove" not in config


def test_claims_table_lists_each_claim(tables):
    shown = figures.facts_for(tables.facts, "waic_host", ["shanghai", "shenzhen"])
    claims = figures.claims_table(shown, figures.region_labels(tables.regions), {})
    assert list(claims["Region"]) == ["Shanghai 上海", "Shenzhen 深圳"]
    assert list(claims["Period"]) == ["2018", "not stated"]


@pytest.mark.parametrize(("flag", "expected"), [
    (False, True), (True, False), (None, False), (pd.NA, False)])
def test_lower_is_better_reads_higher_is_better(flag, expected):
    assert figures.lower_is_better({"higher_is_better": flag}) is expected


def test_lower_is_better_for_ranks_in_the_tables(tables):
    metrics = {row["metric_id"]: row for row in tables.metrics.to_dict("records")}
    assert figures.lower_is_better(metrics["computing_power_rank"])
    assert not figures.lower_is_better(metrics["computing_power"])
    assert not figures.lower_is_better(metrics["waic_host"])
