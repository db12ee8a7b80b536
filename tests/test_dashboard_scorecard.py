"""The Side by side scorecard without Streamlit: cell order, filters, labels, HTML, the wide CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from dashboard import export, scorecard
from dashboard.data import read_tables
from tests.scorecard_html import cells, column_heads, row_ids

FIXTURES = Path(__file__).parent / "fixtures"
# The order the focus regions are declared in (the fixture's focus_position), not alphabetical.
FOCUS = ("beijing", "shanghai", "guizhou", "shenzhen", "hangzhou", "guangdong")


@pytest.fixture(scope="module")
def tables():
    return read_tables(FIXTURES / "tidy")


def rows_for(tables, regions=FOCUS, **filters):
    return scorecard.scorecard_rows(tables.facts, tables.metrics, tables.sources,
                                    tables.conflicts, regions, **filters)


def fact(fact_id, status="actual", year=None, source="s1"):
    return {"fact_id": fact_id, "status": status, "year": year, "source_id": source,
            "period": str(year or "")}


def test_cell_order_newest_stated_year_first_then_undated_then_soonest_target():
    facts = [fact("undated-new", source="s2025"), fact("t2030", "target", 2030),
             fact("a2019", year=2019), fact("t2025", "target", 2025), fact("a2024", year=2024),
             fact("undated-old", source="s2019")]
    published = {"s2025": 2025, "s2019": 2019}
    ordered = [f["fact_id"] for f in scorecard.cell_order(facts, published)]
    assert ordered == ["a2024", "a2019", "undated-new", "undated-old", "t2025", "t2030"]


def test_rows_follow_the_themes_and_keep_metrics_some_region_reports(tables):
    rows = rows_for(tables)
    assert [(row.theme, row.metric_id) for row in rows] == [
        ("computing", "computing_power"), ("vehicles", "nev_output_share"),
        ("money", "ai_companies"), ("money", "ai_subsidies"), ("money", "ai_core_industry"),
        ("events", "computing_power_rank"), ("events", "waic_host")]
    assert [cell.region_id for cell in rows[0].cells] == list(FOCUS)
    assert rows[0].reported == 3


@pytest.mark.parametrize(("filters", "metrics"), [
    ({"themes": ["events"]}, ["computing_power_rank", "waic_host"]),
    ({"min_regions": 2}, ["computing_power", "computing_power_rank", "waic_host"]),
    ({"min_regions": 3}, ["computing_power"]),
    ({"status": "target"}, ["computing_power", "ai_core_industry"]),
    ({"status": "actual", "min_regions": 3}, []),
    ({"min_regions": 0, "themes": ["vehicles"]}, ["nev_output_share"]),
])
def test_rows_filtered_by_theme_status_and_threshold(tables, filters, metrics):
    assert [row.metric_id for row in rows_for(tables, **filters)] == metrics


def test_a_metric_no_picked_region_reports_is_left_out_unless_the_threshold_is_zero(tables):
    assert [row.metric_id for row in rows_for(tables, ("zhejiang",))] == ["ai_companies"]
    every = rows_for(tables, ("zhejiang",), min_regions=0)
    assert len(every) == len(tables.metrics)
    assert scorecard.cell_text(every[0].cells[0]) == "not reported"


def test_cell_text_is_the_compare_chart_label_with_more_and_conflict(tables):
    rows = {row.metric_id: row for row in rows_for(tables)}
    texts = {metric: [scorecard.cell_text(cell) for cell in row.cells]
             for metric, row in rows.items()}
    # Columns: Beijing, Shanghai, Guizhou, Shenzhen, Hangzhou, Guangdong.
    assert texts["computing_power"] == [
        "not reported", "≥ 100 EFLOPS (target 2025)", "85 EFLOPS (year not stated)",
        "≈ 12 EFLOPS (2023)", "not reported", "not reported"]
    assert texts["waic_host"][1] == "WAIC was held in Shanghai (2018) ⚠ sources disagree"
    two = scorecard.Cell("x", (dict(rows["computing_power"].cells[2].lead),
                               dict(rows["computing_power"].cells[1].lead)), frozenset(), ())
    assert scorecard.cell_text(two) == "85 EFLOPS (year not stated) +1 more"


def test_grid_table_is_wide_with_fact_ids_per_region_and_survives_csv(tables):
    rows = rows_for(tables, ("guizhou", "shanghai"), themes=["computing", "events"])
    table = scorecard.grid_table(rows, ("guizhou", "shanghai"))
    assert list(table.columns) == ["theme", "metric_id", "metric", "unit", "guizhou",
                                   "guizhou_fact_ids", "shanghai", "shanghai_fact_ids"]
    written = list(csv.DictReader(io.StringIO(export.csv_bytes(table).decode("utf-8-sig"))))
    assert written == [
        {"theme": "Computing", "metric_id": "computing_power", "metric": "Computing power",
         "unit": "EFLOPS", "guizhou": "85 EFLOPS (year not stated)", "guizhou_fact_ids": "f003",
         "shanghai": "≥ 100 EFLOPS (target 2025)", "shanghai_fact_ids": "f002"},
        {"theme": "Events and rankings", "metric_id": "computing_power_rank",
         "metric": "AI computing power rank", "unit": "rank", "guizhou": "not reported",
         "guizhou_fact_ids": "", "shanghai": "#4 (2019)", "shanghai_fact_ids": "f007"},
        {"theme": "Events and rankings", "metric_id": "waic_host",
         "metric": "Hosts the World AI Conference", "unit": "text", "guizhou": "not reported",
         "guizhou_fact_ids": "", "shanghai": "WAIC was held in Shanghai (2018) ⚠ sources disagree",
         "shanghai_fact_ids": "f008"},
    ]


def test_html_marks_targets_actuals_and_not_reported(tables):
    rows = rows_for(tables)
    body = scorecard.scorecard_html(rows, FOCUS, tables.regions, {})
    assert column_heads(body) == list(FOCUS)
    assert row_ids(body) == [row.metric_id for row in rows]
    shown = cells(body)
    assert shown["computing_power"]["shanghai"] == ("target", "≥ 100 EFLOPS|target 2025")
    assert shown["computing_power"]["guizhou"] == ("actual", "85 EFLOPS|year not stated")
    assert shown["computing_power"]["beijing"] == ("none", "not reported")
    assert "actual: reported, achieved" in body and "no article gives it (not zero)" in body


def test_html_popover_opens_upwards_in_the_last_rows_and_leftwards_at_the_right(tables):
    rows = rows_for(tables)
    body = scorecard.scorecard_html(rows, FOCUS, tables.regions, {})
    ups = [row.metric_id for row in rows if f'<tr class="sbs-up" data-metric="{row.metric_id}"'
           in body]
    assert ups == [row.metric_id for row in rows[-scorecard.UP_ROWS:]]
    assert '<tr data-metric="computing_power">' in body
    assert '<tr class="sbs-up" data-metric="waic_host">' in body
    # The last two columns (Hangzhou, Guangdong) open their popover leftwards.
    assert 'class="sbs-target" tabindex="0" data-fact="f002"' in body  # Shanghai, second
    assert 'class="sbs-actual" tabindex="0" data-fact="f003"' in body  # Guizhou, third
    assert 'class="sbs-actual sbs-left" tabindex="0" data-fact="f009"' in body  # Guangdong


def _popover(body: str, fact_id: str) -> str:
    cell = body.split(f'data-fact="{fact_id}"')[1].split("</td>")[0]
    return cell[cell.index('class="sbs-tip"'):]


def test_html_popover_quotes_the_lead_figure_with_its_source_date_only_if_undated(tables):
    rows = rows_for(tables)
    look_sources = tables.sources.set_index("source_id", drop=False).to_dict("index")
    body = scorecard.scorecard_html(rows, FOCUS, tables.regions, look_sources)
    # Guizhou's 85 exaflops states no year: the article's date says when it was reported.
    undated = _popover(body, "f003")
    assert "Guizhou 贵州 · Computing power" in undated
    assert "<mark>85 exaflops</mark>" in undated
    assert "Source: <em>The AI race: key players</em> — Example Daily · published 2024" in undated
    assert 'href="sources?source=s001&amp;fact=f003">open in the article</a>' in undated
    # Shanghai's target names its year: no article date to add.
    dated = _popover(body, "f002")
    assert "<mark>exceed 100 exaflops</mark>" in dated and "published" not in dated
    # A disputed figure says so, with what the sources disagree on.
    disputed = _popover(body, "f008")
    assert "⚠ another source contradicts this figure" in disputed
    assert "s001 says Shenzhen, s002 says Shanghai" in disputed
    assert "more figure" not in disputed


def test_html_popover_counts_the_figures_it_does_not_show(tables):
    doubled = tables.facts.copy()
    extra = doubled[doubled["fact_id"] == "f003"].assign(fact_id="f003b")
    extra2 = extra.assign(fact_id="f003c")
    facts = pd.concat([doubled, extra, extra2], ignore_index=True)
    rows = scorecard.scorecard_rows(facts, tables.metrics, tables.sources, tables.conflicts,
                                    FOCUS)
    body = scorecard.scorecard_html(rows, FOCUS, tables.regions, {})
    popover = _popover(body, "f003")
    assert "2 more figures on the metric's Compare page" in popover
    assert popover.count("<blockquote>") == 1


def test_sections_are_the_heads_then_a_table_per_theme_with_the_same_columns(tables):
    rows = rows_for(tables)
    sections = scorecard.scorecard_sections(rows, FOCUS, tables.regions, {})
    themes = list(dict.fromkeys(row.theme for row in rows))
    assert len(sections) == 1 + len(themes)
    head, *bodies = sections
    assert column_heads(head) == list(FOCUS) and not row_ids(head)
    assert "actual: reported, achieved" in head  # the legend and styles come first
    for theme, body in zip(themes, bodies, strict=True):
        assert row_ids(body) == [row.metric_id for row in rows if row.theme == theme]
        assert body.count("<col ") == head.count("<col ") == 1
    # Read together, the sections are the one table, cell for cell.
    whole = scorecard.scorecard_html(rows, FOCUS, tables.regions, {})
    assert cells("".join(sections)) == cells(whole)
    assert row_ids("".join(sections)) == row_ids(whole)


def test_sections_change_only_where_a_filter_changes_the_rows(tables):
    both = scorecard.scorecard_sections(rows_for(tables), FOCUS, tables.regions, {})
    computing = scorecard.scorecard_sections(rows_for(tables, themes=["computing"]), FOCUS,
                                             tables.regions, {})
    # The heads and the computing theme's table are the same strings as before.
    assert computing[0] == both[0]
    assert computing[1] in both


def test_sections_of_a_wide_grid_are_one_table_that_scrolls(tables):
    regions = tuple(tables.regions["region_id"])
    rows = rows_for(tables, regions)
    (single,) = scorecard.scorecard_sections(rows, regions, tables.regions, {})
    assert "sbs-wide" in single


def test_html_scrolls_sideways_only_beyond_seven_columns(tables):
    regions = tuple(tables.regions["region_id"])
    rows = rows_for(tables, regions)
    assert "sbs-wide" in scorecard.scorecard_html(rows, regions, tables.regions, {})
    assert 'class="sbs-wrap"' in scorecard.scorecard_html(rows_for(tables), FOCUS,
                                                          tables.regions, {})


def test_compare_href_keeps_the_regions_in_order():
    assert (scorecard.compare_href("computing_power", ["shanghai", "guizhou"])
            == "compare?metric=computing_power&regions=shanghai&regions=guizhou")


def test_level_note_names_the_province_of_a_city(tables):
    assert scorecard.level_note("shenzhen", tables.regions) == \
        "prefecture-level city in Guangdong 广东"
    assert scorecard.level_note("beijing", tables.regions) == "municipality"


def test_nesting_caption_only_when_a_city_and_its_province_are_both_shown(tables):
    assert "Shenzhen 深圳 lies inside Guangdong 广东" in scorecard.nesting_caption(
        FOCUS, tables.regions)
    assert scorecard.nesting_caption(("shenzhen", "guizhou"), tables.regions) is None
