"""tools/synth_data.py: a synthetic data folder the build, the checks and the dashboard accept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from frictionless import Package

from dashboard.data import read_tables
from tools import synth_data

REPO = Path(__file__).resolve().parents[1]


def _generate(folder: Path, scale: int, seed: int = 10) -> Path:
    subprocess.run([sys.executable, "tools/synth_data.py", "--scale", str(scale), "--out",
                    str(folder), "--seed", str(seed)], cwd=REPO, check=True,
                   capture_output=True)
    return folder


@pytest.fixture(scope="module")
def synth100(tmp_path_factory) -> Path:
    return _generate(tmp_path_factory.mktemp("synth") / "n100", 100)


def test_synth_data_small_scale_passes_the_build_check_and_dashboard(tmp_path):
    folder = _generate(tmp_path / "n2", 2)
    root = tmp_path / "root"
    root.mkdir()
    (root / "data").symlink_to(folder, target_is_directory=True)
    check = subprocess.run([sys.executable, "-m", "extract", "check", "--root", str(root)],
                           cwd=REPO, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    tables = read_tables(folder / "tidy")
    assert len(tables.facts) >= 60
    assert (folder / "geo" / "china_provinces.geojson").is_file()


def test_synth_data_is_deterministic_for_a_seed(tmp_path):
    first = _generate(tmp_path / "a", 1, seed=3)
    second = _generate(tmp_path / "b", 1, seed=3)
    other = _generate(tmp_path / "c", 1, seed=4)
    for name in ("facts.csv", "regions.csv", "sources.csv", "ledger.csv"):
        assert (first / "tidy" / name).read_bytes() == (second / "tidy" / name).read_bytes()
    facts = "tidy/facts.csv"
    assert (first / facts).read_bytes() != (other / facts).read_bytes()


def test_synth_data_at_100_has_what_the_scale_tests_need(synth100):
    tables = read_tables(synth100 / "tidy")
    facts, regions = tables.facts, tables.regions
    assert len(facts) >= 3000  # the real curation has 30 facts
    provincial = regions[regions["level"].isin(["municipality", "province",
                                                "autonomous_region", "sar"])]
    assert len(provincial) == 34
    assert (regions["level"] == "prefecture_city").sum() >= 300
    assert set(facts["metric_id"]) == set(tables.metrics["metric_id"])
    assert facts.groupby("metric_id")["region_id"].nunique().max() >= 300
    assert facts["year"].dropna().nunique() >= 10
    assert {"actual", "target"} <= set(facts["status"])
    assert {"exact", "at_least", "approx", "range"} <= set(facts["qualifier"])
    assert len(tables.conflicts) >= 50
    assert facts["quote"].str.len().max() >= 500
    assert regions["name_zh"].str.contains(r"[\u4e00-\u9fff]").all()
    assert tables.sources["chars"].max() >= 200_000
    focus = regions[regions["focus"]].sort_values("focus_position")["region_id"]
    assert tuple(focus) == synth_data.FOCUS


def test_synth_data_tables_validate_against_their_data_package(synth100):
    report = Package(str(synth100 / "tidy" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_synth_data_ids_in_the_tables_resolve(synth100):
    tables = read_tables(synth100 / "tidy")
    assert set(tables.facts["region_id"]) <= set(tables.regions["region_id"])
    assert pd.Series(tables.facts["fact_id"]).is_unique


def test_synth_data_refuses_to_write_into_data(tmp_path):
    result = subprocess.run([sys.executable, "tools/synth_data.py", "--scale", "1", "--out",
                             str(REPO / "data" / "synthetic")], cwd=REPO, capture_output=True,
                            text=True)
    assert result.returncode == 2
    assert "never goes into data/" in result.stderr
    assert not (REPO / "data" / "synthetic").exists()


def test_synth_data_refuses_a_folder_that_holds_files(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    result = subprocess.run([sys.executable, "tools/synth_data.py", "--scale", "1", "--out",
                             str(tmp_path)], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 2
    assert "is not an empty folder" in result.stderr
    assert (tmp_path / "keep.txt").read_text() == "mine"
