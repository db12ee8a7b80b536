"""What a reader does with the dashboard, driven in headless Chromium against the real server.

One test per journey (issue 4). Each saves a screenshot to artifacts/. The journeys run in file
order; the last one checks that no journey made a request to another host.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import struct
import time
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from dashboard.export import could_run_as_formula
from tests.browser.helpers import (
    CONSOLE_ERRORS,
    DIALOGS,
    OFFSITE,
    VISITED,
    canvas_pixels,
    open_page,
    rerun,
    save_screenshot,
    wait_idle,
)

pytestmark = pytest.mark.browser

CHART = ".st-key-chart .js-plotly-plot"
PROVENANCE = ("fact_id", "quote", "quote_start", "quote_end", "source_id")
NUMERIC_EXPORT_COLUMNS = {"value", "value_high", "quote_start", "quote_end"}

# gd.data of the compare chart, reduced to what identifies the view: every trace's fact ids
# (customdata) and rows (y), plus the number of marks drawn in the SVG.
CHART_STATE_JS = """
(selector) => {
  const gd = document.querySelector(selector);
  if (!gd || !gd.data) return null;
  const list = (a) => a == null ? [] : Array.from(a, (v) => String(v));
  return {
    traces: gd.data.map((t) => ({name: t.name || '', facts: list(t.customdata), rows: list(t.y)})),
    marks: gd.querySelectorAll('.bars .point path, .scatterlayer .points path').length,
    title: (gd.querySelector('.gtitle') || {}).textContent || '',
  };
}
"""

# Every drawn mark of the compare chart with its fact id (plotly's calcdata) and its box.
MARKS_JS = """
(selector) => {
  const gd = document.querySelector(selector);
  const out = [];
  for (const trace of gd.querySelectorAll('.trace')) {
    const cd = trace.__data__;
    const data = cd && cd[0] && cd[0].trace;
    if (!data || !data.customdata) continue;
    for (const point of trace.querySelectorAll('.point')) {
      const path = point.tagName === 'path' ? point : point.querySelector('path');
      const i = point.__data__ && point.__data__.i;
      if (!path || i == null) continue;
      const r = path.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) continue;
      out.push({fact: String(data.customdata[i]), x: r.x + r.width / 2, y: r.y + r.height / 2,
                width: r.width, height: r.height});
    }
  }
  return out;
}
"""

# Draws two characters in the given font on a canvas: a missing glyph (tofu) draws the same
# box for every character, so two different characters drawing identically means no font.
GLYPHS_JS = """
([family, a, b]) => {
  const c = document.createElement('canvas'); c.width = 64; c.height = 64;
  const g = c.getContext('2d');
  const draw = (s) => {
    g.clearRect(0, 0, 64, 64); g.font = '40px ' + family; g.fillStyle = '#000';
    g.textBaseline = 'top'; g.fillText(s, 4, 4);
    return Array.from(g.getImageData(0, 0, 64, 64).data).join(',');
  };
  const blank = draw(''), first = draw(a), second = draw(b), missing = draw('\\u0378');
  return {differ: first !== second, notTofu: first !== missing && second !== missing,
          inked: first !== blank && second !== blank};
}
"""


# ---------------------------------------------------------------------------------------------
# Helpers


def chart_state(page: Page) -> dict | None:
    return page.evaluate(CHART_STATE_JS, CHART)


def wait_chart(page: Page, predicate: str = "s => s && s.marks > 0", timeout: float = 30_000):
    """Wait until the compare chart is drawn and its state satisfies `predicate` (JS)."""
    page.wait_for_function(
        f"([sel, js]) => {{ const f = ({CHART_STATE_JS}); const p = eval(js); return p(f(sel)); }}",
        arg=[CHART, predicate], timeout=timeout)
    return chart_state(page)


def chart_facts(state: dict) -> list[str]:
    return [fact for trace in state["traces"] for fact in trace["facts"]]


def chart_rows(state: dict) -> set[str]:
    return {row for trace in state["traces"] for row in trace["rows"] if trace["facts"]}


def combobox_value(page: Page, label: str) -> str:
    return page.get_by_role("combobox", name=label, exact=True).input_value()


def chips(page: Page, label: str) -> list[str]:
    widget = page.get_by_test_id("stMultiSelect").filter(
        has=page.get_by_test_id("stWidgetLabel").get_by_text(label, exact=True))
    return widget.locator("[data-tag]").evaluate_all("els => els.map(e => e.textContent.trim())")


def pick_option(page: Page, label: str, option: str) -> None:
    """Open the selectbox/multiselect labelled `label` and click `option`; wait for the rerun."""
    with rerun(page):
        page.get_by_role("combobox", name=label, exact=True).click()
        page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def remove_chip(page: Page, chip: str) -> None:
    with rerun(page):
        page.get_by_role("button", name=f"Remove {chip}", exact=True).click()


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def wait_url(page: Page, predicate, wanted: str, timeout: float = 10_000) -> None:
    """Wait until the address bar satisfies `predicate`; fail saying what was wanted."""
    try:
        page.wait_for_url(predicate, timeout=timeout, wait_until="commit")
    except PlaywrightTimeoutError:
        raise AssertionError(f"the URL should be {wanted}, it is {page.url}") from None


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def warnings_shown(page: Page) -> int:
    return page.locator("[data-testid=stMain] [data-testid=stAlertContentWarning]").count()


def exceptions_shown(page: Page) -> int:
    return page.get_by_test_id("stException").count()


GRID = "table.sbs"


def grid_columns(page: Page) -> list[str]:
    """The scorecard's region columns, as ids, left to right."""
    return page.locator(f"{GRID} thead th[data-region]").evaluate_all(
        "els => els.map(e => e.dataset.region)")


def grid_rows(page: Page) -> list[str]:
    """The scorecard's metric rows, as ids, top to bottom."""
    return page.locator(f"{GRID} tbody tr[data-metric]").evaluate_all(
        "els => els.map(e => e.dataset.metric)")


def labels_of(tidy: Path) -> dict[str, str]:
    return {row["region_id"]: f"{row['name_en']} {row['name_zh']}".strip()
            for row in read_csv_rows(tidy / "regions.csv")}


# ---------------------------------------------------------------------------------------------
# 0. The landing page: the scorecard of the focus regions; a cell's quote; a row to Compare; CSV


def test_0_side_by_side_scorecard(page: Page, app_url: str, tidy_dir: Path, tmp_path: Path):
    facts = {row["fact_id"]: row for row in read_csv_rows(tidy_dir / "facts.csv")}
    metrics = {row["metric_id"]: row for row in read_csv_rows(tidy_dir / "metrics.csv")}
    regions = read_csv_rows(tidy_dir / "regions.csv")
    labels = labels_of(tidy_dir)
    reported = {row["region_id"] for row in facts.values()}
    # The focus regions in their declared order (focus_position), as the columns must stand.
    focus = [row["region_id"] for row in sorted(
        (r for r in regions if r["focus"] == "true" and r["region_id"] in reported),
        key=lambda r: int(r["focus_position"]))]
    open_page(page, app_url + "/")
    expect(page.locator(GRID).first).to_be_visible()
    save_screenshot(page, "test_0_side_by_side_scorecard_default")

    # The six focus regions are the columns, each headed "English / 中文" and its level.
    columns = grid_columns(page)
    assert columns == focus and len(columns) == 6, columns
    heads = page.locator(f"{GRID} thead th[data-region]").all_inner_texts()
    for region, head in zip(columns, heads, strict=True):
        english, chinese = labels[region].rsplit(" ", 1)
        lines = [line.strip("⚑ ") for line in head.splitlines()]
        assert lines[:2] == [english, chinese], (region, head)
    han = re.findall(r"[\u4e00-\u9fff]", "".join(heads))
    head_font = page.locator(f"{GRID} thead th[data-region]").first.evaluate(
        "e => getComputedStyle(e).fontFamily")
    glyphs = page.evaluate(GLYPHS_JS, [head_font, han[0], han[1]])
    assert glyphs == {"differ": True, "notTofu": True, "inked": True}, (head_font, glyphs)

    # Every metric a focus region reports is a row; an empty cell says so, never zero.
    expected_rows = {row["metric_id"] for row in facts.values() if row["region_id"] in focus}
    assert set(grid_rows(page)) == expected_rows
    empty = page.locator(f"{GRID} td.sbs-none")
    assert empty.count() > 0 and set(empty.all_inner_texts()) == {"not reported"}
    target = page.locator(f"{GRID} td.sbs-target").first
    actual = page.locator(f"{GRID} td.sbs-actual").first
    assert target.evaluate("e => getComputedStyle(e).borderTopStyle") == "dashed"
    assert actual.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    assert "target" in target.locator(".sbs-when").inner_text()

    # Hover a figure: its sentence and source appear; moving away hides them again.
    cell = page.locator(f"{GRID} td[data-fact]").first
    fact = facts[cell.get_attribute("data-fact")]
    tip = cell.locator(".sbs-tip")
    expect(tip).to_be_hidden()
    cell.hover()
    expect(tip).to_be_visible()
    assert " ".join(fact["quote"].split()) in " ".join(tip.inner_text().split())
    source = next(row for row in read_csv_rows(tidy_dir / "sources.csv")
                  if row["source_id"] == fact["source_id"])
    assert source["title"] in tip.inner_text()
    tip_box = tip.bounding_box()
    assert tip_box["x"] >= 0 and tip_box["x"] + tip_box["width"] <= 1366, tip_box
    save_screenshot(page, "test_0_side_by_side_scorecard_hover")
    page.mouse.move(5, 5)
    expect(tip).to_be_hidden()
    # ... and with the keyboard: a figure takes the focus and shows the same.
    cell.focus()
    expect(tip).to_be_visible()
    cell.evaluate("e => e.blur()")
    expect(tip).to_be_hidden()

    # A filter goes into the address, and the grid follows.
    first_rows = grid_rows(page)
    some_theme = metrics[first_rows[0]]["theme_label"]
    pick_option(page, "Themes", some_theme)
    wait_url(page, lambda url: query(url).get("themes") == [metrics[first_rows[0]]["theme"]],
             f"?themes={metrics[first_rows[0]]['theme']}")
    assert {metrics[m]["theme_label"] for m in grid_rows(page)} == {some_theme}
    save_screenshot(page, "test_0_side_by_side_scorecard_filtered")

    # The grid as CSV (of the filtered view): one row per metric shown, each region's figure
    # as shown and its fact ids.
    shown_rows = grid_rows(page)
    with page.expect_download() as download_info:
        page.get_by_test_id("stDownloadButton").filter(has_text="grid").click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [row["metric_id"] for row in rows] == shown_rows
    assert list(rows[0])[:4] == ["theme", "metric_id", "metric", "unit"]
    for region in columns:
        assert {region, f"{region}_fact_ids"} <= set(rows[0]), rows[0].keys()
    for row in rows:
        assert row["metric"] == metrics[row["metric_id"]]["label"]
        for region in columns:
            ids = [i for i in row[f"{region}_fact_ids"].split("; ") if i]
            if not ids:
                assert row[region] == "not reported", (row["metric_id"], region, row[region])
                continue
            assert all(facts[i]["region_id"] == region
                       and facts[i]["metric_id"] == row["metric_id"] for i in ids)
            assert row[region] != "0"
            cell_text = page.locator(f"{GRID} tr[data-metric='{row['metric_id']}'] "
                                     f"td[data-fact='{ids[0]}'] .sbs-figure").inner_text()
            assert row[region].startswith(cell_text), (row[region], cell_text)

    # A row's label opens Compare on that metric with the same regions.
    metric_id = grid_rows(page)[0]
    # A plain link: the browser loads the Compare page afresh.
    page.locator(f"{GRID} tr[data-metric='{metric_id}'] th a").click()
    wait_url(page, lambda url: urlsplit(url).path == "/compare", f"/compare?metric={metric_id}")
    page.wait_for_function("() => window.__stRunsDone >= 1")
    wait_idle(page)
    if metrics[metric_id]["kind"] != "categorical":
        wait_chart(page)
    assert combobox_value(page, "Metric") == metrics[metric_id]["label"]
    assert chips(page, "Regions") == [labels[r] for r in columns]
    assert exceptions_shown(page) == 0


# ---------------------------------------------------------------------------------------------
# 1. The default comparison, with Chinese names drawn in a real CJK font


def test_1_default_comparison_with_chinese_names(page: Page, app_url: str, tidy_dir: Path):
    open_page(page, app_url + "/compare")
    state = wait_chart(page)

    facts = read_csv_rows(tidy_dir / "facts.csv")
    labels = labels_of(tidy_dir)
    metric = combobox_value(page, "Metric")
    assert metric, "the metric picker shows no metric"
    plotted = chart_facts(state)
    assert plotted, "the default comparison plots no fact"
    known = {row["fact_id"]: row for row in facts}
    assert all(fact in known for fact in plotted), f"unknown fact ids in the chart: {plotted}"
    assert len({known[fact]["metric_id"] for fact in plotted}) == 1, "chart mixes metrics"
    assert state["marks"] >= len(plotted), f"{len(plotted)} facts but {state['marks']} marks"

    # The region labels on the chart are "English 中文", as SVG text.
    svg_text = page.locator(f"{CHART} .ytick text").all_text_contents()
    expected = {labels[known[fact]["region_id"]] for fact in plotted}
    assert expected <= {text.split(" · ")[0] for text in svg_text}, svg_text
    chinese = [text for text in svg_text if re.search(r"[\u4e00-\u9fff]", text)]
    assert chinese, f"no Chinese name among the chart's labels: {svg_text}"

    # ... drawn in a font that has the glyphs: the chart's own font stack, and the page's.
    label = page.locator(f"{CHART} .ytick text").filter(has_text=chinese[0]).first
    han = re.findall(r"[\u4e00-\u9fff]", chinese[0])
    assert len(han) >= 2, chinese[0]
    svg_font = label.evaluate("e => getComputedStyle(e).fontFamily")
    glyphs = page.evaluate(GLYPHS_JS, [svg_font, han[0], han[1]])
    assert glyphs == {"differ": True, "notTofu": True, "inked": True}, (
        f"Chinese characters render as boxes in the chart font {svg_font!r}: {glyphs}")
    chip = page.locator("[data-tag]").filter(has_text=re.compile(r"[\u4e00-\u9fff]")).first
    page_font = chip.evaluate("e => getComputedStyle(e).fontFamily")
    glyphs = page.evaluate(GLYPHS_JS, [page_font, "广", "东"])
    assert glyphs == {"differ": True, "notTofu": True, "inked": True}, (
        f"Chinese characters render as boxes in the page font {page_font!r}: {glyphs}")

    # Plotly's own PNG export: a PNG named after the metric, at twice the chart's width.
    chart = page.locator(CHART)
    chart.hover()
    with page.expect_download() as download:
        page.locator(f"{CHART} .modebar-btn[data-title^='download plot' i]").click()
    png = Path(download.value.path()).read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n"), png[:8]
    metric_id = known[plotted[0]]["metric_id"]
    assert download.value.suggested_filename == f"china-ai-regions-{metric_id}.png"
    width, height = struct.unpack(">II", png[16:24])
    box = chart.bounding_box()
    assert box and abs(width - 2 * box["width"]) <= 4 and height > 200, (width, height, box)
    assert len(png) > 20_000, "the exported chart is nearly empty"
    assert exceptions_shown(page) == 0


# ---------------------------------------------------------------------------------------------
# 2. Another metric and regions via the widgets; chart and URL follow; the link restores the view


def test_2_widgets_drive_chart_and_url_and_link_restores(page: Page, app_url: str,
                                                         tidy_dir: Path, new_context):
    facts = read_csv_rows(tidy_dir / "facts.csv")
    metrics = {row["metric_id"]: row for row in read_csv_rows(tidy_dir / "metrics.csv")}
    labels = labels_of(tidy_dir)
    open_page(page, app_url + "/compare")
    before = wait_chart(page)
    default_chips = chips(page, "Regions")
    default_metric = combobox_value(page, "Metric")
    assert len(default_chips) >= 3, default_chips

    # The target view: a plotted metric other than the default, reported by several regions.
    by_metric: dict[str, set[str]] = {}
    for row in facts:
        if metrics[row["metric_id"]]["kind"] != "categorical" and row["value"]:
            by_metric.setdefault(row["metric_id"], set()).add(row["region_id"])
    candidates = sorted(
        (m for m, regions in by_metric.items() if metrics[m]["label"] != default_metric),
        key=lambda m: (-len(by_metric[m]), m))
    assert candidates, "no second metric with figures to switch to"
    metric_id = candidates[0]
    reporting = sorted(by_metric[metric_id], key=lambda r: labels[r])
    chip_ids = {labels[r]: r for r in labels}
    keep = [chip_ids[c] for c in default_chips if chip_ids[c] in reporting]
    drop = [chip_ids[c] for c in default_chips if chip_ids[c] not in reporting][:2]
    add = next((r for r in reporting if labels[r] not in default_chips), None)

    pick_option(page, "Metric", metrics[metric_id]["label"])
    for region in drop:
        remove_chip(page, labels[region])
    if add:
        pick_option(page, "Regions", labels[add])
    wanted_regions = [chip_ids[c] for c in default_chips if chip_ids[c] not in drop]
    wanted_regions += [add] if add else []

    # The widgets show the choice ...
    assert combobox_value(page, "Metric") == metrics[metric_id]["label"]
    assert chips(page, "Regions") == [labels[r] for r in wanted_regions]
    # ... the chart follows: it now plots exactly the new metric's facts of those regions ...
    expected_facts = {row["fact_id"] for row in facts
                      if row["metric_id"] == metric_id and row["region_id"] in wanted_regions}
    after = wait_chart(page, "s => s && s.marks > 0 && " + repr(sorted(expected_facts))
                       + ".every(f => s.traces.some(t => t.facts.includes(f)))")
    assert set(chart_facts(after)) == expected_facts, (chart_facts(after), expected_facts)
    assert after != before, "the chart did not change"
    assert metrics[metric_id]["label"] in after["title"], after["title"]
    assert {labels[r] for r in keep + ([add] if add else [])} <= {
        row.split(" · ")[0] for row in chart_rows(after)}

    # ... and so does the URL.
    wait_url(page, lambda url: query(url).get("metric") == [metric_id]
             and query(url).get("regions") == wanted_regions,
             f"?metric={metric_id}&regions=" + "&regions=".join(wanted_regions))
    link = page.url
    assert urlsplit(link).path == "/compare", link

    # The link, opened in a fresh browser context, restores the same view.
    other = new_context().new_page()
    open_page(other, link)
    restored = wait_chart(other)
    try:
        assert combobox_value(other, "Metric") == metrics[metric_id]["label"]
        assert chips(other, "Regions") == [labels[r] for r in wanted_regions]
        assert restored == after, (restored, after)
    finally:
        save_screenshot(other, "test_2_widgets_drive_chart_and_url_and_link_restores_new_context")


# ---------------------------------------------------------------------------------------------
# 2b. A link shared when Compare was the landing page still opens Compare with its view


def test_2b_old_landing_page_link_opens_compare(page: Page, app_url: str, tidy_dir: Path):
    facts = read_csv_rows(tidy_dir / "facts.csv")
    labels = labels_of(tidy_dir)
    metrics = {row["metric_id"]: row for row in read_csv_rows(tidy_dir / "metrics.csv")}
    regions = ["shanghai", "hangzhou"]
    open_page(page, app_url + "/?metric=computing_power_rank&regions=shanghai&regions=hangzhou")
    wait_url(page, lambda url: urlsplit(url).path == "/compare"
             and query(url).get("metric") == ["computing_power_rank"]
             and query(url).get("regions") == regions,
             "/compare?metric=computing_power_rank&regions=shanghai&regions=hangzhou")
    state = wait_chart(page)
    assert combobox_value(page, "Metric") == metrics["computing_power_rank"]["label"]
    assert chips(page, "Regions") == [labels[r] for r in regions]
    expected = {row["fact_id"] for row in facts
                if row["metric_id"] == "computing_power_rank" and row["region_id"] in regions}
    assert set(chart_facts(state)) == expected
    assert warnings_shown(page) == 0 and exceptions_shown(page) == 0


# ---------------------------------------------------------------------------------------------
# 3. Click a mark: its evidence is highlighted; its link opens the article with the span marked


def test_3_click_mark_highlights_evidence_and_opens_source(page: Page, app_url: str,
                                                           tidy_dir: Path):
    facts = {row["fact_id"]: row for row in read_csv_rows(tidy_dir / "facts.csv")}
    open_page(page, app_url + "/compare")
    wait_chart(page, "s => s && s.marks >= 2")
    cards = page.locator("[class*='st-key-evidence-']")
    expect(cards.first).to_be_visible()
    order = cards.evaluate_all(
        "els => els.map(e => [...e.classList].find(c => c.startsWith('st-key-evidence-'))"
        ".slice('st-key-evidence-'.length))")
    marks = page.evaluate(MARKS_JS, CHART)
    assert len(marks) >= 2, marks
    assert set(order) == {m["fact"] for m in marks}, "evidence missing for a plotted fact"
    # The mark whose evidence is not on top already, so the click has to move it.
    target = next(m for m in marks if m["fact"] != order[0])
    fact_id = target["fact"]
    card = page.locator(f".st-key-evidence-{fact_id}")
    assert "selected in chart" not in card.inner_text()

    page.locator(CHART).scroll_into_view_if_needed()
    target = next(m for m in page.evaluate(MARKS_JS, CHART) if m["fact"] == fact_id)
    with rerun(page):
        page.mouse.click(target["x"], target["y"])

    # Its evidence is selected: marked, first, and the link now carries it.
    expect(card).to_contain_text("selected in chart")
    others = page.locator("[class*='st-key-evidence-']").filter(has_text="selected in chart")
    assert others.count() == 1, "more than one evidence card is selected"
    first = page.locator("[class*='st-key-evidence-']").first
    assert f"st-key-evidence-{fact_id}" in (first.get_attribute("class") or "")
    blockquote = card.locator("blockquote")
    unselected = page.locator("[class*='st-key-evidence-']").nth(1).locator("blockquote")
    assert blockquote.evaluate("e => getComputedStyle(e).borderLeftColor") != \
        unselected.evaluate("e => getComputedStyle(e).borderLeftColor"), "no visible highlight"
    quote = facts[fact_id]["quote"]
    assert " ".join(quote.split()) in " ".join(blockquote.inner_text().split())
    expect(card.locator("mark")).to_have_count(1)
    wait_url(page, lambda url: query(url).get("fact") == [fact_id], f"...&fact={fact_id}")
    save_screenshot(page, "test_3_click_mark_highlights_evidence_and_opens_source_compare")

    # Its source link opens the Sources page with the fact's span highlighted.
    with rerun(page):
        card.locator("a").filter(has_text=fact_id).first.click()
    source_id = facts[fact_id]["source_id"]
    wait_url(page, lambda url: urlsplit(url).path.endswith("/sources")
             and query(url).get("fact") == [fact_id] and query(url).get("source") == [source_id],
             f"/sources?source={source_id}&fact={fact_id}", timeout=30_000)
    anchor = page.locator(f"[id='fact-{fact_id}']")
    expect(anchor).to_have_count(1)
    spans = page.evaluate(
        """(id) => {
          const anchor = document.getElementById(id);
          const article = anchor.closest('div[style*="pre-wrap"]') || anchor.parentElement;
          const marks = [...article.querySelectorAll('mark')];
          const first = marks.find(m => anchor.compareDocumentPosition(m)
                                          & Node.DOCUMENT_POSITION_FOLLOWING);
          const bg = (m) => getComputedStyle(m).backgroundColor;
          const selected = bg(first);
          return {selected: marks.filter(m => bg(m) === selected).map(m => m.textContent),
                  others: marks.filter(m => bg(m) !== selected).length};
        }""", f"fact-{fact_id}")
    marked = " ".join("".join(spans["selected"]).split())
    assert marked == " ".join(quote.split()), (
        f"the highlighted span is {marked!r}, the fact's quote is {quote!r}")
    assert spans["others"] > 0, "every fact span looks the same: the fact is not singled out"
    assert exceptions_shown(page) == 0


# ---------------------------------------------------------------------------------------------
# 4. The map draws provinces on a canvas; clicking Guangdong opens its Region page


def _inside(point: tuple[float, float], ring: list) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _interior_point(geometry: dict, avoid: list[tuple[float, float]]) -> tuple[float, float]:
    """A point well inside the largest polygon, as far as possible from the `avoid` points."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" \
        else [geometry["coordinates"]]
    ring = max((p[0] for p in polygons), key=len)
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    best, best_score = None, -1.0
    steps = 40
    for i in range(1, steps):
        for j in range(1, steps):
            x = min(xs) + (max(xs) - min(xs)) * i / steps
            y = min(ys) + (max(ys) - min(ys)) * j / steps
            margin = 0.45
            around = [(x + dx * margin, y + dy * margin) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
            if not all(_inside(p, ring) for p in around):
                continue
            score = min((math.dist((x, y), a) for a in avoid), default=9.0)
            if score > best_score:
                best, best_score = (x, y), score
    assert best is not None, "no interior point found"
    return best


def _project(lon: float, lat: float, view: dict, width: float, height: float):
    """deck.gl's Web Mercator: 512 * 2**zoom pixels around the world, view centre at the middle."""
    scale = 512 * 2 ** view["zoom"] / (2 * math.pi)

    def mercator(lo: float, la: float) -> tuple[float, float]:
        return (math.radians(lo) * scale,
                -math.log(math.tan(math.pi / 4 + math.radians(la) / 2)) * scale)

    x0, y0 = mercator(view["longitude"], view["latitude"])
    x, y = mercator(lon, lat)
    return width / 2 + x - x0, height / 2 + y - y0


def _tooltip(page: Page) -> str:
    return page.evaluate("""() => [...document.querySelectorAll('.deck-tooltip')]
        .filter(e => e.style.display !== 'none').map(e => e.innerText).join(' | ')""")


def _map_view(tidy_dir: Path, data_root: Path, metric_label: str) -> dict:
    """The view the map opens with for the metric shown: fitted to the regions with a figure,
    worked out by the app's own functions from the same files."""
    from dashboard import data, figures, geo

    tables = data.read_tables(tidy_dir)
    metric = next(row for row in tables.metrics.to_dict("records")
                  if metric_label.startswith(row["label"] + " ("))
    values = geo.map_values(tables.facts, tables.regions, tables.sources, metric["metric_id"])
    provinces = geo.province_features(data.read_geojson(data_root / "geo" / data.GEO_FILE),
                                      tables.regions, values, metric)
    points = geo.city_points(tables.regions, values, metric)
    labels = geo.label_points(tables.regions, values, figures.focus_regions(tables.regions),
                              points)
    return geo.fitted_view(provinces, points, labels)


def test_4_map_draws_provinces_and_click_opens_region(page: Page, app_url: str,
                                                      data_root: Path, tidy_dir: Path):
    labels = labels_of(tidy_dir)
    regions = {row["region_id"]: row for row in read_csv_rows(tidy_dir / "regions.csv")}
    guangdong = regions["guangdong"]
    collection = json.loads((data_root / "geo" / "china_provinces.geojson").read_text("utf-8"))
    feature = next(f for f in collection["features"]
                   if int(f["properties"]["adcode"]) == int(guangdong["adcode"]))
    cities = [(float(r["lon"]), float(r["lat"])) for r in regions.values()
              if r["level"] in ("prefecture_city", "district") and r["lon"] and r["lat"]]
    lon, lat = _interior_point(feature["geometry"], cities)

    open_page(page, app_url + "/map")
    canvas = page.locator("[data-testid=stDeckGlJsonChart] canvas").first
    # deck.gl's bundle is loaded when the first map is drawn; on a busy machine that can take
    # longer than Playwright's default five seconds after the script run has finished.
    errors_before = len(CONSOLE_ERRORS)
    try:
        expect(canvas).to_be_visible(timeout=30_000)
    except AssertionError as error:
        raise AssertionError("the map's canvas did not appear; browser errors meanwhile: "
                             f"{CONSOLE_ERRORS[errors_before:] or 'none'}") from error
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    # The canvas fills the content width: as wide as the metric picker above it.
    picker = page.get_by_role("combobox", name="Metric", exact=True).bounding_box()
    assert box and box["height"] >= 600 and box["width"] >= picker["width"] - 20, (box, picker)
    view = _map_view(tidy_dir, data_root, combobox_value(page, "Metric"))
    x, y = _project(lon, lat, view, box["width"], box["height"])
    assert 0 < x < box["width"] and 0 < y < box["height"], (x, y, box)

    # Drawn: many colours on the canvas (provinces, outlines, shading), Guangdong not background.
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stDeckGlJsonChart] canvas').width > 0")
    deadline = time.monotonic() + 20
    while True:
        pixels = canvas_pixels(canvas)
        colours = {pixels.getpixel((px, py)) for px in range(0, pixels.width, 7)
                   for py in range(0, pixels.height, 7)}
        corner = pixels.getpixel((2, 2))
        at_guangdong = pixels.getpixel((int(x), int(y)))
        if (len(colours) >= 4 and at_guangdong != corner) or time.monotonic() > deadline:
            break
        page.wait_for_timeout(500)
    assert len(colours) >= 4, f"the map canvas looks blank ({len(colours)} colours)"
    assert at_guangdong != corner, "nothing is drawn where Guangdong should be"
    save_screenshot(page, "test_4_map_draws_provinces_and_click_opens_region_map")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()

    # Hover shows Guangdong's tooltip (the point is on the province), then click opens its page.
    page.mouse.move(box["x"] + x, box["y"] + y)
    expect(page.locator(".deck-tooltip").filter(has_text=labels["guangdong"])).to_be_visible()
    page.wait_for_timeout(300)
    started = time.monotonic()
    page.mouse.down()
    pressed = time.monotonic() - started
    page.mouse.up()
    try:
        page.wait_for_url(lambda url: urlsplit(url).path.endswith("/region")
                          and query(url).get("region") == ["guangdong"], timeout=20_000,
                          wait_until="commit")
    except PlaywrightTimeoutError as error:
        raise AssertionError(
            f"clicking Guangdong did not open its Region page (url {page.url}); the browser "
            f"spent {pressed:.2f} s handling the press (deck.gl picks on pointer-down and "
            "drops the click if that takes longer than 250 ms)") from error
    wait_idle(page)
    expect(page.get_by_role("heading", name=labels["guangdong"])).to_be_visible()
    assert exceptions_shown(page) == 0


# ---------------------------------------------------------------------------------------------
# 5. Data page: filter, download, the file equals the table and formulas are neutralised


def _grid_rows(page: Page) -> list[list[str]]:
    """Every row of the glide data grid, scrolling its virtualised accessibility table."""
    return page.evaluate(
        """async () => {
          const grid = document.querySelector('[data-testid=stDataFrame]');
          const table = grid.querySelector('table[role=grid]');
          const total = Number(table.getAttribute('aria-rowcount'));
          const scroller = grid.querySelector('.dvn-scroller') || table.parentElement;
          const rows = new Map();
          const sleep = (ms) => new Promise(r => setTimeout(r, ms));
          for (let round = 0; round < 200 && rows.size < total; round++) {
            for (const tr of table.querySelectorAll('tr')) {
              const index = Number(tr.getAttribute('aria-rowindex'));
              if (index) rows.set(index, [...tr.children].map(c => c.textContent));
            }
            scroller.scrollTop += Math.max(40, scroller.clientHeight / 2);
            await sleep(60);
          }
          scroller.scrollTop = 0;
          return [...rows.keys()].sort((a, b) => a - b).map(k => rows.get(k));
        }""")


def test_5_data_filter_download_csv(page: Page, formula_app: dict, tmp_path: Path):
    app_url, planted_fact, planted_text = (formula_app["url"], formula_app["fact_id"],
                                           formula_app["text"])
    tidy = formula_app["tidy"]
    facts = read_csv_rows(tidy / "facts.csv")
    region = next(row["region_id"] for row in facts if row["fact_id"] == planted_fact)
    label = labels_of(tidy)[region]

    open_page(page, app_url + "/data")
    expect(page.get_by_test_id("stDataFrame")).to_be_visible()
    pick_option(page, "Region", label)
    assert chips(page, "Region") == [label]
    wait_url(page, lambda url: query(url).get("region") == [region], f"/data?region={region}")
    expected_ids = [row["fact_id"] for row in facts if row["region_id"] == region]
    page.wait_for_function(
        """(n) => { const t = document.querySelector('[data-testid=stDataFrame] table[role=grid]');
                    return t && Number(t.getAttribute('aria-rowcount')) === n + 1; }""",
        arg=len(expected_ids))

    shown = _grid_rows(page)
    header, body = shown[0], shown[1:]
    assert "fact_id" in header, header
    shown_ids = [row[header.index("fact_id")] for row in body]
    assert sorted(shown_ids) == sorted(expected_ids), (shown_ids, expected_ids)

    button = page.get_by_test_id("stDownloadButton").filter(has_text="CSV")
    with page.expect_download() as download_info:
        button.click()
    download = download_info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "the CSV is not UTF-8 with a byte-order mark"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows, "the CSV has no rows"
    columns = list(rows[0])
    missing = [column for column in PROVENANCE if column not in columns]
    assert not missing, f"provenance columns missing from the CSV: {missing}"
    assert [row["fact_id"] for row in rows] == shown_ids, "CSV rows differ from the table shown"
    assert {row["region_id"] for row in rows} == {region}
    if "region_id" in header:
        assert [row["region_id"] for row in rows] == [
            r[header.index("region_id")] for r in body]

    planted = next(row for row in rows if row["fact_id"] == planted_fact)
    cells = [value for value in planted.values() if planted_text in value]
    assert cells == ["'" + planted_text], (
        f"the cell {planted_text!r} came back as {cells!r}, not neutralised with a leading '")
    for row in rows:
        for column, value in row.items():
            if column not in NUMERIC_EXPORT_COLUMNS:
                assert not could_run_as_formula(value), (row["fact_id"], column, value)

    # The data package obeys the same rule: its facts.csv holds the planted cell neutralised.
    package_button = page.get_by_test_id("stDownloadButton").filter(has_text="data package")
    with page.expect_download() as download_info:
        package_button.click()
    package = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(package)
    with zipfile.ZipFile(package) as archive:
        packaged = list(csv.DictReader(io.StringIO(archive.read("facts.csv").decode("utf-8"),
                                                   newline="")))
    planted_row = next(row for row in packaged if row["fact_id"] == planted_fact)
    assert planted_row["note"] == "'" + planted_text, planted_row["note"]
    assert "apostrophe" in page.get_by_test_id("stCaptionContainer").last.inner_text()
    assert exceptions_shown(page) == 0


# ---------------------------------------------------------------------------------------------
# 6. Tampered links: a notice and the default view; no dialog, no script


PWN = '<img src=x onerror="window.__pwned=1">'
COMPARE_TAMPERED = [
    # an unknown id, and a fact parameter carrying markup
    "/compare?metric=nope&fact=" + quote(f'"><svg onload="window.__pwned=1">{PWN}'),
    # script tags and an onerror payload as ids
    "/compare?regions=" + quote("<script>alert(1)</script>") + "&regions=" + quote(PWN)
    + "&metric=" + quote(PWN),
    # 10,000-character values
    "/compare?metric=" + "9" * 10_000 + "&regions=" + "x" * 10_000,
    # repeated and empty keys
    "/compare?metric=computing_power_rank&metric=ai_companies&regions=&regions=",
    # the same through an old landing-page link, which opens Compare
    "/?metric=" + quote(PWN) + "&regions=" + quote("<script>alert(1)</script>"),
]
SIDE_BY_SIDE_TAMPERED = [
    "/?regions=" + quote("<script>alert(1)</script>") + "&themes=" + quote(PWN)
    + "&min_regions=999&status=" + quote('"><svg onload="window.__pwned=1">'),
    "/?themes=" + "x" * 10_000 + "&min_regions=0&min_regions=1&status=",
]
REGION_TAMPERED = [
    "/region?region=../../etc",
    "/region?region=" + quote(PWN),
]


def _compare_view(page: Page) -> dict:
    chart = wait_chart(page)  # drawn last: the widgets above it are drawn by then
    return {"metric": combobox_value(page, "Metric"), "regions": chips(page, "Regions"),
            "chart": chart}


def _side_by_side_view(page: Page) -> dict:
    expect(page.locator(GRID).first).to_be_visible()
    return {"regions": chips(page, "Regions"), "themes": chips(page, "Themes"),
            "columns": grid_columns(page), "rows": grid_rows(page)}


def _region_view(page: Page) -> dict:
    heading = page.locator("[data-testid=stMain] h2").first.inner_text()
    return {"region": combobox_value(page, "Region"), "heading": heading}


def _check_untouched(page: Page, url: str) -> None:
    text = page.locator("[data-testid=stMain]").inner_text()
    for needle in ("alert(1)", "onerror", "onload", "<script", "9999999999", "xxxxxxxxxx"):
        assert needle not in text, f"{url[:80]}: the page echoes {needle!r}"
    assert page.evaluate("() => window.__pwned") is None, f"{url[:80]}: injected script ran"
    assert page.locator("img[src='x'], svg[onload]").count() == 0, f"{url[:80]}: markup injected"
    assert exceptions_shown(page) == 0, f"{url[:80]}: an exception is shown"


def _tampered_links_give_the_default(page: Page, app_url: str, home: str, paths: list[str],
                                     view, shot: str | None = None) -> None:
    """Each link opens with a notice, the view of `home` and nothing of its payload."""
    open_page(page, app_url + home)
    default = view(page)
    assert warnings_shown(page) == 0, f"{home}: the default view already shows a warning"
    for path in paths:
        open_page(page, app_url + path)
        expect(page.locator("[data-testid=stMain] [data-testid=stAlertContentWarning]").first
               ).to_be_visible()
        # the view as it settles: on a loaded machine a pass may still be drawing it
        seen = view(page)
        for _ in range(40):
            if seen == default:
                break
            page.wait_for_timeout(250)
            seen = view(page)
        assert seen == default, f"{path[:80]}: not the default view"
        _check_untouched(page, path)
        if shot and path == paths[1]:
            save_screenshot(page, shot)


def test_6_tampered_urls_show_notice_and_default_view(page: Page, app_url: str):
    _tampered_links_give_the_default(page, app_url, "/compare", COMPARE_TAMPERED, _compare_view,
                                     "test_6_tampered_urls_compare_notice")
    _tampered_links_give_the_default(page, app_url, "/", SIDE_BY_SIDE_TAMPERED,
                                     _side_by_side_view, "test_6_tampered_urls_side_by_side")
    _tampered_links_give_the_default(page, app_url, "/region", REGION_TAMPERED, _region_view)
    assert DIALOGS == [], f"dialogs opened: {DIALOGS}"


# ---------------------------------------------------------------------------------------------
# 8. Sources links: a figure alone opens its own article; a figure paired with another article
#    says so and offers its own; the source URL is one link


def test_8_sources_links_open_the_figures_own_article(page: Page, app_url: str, tidy_dir: Path):
    facts = read_csv_rows(tidy_dir / "facts.csv")
    sources = [row["source_id"] for row in read_csv_rows(tidy_dir / "sources.csv")]
    fact = next(row for row in facts if row["source_id"] != sources[0])
    fact_id, home = fact["fact_id"], fact["source_id"]

    open_page(page, app_url + f"/sources?fact={fact_id}")
    assert warnings_shown(page) == 0
    expect(page.locator(f"[id='fact-{fact_id}']")).to_have_count(1)
    assert combobox_value(page, "Article").startswith(f"{home} ·")

    other = next(s for s in sources if s != home)
    open_page(page, app_url + f"/sources?source={other}&fact={fact_id}")
    notice = page.locator("[data-testid=stMain] [data-testid=stAlertContentWarning]")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text(f"is from another article ({home}")
    expect(page.locator(f"[id='fact-{fact_id}'] + mark[style*='outline']")).to_have_count(0)
    save_screenshot(page, "test_8_sources_fact_of_another_article_notice")
    with rerun(page):
        page.get_by_role("link", name=f"Open it in its own article ({home})").click()
    wait_url(page, lambda url: query(url).get("source") == [home]
             and query(url).get("fact") == [fact_id], f"/sources?source={home}&fact={fact_id}")
    expect(page.locator(f"[id='fact-{fact_id}']")).to_have_count(1)
    assert warnings_shown(page) == 0
    assert exceptions_shown(page) == 0


def test_8_sources_url_is_one_link(page: Page, formula_app: dict):
    open_page(page, formula_app["url"] + f"/sources?source={formula_app['source_id']}")
    wanted = formula_app["source_url"]
    anchors = page.locator("[data-testid=stMain] a[href^='https://example.com']")
    expect(anchors).to_have_count(1)
    assert anchors.first.inner_text() == wanted
    assert anchors.first.get_attribute("href") == wanted.replace("(", "%28").replace(")", "%29")
    assert anchors.first.get_attribute("target") == "_blank"
    save_screenshot(page, "test_8_sources_url_is_one_link")


# ---------------------------------------------------------------------------------------------
# 7. Offline-clean: across all journeys, no request to any host but the app's own


def test_7_no_request_leaves_the_machine(page: Page, app_url: str):
    # Pages no earlier journey opened (all of them when this test runs alone) are opened here;
    # if every page was seen already, the Compare page is opened once more for the screenshot.
    pages = ("/", "/compare", "/map", "/region", "/sources", "/data")
    for path in [p for p in pages if p not in VISITED] or ["/"]:
        open_page(page, app_url + path)
        page.wait_for_timeout(1500)  # charts and the map load their parts after the run
    assert set(pages) <= VISITED
    assert OFFSITE == [], "requests to other hosts:\n" + "\n".join(sorted(set(OFFSITE)))
    assert DIALOGS == [], f"dialogs opened: {DIALOGS}"
