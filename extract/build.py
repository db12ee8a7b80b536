"""Build data/tidy/ from data/articles/ and data/curation/: validate, render, swap in atomically.

The tables are rendered in memory first; data/tidy/ is replaced only when every check passed and
something changed, by writing a sibling folder and renaming it into place.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

from extract.conflicts import find_conflicts
from extract.curation import Curation, CurationError, load_curation
from extract.datapackage import (
    CONFLICTS,
    FACTS,
    LEDGER,
    METRICS,
    REGIONS,
    SEGMENTS,
    SOURCES,
    Table,
    package_descriptor,
)
from extract.inbox import inbox_problems, remove_empty_inboxes
from extract.ledger import Ledger, build_ledger, ledger_problems, ledger_rows
from extract.numbers import format_number

TIDY_DIR = Path("data") / "tidy"
DEFAULT_ROOT = Path(__file__).resolve().parents[1]
DATAPACKAGE = "datapackage.json"
EXIT_OK = 0
EXIT_BAD_INPUT = 2


def run_build(root: Path) -> int:
    """`python -m extract build`: validate, then write data/tidy/ if anything changed."""
    root = Path(root)
    curation = _load_or_report(root)
    if curation is None:
        return EXIT_BAD_INPUT
    ledger = build_ledger(curation)
    files = render_tables(curation, ledger)
    changed = write_atomically(root / TIDY_DIR, files)
    state = "written" if changed else "up to date, left untouched"
    print(f"{TIDY_DIR.as_posix()}: {_summary(curation, files)}; {state}")
    _say_unreviewed(ledger)
    for path in remove_empty_inboxes(root):
        print(f"{path}: removed, as it holds no entries")
    return EXIT_OK


def run_check(root: Path) -> int:
    """`python -m extract check`: validate, and compare data/tidy/ with a fresh build."""
    root = Path(root)
    curation = _load_or_report(root)
    if curation is None:
        return EXIT_BAD_INPUT
    ledger = build_ledger(curation)
    files = render_tables(curation, ledger)
    problems = (stale_files(root / TIDY_DIR, files) + ledger_problems(ledger, curation)
                + inbox_problems(root))
    with tempfile.TemporaryDirectory(prefix="tidy-check-") as folder:
        for name, data in files.items():
            (Path(folder) / name).write_bytes(data)
        problems += validate_package(Path(folder) / DATAPACKAGE)
    if problems:
        _report(problems)
        return EXIT_BAD_INPUT
    print(f"{TIDY_DIR.as_posix()}: {_summary(curation, files)}; up to date and valid")
    return EXIT_OK


def render_tables(curation: Curation, ledger: Ledger | None = None) -> dict[str, bytes]:
    """Every file of data/tidy/, by name, as the bytes to write."""
    ledger = build_ledger(curation) if ledger is None else ledger
    metrics = {m["id"]: m for m in curation.metrics}
    conflicts = find_conflicts(curation.facts, metrics)
    files = {
        FACTS.path: _csv(FACTS, [_fact_row(f) for f in curation.facts]),
        SOURCES.path: _csv(SOURCES, [_source_row(s, curation) for s in curation.sources]),
        REGIONS.path: _csv(REGIONS, [_region_row(r) for r in curation.regions]),
        METRICS.path: _csv(METRICS, [_metric_row(m) for m in curation.metrics]),
        SEGMENTS.path: _csv(SEGMENTS, _segment_rows(curation)),
        CONFLICTS.path: _csv(CONFLICTS, conflicts),
        LEDGER.path: _csv(LEDGER, ledger_rows(ledger)),
    }
    descriptor = package_descriptor(curation.sources)
    files[DATAPACKAGE] = (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode()
    return files


def write_atomically(tidy: Path, files: dict[str, bytes]) -> bool:
    """Replace the folder `tidy` with exactly `files`; False (and no write) if nothing changed."""
    if not stale_files(tidy, files):
        return False
    tidy.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{tidy.name}-new-", dir=tidy.parent))
    retired = None
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
        os.chmod(staging, 0o755)  # mkdtemp makes the folder private
        if tidy.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{tidy.name}-old-", dir=tidy.parent))
            retired.rmdir()
            os.rename(tidy, retired)
        try:
            os.rename(staging, tidy)
        except OSError:
            if retired is not None:
                os.rename(retired, tidy)
                retired = None
            raise
    finally:
        if staging.exists():
            shutil.rmtree(staging)
        if retired is not None:
            shutil.rmtree(retired)
    return True


def stale_files(tidy: Path, files: dict[str, bytes]) -> list[str]:
    """One line per file of `tidy` that differs from `files`, is missing or is extra."""
    where = TIDY_DIR.as_posix()
    problems = []
    for name, data in sorted(files.items()):
        path = tidy / name
        if not path.is_file():
            problems.append(f"{where}/{name} is missing: run make data")
        elif path.read_bytes() != data:
            problems.append(f"{where}/{name} is stale (differs from a fresh build): run make data")
    if tidy.is_dir():
        for path in sorted(tidy.iterdir()):
            if path.name not in files:
                problems.append(f"{where}/{path.name} is not a build output: run make data")
    return problems


def validate_package(descriptor: Path) -> list[str]:
    """Frictionless validation of the package (types, keys, foreign keys), one line per error."""
    from frictionless import validate  # heavy: imported by `check` only, never by `build`

    report = validate(str(descriptor))
    if report.valid:
        return []
    lines = []
    for task in report.tasks:
        for error in task.errors:
            lines.append(f"{TIDY_DIR.as_posix()}/{task.place}: {error.type}: {error.message}")
    for error in report.errors:
        lines.append(f"{TIDY_DIR.as_posix()}/{DATAPACKAGE}: {error.type}: {error.message}")
    return lines


def _load_or_report(root: Path) -> Curation | None:
    try:
        return load_curation(root)
    except CurationError as error:
        _report(error.problems)
        return None


def _report(problems: list[str]) -> None:
    print(f"extract: {len(problems)} problem{'s' if len(problems) != 1 else ''}; "
          f"{TIDY_DIR.as_posix()} left as it was", file=sys.stderr)
    for line in problems:
        print(line, file=sys.stderr)


def _summary(curation: Curation, files: dict[str, bytes]) -> str:
    conflicts = len(list(csv.reader(io.StringIO(files[CONFLICTS.path].decode())))) - 1
    ledger = Counter(row["disposition"] for row in csv.DictReader(
        io.StringIO(files[LEDGER.path].decode())))
    return (
        f"{len(curation.facts)} facts, {len(curation.sources)} sources, "
        f"{len(curation.regions)} regions, {len(curation.metrics)} metrics, {conflicts} conflicts, "
        f"{sum(ledger.values())} numbers in the ledger ({ledger['curated']} curated, "
        f"{ledger['dismissed']} dismissed, {ledger['unreviewed']} unreviewed)"
    )


def _say_unreviewed(ledger: Ledger) -> None:
    """A build succeeds with numbers nobody has reviewed, but says so: check will fail."""
    count = len(ledger.unreviewed())
    if count:
        print(f"{count} number{'s' if count != 1 else ''} unreviewed: `python -m extract ledger` "
              "lists them; curate or dismiss each before `make check` passes")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(value)
    return str(value)


def _csv(table: Table, rows: list[dict]) -> bytes:
    key = table.primary_key
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.header)
    for row in sorted(rows, key=lambda r: tuple(r[k] for k in key)):
        writer.writerow([_cell(row[column]) for column in table.header])
    return out.getvalue().encode("utf-8")


def _fact_row(fact: dict) -> dict:
    return {
        "fact_id": fact["id"],
        "source_id": fact["source"],
        "region_id": fact["region"],
        "metric_id": fact["metric"],
        "value": fact["value"],
        "value_high": fact["value_high"],
        "value_text": fact.get("value_text"),
        "unit": fact["unit"],
        "as_written": fact["as_written"],
        "qualifier": fact["qualifier"],
        "status": fact["status"],
        "period": fact.get("period"),
        "quote": fact["quote"],
        "quote_start": fact["quote_start"],
        "quote_end": fact["quote_end"],
        "note": fact.get("note"),
    }


def _source_row(source: dict, curation: Curation) -> dict:
    return {
        "source_id": source["id"],
        "file": source["file"],
        "title": source["title"],
        "publisher": source["publisher"],
        "url": source["url"],
        "published": source["published"],
        "published_basis": source["published_basis"],
        "sha256": source["sha256"],
        "chars": len(curation.articles[source["id"]].text),
        "note": source.get("note"),
    }


def _region_row(region: dict) -> dict:
    return {
        "region_id": region["id"],
        "name_en": region["name_en"],
        "name_zh": region["name_zh"],
        "level": region["level"],
        "parent_id": region["parent"],
        "adcode": region["adcode"],
        "lon": region["lon"],
        "lat": region["lat"],
        "focus": region["focus"],
        "aliases": "; ".join(region["aliases"]),
    }


def _metric_row(metric: dict) -> dict:
    return {
        "metric_id": metric["id"],
        "label": metric["label"],
        "unit": metric["unit"],
        "kind": metric["kind"],
        "description": metric["description"],
        "higher_is_better": metric["higher_is_better"],
        "exclusive": bool(metric.get("exclusive", False)),
    }


def _segment_rows(curation: Curation) -> list[dict]:
    rows = []
    for source_id, article in curation.articles.items():
        for number, segment in enumerate(article.segments, start=1):
            rows.append(
                {
                    "source_id": source_id,
                    "segment_no": number,
                    "start": segment.start,
                    "end": segment.end,
                    "kind": segment.kind,
                    "reason": segment.reason,
                    "text": article.text[segment.start : segment.end],
                }
            )
    return rows
