"""Build data/tidy/ from data/articles/ and data/curation/: validate, render, swap in atomically.

The tables are rendered in memory first; data/tidy/ is replaced only when every check passed and
something changed, by writing a sibling folder and renaming it into place. Before anything moves
the build checks that both folders take new files, so a read-only folder is refused with the old
tables in place; an interrupted write puts the old folder back and removes the new one.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections import Counter
from contextlib import contextmanager
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
from extract.untrusted import one_line

TIDY_DIR = Path("data") / "tidy"
DATAPACKAGE = "datapackage.json"
EXIT_OK = 0
EXIT_BAD_INPUT = 2
# Problems printed at most: the first hundred say what to fix; the rest would only scroll past.
MAX_REPORTED_PROBLEMS = 100
# Name prefixes of the folders a build writes next to data/tidy/ while it swaps the tables in.
STAGING_PREFIX = ".{}-new-"
RETIRED_PREFIX = ".{}-old-"


class TidyWriteError(Exception):
    """data/tidy/ cannot be replaced (a read-only folder, a full disk); nothing was moved."""


class OutputError(Exception):
    """Standard output takes no more text (`> /dev/full`, a full disk): the message says why."""


def write_report(lines: list[str], out=None) -> None:
    """Print `lines` to `out` (standard output) and flush them; OutputError if it cannot take
    them, its unwritten rest dropped (so Python's own flush at exit does not fail on it again)."""
    out = sys.stdout if out is None else out
    try:
        for line in lines:
            print(line, file=out)
        out.flush()
    except OSError as error:
        drop_unwritten(out)
        raise OutputError(f"cannot write to standard output ({error.strerror or error})"
                          ) from None


def drop_unwritten(out) -> None:
    """Point the descriptor of `out` at /dev/null: what it holds unwritten goes nowhere."""
    try:
        descriptor = out.fileno()
    except (OSError, ValueError, AttributeError):  # a StringIO has no descriptor
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, descriptor)
    os.close(null)


def run_build(root: Path) -> int:
    """`python -m extract build`: validate, then write data/tidy/ if anything changed. Its
    report is written before the old tables go: a report that cannot be written (`> /dev/full`)
    puts them back."""
    root = Path(root)
    curation = _load_or_report(root)
    if curation is None:
        return EXIT_BAD_INPUT
    ledger = build_ledger(curation)
    files = render_tables(curation, ledger)

    def say(state: str) -> None:
        write_report([f"{TIDY_DIR.as_posix()}: {_summary(curation, files)}; {state}",
                      *_unreviewed_lines(ledger)])

    try:
        if not write_atomically(root / TIDY_DIR, files, confirm=lambda: say("written")):
            say("up to date, left untouched")
    except TidyWriteError as error:
        _report([str(error)])
        return EXIT_BAD_INPUT
    except OutputError as error:
        _report([str(error)])
        return EXIT_BAD_INPUT
    removed, failed = remove_empty_inboxes(root)
    try:
        write_report([f"{path}: removed, as it holds no entries" for path in removed])
    except OutputError as error:
        print(f"extract: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    # An inbox never feeds the tables, which are written and valid: a file that cannot be read
    # or removed is kept as it is, and `check` fails until it is dealt with.
    for line in failed + inbox_problems(root, holding=False):
        print(f"warning: {one_line(line)}", file=sys.stderr)
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
    try:
        write_report([f"{TIDY_DIR.as_posix()}: {_summary(curation, files)}; up to date and valid"])
    except OutputError as error:
        print(f"extract: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def render_tables(curation: Curation, ledger: Ledger | None = None) -> dict[str, bytes]:
    """Every file of data/tidy/, by name, as the bytes to write."""
    ledger = build_ledger(curation) if ledger is None else ledger
    conflicts = curation.conflicts
    if conflicts is None:
        conflicts = find_conflicts(curation.facts, {m["id"]: m for m in curation.metrics})
    files = {
        FACTS.path: _csv(FACTS, [_fact_row(f) for f in curation.facts]),
        SOURCES.path: _csv(SOURCES, [_source_row(s, curation) for s in curation.sources]),
        REGIONS.path: _csv(REGIONS, _region_rows(curation)),
        METRICS.path: _csv(METRICS, _metric_rows(curation)),
        SEGMENTS.path: _csv(SEGMENTS, _segment_rows(curation)),
        CONFLICTS.path: _csv(CONFLICTS, conflicts),
        LEDGER.path: _csv(LEDGER, ledger_rows(ledger)),
    }
    descriptor = package_descriptor(curation.sources)
    files[DATAPACKAGE] = (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode()
    return files


def write_atomically(tidy: Path, files: dict[str, bytes], confirm=None) -> bool:
    """Replace the folder `tidy` with exactly `files`; False (and no write) if nothing changed.

    Raises TidyWriteError, with `tidy` as it was, when the folders cannot be written.
    `confirm()` is called once the new folder is in place and before the old one is deleted:
    if it raises, the old folder is put back and its exception raised.
    """
    if not stale_files(tidy, files):
        return False
    shown = f"{tidy.parent.name}/{tidy.name}"
    if tidy.is_symlink() or (tidy.exists() and not tidy.is_dir()):
        # Swapped aside, a link or a file would be a stray beside the new folder; replaced,
        # a link would no longer lead where someone pointed it.
        kind = "a symbolic link" if tidy.is_symlink() else "not a folder"
        raise TidyWriteError(f"{shown} is {kind}: the build replaces it with a folder of "
                             "tables; move it away and build again. Nothing was changed")
    try:
        tidy.parent.mkdir(parents=True, exist_ok=True)
        _probe_writable(tidy.parent, f"{tidy.parent.name}/")
        if tidy.is_dir():
            # Its files are deleted once the new folder is in place.
            _probe_writable(tidy, f"{shown}/")
        _remove_leftovers(tidy)
        _swap_in(tidy, files, confirm)
    except OSError as error:
        raise TidyWriteError(f"{shown}: could not be replaced ({error.strerror or error}); "
                             "the old tables are in place") from None
    return True


def _swap_in(tidy: Path, files: dict[str, bytes], confirm=None) -> None:
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX.format(tidy.name), dir=tidy.parent))
    retired = None
    swapped = False
    try:
        with _termination_as_exit():
            for name, data in files.items():
                (staging / name).write_bytes(data)
            os.chmod(staging, 0o755)  # mkdtemp makes the folder private
            if tidy.exists():
                retired = Path(
                    tempfile.mkdtemp(prefix=RETIRED_PREFIX.format(tidy.name), dir=tidy.parent))
                retired.rmdir()
                os.rename(tidy, retired)
            os.rename(staging, tidy)
            try:
                if confirm is not None:
                    confirm()
            except BaseException:
                os.rename(tidy, staging)  # out again: the old folder goes back below
                raise
            swapped = True
    finally:
        # Whatever stopped the swap (an error, Ctrl-C, SIGTERM), the old tables go back.
        if not swapped:
            if retired is not None and not tidy.exists():
                os.rename(retired, tidy)
            shutil.rmtree(staging, ignore_errors=True)
        elif retired is not None:
            shutil.rmtree(retired, ignore_errors=True)


@contextmanager
def _termination_as_exit():
    """While the tables are swapped, SIGTERM ends the build through `finally`, not mid-rename."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _probe_writable(folder: Path, shown: str) -> None:
    """Create and delete a file in `folder`: a read-only folder fails here, before any move.
    (os.access cannot tell: it answers yes to root and knows nothing of read-only mounts.)"""
    try:
        handle, probe = tempfile.mkstemp(prefix=".write-probe-", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        raise TidyWriteError(f"{shown} takes no new files ({error.strerror}): the build needs "
                             "to write there; nothing was changed") from None


def _remove_leftovers(tidy: Path) -> None:
    """Folders a killed build (SIGKILL, power loss) left beside `tidy`, and the file or link an
    earlier build swapped aside: the next build clears them, so none lingers. A link is removed,
    never followed."""
    for prefix in (STAGING_PREFIX, RETIRED_PREFIX):
        for leftover in tidy.parent.glob(f"{prefix.format(tidy.name)}*"):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover)
            else:
                leftover.unlink()


def stale_files(tidy: Path, files: dict[str, bytes]) -> list[str]:
    """One line per file of `tidy` that differs from `files`, is missing or is extra."""
    where = TIDY_DIR.as_posix()
    problems = []
    for name, data in sorted(files.items()):
        path = tidy / name
        if not path.is_file():
            problems.append(f"{where}/{name} is missing: run make data")
            continue
        try:
            same = path.read_bytes() == data
        except OSError as error:
            problems.append(f"{where}/{name} cannot be read ({error.strerror}): run make data")
            continue
        if not same:
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
        _report(error.problems, error.stopped)
        return None


def _report(problems: list[str], stopped: bool = False) -> None:
    """The problems on stderr, the first MAX_REPORTED_PROBLEMS of them; `stopped`: checking
    stopped after these, so there may be more."""
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    if stopped:
        count = f"{count} (checking stopped there; there are more)"
    print(f"extract: {count}; {TIDY_DIR.as_posix()} left as it was", file=sys.stderr)
    for line in problems[:MAX_REPORTED_PROBLEMS]:
        print(one_line(line), file=sys.stderr)
    if len(problems) > MAX_REPORTED_PROBLEMS:
        more = "at least " if stopped else ""
        print(f"... and {more}{len(problems) - MAX_REPORTED_PROBLEMS} more", file=sys.stderr)


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


def _unreviewed_lines(ledger: Ledger) -> list[str]:
    """A build succeeds with numbers nobody has reviewed, but says so: check will fail."""
    count = len(ledger.unreviewed())
    if not count:
        return []
    return [f"{count} number{'s' if count != 1 else ''} unreviewed: `python -m extract ledger` "
            "lists them; curate or dismiss each before `make check` passes"]


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


def _region_row(region: dict, focus_position: int | None) -> dict:
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
        "focus_position": focus_position,
    }


def _region_rows(curation: Curation) -> list[dict]:
    """Every region; the focus regions numbered in the order regions.yaml lists them."""
    focus = [region["id"] for region in curation.regions if region["focus"]]
    return [_region_row(region, focus.index(region["id"]) + 1 if region["focus"] else None)
            for region in curation.regions]


def _metric_rows(curation: Curation) -> list[dict]:
    """One row per metric with its theme; positions keep metrics.yaml's order, as the rows
    are written sorted by id."""
    themes = {theme["id"]: (number, theme) for number, theme in enumerate(curation.themes, 1)}
    rows = []
    for number, metric in enumerate(curation.metrics, start=1):
        theme_position, theme = themes[metric["theme"]]
        rows.append(_metric_row(metric) | {"theme": theme["id"], "theme_label": theme["label"],
                                           "theme_position": theme_position,
                                           "position": number})
    return rows


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
