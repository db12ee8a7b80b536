"""The map: which fact shades a region, province colours, city points, an offline deck."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from dashboard import data, figures, geo

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def tables():
    return data.read_tables(FIXTURES / "tidy")


@pytest.fixture(scope="module")
def provinces():
    return data.read_geojson(FIXTURES / "geo" / data.GEO_FILE)


def metric(tables, metric_id):
    return tables.metrics.set_index("metric_id").loc[metric_id].to_dict()


def test_map_values_pick_one_fact_per_region(tables):
    values = geo.map_values(tables.facts, tables.regions, tables.sources, "computing_power")
    assert list(values["region_id"]) == ["guizhou", "shanghai", "shenzhen"]
    shanghai = values.set_index("region_id").loc["shanghai"]
    assert shanghai["figure"] == "≥ 100 EFLOPS" and shanghai["when"] == "target 2025"
    assert shanghai["source"] == "The AI race: key players"


def test_provinces_without_a_figure_are_grey(tables, provinces):
    values = geo.map_values(tables.facts, tables.regions, tables.sources, "computing_power")
    features = geo.province_features(provinces, tables.regions, values,
                                     metric(tables, "computing_power"))
    by_code = {feature["properties"]["adcode"]: feature["properties"] for feature in features}
    assert by_code[340000]["fill"] == [*geo.NOT_REPORTED, 255]  # Anhui: no region row
    assert by_code[340000]["label"] == "Anhui 安徽" and by_code[340000]["region_id"] == ""
    assert by_code[110000]["figure"] == "not reported"  # Beijing: no computing power
    assert by_code[520000]["figure"] == "85 EFLOPS" and by_code[520000]["region_id"] == "guizhou"
    assert by_code[310000]["line"] == [*geo.TARGET_OUTLINE, 255]  # a target
    assert by_code[520000]["fill"] != by_code[310000]["fill"]


def test_ranks_shade_rank_one_darkest(tables):
    values = geo.map_values(tables.facts, tables.regions, tables.sources,
                            "computing_power_rank")
    colours = geo.shade(values, metric(tables, "computing_power_rank"))
    assert colours["hangzhou"] == geo.SEQUENTIAL[-1]
    assert colours["shanghai"] == geo.SEQUENTIAL[0]


def computing_map(tables, provinces):
    values = geo.map_values(tables.facts, tables.regions, tables.sources, "computing_power")
    chosen = metric(tables, "computing_power")
    features = geo.province_features(provinces, tables.regions, values, chosen)
    points = geo.city_points(tables.regions, values, chosen)
    return values, features, points


def test_cities_and_municipalities_are_circles_sized_by_area(tables, provinces):
    _, _, points = computing_map(tables, provinces)
    by_region = {point["region_id"]: point for point in points}
    assert set(by_region) == {"beijing", "hangzhou", "shanghai", "shenzhen"}
    assert [point["region_id"] for point in points][:2] == ["shanghai", "shenzhen"]  # big first
    assert by_region["shenzhen"]["reported"] and by_region["shenzhen"]["figure"] == "≈ 12 EFLOPS"
    assert by_region["shenzhen"]["position"] == [114.0579, 22.5431]
    # Area, not radius, proportional: Shenzhen's 12 against Shanghai's 100.
    assert by_region["shanghai"]["radius"] == geo.MAX_RADIUS
    ratio = (by_region["shenzhen"]["radius"] / by_region["shanghai"]["radius"]) ** 2
    assert ratio == pytest.approx(12 / 100)
    assert by_region["shanghai"]["line"] == [*geo.TARGET_OUTLINE, 255]  # a target, outlined
    assert by_region["shanghai"]["line_width"] > by_region["shenzhen"]["line_width"]
    assert not by_region["beijing"]["reported"] and by_region["beijing"]["radius"] < \
        geo.MIN_RADIUS


@pytest.mark.parametrize(("value", "largest", "unit", "radius"), [
    (100, 100, "EFLOPS", geo.MAX_RADIUS),
    (25, 100, "EFLOPS", geo.MAX_RADIUS / 2),
    (0.0001, 100, "EFLOPS", geo.MIN_RADIUS),
    (-25, 100, "percent", geo.MAX_RADIUS / 2),
    (4, 5, "rank", geo.RANK_RADIUS),
    (None, 5, "text", geo.RANK_RADIUS),
])
def test_circle_radius_makes_the_area_proportional(value, largest, unit, radius):
    assert geo.circle_radius(value, largest, {"unit": unit}) == pytest.approx(radius)


def test_labels_name_each_focus_region_with_its_figure_and_avoid_neighbours(tables,
                                                                            provinces):
    values, _, points = computing_map(tables, provinces)
    focus = ["beijing", "guangdong", "guizhou", "hangzhou", "shanghai", "shenzhen"]
    labels = {label["region_id"]: label
              for label in geo.label_points(tables.regions, values, focus, points)}
    assert set(labels) == set(focus)
    assert labels["guizhou"]["text"] == "Guizhou 贵州 · 85 EFLOPS"
    assert labels["shanghai"]["text"] == "Shanghai 上海 · ≥ 100 EFLOPS (target 2025)"
    assert labels["beijing"]["text"] == "Beijing 北京 · not reported"
    # Shenzhen lies just east of Guangzhou, Shanghai just east of Hangzhou: those go left.
    assert labels["guangdong"]["anchor"] == "end" and labels["shenzhen"]["anchor"] == "start"
    assert labels["hangzhou"]["anchor"] == "end" and labels["shanghai"]["anchor"] == "start"
    assert labels["shanghai"]["offset"][0] > geo.MAX_RADIUS  # clear of its own circle


def test_fitted_view_shows_every_region_with_a_figure_and_its_label(tables, provinces):
    values, features, points = computing_map(tables, provinces)
    labels = geo.label_points(tables.regions, values, [], points)
    view = geo.fitted_view(features, points, labels)
    assert view["zoom"] > geo.INITIAL_VIEW["zoom"]
    width, height = geo.FIT_CANVAS
    corners = [(103.6, 24.6), (109.6, 29.2), (120.9, 30.7), (122.0, 31.9), (114.0579, 22.5431)]
    for lon, lat in corners:
        x, y = geo.project(lon, lat, view)
        assert 0 <= x <= width and 0 <= y <= height, (lon, lat, x, y)
    shanghai = next(label for label in labels if label["region_id"] == "shanghai")
    x, _ = geo.project(*shanghai["position"], view)
    assert x + shanghai["offset"][0] + figures.label_width(shanghai["text"], 13) <= width


def test_fitted_view_is_national_without_a_drawable_figure_and_capped_for_one_city(tables):
    assert geo.fitted_view([], []) == geo.INITIAL_VIEW
    one = [{"reported": True, "position": [114.0579, 22.5431]}]
    assert geo.fitted_view([], one)["zoom"] == geo.MAX_FIT_ZOOM


def test_fitted_view_keeps_every_focus_label_whole_on_the_canvas(tables, provinces):
    # Only Guangdong reports this share; the view still takes in the other focus regions, so
    # each is labelled ("not reported") rather than left off the map.
    values = geo.map_values(tables.facts, tables.regions, tables.sources, "nev_output_share")
    chosen = metric(tables, "nev_output_share")
    features = geo.province_features(provinces, tables.regions, values, chosen)
    points = geo.city_points(tables.regions, values, chosen)
    focus = ["beijing", "guangdong", "guizhou", "hangzhou", "shanghai", "shenzhen"]
    labels = geo.label_points(tables.regions, values, focus, points)
    view = geo.fitted_view(features, points, labels)
    assert view["zoom"] > geo.INITIAL_VIEW["zoom"]  # still closer than the national view
    kept = geo.visible_labels(labels, view, focus=focus)
    assert sorted(label["region_id"] for label in kept) == focus
    width, height = geo.FIT_CANVAS
    for label in kept:
        x, y = geo.project(*label["position"], view)
        assert 0 <= x <= width and 0 <= y <= height, label["region_id"]


@pytest.mark.parametrize(("metric_id", "texts"), [
    ("computing_power", ["12 EFLOPS", "34 EFLOPS", "56 EFLOPS", "78 EFLOPS", "100 EFLOPS"]),
    ("computing_power_rank", ["#4", "#3", "#2", "#1"]),
    ("nev_output_share", ["25%"]),
    ("waic_host", []),
])
def test_legend_stops_carry_the_figures_the_colours_stand_for(tables, metric_id, texts):
    values = geo.map_values(tables.facts, tables.regions, tables.sources, metric_id)
    chosen = metric(tables, metric_id)
    stops = geo.legend_stops(values, chosen)
    assert [text for _, text in stops] == texts
    colours = geo.shade(values, chosen)
    by_text = dict((text, colour) for colour, text in stops)
    for row in values.itertuples():
        figure = row.figure.lstrip("≈≥≤ ")
        if figure in by_text:
            assert by_text[figure] == colours[row.region_id], (row.region_id, figure)


def test_legend_names_the_extremes_grey_targets_and_the_largest_circle(tables, provinces):
    values, _, points = computing_map(tables, provinces)
    legend = geo.legend_html(values, metric(tables, "computing_power"), points)
    assert "12 EFLOPS" in legend and "100 EFLOPS" in legend
    assert "lowest reported → highest reported" in legend
    assert "not reported" in legend and "a target" in legend
    assert "circle area proportional to the figure" in legend
    assert "Shanghai 上海 ≥ 100 EFLOPS" in html.unescape(legend)


def test_deck_is_offline_with_named_layers(tables, provinces):
    values = geo.map_values(tables.facts, tables.regions, tables.sources, "computing_power")
    chosen = metric(tables, "computing_power")
    deck = geo.build_deck(geo.province_features(provinces, tables.regions, values, chosen),
                          geo.city_points(tables.regions, values, chosen))
    spec = json.loads(geo.compact_json(deck))
    assert [layer["id"] for layer in spec["layers"]] == [
        geo.PROVINCE_LAYER, geo.BORDER_LAYER, geo.CITY_LAYER, geo.REGION_LABEL_LAYER]
    # pydeck's "no style given" sentinel, which Streamlit drops without loading a basemap;
    # map_style=None or "" would make it fetch one from an outside host.
    assert spec["mapStyle"] == "__MAP_STYLE__" and spec.get("mapProvider") is None
    assert spec["initialViewState"]["longitude"] == geo.INITIAL_VIEW["longitude"]
    assert [layer["pickable"] for layer in spec["layers"]] == [True, False, True, False]
    prebuilt = geo.PrebuiltDeck(geo.compact_json(deck), geo.TOOLTIP)
    assert prebuilt.to_json() == geo.compact_json(deck)
    assert "\n" not in prebuilt.to_json()
