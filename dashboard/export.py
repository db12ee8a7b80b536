"""Downloads: the facts as CSV for spreadsheets (with provenance) and the data package as a zip.

One rule holds for every CSV a user downloads, the filtered rows and each table in the package
alike (DOWNLOAD_RULE, shown on the Data page and in the README): a text cell a spreadsheet could
run as a formula gets an apostrophe in front, and nothing else changes.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

# A spreadsheet runs a cell as a formula when, after any leading white space, it starts with
# one of these; Excel in East Asian locales takes the full-width forms for the ASCII ones.
FORMULA_CHARACTERS = "=+-@＝＋－＠"
# Spreadsheets have run a cell starting with a tab or a carriage return as a formula whatever
# follows (the OWASP list); a line break or a space only hides a formula character behind it.
LEADING_CONTROLS = ("\t", "\r")
NEUTRALISER = "'"
DOWNLOAD_RULE = (
    "Every CSV you download (these rows, and each table in the data package) is safe to open in "
    "a spreadsheet: a text cell whose first character, after any spaces and line breaks, is =, "
    "+, -, @ (or one of these signs in full width, as Chinese input methods type them), or that "
    "starts with a tab or a carriage return, gets an apostrophe (') in front, so it shows as "
    "text instead of running as a formula. Nothing else changes; numbers are never prefixed."
)
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


def could_run_as_formula(text: str) -> bool:
    """Whether a spreadsheet could read the text cell `text` as a formula (see DOWNLOAD_RULE)."""
    if text.startswith(LEADING_CONTROLS):
        return True
    stripped = text.lstrip()
    return stripped != "" and stripped[0] in FORMULA_CHARACTERS


def neutralise(cell: object) -> object:
    """Prefix a text cell a spreadsheet could run as a formula with an apostrophe."""
    if isinstance(cell, str) and could_run_as_formula(cell):
        return NEUTRALISER + cell
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
    """The files in one zip, byte-identical for identical files; each CSV neutralised.

    The text fields of a table are those datapackage.json (among `files`) types as string; in a
    table it does not describe, every cell counts as text.
    """
    files = list(files)
    text_fields = _text_fields(files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            data = path.read_bytes()
            if path.suffix == ".csv":
                data = neutralised_csv(data, text_fields.get(path.name))
            info = zipfile.ZipInfo(path.name, date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def neutralised_csv(data: bytes, text_fields: set[str] | None) -> bytes:
    """A tidy table (UTF-8, \\n line ends, as the build writes it) with its text cells
    neutralised; rows without such a cell come out byte for byte as they went in."""
    _lift_field_size_limit()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    if not rows:
        return data
    header = rows[0]
    text = [text_fields is None or name in text_fields for name in header]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows[1:]:
        # A cell beyond the header (a malformed table) is kept, and counts as text.
        writer.writerow([neutralise(cell) if index >= len(text) or text[index] else cell
                         for index, cell in enumerate(row)])
    return out.getvalue().encode("utf-8")


def _lift_field_size_limit() -> None:
    """Let csv.reader read a field of any length the build writes.

    csv.reader refuses a field longer than csv.field_size_limit(), 131,072 characters by default,
    and a tidy table can hold longer ones: an article's body is one cell of segments.csv, and
    the build takes articles of up to 8 MiB. The limit is the csv module's, one for the whole
    process, with no setting per reader, so it is raised here, where a table is about to be
    read, rather than on import, and never put back: a higher limit only lets every reader
    accept longer fields, while putting the old one back could cut short a download that
    another session's thread is reading at that moment. The limit is held in a C long, which
    is 32 bits on some platforms (Windows), where sys.maxsize overflows it.
    """
    try:
        csv.field_size_limit(sys.maxsize)
    except OverflowError:
        csv.field_size_limit(2**31 - 1)


def _text_fields(files: list[Path]) -> dict[str, set[str]]:
    """Table file name -> its string-typed fields, from datapackage.json if it reads."""
    descriptor = next((path for path in files if path.name == "datapackage.json"), None)
    try:
        resources = json.loads(descriptor.read_text(encoding="utf-8"))["resources"]
        return {resource["path"]: {field["name"] for field in resource["schema"]["fields"]
                                   if field.get("type") == "string"}
                for resource in resources}
    except (AttributeError, OSError, ValueError, KeyError, TypeError):
        return {}  # no usable descriptor: every cell of every table counts as text
