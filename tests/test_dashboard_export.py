"""Downloads: the facts CSV (BOM, provenance columns, formula cells) and the data package zip."""

from __future__ import annotations

import csv
import io
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
