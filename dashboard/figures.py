"""Tables and plotly figures for the pages: data in, DataFrame or figure out (no Streamlit here)."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative

from dashboard.markup import escape_html, escape_text

# Paul Tol's colour-blind-safe qualitative scheme, without its grey: grey means "not reported".
REGION_PALETTE = tuple(colour for colour in qualitative.Safe if colour != "rgb(136, 136, 136)")
NOT_REPORTED_GREY = "#d1d5db"
PROVINCE_LEVELS = frozenset({"municipality", "province", "autonomous_region", "sar"})
LEVEL_NAMES = {
    "municipality": "municipality (a city with province-level status)",
    "province": "province",
    "autonomous_region": "autonomous region (province-level)",
    "sar": "special administrative region",
    "prefecture_city": "prefecture-level city",
    "district": "district",
    "country": "country",
    "area": "area (not an administrative unit)",
}
QUALIFIER_SYMBOLS = {"exact": "", "at_least": "≥ ", "at_most": "≤ ", "approx": "≈ ", "range": ""}
QUALIFIER_WORDS = {"exact": "exact", "at_least": "at least", "at_most": "at most",
                   "approx": "approximately", "range": "range"}
# A figure this many years older than the newest one shown gets a caveat.
OLD_FIGURE_GAP_YEARS = 3
# A caveat names at most this many regions or figures, then says how many more there are, so a
# page of many regions keeps its chart in view; conflicts are listed one by one up to
# CONFLICTS_LISTED, then summed up in one note.
CAVEAT_LISTED = 8
CONFLICTS_LISTED = 3
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_UNIT_SUFFIX = {"EFLOPS": " EFLOPS", "persons": " persons", "vehicles": " vehicles",
                "yuan": " yuan", "count": ""}
CHART_FONT = "Source Sans Pro, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif"
CHART_FONT_SIZE = 14


# Names and colours ---------------------------------------------------------------------------

def region_label(name_en: str, name_zh: str) -> str:
    """How a region is named everywhere: "Guangdong 广东"."""
    return f"{name_en} {name_zh}".strip()


def region_labels(regions: pd.DataFrame) -> dict[str, str]:
    return {row.region_id: region_label(row.name_en, row.name_zh)
            for row in regions.itertuples()}


def region_order(regions: pd.DataFrame) -> list[str]:
    """Region ids for pickers: the focus regions first in their declared order
    (`focus_position`), then the others by English name."""
    ordered = regions.assign(_rest=~regions["focus"].astype(bool)).sort_values(
        ["_rest", "focus_position", "name_en", "region_id"], na_position="last"
    )
    return list(ordered["region_id"])


def focus_regions(regions: pd.DataFrame) -> tuple[str, ...]:
    """The regions shown by default (the `focus` column), in picker order."""
    focus = set(regions.loc[regions["focus"].astype(bool), "region_id"])
    return tuple(region for region in region_order(regions) if region in focus)


def region_colours(regions: pd.DataFrame) -> dict[str, str]:
    """One colour per region, the same on every chart: focus regions by id first, then the rest.

    Focus regions come first so the six shown by default never share a colour.
    """
    ordered = sorted(regions.itertuples(), key=lambda row: (not bool(row.focus), row.region_id))
    return {row.region_id: REGION_PALETTE[index % len(REGION_PALETTE)]
            for index, row in enumerate(ordered)}


def lower_is_better(metric: Mapping) -> bool:
    """True when metrics.csv says higher is *not* better (ranks); empty means no direction."""
    value = metric.get("higher_is_better")
    return not _missing(value) and not bool(value)


def metric_axis_title(metric: Mapping) -> str:
    if metric["unit"] == "rank":
        return f"{metric['label']} (1 = best)"
    if metric["unit"] in ("count", "text"):
        return str(metric["label"])
    return f"{metric['label']} ({metric['unit']})"


# Numbers and labels --------------------------------------------------------------------------

def _plain(number: float) -> str:
    if float(number).is_integer():
        return f"{int(number):,}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def _scaled(value: float, unit: str) -> tuple[str, str]:
    """(number, scale word) for the units where "billion" reads better than nine zeros."""
    if unit in ("yuan", "persons", "vehicles"):
        for size, word in _SCALES:
            if abs(value) >= size:
                return _plain(value / size), f" {word}"
    return _plain(value), ""


def format_number(value: float, unit: str) -> str:
    """A canonical value for people: 1e9 yuan -> "1 billion yuan", 25 percent -> "25%"."""
    if unit == "percent":
        return f"{_plain(value)}%"
    if unit == "rank":
        return f"#{_plain(value)}"
    number, scale = _scaled(value, unit)
    return f"{number}{scale}{_UNIT_SUFFIX.get(unit, f' {unit}')}"


def format_value(fact: Mapping) -> str:
    """The value with its qualifier: "≥ 100 EFLOPS", "≈ 12 EFLOPS", "400–440 billion yuan"."""
    unit = fact["unit"]
    if _missing(fact.get("value")):
        return str(fact.get("value_text") or fact.get("as_written") or "")
    value = float(fact["value"])
    high = fact.get("value_high")
    if fact["qualifier"] == "range" and not _missing(high):
        high = float(high)
        low_number, low_scale = _scaled(value, unit)
        high_text = format_number(high, unit)
        if unit == "percent":
            return f"{_plain(value)}–{high_text}"
        if unit == "rank":
            return f"#{_plain(value)}–{_plain(high)}"
        if low_scale and high_text.startswith(_scaled(high, unit)[0] + low_scale):
            return f"{low_number}–{high_text}"
        if not low_scale and not _scaled(high, unit)[1]:
            return f"{low_number}–{high_text}"
        return f"{format_number(value, unit)} – {high_text}"
    return QUALIFIER_SYMBOLS.get(fact["qualifier"], "") + format_number(value, unit)


def when_text(fact: Mapping) -> str:
    """"target 2025", "2023", "year not stated" or "target, year not stated"."""
    period = str(fact.get("period") or "")
    if fact["status"] == "target":
        return f"target {period}" if period else "target, year not stated"
    return period if period else "year not stated"


def fact_label(fact: Mapping) -> str:
    """The label next to a mark: "≥ 100 EFLOPS (target 2025)", "85 EFLOPS (year not stated)"."""
    return f"{format_value(fact)} ({when_text(fact)})"


def published_text(source: Mapping) -> str:
    """The publication date and how it is known: "2024 (inferred: ...)"."""
    published = str(source.get("published") or "")
    basis = str(source.get("published_basis") or "")
    if not published:
        reason = basis.split(":", 1)[1].strip() if ":" in basis else basis
        return f"date unknown ({reason})" if reason else "date unknown"
    if basis.startswith("inferred"):
        reason = basis.split(":", 1)[1].strip() if ":" in basis else ""
        return f"{published} (inferred: {reason})" if reason else f"{published} (inferred)"
    if basis.startswith("unknown"):
        return f"{published} (unknown)"
    return published


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value == "":
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# Selecting facts -----------------------------------------------------------------------------

def facts_for(facts: pd.DataFrame, metric_id: str, region_ids: Sequence[str]) -> pd.DataFrame:
    """The facts of one metric for the given regions: region order, actual before target, year."""
    position = {region: index for index, region in enumerate(region_ids)}
    chosen = facts[(facts["metric_id"] == metric_id) & facts["region_id"].isin(position)]
    return (
        chosen.assign(
            _region=chosen["region_id"].map(position),
            _status=(chosen["status"] == "target").astype(int),
            _year=chosen["year"].fillna(0) if "year" in chosen else 0,
        )
        .sort_values(["_region", "_status", "_year", "fact_id"])
        .drop(columns=["_region", "_status", "_year"])
        .reset_index(drop=True)
    )


def not_reported(facts: pd.DataFrame, metric_id: str, region_ids: Sequence[str]) -> list[str]:
    """The regions without any fact for the metric, in the given order (never drawn as zero)."""
    reported = set(facts.loc[facts["metric_id"] == metric_id, "region_id"])
    return [region for region in region_ids if region not in reported]


def figure_year(fact: Mapping, published_year: object) -> int | None:
    """The year a figure describes: its period for actual figures, else the publication year.

    A target's period is when it should be met, not how old the statement is, so targets are
    dated by the article that states them.
    """
    if fact["status"] == "actual" and not _missing(fact.get("year")):
        return int(fact["year"])
    if not _missing(published_year):
        return int(published_year)
    return None


def nested_pairs(region_ids: Sequence[str], regions: pd.DataFrame) -> list[tuple[str, str]]:
    """(child, parent) for every region shown next to the region it lies in."""
    parents = regions.set_index("region_id")["parent_id"]
    shown = set(region_ids)
    return [(child, parents[child]) for child in region_ids
            if child in parents.index and parents[child] in shown]


def nesting_notes(region_ids: Sequence[str], regions: pd.DataFrame) -> list[str]:
    """"Shenzhen 深圳 lies inside Guangdong 广东, so figures for Guangdong 广东 may include it"
    for every such pair shown together (escaped)."""
    labels = {key: escape_text(value) for key, value in region_labels(regions).items()}
    return [f"{labels[child]} lies inside {labels[parent]}, so figures for {labels[parent]} "
            "may include it" for child, parent in nested_pairs(region_ids, regions)]


def listing(items: Sequence[str], separator: str = ", ", limit: int = CAVEAT_LISTED) -> str:
    """The first `limit` items joined, then "and N more" for the rest."""
    if len(items) <= limit:
        return separator.join(items)
    return f"{separator.join(items[:limit])}{separator}and {len(items) - limit} more"


def ranked_regions(shown: pd.DataFrame, metric: Mapping, order: Sequence[str]) -> list[str]:
    """The regions of `shown` from the best figure to the worst: each region's headline figure
    (its newest actual one, else its newest target) by value, highest first (rank 1 first for a
    metric where lower is better); regions with only text claims last, then in `order`."""
    if shown.empty:
        return []
    position = {region: index for index, region in enumerate(order)}
    headline = (
        shown.assign(_target=(shown["status"] == "target").astype(int),
                     _year=shown["year"].fillna(0) if "year" in shown else 0)
        .sort_values(["region_id", "_target", "_year", "fact_id"],
                     ascending=[True, True, False, True])
        .drop_duplicates("region_id")
    )
    values = pd.to_numeric(headline["value"], errors="coerce")
    sign = 1.0 if lower_is_better(metric) else -1.0
    keys = [(math.isnan(value), sign * value if not math.isnan(value) else 0.0,
             position.get(region, len(position)), region)
            for region, value in zip(headline["region_id"], values.astype(float), strict=True)]
    return [key[-1] for key in sorted(keys)]


def caveats(shown: pd.DataFrame, regions: pd.DataFrame, sources: pd.DataFrame,
            conflicts: pd.DataFrame, *, categorical: bool = False) -> list[str]:
    """Warnings that apply to the facts shown together (Markdown, already escaped).

    For a categorical claim (who hosts an event) only conflicts matter: levels and years do
    not change what a claim means.
    """
    if shown.empty:
        return []
    labels = {key: escape_text(value) for key, value in region_labels(regions).items()}
    by_region = regions.set_index("region_id")
    notes: list[str] = []

    region_ids = list(dict.fromkeys(shown["region_id"]))
    levels = {region: by_region.at[region, "level"] for region in region_ids}
    if len(set(levels.values())) > 1 and not categorical:
        parts = []
        for region in region_ids:
            level = levels[region]
            parent = by_region.at[region, "parent_id"]
            if level in ("prefecture_city", "district") and parent in labels:
                parts.append(f"{labels[region]} is a {LEVEL_NAMES[level]} inside {labels[parent]}")
            else:
                parts.append(f"{labels[region]} is a {LEVEL_NAMES.get(level, level)}")
        nested = nesting_notes(region_ids, regions)
        notes.append(
            "**Mixed administrative levels** — compare with care: " + listing(parts, "; ")
            + "." + (" " + listing(nested, "; ") + "." if nested else "")
        )

    shown_ids = set(shown["fact_id"])
    touching = conflicts[conflicts["fact_id_a"].isin(shown_ids)
                         | conflicts["fact_id_b"].isin(shown_ids)]
    descriptions = [escape_text(text) for text in touching["description"]]
    if len(descriptions) <= CONFLICTS_LISTED:
        notes.extend(f"**Conflicting sources** — {text}" for text in descriptions)
    else:
        notes.append(
            f"**Conflicting sources** — {len(descriptions)} pairs of the figures shown "
            f"disagree: {listing(descriptions, '; ', CONFLICTS_LISTED)}. Each region's page "
            "lists its conflicts."
        )
    if categorical:
        return notes

    statuses = set(shown["status"])
    if statuses == {"actual", "target"}:
        targets = shown[shown["status"] == "target"]
        examples = listing([
            f"{labels[row.region_id]} ({escape_text(when_text(row._asdict()))})"
            for row in targets.itertuples()
        ])
        notes.append(
            "**Targets mixed with actual figures** — hatched marks are plans, not achieved "
            f"values: {examples}."
        )

    published = sources.set_index("source_id")["published_year"]
    years = {
        row.fact_id: figure_year(row._asdict(), published.get(row.source_id))
        for row in shown.itertuples()
    }
    known_years = [year for year in years.values() if year is not None]
    if known_years:
        newest = max(known_years)
        old = [row for row in shown.itertuples()
               if years[row.fact_id] is not None
               and years[row.fact_id] <= newest - OLD_FIGURE_GAP_YEARS]
        if old:
            listed = listing([
                f"{labels[row.region_id]} {escape_text(format_value(row._asdict()))} "
                f"({years[row.fact_id]})"
                for row in old
            ])
            notes.append(
                f"**Older figures** — {listed} {'is' if len(old) == 1 else 'are'} "
                f"{OLD_FIGURE_GAP_YEARS} or more years older than the newest figure shown "
                f"({newest})."
            )

    undated = shown[(shown["status"] == "actual") & shown["period"].eq("")]
    if len(undated):
        listed = listing([
            f"{labels[row.region_id]} {escape_text(format_value(row._asdict()))}"
            for row in undated.itertuples()
        ])
        notes.append(
            f"**Year not stated** — the article does not say which year {listed} "
            "refers to; its publication date is the best guide."
        )
    return notes


# Compare chart -------------------------------------------------------------------------------

def _row_names(shown: pd.DataFrame, labels: Mapping[str, str]) -> list[str]:
    """One axis row per fact: the region, with the year or source added where needed."""
    names = []
    counts = shown["region_id"].value_counts()
    for row in shown.itertuples():
        name = labels.get(row.region_id, row.region_id)
        if counts[row.region_id] > 1:
            name = f"{name} · {when_text(row._asdict())}"
        names.append(name)
    seen: dict[str, int] = {}
    unique = []
    for name, row in zip(names, shown.itertuples(), strict=True):
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name} · {row.source_id}")
    return unique


def _hover(row, labels: Mapping[str, str], source_titles: Mapping[str, str]) -> str:
    return (
        f"<b>{escape_html(labels.get(row.region_id, row.region_id))}</b><br>"
        f"{escape_html(fact_label(row._asdict()))}<br>"
        f"as written: “{escape_html(row.as_written)}”<br>"
        f"source: {escape_html(source_titles.get(row.source_id, row.source_id))}"
        "<extra></extra>"
    )


def _legend_swatch(name: str, status: str, is_rank: bool) -> go.BaseTraceType:
    """A grey legend entry (colour means region, so the legend shows only the fill style).

    A marker-only trace with no point: it draws nothing, so every drawn bar is a fact.
    """
    grey = "#6b7280"
    symbol = "circle" if is_rank else "square"
    return go.Scatter(
        x=[None], y=[None], mode="markers", name=name, hoverinfo="skip",
        marker={"size": 14, "symbol": symbol if status == "actual" else f"{symbol}-open",
                "color": grey, "line": {"color": grey, "width": 2}},
    )


def label_width(text: str, font_size: int = CHART_FONT_SIZE) -> int:
    """A generous estimate of a one-line label's width in pixels: a full em for a wide
    (Chinese) character, 0.6 em for any other, so the label is never cut."""
    ems = sum(1.0 if unicodedata.east_asian_width(char) in "WF" else 0.6 for char in text)
    return math.ceil(ems * font_size)


def comparison_figure(shown: pd.DataFrame, metric: Mapping, labels: Mapping[str, str],
                      colours: Mapping[str, str], source_titles: Mapping[str, str]) -> go.Figure:
    """One mark per fact; actual solid, target hatched; ranges as intervals; ranks reversed.

    The left margin is set from the row labels rather than left to plotly's automargin, which
    costs a second layout pass on every change (about half of `Plotly.react`'s time here).
    """
    names = _row_names(shown, labels)
    rows = [escape_html(name) for name in names]
    shown = shown.assign(axis_row=rows)
    is_rank = metric["unit"] == "rank"
    figure = go.Figure()
    for status, name in (("actual", "Actual"), ("target", "Target (plan)")):
        part = shown[shown["status"] == status]
        if part.empty:
            continue
        figure.add_trace(_legend_swatch(name, status, is_rank))
        colour_list = [colours.get(region, "#444") for region in part["region_id"]]
        hover = [_hover(row, labels, source_titles) for row in part.itertuples()]
        text = ["" if row.qualifier == "range" else escape_html(fact_label(row._asdict()))
                for row in part.itertuples()]
        if is_rank:
            figure.add_trace(go.Scatter(
                x=part["value"], y=part["axis_row"], mode="markers+text", name=name,
                showlegend=False,
                customdata=list(part["fact_id"]), text=text, textposition="middle left",
                hovertemplate=hover, cliponaxis=False,
                marker={"size": 18, "color": colour_list if status == "actual" else "white",
                        "symbol": "circle",
                        "line": {"color": colour_list, "width": 3}},
            ))
            continue
        pattern = ({"shape": "/", "fgcolor": colour_list, "bgcolor": "white", "solidity": 0.45}
                   if status == "target" else {"shape": ""})
        figure.add_trace(go.Bar(
            x=part["value"], y=part["axis_row"], orientation="h", name=name, showlegend=False,
            customdata=list(part["fact_id"]), text=text, textposition="outside",
            hovertemplate=hover, cliponaxis=False,
            marker={"color": colour_list if status == "actual" else "white",
                    "pattern": pattern, "line": {"color": colour_list, "width": 2}},
        ))
    ranges = shown[(shown["qualifier"] == "range") & shown["value_high"].notna()]
    if not ranges.empty:
        xs, ys, labels_at_end = [], [], []
        for row in ranges.itertuples():
            xs += [row.value, row.value_high, None]
            ys += [row.axis_row, row.axis_row, None]
            labels_at_end += ["", escape_html(fact_label(row._asdict())), ""]
        figure.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines+markers+text", name="Range (low–high)",
            text=labels_at_end, textposition="middle right", hoverinfo="skip",
            line={"color": "#111827", "width": 4},
            marker={"symbol": "line-ns-open", "size": 14, "color": "#111827",
                    "line": {"width": 3}},
            cliponaxis=False,
        ))
    highest = pd.concat([shown["value"], shown["value_high"]]).max()
    if is_rank:
        worst = int(highest) if not _missing(highest) else 1
        xaxis = {"range": [worst + 0.7, 0.3], "dtick": 1, "title": metric_axis_title(metric)}
    else:
        top = float(highest) if not _missing(highest) and highest > 0 else 1.0
        xaxis = {"range": [0, top * 1.6], "title": metric_axis_title(metric), "rangemode": "tozero"}
    figure.update_layout(
        title={"text": escape_html(metric["label"]), "x": 0, "xanchor": "left"},
        barmode="overlay",
        height=max(260, 110 + 46 * len(rows)),
        margin={"l": 20 + max((label_width(name) for name in names), default=0),
                "r": 30, "t": 70, "b": 50},
        xaxis=xaxis,
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": rows,
               "autorange": "reversed",
               "title": None, "automargin": False},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "right", "x": 1},
        font={"family": CHART_FONT, "size": CHART_FONT_SIZE},
        uniformtext={"minsize": 12, "mode": "show"},
        clickmode="event+select",
        dragmode=False,
        plot_bgcolor="white",
    )
    figure.update_xaxes(showgrid=True, gridcolor="#e5e7eb", zeroline=True, zerolinecolor="#9ca3af")
    return figure


def chart_config(metric_id: str) -> dict:
    """Plotly's own toolbar, PNG export included, with a file name that says what it shows."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": f"china-ai-regions-{metric_id}",
                                 "scale": 2},
    }


def comparison_table(shown: pd.DataFrame, labels: Mapping[str, str],
                     source_titles: Mapping[str, str]) -> pd.DataFrame:
    """The chart's data as a table, one row per plotted fact."""
    return pd.DataFrame({
        "Region": [labels.get(region, region) for region in shown["region_id"]],
        "Figure": [fact_label(row._asdict()) for row in shown.itertuples()],
        "Value": shown["value"],
        "Upper end": shown["value_high"],
        "Unit": shown["unit"],
        "Qualifier": shown["qualifier"].map(QUALIFIER_WORDS),
        "Status": shown["status"],
        "Period": shown["period"],
        "As written": shown["as_written"],
        "Source": [source_titles.get(source, source) for source in shown["source_id"]],
        "Fact": shown["fact_id"],
    })


def region_summary(own: pd.DataFrame, metrics: pd.DataFrame,
                   source_titles: Mapping[str, str]) -> pd.DataFrame:
    """One region's facts at a glance, in the order of metrics.csv."""
    order = {metric: index for index, metric in enumerate(metrics["metric_id"])}
    labels = dict(zip(metrics["metric_id"], metrics["label"], strict=True))
    own = own.assign(_order=own["metric_id"].map(order)).sort_values(["_order", "fact_id"])
    return pd.DataFrame({
        "Metric": [labels[metric] for metric in own["metric_id"]],
        "Figure": [format_value(row._asdict()) for row in own.itertuples()],
        "Status": own["status"],
        "Year": [when_text(row._asdict()) for row in own.itertuples()],
        "As written": own["as_written"],
        "Source": [source_titles.get(source, source) for source in own["source_id"]],
        "Fact": own["fact_id"],
    })


def claims_table(shown: pd.DataFrame, labels: Mapping[str, str],
                 source_titles: Mapping[str, str]) -> pd.DataFrame:
    """A categorical metric's claims (who hosts what), one row per fact: a table, not a chart."""
    return pd.DataFrame({
        "Region": [labels.get(region, region) for region in shown["region_id"]],
        "Claim": shown["value_text"],
        "As written": shown["as_written"],
        "Status": shown["status"],
        "Period": [period or "not stated" for period in shown["period"]],
        "Source": [source_titles.get(source, source) for source in shown["source_id"]],
        "Fact": shown["fact_id"],
    })
