"""Downloads: the facts as CSV for spreadsheets (with provenance) and the data package as a zip."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXPORT_COLUMNS = (
    "fact_id", "region_id", "region_name_en", "region_name_zh", "metric_id", "metric_label",
    "value", "value_high", "value_text", "unit", "as_written", "qualifier", "status", "period",
    "quote", "quote_start", "quote_end", "note", "source_id", "source_title",
    "source_publisher", "source_url", "source_published", "source_published_basis",
    "source_file", "source_sha256",
)
# A fixed timestamp keeps the zip identical for identical data.
ZIP_TIMESTAMP = (2020, 1, 1, 0, 0, 0)


def facts_with_provenance(facts: pd.DataFrame, regions: pd.DataFrame, metrics: pd.DataFrame,
                          sources: pd.DataFrame) -> pd.DataFrame:
    """Every fact with its region names, metric label and full source record."""
    merged = (
        facts.merge(
            regions[["region_id", "name_en", "name_zh"]].rename(
                columns={"name_en": "region_name_en", "name_zh": "region_name_zh"}),
            on="region_id", how="left", validate="many_to_one")
        .merge(metrics[["metric_id", "label"]].rename(columns={"label": "metric_label"}),
               on="metric_id", how="left", validate="many_to_one")
        .merge(
            sources[["source_id", "title", "publisher", "url", "published", "published_basis",
                     "file", "sha256"]].rename(columns=lambda name: name if name == "source_id"
                                               else f"source_{name}"),
            on="source_id", how="left", validate="many_to_one")
    )
    return merged[list(EXPORT_COLUMNS)].reset_index(drop=True)


def neutralise(cell: object) -> object:
    """Prefix a text cell a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _plain_number(value: object) -> str:
    if value is None or pd.isna(value):
        return ""
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


def csv_bytes(table: pd.DataFrame) -> bytes:
    """The table as CSV: UTF-8 with BOM (Excel reads the Chinese), formulas neutralised,
    numbers written plainly (1000000000, not 1e+09)."""
    out = table.copy()
    for column in out.columns:
        if pd.api.types.is_numeric_dtype(out[column]) and not pd.api.types.is_bool_dtype(
                out[column]):
            out[column] = out[column].map(_plain_number)
        else:
            out[column] = out[column].map(
                lambda cell: "" if cell is None or cell is pd.NA else neutralise(cell)
            )
    return out.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def zip_bytes(files: Iterable[Path]) -> bytes:
    """The files in one zip, byte-identical for identical files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(path.name, date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()
