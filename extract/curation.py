"""Load the four curation files and check them against the articles; report every problem at once.

Each problem names the file, the entry (its position and id) and what is wrong. Structure is
checked with the JSON Schemas in extract/schemas/; meaning (references, checksums, quotes inside
the article body, numbers that match their wording) is checked here.
"""

from __future__ import annotations

import copy
import datetime
import functools
import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from extract.numbers import (
    MINUS_SIGN,
    AmountError,
    fall_before,
    minus_sign_before,
    parse_amount,
    status_cues,
    unit_is_compatible,
)
from extract.reader import (
    BODY,
    DUPLICATE,
    MAX_ARTICLE_BYTES,
    MAX_PUBLISHED_YEAR,
    MIN_PUBLISHED_YEAR,
    Article,
    ArticleError,
    decode_article,
    segment_text,
)
from extract.untrusted import InputError, load_yaml_file, one_line, quoted, read_limited

CURATION_DIR = Path("data") / "curation"
ARTICLES_DIR = Path("data") / "articles"
SCHEMA_DIR = Path(__file__).parent / "schemas"
FILES = ("sources", "regions", "metrics", "facts")
# Text fields that may span lines; every other text is one line (ids, names, numbers as written).
MULTILINE_FIELDS = ("quote", "note", "description")

# Problems collected before checking stops: the build prints the first hundred, and a file of
# twenty thousand broken entries would otherwise be checked (and reported) to its end.
MAX_PROBLEMS = 1000
# Joins the two fact ids of a conflict (conflicts.csv); a fact id may not hold it, so that no
# two pairs of ids join into the same conflict id.
CONFLICT_ID_JOIN = "--"

# An article is a file of its own: a link would publish whatever it points to (/etc/passwd).
ARTICLE_LINK = ("is a symbolic link: an article is a file of its own in data/articles/, never a "
                "link (copy the file in, or add it with extract add)")

CATEGORICAL = "categorical"
TEXT_UNIT = "text"
VALUE_TOLERANCE = 1e-9

MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)


class CurationError(Exception):
    """The curation does not pass its checks; `problems` holds one line per problem, and
    `stopped` says that checking stopped at MAX_PROBLEMS, so more may remain."""

    def __init__(self, problems: list[str], stopped: bool = False):
        super().__init__("\n".join(problems))
        self.problems = problems
        self.stopped = stopped


@dataclass
class Curation:
    sources: list[dict]
    regions: list[dict]
    metrics: list[dict]
    facts: list[dict]  # each with quote_start, quote_end and the parsed value, value_high
    articles: dict[str, Article] = field(default_factory=dict)  # by source id
    themes: list[dict] = field(default_factory=list)  # metrics.yaml's themes, in their order
    dismissed: list[dict] = field(default_factory=list)  # each with quote_start, quote_end
    conflicts: list[dict] | None = None  # the rows of conflicts.csv, once found


class _Problems:
    def __init__(self, limit: int = MAX_PROBLEMS):
        self.lines: list[str] = []
        self.limit = limit
        self.stopped = False  # a problem past the limit was dropped

    @property
    def full(self) -> bool:
        """Whether the limit is reached: a long check stops here, as nothing more is kept."""
        return len(self.lines) >= self.limit

    def add(self, file: str, message: str, entry: dict | None = None, position: int | None = None):
        if self.full:
            self.stopped = True
            return
        if position is None:
            self.lines.append(one_line(f"{file}: {message}"))
            return
        entry_id = entry.get("id") if isinstance(entry, dict) else None
        shown_id = entry_id if isinstance(entry_id, str) and len(entry_id) <= 80 else (
            None if entry_id is None else quoted(entry_id))
        label = f"entry {position + 1}" + (f" (id {shown_id})" if shown_id is not None else "")
        self.lines.append(one_line(f"{file}: {label}: {message}"))


def load_curation(root: Path) -> Curation:
    """Read and check data/curation/*.yaml and data/articles/ under `root`; raise CurationError."""
    root = Path(root)
    problems = _Problems()
    loaded = {name: _load_file(root, name, problems) for name in FILES}
    themes, loaded["metrics"], rejected_themes = _split_metrics_file(loaded["metrics"], problems)
    valid = {name: _valid_entries(name, entries, problems) for name, entries in loaded.items()}
    for name, entries in valid.items():
        _check_unique_ids(name, entries, problems)
    # The ids of entries already reported as invalid: an entry naming one of them gets no
    # second line saying the id is unknown.
    rejected = {name: _rejected(loaded[name], valid[name]) for name in FILES}

    sources = {e["id"]: e for _, e in valid["sources"]}
    regions = {e["id"]: e for _, e in valid["regions"]}
    metrics = {e["id"]: e for _, e in valid["metrics"]}
    _check_regions(valid["regions"], regions, rejected["regions"], problems)
    _check_published(valid["sources"], problems)
    _check_metrics(valid["metrics"], problems)
    _check_themes(themes, valid["metrics"], rejected_themes,
                  _rejected(loaded["metrics"], valid["metrics"], "theme"), problems)
    articles = _read_articles(root, valid["sources"], loaded["sources"] is not None,
                              _rejected(loaded["sources"], valid["sources"], "file"), problems)
    facts = []
    # A fact is checked against the files it refers to; if one of them could not be read, its
    # own problem is the one to fix, and a line per fact saying "unknown metric" would bury it.
    references_loaded = all(loaded[name] is not None for name in ("sources", "regions", "metrics"))
    for position, fact in valid["facts"] if references_loaded else []:
        if problems.full:
            break
        located = _check_fact(position, fact, sources, regions, metrics, articles, rejected,
                              problems)
        if located is not None:
            facts.append(located)
    from extract.dismissed import check_dismissed  # these build on this module's loaders
    from extract.inbox import check_unedited_notes

    check_unedited_notes(valid["facts"], problems)
    dismissed = check_dismissed(root, sources, articles, problems,
                                sources_loaded=loaded["sources"] is not None,
                                rejected_sources=rejected["sources"])

    conflicts = None
    if not problems.lines:
        from extract.conflicts import ConflictLimitError, find_conflicts

        try:
            conflicts = find_conflicts(facts, metrics)
        except ConflictLimitError as error:
            problems.add(curation_path("facts"), f"{error}; check the values and periods")
    if problems.lines:
        raise CurationError(problems.lines, problems.stopped)
    return Curation(
        sources=[e for _, e in valid["sources"]],
        regions=[e for _, e in valid["regions"]],
        metrics=[e for _, e in valid["metrics"]],
        facts=facts,
        articles=articles,
        themes=[e for _, e in themes],
        dismissed=dismissed,
        conflicts=conflicts,
    )


def curation_path(name: str) -> str:
    return (CURATION_DIR / f"{name}.yaml").as_posix()


def _load_file(root: Path, name: str, problems: _Problems) -> list | None:
    file = curation_path(name)
    try:
        data = load_yaml_file(root / file, MULTILINE_FIELDS)
    except InputError as error:
        for entry, message in error.problems:
            if entry is None:
                problems.add(file, message)
            else:
                problems.add(file, message, {"id": entry[1]}, entry[0])
        return None
    if data is None:
        if name == "sources":
            # A corpus with no article yet, as `extract add` takes it; an article in
            # data/articles/ without an entry is still refused.
            return []
        expected = _METRICS_SHAPE if name == "metrics" else "a list of entries"
        problems.add(file, f"file holds nothing; expected {expected}")
        return None
    return _normalise_dates(data)


def _normalise_dates(data):
    """YAML reads an unquoted year 2024 as an int; dates are text here (the loader keeps an
    unquoted 2019-04-19 as text already)."""
    if isinstance(data, list):
        return [_normalise_dates(x) for x in data]
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            if key in ("period", "published") and isinstance(value, int) and not isinstance(
                value, bool
            ):
                value = str(value)
            out[key] = value
        return out
    return data


_VALIDATORS: dict = {}
_METRICS_SHAPE = "the two lists `themes:` and `metrics:`"


def _validator(name: str, whole_file: bool = False, part: str | None = None):
    """The schema of one entry list; metrics.yaml holds two lists, its entries are those of
    its `metrics` list (`whole_file` gives the schema of the file itself, without its lists'
    entries). `part="entry"` gives the schema of one entry of the list; for metrics.yaml,
    `part="themes"` that of one theme."""
    key = (name, whole_file, part)
    if key not in _VALIDATORS:
        from jsonschema import Draft202012Validator

        schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
        if whole_file:
            schema = copy.deepcopy(schema)
            for part_schema in schema.get("properties", {}).values():
                part_schema.pop("items", None)  # entries are checked one by one
        elif part == "themes":
            schema = schema["properties"]["themes"]["items"]
        else:
            schema = schema.get("properties", {}).get(name, schema)
            if part == "entry":
                schema = schema["items"]
        _VALIDATORS[key] = Draft202012Validator(schema)
    return _VALIDATORS[key]


def _path_key(error) -> list[tuple]:
    """Sorts errors by where they are, positions as numbers: entry 2 before entry 11."""
    return [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in error.path]


def _entry_errors(validator, entries: list, problems: _Problems):
    """(position, entry, that entry's errors in order) for each entry, until the problems are
    full: a file of twenty thousand broken entries is not checked (or reported) to its end."""
    for position, entry in enumerate(entries):
        if problems.full:
            problems.stopped = True
            return
        yield position, entry, sorted(validator.iter_errors(entry), key=_path_key)


def _split_metrics_file(data, problems: _Problems):
    """metrics.yaml's two lists: the (position, theme) pairs that pass the schema, the metric
    entries, left for `_valid_entries`, and the ids of the themes that do not pass; a file of
    the wrong shape is reported once."""
    if data is None:
        return [], None, set()
    file = curation_path("metrics")
    if not isinstance(data, dict):
        problems.add(file, f"expected {_METRICS_SHAPE}, found {type(data).__name__}")
        return [], None, set()
    usable = True
    for error in sorted(_validator("metrics", whole_file=True).iter_errors(data), key=_path_key):
        path = list(error.path)
        usable = False
        problems.add(file, f"{path[0]}: {error.message}" if path else error.message)
    if not usable:
        return [], None, set()
    themes = []
    for position, theme, errors in _entry_errors(_validator("metrics", part="themes"),
                                                 data["themes"], problems):
        for error in errors:
            where = ".".join(str(p) for p in error.path)
            message = f"{where}: {error.message}" if where else error.message
            problems.add(file, f"{_theme_label(theme, position)}: {message}")
        if not errors:
            themes.append((position, theme))
    return themes, data["metrics"], _rejected(data["themes"], themes)


def _theme_label(theme, position: int) -> str:
    theme_id = theme.get("id") if isinstance(theme, dict) else None
    return f"theme {position + 1}" + (f" (id {theme_id})" if theme_id is not None else "")


def _valid_entries(name: str, data, problems: _Problems) -> list[tuple[int, dict]]:
    """The (position, entry) pairs that pass the schema; the others are reported."""
    if data is None:
        return []
    file = curation_path(name)
    if not isinstance(data, list):
        problems.add(file, f"expected a list of entries, found {type(data).__name__}")
        return []
    valid = []
    for position, entry, errors in _entry_errors(_validator(name, part="entry"), data, problems):
        for error in errors:
            where = ".".join(str(p) for p in error.path)
            message = f"{where}: {_schema_message(error)}" if where else _schema_message(error)
            problems.add(file, message, entry, position)
        if not errors and name == "facts" and CONFLICT_ID_JOIN in entry["id"]:
            problems.add(file, f"id holds {CONFLICT_ID_JOIN!r}, which joins the two fact ids of a "
                         "conflict (conflicts.csv); write single hyphens", entry, position)
            continue
        if not errors:
            valid.append((position, entry))
    return valid


def _rejected(data, valid: list[tuple[int, dict]], key: str = "id") -> set[str]:
    """The `key` values of the entries of `data` that did not pass the schema (texts only)."""
    if not isinstance(data, list):
        return set()
    kept = {position for position, _ in valid}
    return {entry[key] for position, entry in enumerate(data) if position not in kept
            and isinstance(entry, dict) and isinstance(entry.get(key), str)}


def _schema_message(error) -> str:
    """jsonschema's message with the offending value quoted short and a length limit named."""
    message = error.message
    shown = repr(error.instance)
    meaning = error.schema.get("description") if isinstance(error.schema, dict) else None
    if error.validator == "pattern" and meaning:
        # The description says what the pattern means: `period: '33:44' has the wrong form`.
        return f"{quoted(error.instance)} has the wrong form; expected {meaning}"
    if message.startswith(shown):
        message = quoted(error.instance) + message[len(shown):]
    if error.validator in ("maxLength", "minLength"):
        limit = "at most" if error.validator == "maxLength" else "at least"
        message += f" ({limit} {error.validator_value} characters)"
    return message


def _check_unique_ids(name: str, entries: list[tuple[int, dict]], problems: _Problems) -> None:
    first_at: dict[str, int] = {}
    for position, entry in entries:
        if entry["id"] in first_at:
            problems.add(
                curation_path(name),
                f"duplicate id {quoted(entry['id'])} "
                f"(first used by entry {first_at[entry['id']] + 1})",
                entry,
                position,
            )
        else:
            first_at[entry["id"]] = position


def _check_regions(entries, regions: dict, rejected: set[str], problems: _Problems) -> None:
    file = curation_path("regions")
    for position, region in entries:
        parent = region["parent"]
        if parent is not None and parent not in regions:
            if parent in rejected:  # the parent's own problem is reported
                continue
            problems.add(file, f"unknown parent region {quoted(parent)}", region, position)
            continue
        seen = {region["id"]}
        while parent is not None and parent in regions:
            if parent in seen:
                problems.add(file, f"parent chain loops back to {quoted(parent)}", region, position)
                break
            seen.add(parent)
            parent = regions[parent]["parent"]


def _check_metrics(entries, problems: _Problems) -> None:
    file = curation_path("metrics")
    for position, metric in entries:
        categorical = metric["kind"] == CATEGORICAL
        if categorical and metric["unit"] != TEXT_UNIT:
            problems.add(file, f"unit is {metric['unit']!r}, but the kind is categorical: a "
                         "categorical metric has unit 'text'", metric, position)
        if not categorical and metric["unit"] == TEXT_UNIT:
            problems.add(file, f"unit is 'text', but the kind is {metric['kind']!r}: unit "
                         "'text' is for categorical metrics only", metric, position)
        if categorical and metric["higher_is_better"] is not None:
            problems.add(file, "higher_is_better must be null for a categorical metric", metric,
                         position)
        if not categorical and metric["higher_is_better"] is None:
            problems.add(file, "higher_is_better must be true or false", metric, position)
        if not categorical and metric.get("exclusive"):
            problems.add(file, "exclusive applies to categorical metrics only", metric, position)


def _check_themes(themes, metric_entries, rejected_themes: set[str], themes_of_rejected: set[str],
                  problems: _Problems) -> None:
    """Theme ids are unique, every metric names a declared theme, every theme has a metric.
    A metric naming a theme whose entry is reported, and a theme whose metrics' entries are,
    get no second line."""
    file = curation_path("metrics")
    declared: dict[str, int] = {}
    for position, theme in themes:
        if theme["id"] in declared:
            problems.add(file, f"{_theme_label(theme, position)}: duplicate id {theme['id']!r} "
                         f"(first used by theme {declared[theme['id']] + 1})")
        else:
            declared[theme["id"]] = position
    used = set(themes_of_rejected)
    for position, metric in metric_entries:
        if metric["theme"] in declared:
            used.add(metric["theme"])
        elif themes and metric["theme"] not in rejected_themes:
            problems.add(file, f"unknown theme {metric['theme']!r} (themes: "
                         f"{', '.join(declared)})", metric, position)
    for theme_id, position in declared.items():
        if theme_id not in used and metric_entries:
            problems.add(file, f"{_theme_label({'id': theme_id}, position)}: no metric has "
                         "this theme")


def _read_articles(root: Path, entries, sources_loaded: bool, rejected_files: set[str],
                   problems: _Problems):
    """Each source's article, checked against its sha256; every article needs a source entry
    (one whose entry is reported as invalid has one)."""
    file = curation_path("sources")
    articles: dict[str, Article] = {}
    claimed: dict[str, int] = {}
    for position, source in entries:
        article_file = (ARTICLES_DIR / source["file"]).as_posix()
        if source["file"] in claimed:
            problems.add(
                file, f"{article_file} is already the file of entry {claimed[source['file']] + 1}",
                source, position,
            )
            continue
        claimed[source["file"]] = position
        try:
            data = read_limited(root / article_file, MAX_ARTICLE_BYTES, link=ARTICLE_LINK)
        except InputError as error:
            problems.add(file, f"article file {article_file} {error}", source, position)
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest != source["sha256"]:
            problems.add(
                file,
                f"{article_file} has changed: sha256 is {digest}, the entry says "
                f"{source['sha256']} (raw articles are never edited)",
                source,
                position,
            )
            continue
        try:
            text = decode_article(data, article_file)
        except ArticleError as error:
            problems.add(file, str(error), source, position)
            continue
        articles[source["id"]] = Article(
            path=root / article_file, text=text, segments=tuple(segment_text(text))
        )
    if sources_loaded:
        folder = root / ARTICLES_DIR
        try:
            on_disk = sorted(p.name for p in folder.iterdir() if p.is_file()) if (
                folder.is_dir()) else []
        except OSError as error:
            problems.add(ARTICLES_DIR.as_posix(), f"cannot be listed ({error.strerror or error}): "
                         "the build checks that every article has a source entry")
            on_disk = []
        for name in on_disk:
            if name not in claimed and name not in rejected_files:
                problems.add(
                    (ARTICLES_DIR / name).as_posix(),
                    f"no entry in {file} (every article needs a source entry)",
                )
    return articles


def _check_fact(position, fact, sources, regions, metrics, articles, rejected, problems):
    """Check one fact; return it with its quote offsets and parsed value, or None on a problem.
    A fact naming an entry reported as invalid (in `rejected`) is not checked further."""
    file = curation_path("facts")
    count = len(problems.lines)

    def problem(message: str) -> None:
        problems.add(file, message, fact, position)

    names_rejected = False
    for key, table, table_name in (
        ("source", sources, "sources"),
        ("region", regions, "regions"),
        ("metric", metrics, "metrics"),
    ):
        if fact[key] in table:
            continue
        if fact[key] in rejected[table_name]:
            names_rejected = True
        else:
            problem(f"unknown {key} {quoted(fact[key])} (not in {curation_path(table_name)})")
    if names_rejected or len(problems.lines) > count:
        return None
    metric = metrics[fact["metric"]]
    article = articles.get(fact["source"])

    quote = fact["quote"]
    located = None
    if article is not None:  # an unreadable article is reported with its source
        located = locate_quote(article, quote)
        if isinstance(located, str):
            problem(located)
            located = None

    as_written = fact["as_written"]
    if as_written is not None and not amount_spans(quote, as_written):
        problem(f"as_written {quoted(as_written)} does not occur in the quote as a word")

    parsed_value = parsed_high = None
    if metric["kind"] == CATEGORICAL:
        if not fact.get("value_text"):
            problem(f"metric {metric['id']!r} is categorical: value_text is required")
        if fact.get("value") is not None or fact.get("value_high") is not None:
            problem(f"metric {metric['id']!r} is categorical: value and value_high must be null")
    else:
        parsed_value, parsed_high = _check_amount(fact, metric, problem)

    _check_status(fact, problem)
    _check_period(fact, problem)

    if len(problems.lines) > count or located is None:
        return None
    return {
        **fact,
        "value": parsed_value,
        "value_high": parsed_high,
        "unit": metric["unit"],
        "quote_start": located[0],
        "quote_end": located[1],
    }


def _check_amount(fact, metric, problem):
    if fact.get("value_text") is not None:
        problem(f"value_text is for categorical metrics; {metric['id']!r} is {metric['kind']}")
    if fact["as_written"] is None:
        problem("as_written is required for a numeric metric")
        return None, None
    if fact.get("value") is None:
        problem("value is required for a numeric metric")
        return None, None
    try:
        parsed = parse_amount(fact["as_written"])
    except AmountError as error:
        problem(f"as_written {quoted(fact['as_written'])} does not read as an amount: {error}")
        return None, None
    if not unit_is_compatible(parsed.unit, metric["unit"]):
        problem(
            f"as_written {quoted(fact['as_written'])} is in {parsed.unit}, "
            f"but metric {metric['id']!r} is in {metric['unit']}"
        )
        return None, None
    value, value_high = parsed.value, parsed.value_high
    read_as = f"{_plain(value)} {metric['unit']}"
    # An unsigned amount the quote says is a fall: the sign right before it is its own ("was
    # -3.5 percent" is -3.5); after a fall word ("fell 4.2 percent") it may be given as
    # negative ("fell 3 to 5 percent" as -5 to -3), as the suggester gives it.
    fall = _fall(fact["quote"], fact["as_written"]) if value >= 0 else None
    if fall is not None:
        negated = (-value, None) if value_high is None else (-value_high, -value)
        if fall == MINUS_SIGN or fact["value"] < 0:
            value, value_high = negated
            read_as = f"{_plain(value)} {metric['unit']} (a fall: {fall})"
        else:
            read_as += f" ({_plain(negated[0])} as a fall: {fall})"
    elif fact["value"] < 0 and _close(-value, fact["value"]):
        problem(
            f"value {fact['value']!r} is negative, but as_written {quoted(fact['as_written'])} "
            f"reads as {_plain(parsed.value)} {metric['unit']} and the quote writes no fall "
            "right before it ('fell', 'down', 'a decline of', a minus sign); write the sign in "
            "as_written or give the value as written"
        )
        return None, None
    if not _close(value, fact["value"]):
        problem(
            f"value {fact['value']!r} does not match as_written {quoted(fact['as_written'])}, "
            f"which reads as {read_as}"
        )
    declared_high = fact.get("value_high")
    if (value_high is None) != (declared_high is None) or (
        value_high is not None and not _close(value_high, declared_high)
    ):
        problem(
            f"value_high {declared_high!r} does not match as_written {quoted(fact['as_written'])}, "
            f"which reads as {_plain(value_high)}"
        )
    if parsed.qualifier != fact["qualifier"]:
        problem(
            f"qualifier {fact['qualifier']!r} does not match as_written "
            f"{quoted(fact['as_written'])}, which reads as {parsed.qualifier!r}"
        )
    return value, value_high


def _fall(quote: str, as_written: str) -> str | None:
    """How the quote says the unsigned amount `as_written` is a fall, right before one of its
    places ("fell 4.2 percent", "down", "a decline of", a minus sign), or None."""
    for start, _ in amount_spans(quote, as_written):
        fall = fall_before(quote, start)
        if fall is not None:
            return fall
    return None


def has_note(entry: dict) -> bool:
    """Whether the entry's note says something: a note of spaces says nothing."""
    return bool(str(entry.get("note") or "").strip())


def _check_status(fact, problem) -> None:
    if has_note(fact):
        return
    cues = status_cues(fact["quote"])
    if cues and fact["status"] == "actual":
        problem(
            f"status is actual but the quote has target wording ({', '.join(cues)}); "
            "explain the reading in a note"
        )
    elif not cues and fact["status"] == "target":
        problem("status is target but the quote has no target wording; explain it in a note")


def _check_period(fact, problem) -> None:
    period = fact.get("period")
    if period is None:
        return
    impossible = calendar_problem(period)
    if impossible:
        problem(f"period {period!r} {impossible}")
        return
    if has_note(fact) or period_is_written(period, fact["quote"]):
        return
    problem(f"period {period!r} is not written in the quote; say where it comes from in a note")


def _check_published(entries, problems: _Problems) -> None:
    for position, source in entries:
        published = source["published"]
        impossible = calendar_problem(published) if published is not None else None
        if impossible:
            problems.add(curation_path("sources"), f"published {published!r} {impossible}",
                         source, position)


def calendar_problem(written: str) -> str | None:
    """Why a YYYY, YYYY-MM or YYYY-MM-DD text (the schema checked its shape) names no real
    year, month or day; None when it does."""
    year, *rest = written.split("-")
    if int(year) < datetime.MINYEAR:
        return f"is not a date: there is no year {year}"
    if not MIN_PUBLISHED_YEAR <= int(year) <= MAX_PUBLISHED_YEAR:  # "0025" for "2025"
        return (f"is outside the years the corpus speaks of ({MIN_PUBLISHED_YEAR} to "
                f"{MAX_PUBLISHED_YEAR})")
    if rest and not 1 <= int(rest[0]) <= 12:
        return f"is not a date: there is no month {rest[0]}"
    if len(rest) == 2:
        try:
            datetime.date.fromisoformat(written)
        except ValueError:
            return f"is not a date: {year}-{rest[0]} has no day {rest[1]}"
    return None


def period_is_written(period: str, quote: str) -> bool:
    """Whether the quote states the period: "2018-09" is written as "September 2018" too."""
    if period in quote:
        return True
    parts = period.split("-")
    if not re.search(rf"(?<!\d){parts[0]}(?!\d)", quote):
        return False
    if len(parts) >= 2:
        month = MONTHS[int(parts[1]) - 1] if 1 <= int(parts[1]) <= 12 else None
        if month is None or not re.search(rf"\b{month[:3]}", quote, re.I):
            return False
    if len(parts) == 3 and not re.search(rf"(?<!\d){int(parts[2])}(?!\d)", quote):
        return False
    return True


def locate_quote(article: Article, quote: str) -> tuple[int, int] | str:
    """The (start, end) of the quote's one occurrence in a body segment, or what is wrong.

    The occurrences and the segments (in text order, not overlapping) are walked together, and
    the walk skips what cannot change the answer: the rest of a junk segment once the quote was
    found in it, the rest of a segment the quote runs out of, everything after a second body
    occurrence. A one-letter quote in a long article thus takes one pass, not one pass over the
    segments for each of its thousands of occurrences.
    """
    text, segments, length = article.text, article.segments, len(quote)
    at = text.find(quote)
    if at == -1:
        return "quote not found in the article text" + _near_miss(text, quote)
    in_body: list[int] = []
    in_copy, straddles, reasons = False, False, set()
    index = 0
    while at != -1:
        while index < len(segments) and segments[index].end <= at:
            index += 1
        if index == len(segments):  # after the last segment: so is every later occurrence
            straddles = True
            break
        segment = segments[index]
        if at < segment.start or at + length > segment.end:
            straddles = True  # every other occurrence starting here does too
            at = text.find(quote, max(at + 1, segment.start if at < segment.start
                                      else segment.end))
            continue
        if segment.kind == BODY:
            in_body.append(at)
            if len(in_body) == 2:
                break
            at = text.find(quote, at + 1)
            continue
        if segment.kind == DUPLICATE:
            in_copy = True
        else:
            reasons.add(segment.reason)
        # Later occurrences inside this segment say nothing new; one running out of it might.
        at = text.find(quote, max(at + 1, segment.end - length + 1))
    if len(in_body) == 1:
        return in_body[0], in_body[0] + length
    if in_body:
        return (f"ambiguous: the quote occurs more than once in the article body (at "
                f"characters {in_body[0]} and {in_body[1]})")
    if in_copy and not reasons and not straddles:
        return "quote occurs only in the duplicate copy of the article, not in its body"
    shown = sorted(reasons) + (["straddles a segment boundary"] if straddles else [])
    return f"quote occurs in page junk ({', '.join(shown)}), not in the article body"


_QUOTE_MARKS = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\xa0": " "})


def _near_miss(text: str, quote: str) -> str:
    """A hint when the quote differs from the text only in spaces or quotation marks."""
    if _loose(quote) in _loose(text):
        return (
            " verbatim; it matches when spaces and quotation marks are ignored "
            "(copy the article's exact characters, e.g. no-break spaces as \\u00a0)"
        )
    return ""


@functools.lru_cache(maxsize=8)  # an article's text, once for all the quotes not found in it
def _loose(text: str) -> str:
    return " ".join(text.translate(_QUOTE_MARKS).split())


def amount_spans(quote: str, as_written: str) -> list[tuple[int, int]]:
    """Where `as_written` stands in `quote` as a whole word ("five", not "twenty-five")."""
    if not as_written:
        return []
    return list(_amount_spans(quote, as_written))


# The ledger asks this for every number of an article against every fact of that article:
# thousands of calls on a large corpus, each with its own amount. A regular expression per
# amount would be compiled thousands of times, so the word boundaries are checked by hand, as
# `(?<![\w-])(?<!\d[.,])` before and `(?![\w-])(?![.,]\d)` after the amount would check them.
# A minus sign before digits is no hyphen: "3.5 percent" stands in "was -3.5 percent" (as the
# number finder reads it there), not in "COVID-19" or "5-10".
@functools.lru_cache(maxsize=4096)
def _amount_spans(quote: str, as_written: str) -> tuple[tuple[int, int], ...]:
    check_before, check_after = as_written[0].isalnum(), as_written[-1].isalnum()
    signable = as_written[0].isdecimal()
    spans = []
    at = quote.find(as_written)
    while at != -1:
        end = at + len(as_written)
        if (check_before and _joins(quote, at - 1, at - 2)
                and not (signable and minus_sign_before(quote, at))) or (
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


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=VALUE_TOLERANCE, abs_tol=0.0)


def _plain(value: float | None) -> str:
    if value is None:
        return "no upper end"
    return str(int(value)) if float(value).is_integer() else repr(value)
