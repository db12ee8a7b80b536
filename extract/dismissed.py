"""Check data/curation/dismissed.yaml: the numbers of the articles that are not facts, and why.

An entry names its source, the number as written and the sentence holding it, verbatim, with a
reason from the declared list (the schema's enum, read here so it is declared once). The build
checks the entries as it checks facts: the source exists, the sentence is in the article's body
once, the number is in the sentence, `other` says why in a note, no entry is given twice. Which
number mentions an entry accounts for is the ledger's business (`extract/ledger.py`).
"""

from __future__ import annotations

import json

from extract.curation import (
    SCHEMA_DIR,
    _load_file,
    _Problems,
    _valid_entries,
    amount_spans,
    curation_path,
    has_note,
    locate_quote,
)
from extract.untrusted import control_character, describe_character

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
                    sources_loaded: bool = True, rejected_sources: frozenset | set = frozenset(),
                    ) -> list[dict]:
    """The valid entries of dismissed.yaml under `root`, each with quote_start and quote_end.

    A missing file means nothing is dismissed (a link to a missing file is not missing: it is
    reported, as for the other curation files); every problem found is added to `problems`.
    When sources.yaml could not be read, its own problem is the one to fix: the entries are
    checked for their shape only, not a line each saying their source is unknown; so are the
    entries naming a source whose entry is reported (`rejected_sources`).
    """
    path = root / FILE
    try:
        present = path.is_symlink() or path.exists()
    except OSError:  # data/curation/ cannot be searched: the loader says so
        present = True
    if not present:
        return []
    loaded = _load_file(root, NAME, problems)
    seen: dict[tuple[str, str, str], int] = {}
    located = []
    for position, entry in _valid_entries(NAME, loaded, problems):
        if problems.full:
            problems.stopped = True
            break
        found = (_check_entry(position, entry, sources, articles, rejected_sources, problems)
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


def _check_entry(position, entry, sources, articles, rejected_sources, problems) -> dict | None:
    count = len(problems.lines)
    if entry["source"] not in sources:
        if entry["source"] not in rejected_sources:  # else the source's own problem stands
            _problem(problems, position, entry,
                     f"unknown source {entry['source']!r} (not in {curation_path('sources')})")
        return None
    if entry["reason"] == OTHER and not has_note(entry):
        _problem(problems, position, entry, "reason 'other' needs a note saying why")
    # The loader refused every other control character; a note is one line of ledger.csv.
    # Format characters (a soft hyphen, a zero-width space) are text, as in a fact's note.
    found = control_character(entry.get("note") or "")
    if found is not None:
        _problem(problems, position, entry,
                 f"note holds {describe_character(found[1])}; write it on one line")
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
