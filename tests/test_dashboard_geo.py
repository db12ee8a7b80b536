"""The map: which fact shades a region, province colours, city points, an offline deck."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard import data, geo

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


def test_cities_are_points_and_reported_ones_stand_out(tables):
    values = geo.map_values(tables.facts, tables.regions, tables.sources, "computing_power")
    points = {point["region_id"]: point for point in
              geo.city_points(tables.regions, values, metric(tables, "computing_power"))}
    assert set(points) == {"hangzhou", "shenzhen"}
    assert points["shenzhen"]["reported"] and points["shenzhen"]["figure"] == "≈ 12 EFLOPS"
    assert not points["hangzhou"]["reported"]
    assert points["shenzhen"]["position"] == [114.0579, 22.5431]


def test_deck_is_offline_with_named_layers(tables, provinces):
    values = geo.map_values(tables.facts, tables.regions, tables.sources, "computing_power")
    chosen = metric(tables, "computing_power")
    deck = geo.build_deck(geo.province_features(provinces, tables.regions, values, chosen),
                          geo.city_points(tables.regions, values, chosen))
    spec = json.loads(geo.compact_json(deck))
    assert [layer["id"] for layer in spec["layers"]] == [
        geo.PROVINCE_LAYER, geo.BORDER_LAYER, geo.CITY_LAYER, geo.CITY_LABEL_LAYER]
    # pydeck's "no style given" sentinel, which Streamlit drops without loading a basemap;
    # map_style=None or "" would make it fetch one from an outside host.
    assert spec["mapStyle"] == "__MAP_STYLE__" and spec.get("mapProvider") is None
    assert spec["initialViewState"]["longitude"] == geo.INITIAL_VIEW["longitude"]
    assert [layer["pickable"] for layer in spec["layers"]] == [True, False, True, False]
    prebuilt = geo.PrebuiltDeck(geo.compact_json(deck), geo.TOOLTIP)
    assert prebuilt.to_json() == geo.compact_json(deck)
    assert "\n" not in prebuilt.to_json()
