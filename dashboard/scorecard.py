"""The Side by side scorecard: metrics (rows, grouped by theme) × regions (columns), each cell the
figure the articles give, labelled as the Compare chart labels it; as rows, escaped HTML and CSV.

No Streamlit here: the page wires its filters to these functions, which take the tidy tables.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from urllib.parse import urlencode

import pandas as pd

from dashboard.figures import (
    LEVEL_NAMES,
    fact_label,
    figure_year,
    format_value,
    nested_pairs,
    nesting_notes,
    published_text,
    region_label,
    region_labels,
    when_text,
)
from dashboard.markup import MARK_STYLE, escape_html, highlight_quote

# The figures a reader can ask for: URL value -> label of the choice.
STATUSES = {"both": "Actual and targets", "actual": "Actual figures only",
            "target": "Targets only"}
NOT_REPORTED = "not reported"
CONFLICT_MARK = "⚠ sources disagree"
COMPARE_PATH = "compare"
SOURCES_PATH = "sources"
# More region columns than this and the table scrolls sideways instead of squeezing them.
FITTING_COLUMNS = 7
# A cell's tooltip holds this many of its figures (the one shown first among them); a cell of
# many figures says how many more there are, so the grid's page stays small at any scale.
TIP_FACTS = 1
# The last rows of the table open their popovers upwards (a popover is at most 360 px tall).
UP_ROWS = 4
TARGET_ORANGE = "#d55e00"  # the map's target outline: one colour means "a plan" everywhere


@dataclass(frozen=True)
class Cell:
    """One region's facts for one metric: the lead figure first (newest actual, then targets)."""

    region_id: str
    facts: tuple[dict, ...]
    contradicted: frozenset[str]  # ids of the cell's facts another source contradicts
    conflict_notes: tuple[str, ...]  # what disagrees, in words

    @property
    def lead(self) -> dict | None:
        return self.facts[0] if self.facts else None


@dataclass(frozen=True)
class Row:
    metric_id: str
    label: str
    unit: str
    theme: str
    theme_label: str
    cells: tuple[Cell, ...]

    @property
    def reported(self) -> int:
        """How many of the row's regions have a figure."""
        return sum(1 for cell in self.cells if cell.facts)


def _stated_year(fact: Mapping) -> int | None:
    year = fact.get("year")
    return None if year is None or pd.isna(year) else int(year)


def cell_order(facts: Sequence[Mapping], published_year: Mapping[str, object]) -> list[dict]:
    """Actual figures first, the newest first: those whose year the article states by that
    year, then undated ones by their article's date (a stated year can be checked, a guessed
    one not); then targets, the soonest first. Ties by fact id, so the order is stable."""
    def key(fact: Mapping) -> tuple:
        stated = _stated_year(fact)
        if fact["status"] == "actual":
            year = stated if stated is not None else figure_year(
                fact, published_year.get(fact["source_id"]))
            return (0, stated is None, -(year if year is not None else -10_000),
                    str(fact["fact_id"]))
        return (1, False, stated if stated is not None else 10_000, str(fact["fact_id"]))
    return sorted((dict(fact) for fact in facts), key=key)


def scorecard_rows(facts: pd.DataFrame, metrics: pd.DataFrame, sources: pd.DataFrame,
                   conflicts: pd.DataFrame, region_ids: Sequence[str], *,
                   themes: Sequence[str] = (), status: str = "both",
                   min_regions: int = 1) -> list[Row]:
    """The rows to show: metrics in curated order (of `themes`, or all when empty), each with a
    cell per region, keeping only metrics reported for at least `min_regions` of `region_ids`.

    `status` "actual" or "target" keeps only those facts; "both" keeps every fact.
    """
    chosen = facts[facts["region_id"].isin(region_ids)]
    if status in ("actual", "target"):
        chosen = chosen[chosen["status"] == status]
    published = sources.set_index("source_id")["published_year"].to_dict()
    disputes: dict[str, list[str]] = {}
    for conflict in conflicts.itertuples():
        for fact_id in (conflict.fact_id_a, conflict.fact_id_b):
            disputes.setdefault(fact_id, []).append(conflict.description)
    by_cell: dict[tuple[str, str], list[dict]] = {}
    for fact in chosen.to_dict("records"):
        by_cell.setdefault((fact["metric_id"], fact["region_id"]), []).append(fact)
    wanted = set(themes)
    rows = []
    for metric in metrics.to_dict("records"):
        if wanted and metric["theme"] not in wanted:
            continue
        cells = []
        for region_id in region_ids:
            ordered = cell_order(by_cell.get((metric["metric_id"], region_id), []), published)
            contradicted = frozenset(f["fact_id"] for f in ordered if f["fact_id"] in disputes)
            notes = tuple(dict.fromkeys(note for f in ordered for note in
                                        disputes.get(f["fact_id"], ())))
            cells.append(Cell(region_id, tuple(ordered), contradicted, notes))
        row = Row(metric["metric_id"], metric["label"], metric["unit"], metric["theme"],
                  metric["theme_label"], tuple(cells))
        if row.reported >= min_regions:
            rows.append(row)
    return rows


def cell_text(cell: Cell) -> str:
    """The cell in words, as the Compare chart labels the figure: "≥ 100 EFLOPS (target 2025)",
    "25% (2024) +2 more", "not reported"; a contradicted figure says so."""
    if cell.lead is None:
        return NOT_REPORTED
    text = fact_label(cell.lead)
    if len(cell.facts) > 1:
        text += f" +{len(cell.facts) - 1} more"
    if cell.contradicted:
        text += f" {CONFLICT_MARK}"
    return text


def grid_table(rows: Sequence[Row], region_ids: Sequence[str]) -> pd.DataFrame:
    """The scorecard for a CSV: one row per metric, each region's cell as shown and the ids of
    its facts (lead first, separated by "; ")."""
    records = []
    for row in rows:
        record = {"theme": row.theme_label, "metric_id": row.metric_id, "metric": row.label,
                  "unit": row.unit}
        for cell in row.cells:
            record[cell.region_id] = cell_text(cell)
            record[f"{cell.region_id}_fact_ids"] = "; ".join(f["fact_id"] for f in cell.facts)
        records.append(record)
    columns = ["theme", "metric_id", "metric", "unit"]
    for region_id in region_ids:
        columns += [region_id, f"{region_id}_fact_ids"]
    return pd.DataFrame(records, columns=columns)


def shown_fact_ids(rows: Sequence[Row]) -> list[str]:
    """Every fact in the scorecard, row by row, each cell's lead first."""
    return [fact["fact_id"] for row in rows for cell in row.cells for fact in cell.facts]


def level_note(region_id: str, regions: pd.DataFrame) -> str:
    """A column's administrative level: "province", "prefecture-level city in Guangdong 广东"."""
    by_region = regions.set_index("region_id")
    level = by_region.at[region_id, "level"]
    name = LEVEL_NAMES.get(level, level).split(" (")[0]
    parent = by_region.at[region_id, "parent_id"]
    if level in ("prefecture_city", "district") and parent in by_region.index:
        home = by_region.loc[parent]
        return f"{name} in {region_label(home['name_en'], home['name_zh'])}"
    return name


def compare_href(metric_id: str, region_ids: Sequence[str]) -> str:
    """The Compare page for one metric and the same regions (relative to the landing page)."""
    query = [("metric", metric_id), *(("regions", region) for region in region_ids)]
    return f"{COMPARE_PATH}?{urlencode(query)}"


def sources_href(fact: Mapping) -> str:
    return f"{SOURCES_PATH}?{urlencode({'source': fact['source_id'], 'fact': fact['fact_id']})}"


# Table styles, scoped by the `sbs-` prefix (st.html content is not in an iframe).
STYLE = f"""
<style>
.sbs-legend {{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:0.85rem;color:#374151;
  margin:0 0 8px 0;align-items:center}}
.sbs-legend span.sbs-key {{display:inline-block;padding:1px 8px;border-radius:3px;
  margin-right:6px}}
.sbs-wrap {{width:100%}}
.sbs-wrap.sbs-wide {{overflow-x:auto;padding-bottom:4px}}
table.sbs {{border-collapse:separate;border-spacing:3px;table-layout:fixed;width:100%;
  font-size:0.9rem;color:#111827}}
.sbs-wide table.sbs {{width:auto}}
table.sbs th, table.sbs td {{vertical-align:top;text-align:left}}
table.sbs thead th {{font-weight:600;vertical-align:bottom;padding:2px 6px;line-height:1.25;
  word-break:keep-all;overflow-wrap:break-word}}
table.sbs thead th .sbs-level {{display:block;font-weight:400;font-size:0.75rem;color:#6b7280}}
table.sbs thead th .sbs-flag {{color:{TARGET_ORANGE};font-weight:600}}
table.sbs th.sbs-metric {{font-weight:400;padding:6px 8px 6px 0;overflow-wrap:break-word}}
table.sbs th.sbs-metric a {{color:#1d4ed8;text-decoration:none;font-weight:600}}
table.sbs th.sbs-metric a:hover {{text-decoration:underline}}
table.sbs th.sbs-metric .sbs-unit {{display:block;font-size:0.75rem;color:#6b7280}}
table.sbs tr.sbs-theme th {{font-size:0.8rem;letter-spacing:0.04em;text-transform:uppercase;
  color:#374151;border-bottom:2px solid #9ca3af;padding:12px 0 2px 0}}
table.sbs td {{position:relative;padding:6px 8px;border-radius:4px;line-height:1.3;
  overflow-wrap:break-word}}
table.sbs td.sbs-actual {{background:#eef2ff;border:2px solid #c7d2fe}}
table.sbs td.sbs-target {{border:2px dashed {TARGET_ORANGE};
  background:repeating-linear-gradient(135deg,#fff 0 6px,#fdebd9 6px 9px)}}
table.sbs td.sbs-none {{background:#f3f4f6;color:#6b7280;font-style:italic;
  font-size:0.8rem;border:2px solid #f3f4f6}}
table.sbs td .sbs-figure {{display:block;font-weight:700;font-size:0.95rem}}
table.sbs td .sbs-when {{display:block;font-size:0.78rem;color:#4b5563}}
table.sbs td.sbs-target .sbs-when {{color:#9a3412;font-weight:600}}
table.sbs td .sbs-more {{font-size:0.75rem;color:#374151;background:#fff;border:1px solid #d1d5db;
  border-radius:8px;padding:0 5px;margin-top:2px;display:inline-block}}
table.sbs td .sbs-conflict {{display:block;font-size:0.75rem;color:#b91c1c;font-weight:600}}
table.sbs td:focus {{outline:3px solid #2563eb;outline-offset:1px}}
table.sbs td .sbs-tip {{display:none;position:absolute;z-index:20;top:100%;left:0;width:380px;
  max-width:80vw;max-height:360px;overflow-y:auto;background:#fff;color:#111827;
  border:1px solid #9ca3af;border-radius:6px;box-shadow:0 6px 18px rgba(0,0,0,0.18);
  padding:8px 10px;font-style:normal;font-size:0.82rem;font-weight:400;line-height:1.4;
  text-align:left}}
table.sbs tr.sbs-up td .sbs-tip {{top:auto;bottom:100%}}
table.sbs td.sbs-left .sbs-tip {{left:auto;right:0}}
table.sbs td:hover .sbs-tip, table.sbs td:focus .sbs-tip, table.sbs td:focus-within .sbs-tip
  {{display:block}}
.sbs-tip blockquote {{margin:4px 0 3px 0;padding:3px 8px;border-left:3px solid #d1d5db;
  background:#f9fafb}}
.sbs-tip mark {{{MARK_STYLE}}}
.sbs-tip small {{display:block;color:#4b5563;font-size:0.78rem;margin-top:2px}}
.sbs-tip strong {{display:block;color:#b91c1c;font-size:0.78rem;font-weight:600;margin-top:3px}}
</style>
"""

LEGEND = f"""<div class="sbs-legend" aria-hidden="true">
<span><span class="sbs-key" style="background:#eef2ff;border:2px solid #c7d2fe">figure</span>
actual: reported, achieved</span>
<span><span class="sbs-key" style="border:2px dashed {TARGET_ORANGE};
background:repeating-linear-gradient(135deg,#fff 0 6px,#fdebd9 6px 9px)">figure · target</span>
target: a plan, not an achieved figure</span>
<span><span class="sbs-key" style="color:#b91c1c;font-weight:600">{CONFLICT_MARK}</span>
another source contradicts it</span>
<span><span class="sbs-key" style="background:#f3f4f6;color:#6b7280;font-style:italic">
{NOT_REPORTED}</span>no article gives it (not zero)</span>
</div>"""


def _attribute(text: object) -> str:
    """Text for an HTML attribute value (URLs, ids, labels): quotes and markup escaped."""
    return html.escape(str(text), quote=True)


def _tip(cell: Cell, metric_label: str, region_label: str,
         sources: Mapping[str, Mapping]) -> str:
    """The cell's first TIP_FACTS facts (the figure shown first) with their sentences, number
    marked, and sources, and how many more there are (escaped).

    Few elements and attributes: the browser sanitizes the whole table's HTML again at every
    filter change, and the popovers, one per cell, are most of it. The figure itself is not
    repeated: it is what the cell shows right above the popover."""
    parts = [f"{escape_html(region_label)} · {escape_html(metric_label)}"]
    for fact in cell.facts[:TIP_FACTS]:
        source = sources.get(fact["source_id"], {})
        publisher = f" — {escape_html(source['publisher'])}" if source.get("publisher") else ""
        quote = highlight_quote(" ".join(str(fact["quote"]).split()),
                                " ".join(str(fact["as_written"]).split()), escape=escape_html,
                                style=None)
        if fact["fact_id"] in cell.contradicted:
            parts.append("<strong>⚠ another source contradicts this figure</strong>")
        # The article's date matters most where the figure has no year of its own.
        published = ("" if _stated_year(fact) is not None
                     else f"published {escape_html(published_text(source))} · ")
        parts.append(
            f"<blockquote>{quote}</blockquote>"
            f"<small>Source: <em>{escape_html(source.get('title', ''))}</em>{publisher} · "
            f"{published}"
            f'<a href="{_attribute(sources_href(fact))}">open in the article</a></small>'
        )
    if len(cell.facts) > TIP_FACTS:
        more = len(cell.facts) - TIP_FACTS
        parts.append(f'<small>{more} more figure{"s" if more > 1 else ""} on the metric\'s '
                     "Compare page</small>")
    notes = [escape_html(note) for note in cell.conflict_notes[:TIP_FACTS]]
    if len(cell.conflict_notes) > TIP_FACTS:
        notes.append(f"and {len(cell.conflict_notes) - TIP_FACTS} more conflicts")
    if notes:
        parts.append(f"<strong>{'<br>'.join(notes)}</strong>")
    return f'<span class="sbs-tip" role="tooltip">{"".join(parts)}</span>'


def _cell_html(cell: Cell, row: Row, region_label: str, sources: Mapping[str, Mapping],
               side: str) -> str:
    if cell.lead is None:
        return f'<td class="sbs-none{side}">{NOT_REPORTED}</td>'
    lead = cell.lead
    kind = "sbs-target" if lead["status"] == "target" else "sbs-actual"
    more = (f'<span class="sbs-more">+{len(cell.facts) - 1} more</span>'
            if len(cell.facts) > 1 else "")
    conflict = f'<span class="sbs-conflict">{CONFLICT_MARK}</span>' if cell.contradicted else ""
    return (
        f'<td class="{kind}{side}" tabindex="0" data-fact="{_attribute(lead["fact_id"])}" '
        f'aria-label="{_attribute(f"{region_label}: {cell_text(cell)}")}">'
        f'<span class="sbs-figure">{escape_html(format_value(lead))}</span>'
        f'<span class="sbs-when">{escape_html(when_text(lead))}</span>{more}{conflict}'
        f"{_tip(cell, row.label, region_label, sources)}</td>"
    )


def _column_head(region_id: str, labels: Mapping[str, str], regions: pd.DataFrame,
                 flagged: set[str]) -> str:
    # "Guangdong 广东": English above, Chinese below, then the level; a long English name wraps
    # between its words ("Yangtze River / Delta").
    english, _, chinese = labels[region_id].rpartition(" ")
    names = (f"{escape_html(english)}<br>{escape_html(chinese)}" if english
             else escape_html(labels[region_id]))
    flag = '<span class="sbs-flag" title="lies inside another column">⚑ </span>' \
        if region_id in flagged else ""
    return (f'<th scope="col" data-region="{_attribute(region_id)}">{flag}{names}'
            f'<span class="sbs-level">{escape_html(level_note(region_id, regions))}</span></th>')


def _rows_html(rows: Sequence[Row], region_ids: Sequence[str], labels: Mapping[str, str],
               sources: Mapping[str, Mapping], total: int, first_index: int = 0) -> str:
    """The body rows of `rows`: a theme header row where the theme changes, then each metric.

    Popovers open upwards in the last UP_ROWS rows of the whole table (of `total` rows), so none
    is cut at the page's end; a row's direction depends only on the rows below it, so a filter
    that drops a row above leaves the rest of the table as it was."""
    body = []
    theme = None
    for index, row in enumerate(rows, start=first_index):
        if row.theme != theme:
            theme = row.theme
            body.append(f'<tr class="sbs-theme"><th colspan="{len(region_ids) + 1}" '
                        f'scope="colgroup">{escape_html(row.theme_label)}</th></tr>')
        up = ' class="sbs-up"' if index >= total - UP_ROWS and total > 3 else ""
        unit = "" if row.unit in ("text", "rank", "count") else row.unit
        cells = "".join(
            _cell_html(cell, row, labels[cell.region_id], sources,
                       " sbs-left" if position >= len(region_ids) - 2 and position > 0 else "")
            for position, cell in enumerate(row.cells)
        )
        body.append(
            f'<tr{up} data-metric="{_attribute(row.metric_id)}"><th scope="row" '
            f'class="sbs-metric"><a href="{_attribute(compare_href(row.metric_id, region_ids))}"'
            f' title="{_attribute(f"Compare {row.label} across these regions")}">'
            f"{escape_html(row.label)}</a>"
            + (f'<span class="sbs-unit">{escape_html(unit)}</span>' if unit else "")
            + f"</th>{cells}</tr>"
        )
    return "".join(body)


def _table_open(region_ids: Sequence[str]) -> tuple[str, str]:
    """The opening of the table (its wrapper, width and first column) and its closing."""
    wide = len(region_ids) > FITTING_COLUMNS
    width = "" if not wide else f' style="min-width:{220 + 140 * len(region_ids)}px"'
    return (
        f'<div class="sbs-wrap{" sbs-wide" if wide else ""}"><table class="sbs"{width}>'
        f'<colgroup><col style="width:{220 if wide else 24}{"px" if wide else "%"}"></colgroup>',
        "</table></div>",
    )


def _head_html(region_ids: Sequence[str], regions: pd.DataFrame,
               labels: Mapping[str, str]) -> str:
    flagged = {child for child, _ in nested_pairs(region_ids, regions)}
    head = "".join(_column_head(region, labels, regions, flagged) for region in region_ids)
    return f'<thead><tr><th scope="col">Metric</th>{head}</tr></thead>'


def scorecard_html(rows: Sequence[Row], region_ids: Sequence[str], regions: pd.DataFrame,
                   sources: Mapping[str, Mapping]) -> str:
    """The scorecard as one escaped HTML table (one element is far cheaper to draw than a
    widget per cell): theme header rows, metric rows linking to Compare, a popover per cell."""
    labels = region_labels(regions)
    opening, closing = _table_open(region_ids)
    return (f"{STYLE}{LEGEND}{opening}{_head_html(region_ids, regions, labels)}"
            f"<tbody>{_rows_html(rows, region_ids, labels, sources, len(rows))}</tbody>"
            f"{closing}")


def scorecard_sections(rows: Sequence[Row], region_ids: Sequence[str], regions: pd.DataFrame,
                       sources: Mapping[str, Mapping]) -> list[str]:
    """The scorecard as HTML sections drawn one under the other: the legend and the column
    heads, then one table per theme, with the same columns. A filter change then redraws only
    the sections it changes: the browser reads and sanitizes each section's HTML again only when
    it differs. A grid wider than FITTING_COLUMNS scrolls sideways, so it stays one table."""
    if len(region_ids) > FITTING_COLUMNS or not rows:
        return [scorecard_html(rows, region_ids, regions, sources)]
    labels = region_labels(regions)
    opening, closing = _table_open(region_ids)
    sections = [f"{STYLE}{LEGEND}{opening}{_head_html(region_ids, regions, labels)}{closing}"]
    for _, numbered in groupby(enumerate(rows), key=lambda pair: pair[1].theme):
        numbered = list(numbered)
        body = _rows_html([row for _, row in numbered], region_ids, labels, sources, len(rows),
                          numbered[0][0])
        sections.append(f"{opening}<tbody>{body}</tbody>{closing}")
    return sections


def nesting_caption(region_ids: Sequence[str], regions: pd.DataFrame) -> str | None:
    """The caveat for a city shown next to its province (Markdown, escaped), else None."""
    notes = nesting_notes(region_ids, regions)
    if not notes:
        return None
    return ("**⚑ A city next to its province** — " + "; ".join(notes)
            + ". Compare their figures with care.")
