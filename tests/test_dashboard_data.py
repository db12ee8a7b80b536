"""Loading the tidy tables: typed columns, and a DataError naming the file when one is broken."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard import data

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def tidy(tmp_path) -> Path:
    copy = tmp_path / "tidy"
    shutil.copytree(FIXTURES / "tidy", copy)
    return copy


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_read_tables_types_the_columns():
    tables = data.read_tables(FIXTURES / "tidy")
    facts = tables.facts.set_index("fact_id")
    assert facts.at["f002", "value"] == 100.0
    assert pd.isna(facts.at["f005", "value"])
    assert facts.at["f010", "value_high"] == 440e9
    assert facts.at["f006", "year"] == 2019 and pd.isna(facts.at["f003", "year"])
    assert facts["quote_start"].dtype == "Int64"
    assert tables.regions.set_index("region_id").at["shenzhen", "adcode"] == 440300
    assert bool(tables.regions.set_index("region_id").at["shenzhen", "focus"]) is True
    metrics = tables.metrics.set_index("metric_id")
    assert metrics.at["computing_power_rank", "higher_is_better"] is False or not bool(
        metrics.at["computing_power_rank", "higher_is_better"])
    assert pd.isna(metrics.at["waic_host", "higher_is_better"])
    assert tables.sources.set_index("source_id").at["s002", "published_year"] == 2019


def test_read_tables_lists_metrics_by_theme_then_curated_position():
    metrics = data.read_tables(FIXTURES / "tidy").metrics
    assert list(metrics["metric_id"]) == [
        "computing_power", "nev_output_share", "ai_companies", "ai_subsidies",
        "ai_core_industry", "computing_power_rank", "waic_host"]
    assert list(metrics["theme_label"].unique()) == [
        "Computing", "Vehicles", "Money & industry", "Events and rankings"]


def test_read_tables_types_the_ledger():
    ledger = data.read_tables(FIXTURES / "tidy").ledger
    assert ledger["start"].dtype == "Int64" and ledger["sentence_end"].dtype == "Int64"
    assert list(ledger["disposition"]).count("unreviewed") == 1
    assert ledger.set_index(["source_id", "mention_no"]).at[("s003", 5), "reason"] == "other"


def test_segments_tile_each_article():
    tables = data.read_tables(FIXTURES / "tidy")
    for _, segments in tables.segments.groupby("source_id"):
        assert list(segments["start"])[1:] == list(segments["end"])[:-1]
        text = "".join(segments["text"])
        assert len(text) == int(segments["end"].iloc[-1])


@pytest.mark.parametrize(("file", "old", "new", "problem"), [
    ("facts.csv", "f003,s001,guizhou,computing_power,85,", "f003,s001,guizhou,computing_power,"
     "eighty-five,", "row 4: value 'eighty-five' is not a number."),
    ("facts.csv", "f003,s001,guizhou", "f003,s001,atlantis", "row 4: region_id 'atlantis' is "
     "not in regions.csv."),
    ("facts.csv", ",at_least,target,2025,", ",at_least,planned,2025,", "row 3: status "
     "'planned' is not one of actual, target."),
    ("facts.csv", "fact_id,", "id,", "lacks the column(s) fact_id."),
    ("regions.csv", "true,Beijing Municipality", "yes,Beijing Municipality",
     "row 2: focus 'yes' is not true/false."),
    ("facts.csv", "f002,s001", "f001,s001", "fact_id 'f001' appears more than once."),
    ("metrics.csv", ",Vehicles,2,4", ",Vehicles,second,4", "row 5: theme_position 'second' is "
     "not a number."),
    ("conflicts.csv", ",f005,f008,", ",f005,f404,", "row 2: fact_id_b 'f404' is not in "
     "facts.csv."),
    ("ledger.csv", ",curated,f003,", ",curated,f404,", "row 4: fact_ids 'f404' is not in "
     "facts.csv."),
    ("ledger.csv", ",unreviewed,", ",forgotten,", "row 8: disposition 'forgotten' is not one "
     "of curated, dismissed, unreviewed."),
    ("ledger.csv", "s002,3,128,", "s002,3,1x8,", "row 8: start '1x8' is not a number."),
    ("ledger.csv", "s001,1,", "s404,1,", "row 2: source_id 's404' is not in sources.csv."),
])
def test_a_broken_table_names_its_file_and_row(tidy, file, old, new, problem):
    rewrite(tidy / file, old, new)
    with pytest.raises(data.DataError) as caught:
        data.read_tables(tidy)
    assert caught.value.path == tidy / file
    assert caught.value.problem == problem
    assert "make data" in caught.value.hint


def test_a_missing_table_names_its_file(tidy):
    (tidy / "metrics.csv").unlink()
    with pytest.raises(data.DataError) as caught:
        data.read_tables(tidy)
    assert caught.value.path == tidy / "metrics.csv"
    assert caught.value.problem == "is missing."


def test_a_table_that_is_not_utf8_names_its_file(tidy):
    (tidy / "regions.csv").write_bytes(b"region_id,name_en\n\xff\xfe\x00bad\n")
    with pytest.raises(data.DataError) as caught:
        data.read_tables(tidy)
    assert caught.value.path == tidy / "regions.csv"
    assert "cannot be read as UTF-8 CSV" in caught.value.problem


def test_data_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(data.DATA_ENV, str(tmp_path))
    assert data.data_dir() == tmp_path
    monkeypatch.delenv(data.DATA_ENV)
    assert data.data_dir() == data.REPO_ROOT / "data"


def test_geojson_is_checked(tmp_path):
    broken = tmp_path / "china_provinces.geojson"
    broken.write_text('{"features": [{"properties": {}}]}', encoding="utf-8")
    with pytest.raises(data.DataError) as caught:
        data.read_geojson(broken)
    assert "make geo" in caught.value.hint
    with pytest.raises(data.DataError):
        data.read_geojson(tmp_path / "absent.geojson")
    assert len(data.read_geojson(FIXTURES / "geo" / data.GEO_FILE)["features"]) == 6
