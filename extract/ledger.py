"""The ledger: every number in the articles' bodies with what became of it.

Each number mention (`extract.mentions`) is `curated` when a fact of the same source quotes the
sentence holding it and the fact's `as_written` stands over it, `dismissed` when an entry of
dismissed.yaml names it the same way (and the mention is not curated), else `unreviewed`. An
entry accounts for every place its number stands in its sentence ("two pilot zones ... the only
province with two pilot zones" is one fact). A dismissed entry that accounts for no mention
left to dismiss is idle: the number finder no longer reads it there, or a fact curates it.

`python -m extract ledger [--source ID] [--format table|csv|json]` prints it; the build writes
it as data/tidy/ledger.csv; `extract check` fails while a number is unreviewed or an entry idle.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass

from extract.dismissed import FILE as DISMISSED_FILE
from extract.dismissed import amount_spans, entry_label
from extract.mentions import Mention, number_mentions
from extract.untrusted import QUOTE_LIMIT, quoted

CURATED = "curated"
DISMISSED = "dismissed"
UNREVIEWED = "unreviewed"
DISPOSITIONS = (CURATED, DISMISSED, UNREVIEWED)
FACT_ID_SEPARATOR = "; "
FORMATS = ("table", "csv", "json")
# The command's CSV: the columns of ledger.csv and the sentence.
CSV_HEADER = (
    "source_id", "mention_no", "start", "end", "as_written", "value", "value_high", "unit",
    "qualifier", "sentence_start", "sentence_end", "disposition", "fact_ids", "reason", "note",
    "sentence",
)
# How much of a sentence the table format shows.
SENTENCE_WIDTH = 90


@dataclass(frozen=True)
class LedgerRow:
    source_id: str
    number: int  # position of the mention in its article, from 1
    mention: Mention
    disposition: str
    fact_ids: tuple[str, ...] = ()
    reason: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Ledger:
    sources: tuple[str, ...]  # the articles it covers, in order
    rows: tuple[LedgerRow, ...]
    idle: tuple[dict, ...]  # dismissed entries that account for no mention left to dismiss

    def counts(self, source_id: str | None = None) -> Counter:
        """How many mentions have each disposition (of one source, or of all)."""
        return Counter(
            row.disposition for row in self.rows if source_id in (None, row.source_id)
        )

    def unreviewed(self) -> list[LedgerRow]:
        return [row for row in self.rows if row.disposition == UNREVIEWED]


def build_ledger(curation, source_ids=None) -> Ledger:
    """The ledger of every article of `curation` (or of those in `source_ids`)."""
    facts_of: dict[str, list[dict]] = {}
    for fact in curation.facts:
        facts_of.setdefault(fact["source"], []).append(fact)
    dismissed_of: dict[str, list[dict]] = {}
    for entry in curation.dismissed:
        dismissed_of.setdefault(entry["source"], []).append(entry)
    rows: list[LedgerRow] = []
    idle: list[dict] = []
    covered = tuple(sorted(s for s in curation.articles if source_ids is None or s in source_ids))
    for source_id in covered:
        article = curation.articles[source_id]
        mentions = number_mentions(article.text, article.segments)
        source_rows, source_idle = _dispositions(
            source_id, mentions, facts_of.get(source_id, []), dismissed_of.get(source_id, [])
        )
        rows.extend(source_rows)
        idle.extend(source_idle)
    return Ledger(covered, tuple(rows), tuple(idle))


def amount_covers(quote_start: int, quote_end: int, quote: str, as_written: str | None,
                  mention: Mention) -> bool:
    """Whether a quote at quote_start..quote_end holds `mention` with `as_written` over it."""
    if as_written is None or not (quote_start <= mention.start and mention.end <= quote_end):
        return False
    return any(
        quote_start + lo < mention.end and mention.start < quote_start + hi
        for lo, hi in amount_spans(quote, as_written)
    )


def _covers(entry: dict, mention: Mention) -> bool:
    return amount_covers(entry["quote_start"], entry["quote_end"], entry["quote"],
                         entry["as_written"], mention)


def _dispositions(source_id, mentions, facts, dismissed):
    rows = []
    used: set[int] = set()  # positions of the dismissed entries that dismiss something
    for number, mention in enumerate(mentions, start=1):
        fact_ids = tuple(sorted(f["id"] for f in facts if _covers(f, mention)))
        if fact_ids:
            rows.append(LedgerRow(source_id, number, mention, CURATED, fact_ids))
            continue
        entry = next((e for e in dismissed if _covers(e, mention)), None)
        if entry is not None:
            used.add(entry["position"])
            rows.append(LedgerRow(source_id, number, mention, DISMISSED, (), entry["reason"],
                                  entry.get("note")))
            continue
        rows.append(LedgerRow(source_id, number, mention, UNREVIEWED))
    idle = [e for e in dismissed if e["position"] not in used]
    return rows, idle


# --- problems for `extract check` ------------------------------------------------------------


def ledger_problems(ledger: Ledger, curation) -> list[str]:
    """One line per unreviewed number and per idle dismissed entry."""
    lines = []
    files = {s["id"]: f"data/articles/{s['file']}" for s in curation.sources}
    for row in ledger.unreviewed():
        text = curation.articles[row.source_id].text
        lines.append(
            f"{files[row.source_id]} ({row.source_id}): number {row.number} "
            f"{row.mention.as_written!r} at offset {row.mention.start} is unreviewed: curate it "
            f"in facts.yaml or dismiss it in dismissed.yaml (sentence: "
            f"{_sentence_quoted(text, row)})"
        )
    for entry in ledger.idle:
        lines.append(
            f"{DISMISSED_FILE}: {entry_label(entry['position'], entry)}: dismisses no number: "
            "the number finder does not read it there, or a fact curates it; remove the entry"
        )
    return lines


def summary(ledger: Ledger) -> str:
    counts = ledger.counts()
    return (f"ledger: {len(ledger.rows)} numbers, {counts[CURATED]} curated, "
            f"{counts[DISMISSED]} dismissed, {counts[UNREVIEWED]} unreviewed")


# --- the tidy table --------------------------------------------------------------------------


def ledger_rows(ledger: Ledger) -> list[dict]:
    """The rows of ledger.csv."""
    return [
        {
            "source_id": row.source_id,
            "mention_no": row.number,
            "start": row.mention.start,
            "end": row.mention.end,
            "as_written": row.mention.as_written,
            "value": row.mention.value,
            "value_high": row.mention.value_high,
            "unit": row.mention.unit,
            "qualifier": row.mention.qualifier,
            "sentence_start": row.mention.sentence_start,
            "sentence_end": row.mention.sentence_end,
            "disposition": row.disposition,
            "fact_ids": FACT_ID_SEPARATOR.join(row.fact_ids),
            "reason": row.reason,
            "note": row.note,
        }
        for row in ledger.rows
    ]


# --- the command -----------------------------------------------------------------------------


def run_ledger(root, source: str | None = None, fmt: str = "table", out=None, err=None) -> int:
    """`python -m extract ledger`: every number mention and its disposition."""
    from extract.build import EXIT_BAD_INPUT, EXIT_OK, _load_or_report, drop_unwritten

    out = out or sys.stdout
    err = err or sys.stderr
    curation = _load_or_report(root)
    if curation is None:
        return EXIT_BAD_INPUT
    if source is not None and source not in curation.articles:
        print(f"extract ledger: unknown source {quoted(source)} (not in "
              "data/curation/sources.yaml)",
              file=err)
        return EXIT_BAD_INPUT
    ledger = build_ledger(curation, None if source is None else {source})
    try:
        _write(ledger, curation, fmt, out)
        out.flush()
    except BrokenPipeError:  # `extract ledger | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as error:  # `extract ledger > /dev/full`
        drop_unwritten(out)
        print(f"extract ledger: cannot write to standard output ({error.strerror or error})",
              file=err)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _write(ledger: Ledger, curation, fmt: str, out) -> None:
    if fmt == "csv":
        _write_csv(ledger, curation, out)
    elif fmt == "json":
        json.dump([_record(row, curation) for row in ledger.rows], out, ensure_ascii=False,
                  indent=1)
        out.write("\n")
    else:
        _write_table(ledger, curation, out)


def _sentence(text: str, row: LedgerRow) -> str:
    return text[row.mention.sentence_start:row.mention.sentence_end]


def _sentence_start(text: str, row: LedgerRow, length: int) -> tuple[str, bool]:
    """The first `length` characters of the row's sentence, and whether it goes on past them.
    Only these are copied: a sentence of a million characters holding thousands of numbers
    would otherwise be copied once for each of them."""
    start, end = row.mention.sentence_start, row.mention.sentence_end
    return text[start:min(end, start + length)], end - start > length


def _sentence_quoted(text: str, row: LedgerRow) -> str:
    """The sentence's repr, cut after QUOTE_LIMIT characters (its length said), as
    `untrusted.quoted` shows untrusted text in a problem line."""
    shown, cut = _sentence_start(text, row, QUOTE_LIMIT)
    if not cut:
        return repr(shown)
    length = row.mention.sentence_end - row.mention.sentence_start
    return f"{repr(shown)[:-1]}…{repr(shown)[-1]} ({length} characters)"


def _record(row: LedgerRow, curation) -> dict:
    record = ledger_rows(Ledger((row.source_id,), (row,), ()))[0]
    record["fact_ids"] = list(row.fact_ids)
    record["sentence"] = _sentence(curation.articles[row.source_id].text, row)
    return record


def _write_csv(ledger: Ledger, curation, out) -> None:
    from extract.build import _cell

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in ledger.rows:
        record = _record(row, curation)
        record["fact_ids"] = FACT_ID_SEPARATOR.join(record["fact_ids"])
        writer.writerow([_cell(record[column]) for column in CSV_HEADER])


def _printable(text: str) -> str:
    """One terminal line: control characters shown escaped, runs of space as one."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in " ".join(text.split()))


def _shortened(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _sentence_line(text: str, row: LedgerRow) -> str:
    """The sentence as the table shows it: one line of at most SENTENCE_WIDTH characters.
    A bounded start of it is read (runs of white space shown as one, see `_printable`)."""
    shown, cut = _sentence_start(text, row, SENTENCE_WIDTH * 8)
    line = _printable(shown)
    if cut and len(line) <= SENTENCE_WIDTH:
        line = line[: SENTENCE_WIDTH - 1].rstrip() + "…"
    return _shortened(line, SENTENCE_WIDTH)


def _write_table(ledger: Ledger, curation, out) -> None:
    for source_id in ledger.sources:
        rows = [row for row in ledger.rows if row.source_id == source_id]
        counts = ledger.counts(source_id)
        out.write(
            f"{source_id}: {len(rows)} numbers, {counts[CURATED]} curated, "
            f"{counts[DISMISSED]} dismissed, {counts[UNREVIEWED]} unreviewed\n"
        )
        text = curation.articles[source_id].text
        for row in rows:
            if row.disposition == CURATED:
                detail = FACT_ID_SEPARATOR.join(row.fact_ids)
            elif row.disposition == DISMISSED:
                detail = row.reason + (f" ({row.note})" if row.note else "")
            else:
                detail = "-"
            out.write(
                f"  {row.number:>3}  {row.disposition:<10}  "
                f"{_printable(row.mention.as_written)}  ->  {_printable(detail)}\n"
                f"       {_sentence_line(text, row)}\n"
            )
    for entry in ledger.idle:
        out.write(f"idle: {DISMISSED_FILE}: {_printable(entry_label(entry['position'], entry))} "
                  "dismisses no number\n")
    out.write(summary(ledger) + "\n")
