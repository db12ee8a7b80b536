"""Downloads: the facts CSV (BOM, provenance columns, formula cells) and the data package zip."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from dashboard import export
from dashboard.data import read_tables

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def table():
    tables = read_tables(FIXTURES / "tidy")
    return export.facts_with_provenance(tables.facts, tables.regions, tables.metrics,
                                        tables.sources)


def read_back(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize(("cell", "expected"), [
    ("=SUM(A1)", "'=SUM(A1)"),
    ("+1", "'+1"),
    ("-1", "'-1"),
    ("@cmd", "'@cmd"),
    ("\tx", "'\tx"),
    ("\rx", "'\rx"),
    (" =1+1", "' =1+1"),
    ("\n=1+1", "'\n=1+1"),
    ("\r\n@SUM(A1)", "'\r\n@SUM(A1)"),
    ("＝1+1", "'＝1+1"),
    ("＋1", "'＋1"),
    ("－1", "'－1"),
    ("＠cmd", "'＠cmd"),
    ("\u3000\xa0＝1", "'\u3000\xa0＝1"),
    ("\nplain text", "\nplain text"),
    ("  ", "  "),
    ("'=already", "'=already"),
    ("a=b", "a=b"),
    ("Guangdong 广东", "Guangdong 广东"),
    ("", ""),
    (12.5, 12.5),
])
def test_neutralise_prefixes_formula_cells(cell, expected):
    assert export.neutralise(cell) == expected


def test_csv_starts_with_a_byte_order_mark(table):
    assert export.csv_bytes(table).startswith(b"\xef\xbb\xbf")


def test_csv_has_every_provenance_column(table):
    rows = read_back(export.csv_bytes(table))
    assert list(rows[0]) == list(export.EXPORT_COLUMNS)
    assert len(rows) == len(table)
    first = rows[0]
    assert first["fact_id"] == "f001" and first["region_name_zh"] == "北京"
    assert first["source_title"] == "The AI race: key players"
    assert first["source_sha256"] and first["quote_start"] == "25"


def test_csv_writes_numbers_plainly(table):
    rows = {row["fact_id"]: row for row in read_back(export.csv_bytes(table))}
    assert rows["f004"]["value"] == "1000000000"
    assert rows["f010"]["value_high"] == "440000000000"
    assert rows["f005"]["value"] == ""


def test_csv_neutralises_formula_cells_in_text_columns(table):
    tampered = table.copy()
    tampered.loc[0, "note"] = "=HYPERLINK(\"http://x\")"
    tampered.loc[1, "quote"] = "-1 is not a formula"
    rows = read_back(export.csv_bytes(tampered))
    assert rows[0]["note"] == "'=HYPERLINK(\"http://x\")"
    assert rows[1]["quote"] == "'-1 is not a formula"


def test_csv_keeps_negative_numbers_as_numbers():
    data = export.csv_bytes(pd.DataFrame({"value": [-3.5, 2.0]}))
    assert read_back(data) == [{"value": "-3.5"}, {"value": "2"}]


def test_csv_of_filtered_rows_has_only_those_rows(table):
    rows = read_back(export.csv_bytes(table[table["region_id"] == "guangdong"]))
    assert [row["fact_id"] for row in rows] == ["f009", "f010"]


def test_every_download_rule_example_is_what_neutralise_does():
    """The rule the page states and neutralise agree on the cases it names."""
    for cell in ("=1", "+1", "-1", "@1", "＝1", "＋1", "－1", "＠1", " =1", "\n=1", "\t1", "\r1"):
        assert export.neutralise(cell) == "'" + cell, cell
    for name in ("=", "+", "-", "@", "in full width", "tab", "carriage return"):
        assert name in export.DOWNLOAD_RULE


TIDY = Path(__file__).resolve().parents[1] / "data" / "tidy"
PACKAGE = ["datapackage.json", "facts.csv", "sources.csv", "regions.csv", "metrics.csv",
           "segments.csv", "conflicts.csv", "ledger.csv"]


@pytest.fixture
def tampered_tidy(tmp_path):
    """The real tidy tables, with formula cells planted in a fact's note and quote."""
    tidy = tmp_path / "tidy"
    shutil.copytree(TIDY, tidy)
    rows = list(csv.DictReader(io.StringIO((tidy / "facts.csv").read_text(encoding="utf-8"),
                                           newline="")))
    rows[0]["note"] = "=HYPERLINK(\"http://x\")"
    rows[1]["note"] = " ＝1+1"
    rows[2]["value"] = "-3.5"
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (tidy / "facts.csv").write_text(out.getvalue(), encoding="utf-8", newline="")
    return tidy


def unzip(data: bytes, folder: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(folder)
        return {name: archive.read(name) for name in archive.namelist()}


def test_zip_neutralises_every_table_by_the_same_rule(tampered_tidy, tmp_path):
    files = unzip(export.zip_bytes([tampered_tidy / name for name in PACKAGE]), tmp_path / "out")
    assert list(files) == PACKAGE
    facts = read_back(files["facts.csv"])
    assert facts[0]["note"] == "'=HYPERLINK(\"http://x\")"
    assert facts[1]["note"] == "' ＝1+1"
    assert facts[2]["value"] == "-3.5"  # a number, never prefixed
    descriptor = json.loads(files["datapackage.json"])
    for resource in descriptor["resources"]:
        text = {f["name"] for f in resource["schema"]["fields"] if f["type"] == "string"}
        for row in read_back(files[resource["path"]]):
            for name, value in row.items():
                if name in text:
                    assert not export.could_run_as_formula(value), (resource["path"], name)
    # The segment that starts "- Chinese tech companies" is text a spreadsheet would run.
    segments = {(r["source_id"], r["segment_no"]): r["text"] for r in read_back(
        files["segments.csv"])}
    assert segments[("s001", "1")].startswith("'- Chinese tech companies")


def test_zip_tables_still_validate_against_their_descriptor(tampered_tidy, tmp_path):
    from extract.build import validate_package

    unzip(export.zip_bytes([tampered_tidy / name for name in PACKAGE]), tmp_path / "out")
    assert validate_package(tmp_path / "out" / "datapackage.json") == []


def test_zip_changes_nothing_but_the_apostrophes():
    with zipfile.ZipFile(io.BytesIO(export.zip_bytes([TIDY / name for name in PACKAGE]))) as z:
        files = {name: z.read(name) for name in z.namelist()}
    for name in PACKAGE:
        original = (TIDY / name).read_bytes()
        if name.endswith(".csv"):
            ours = [[cell[1:] if cell.startswith("'") and export.could_run_as_formula(cell[1:])
                     else cell for cell in row]
                    for row in csv.reader(io.StringIO(files[name].decode(), newline=""))]
            assert ours == list(csv.reader(io.StringIO(original.decode(), newline=""))), name
        else:
            assert files[name] == original


def test_zip_holds_the_files_and_is_reproducible(tmp_path):
    first = tmp_path / "a.csv"
    first.write_text("x\n1\n", encoding="utf-8")
    second = tmp_path / "datapackage.json"
    second.write_text("{}", encoding="utf-8")
    data = export.zip_bytes([second, first])
    assert data == export.zip_bytes([second, first])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["datapackage.json", "a.csv"]
        assert archive.read("a.csv") == b"x\n1\n"


@pytest.fixture
def default_field_size_limit():
    """csv's default limit on a field's length (131,072 characters), put back afterwards."""
    previous = csv.field_size_limit(131_072)
    yield
    csv.field_size_limit(previous)


def test_zip_takes_a_field_longer_than_csv_s_default_limit(tmp_path, default_field_size_limit):
    # An article of 150,000 characters is one cell of segments.csv; the build writes it as is.
    tidy = tmp_path / "tidy"
    shutil.copytree(FIXTURES / "tidy", tidy)
    path = tidy / "segments.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    long_text = "算力 computing power, 85 EFLOPS.\n" * 5_000
    assert len(long_text) > 131_072
    rows[0]["text"] = long_text
    rows[1]["text"] = "-" + long_text
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")

    files = unzip(export.zip_bytes([tidy / name for name in PACKAGE]), tmp_path / "out")
    segments = read_back(files["segments.csv"])
    assert segments[0]["text"] == long_text
    assert segments[1]["text"] == "'-" + long_text
    assert files["facts.csv"] == (tidy / "facts.csv").read_bytes()
