"""Check data/curation/dismissed.yaml: the numbers of the articles that are not facts, and why.

An entry names its source, the number as written and the sentence holding it, verbatim, with a
reason from the declared list (the schema's enum, read here so it is declared once). The build
checks the entries as it checks facts: the source exists, the sentence is in the article's body
once, the number is in the sentence, `other` says why in a note, no entry is given twice. Which
number mentions an entry accounts for is the ledger's business (`extract/ledger.py`).
"""

from __future__ import annotations

import functools
import json

from extract.curation import (
    SCHEMA_DIR,
    _load_file,
    _Problems,
    _valid_entries,
    curation_path,
    locate_quote,
)

NAME = "dismissed"
FILE = curation_path(NAME)
REASONS: tuple[str, ...] = tuple(
    json.loads((SCHEMA_DIR / f"{NAME}.schema.json").read_text(encoding="utf-8"))
    ["items"]["properties"]["reason"]["enum"]
)
# What each reason means: shown by `extract ledger` and written into inbox files.
REASON_MEANINGS = {
    "date": "a date, year or time of day read as a number",
    "restatement": "the same figure again (another currency, a repeat of a curated figure)",
    "company_figure": "about one company, product or person, not a region",
    "not_regional": "about no Chinese region (the world, another country, an industry)",
    "national_total": "China as a whole",
    "out_of_scope": "about a region, but not a figure the dashboard tracks",
    "other": "anything else; the note says why",
}
OTHER = "other"


def check_dismissed(root, sources: dict, articles: dict, problems: _Problems,
                    sources_loaded: bool = True) -> list[dict]:
    """The valid entries of dismissed.yaml under `root`, each with quote_start and quote_end.

    A missing file means nothing is dismissed; every problem found is added to `problems`. When
    sources.yaml could not be read, its own problem is the one to fix: the entries are checked
    for their shape only, not a line each saying their source is unknown.
    """
    if not (root / FILE).exists():
        return []
    loaded = _load_file(root, NAME, problems)
    seen: dict[tuple[str, str, str], int] = {}
    located = []
    for position, entry in _valid_entries(NAME, loaded, problems):
        found = (_check_entry(position, entry, sources, articles, problems)
                 if sources_loaded else None)
        key = (entry["source"], entry["as_written"], entry["quote"])
        if key in seen:
            _problem(problems, position, entry,
                     f"the same number and sentence as entry {seen[key] + 1}")
            continue
        seen[key] = position
        if found is not None:
            located.append(found)
    return located


def entry_label(position: int, entry: dict) -> str:
    """How a problem names an entry, which has no id: its place, source and number."""
    return f"entry {position + 1} ({entry.get('source')}, {entry.get('as_written')!r})"


def amount_spans(quote: str, as_written: str) -> list[tuple[int, int]]:
    """Where `as_written` stands in `quote` as a whole word ("five", not "twenty-five")."""
    if not as_written:
        return []
    return list(_amount_spans(quote, as_written))


# The ledger asks this for every number of an article against every fact of that article:
# thousands of calls on a large corpus, each with its own amount. A regular expression per
# amount would be compiled thousands of times, so the word boundaries are checked by hand, as
# `(?<![\w-])(?<!\d[.,])` before and `(?![\w-])(?![.,]\d)` after the amount would check them.
@functools.lru_cache(maxsize=4096)
def _amount_spans(quote: str, as_written: str) -> tuple[tuple[int, int], ...]:
    check_before, check_after = as_written[0].isalnum(), as_written[-1].isalnum()
    spans = []
    at = quote.find(as_written)
    while at != -1:
        end = at + len(as_written)
        if (check_before and _joins(quote, at - 1, at - 2)) or (
                check_after and _joins(quote, end, end + 1)):
            at = quote.find(as_written, at + 1)
            continue
        spans.append((at, end))
        at = quote.find(as_written, end)
    return tuple(spans)


def _word(character: str) -> bool:
    return character.isalnum() or character == "_"


def _joins(text: str, next_to: int, beyond: int) -> bool:
    """Whether the character at `next_to` glues the amount to a longer word or number: a
    letter, digit, underscore or hyphen, or "." / "," with a digit at `beyond` ("5" in "85",
    "5.5", "5-year")."""
    if not 0 <= next_to < len(text):
        return False
    character = text[next_to]
    if _word(character) or character == "-":
        return True
    return character in ".," and 0 <= beyond < len(text) and text[beyond].isdecimal()


def _check_entry(position, entry, sources, articles, problems) -> dict | None:
    count = len(problems.lines)
    if entry["source"] not in sources:
        _problem(problems, position, entry,
                 f"unknown source {entry['source']!r} (not in {curation_path('sources')})")
        return None
    if entry["reason"] == OTHER and not (entry.get("note") or "").strip():
        _problem(problems, position, entry, "reason 'other' needs a note saying why")
    control = next((ch for ch in entry.get("note") or "" if not ch.isprintable()), None)
    if control is not None:
        # The note is written into ledger.csv, whose text fields carry no control characters.
        _problem(problems, position, entry,
                 f"note holds a control character (U+{ord(control):04X}); write it on one line")
    if not amount_spans(entry["quote"], entry["as_written"]):
        _problem(problems, position, entry,
                 f"as_written {entry['as_written']!r} does not occur in the quote as a word")
    article = articles.get(entry["source"])
    located = None
    if article is not None:  # an unreadable article is reported with its source
        located = locate_quote(article, entry["quote"])
        if isinstance(located, str):
            _problem(problems, position, entry, located)
            located = None
    if located is None or len(problems.lines) > count:
        return None
    return {**entry, "quote_start": located[0], "quote_end": located[1], "position": position}


def _problem(problems: _Problems, position: int, entry: dict, message: str) -> None:
    problems.add(FILE, f"{entry_label(position, entry)}: {message}")
