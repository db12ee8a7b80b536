"""Load the four curation files and check them against the articles; report every problem at once.

Each problem names the file, the entry (its position and id) and what is wrong. Structure is
checked with the JSON Schemas in extract/schemas/; meaning (references, checksums, quotes inside
the article body, numbers that match their wording) is checked here.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from extract.numbers import AmountError, parse_amount, status_cues, unit_is_compatible
from extract.reader import (
    BODY,
    DUPLICATE,
    MAX_ARTICLE_BYTES,
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

CATEGORICAL = "categorical"
TEXT_UNIT = "text"
VALUE_TOLERANCE = 1e-9

MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)


class CurationError(Exception):
    """The curation does not pass its checks; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Curation:
    sources: list[dict]
    regions: list[dict]
    metrics: list[dict]
    facts: list[dict]  # each with quote_start, quote_end and the parsed value, value_high
    articles: dict[str, Article] = field(default_factory=dict)  # by source id
    themes: list[dict] = field(default_factory=list)  # metrics.yaml's themes, in their order
    dismissed: list[dict] = field(default_factory=list)  # each with quote_start, quote_end


class _Problems:
    def __init__(self):
        self.lines: list[str] = []

    def add(self, file: str, message: str, entry: dict | None = None, position: int | None = None):
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
    themes, loaded["metrics"] = _split_metrics_file(loaded["metrics"], problems)
    valid = {name: _valid_entries(name, entries, problems) for name, entries in loaded.items()}
    for name, entries in valid.items():
        _check_unique_ids(name, entries, problems)

    sources = {e["id"]: e for _, e in valid["sources"]}
    regions = {e["id"]: e for _, e in valid["regions"]}
    metrics = {e["id"]: e for _, e in valid["metrics"]}
    _check_regions(valid["regions"], regions, problems)
    _check_published(valid["sources"], problems)
    _check_metrics(valid["metrics"], problems)
    _check_themes(themes, valid["metrics"], problems)
    articles = _read_articles(root, valid["sources"], loaded["sources"] is not None, problems)
    facts = []
    # A fact is checked against the files it refers to; if one of them could not be read, its
    # own problem is the one to fix, and a line per fact saying "unknown metric" would bury it.
    references_loaded = all(loaded[name] is not None for name in ("sources", "regions", "metrics"))
    for position, fact in valid["facts"] if references_loaded else []:
        located = _check_fact(position, fact, sources, regions, metrics, articles, problems)
        if located is not None:
            facts.append(located)
    from extract.dismissed import check_dismissed  # these build on this module's loaders
    from extract.inbox import check_unedited_notes

    check_unedited_notes(valid["facts"], problems)
    dismissed = check_dismissed(root, sources, articles, problems,
                                sources_loaded=loaded["sources"] is not None)

    if problems.lines:
        raise CurationError(problems.lines)
    return Curation(
        sources=[e for _, e in valid["sources"]],
        regions=[e for _, e in valid["regions"]],
        metrics=[e for _, e in valid["metrics"]],
        facts=facts,
        articles=articles,
        themes=[e for _, e in themes],
        dismissed=dismissed,
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
        problems.add(file, "file holds no entries; expected a list")
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


def _validator(name: str, whole_file: bool = False):
    """The schema of one entry list; metrics.yaml holds two lists, its entries are those of
    its `metrics` list (`whole_file` gives the schema of the file itself)."""
    key = (name, whole_file)
    if key not in _VALIDATORS:
        from jsonschema import Draft202012Validator

        schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
        if not whole_file:
            schema = schema.get("properties", {}).get(name, schema)
        _VALIDATORS[key] = Draft202012Validator(schema)
    return _VALIDATORS[key]


def _split_metrics_file(data, problems: _Problems) -> tuple[list[tuple[int, dict]], list | None]:
    """metrics.yaml's two lists: the (position, theme) pairs that pass the schema, and the
    metric entries, left for `_valid_entries`; a file of the wrong shape is reported once."""
    if data is None:
        return [], None
    file = curation_path("metrics")
    if not isinstance(data, dict):
        problems.add(file, "expected the two lists `themes:` and `metrics:`, found "
                     f"{type(data).__name__}")
        return [], None
    invalid: set[int] = set()
    usable = True
    for error in sorted(_validator("metrics", whole_file=True).iter_errors(data),
                        key=lambda e: [str(p) for p in e.path]):
        path = list(error.path)
        if len(path) >= 2 and path[0] == "metrics":
            continue  # an entry's own problem: `_valid_entries` reports it
        if len(path) >= 2:  # a theme entry
            invalid.add(path[1])
            where = ".".join(str(p) for p in path[2:])
            message = f"{where}: {error.message}" if where else error.message
            problems.add(file, f"{_theme_label(data['themes'][path[1]], path[1])}: {message}")
            continue
        usable = False
        problems.add(file, f"{path[0]}: {error.message}" if path else error.message)
    if not usable:
        return [], None
    themes = [(i, theme) for i, theme in enumerate(data["themes"]) if i not in invalid]
    return themes, data["metrics"]


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
    invalid: set[int] = set()
    errors = sorted(_validator(name).iter_errors(data), key=lambda e: [str(p) for p in e.path])
    for error in errors:
        path = list(error.path)
        if not path:
            problems.add(file, _schema_message(error))
            continue
        position = path[0]
        invalid.add(position)
        where = ".".join(str(p) for p in path[1:])
        message = f"{where}: {_schema_message(error)}" if where else _schema_message(error)
        problems.add(file, message, data[position], position)
    return [(i, entry) for i, entry in enumerate(data) if i not in invalid]


def _schema_message(error) -> str:
    """jsonschema's message with the offending value quoted short and a length limit named."""
    message = error.message
    shown = repr(error.instance)
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


def _check_regions(entries, regions: dict, problems: _Problems) -> None:
    file = curation_path("regions")
    for position, region in entries:
        parent = region["parent"]
        if parent is not None and parent not in regions:
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


def _check_themes(themes, metric_entries, problems: _Problems) -> None:
    """Theme ids are unique, every metric names a declared theme, every theme has a metric."""
    file = curation_path("metrics")
    declared: dict[str, int] = {}
    for position, theme in themes:
        if theme["id"] in declared:
            problems.add(file, f"{_theme_label(theme, position)}: duplicate id {theme['id']!r} "
                         f"(first used by theme {declared[theme['id']] + 1})")
        else:
            declared[theme["id"]] = position
    used = set()
    for position, metric in metric_entries:
        if metric["theme"] in declared:
            used.add(metric["theme"])
        elif themes:
            problems.add(file, f"unknown theme {metric['theme']!r} (themes: "
                         f"{', '.join(declared)})", metric, position)
    for theme_id, position in declared.items():
        if theme_id not in used and metric_entries:
            problems.add(file, f"{_theme_label({'id': theme_id}, position)}: no metric has "
                         "this theme")


def _read_articles(root: Path, entries, sources_loaded: bool, problems: _Problems):
    """Each source's article, checked against its sha256; every article needs a source entry."""
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
            data = read_limited(root / article_file, MAX_ARTICLE_BYTES)
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
        on_disk = sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
        for name in on_disk:
            if name not in claimed:
                problems.add(
                    (ARTICLES_DIR / name).as_posix(),
                    f"no entry in {file} (every article needs a source entry)",
                )
    return articles


def _check_fact(position, fact, sources, regions, metrics, articles, problems):
    """Check one fact; return it with its quote offsets and parsed value, or None on a problem."""
    file = curation_path("facts")
    count = len(problems.lines)

    def problem(message: str) -> None:
        problems.add(file, message, fact, position)

    for key, table, table_name in (
        ("source", sources, "sources"),
        ("region", regions, "regions"),
        ("metric", metrics, "metrics"),
    ):
        if fact[key] not in table:
            problem(f"unknown {key} {quoted(fact[key])} (not in {curation_path(table_name)})")
    if len(problems.lines) > count:
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
    if as_written is not None and as_written not in quote:
        problem(f"as_written {quoted(as_written)} does not occur in the quote")

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
    if not _close(parsed.value, fact["value"]):
        problem(
            f"value {fact['value']!r} does not match as_written {quoted(fact['as_written'])}, "
            f"which reads as {_plain(parsed.value)} {metric['unit']}"
        )
    declared_high = fact.get("value_high")
    if (parsed.value_high is None) != (declared_high is None) or (
        parsed.value_high is not None and not _close(parsed.value_high, declared_high)
    ):
        problem(
            f"value_high {declared_high!r} does not match as_written {quoted(fact['as_written'])}, "
            f"which reads as {_plain(parsed.value_high)}"
        )
    if parsed.qualifier != fact["qualifier"]:
        problem(
            f"qualifier {fact['qualifier']!r} does not match as_written "
            f"{quoted(fact['as_written'])}, which reads as {parsed.qualifier!r}"
        )
    return parsed.value, parsed.value_high


def _check_status(fact, problem) -> None:
    if fact.get("note"):
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
    if fact.get("note") or period_is_written(period, fact["quote"]):
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
    """The (start, end) of the quote's one occurrence in a body segment, or what is wrong."""
    text = article.text
    starts = []
    at = text.find(quote)
    while at != -1:
        starts.append(at)
        at = text.find(quote, at + 1)
    if not starts:
        return "quote not found in the article text" + _near_miss(text, quote)
    in_body, in_copy, elsewhere = [], [], []
    for start in starts:
        segment = article.segment_at(start, start + len(quote))
        if segment is not None and segment.kind == BODY:
            in_body.append(start)
        elif segment is not None and segment.kind == DUPLICATE:
            in_copy.append(start)
        else:
            elsewhere.append((start, segment))
    if len(in_body) == 1:
        return in_body[0], in_body[0] + len(quote)
    if len(in_body) > 1:
        return f"ambiguous: the quote occurs {len(in_body)} times in the article body"
    if in_copy and not elsewhere:
        return "quote occurs only in the duplicate copy of the article, not in its body"
    reasons = sorted({s.reason for _, s in elsewhere if s is not None})
    if any(s is None for _, s in elsewhere):
        reasons.append("straddles a segment boundary")
    return f"quote occurs in page junk ({', '.join(reasons)}), not in the article body"


_QUOTE_MARKS = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\xa0": " "})


def _near_miss(text: str, quote: str) -> str:
    """A hint when the quote differs from the text only in spaces or quotation marks."""

    def loose(s: str) -> str:
        return " ".join(s.translate(_QUOTE_MARKS).split())

    if loose(quote) in loose(text):
        return (
            " verbatim; it matches when spaces and quotation marks are ignored "
            "(copy the article's exact characters, e.g. no-break spaces as \\u00a0)"
        )
    return ""


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=VALUE_TOLERANCE, abs_tol=0.0)


def _plain(value: float | None) -> str:
    if value is None:
        return "no upper end"
    return str(int(value)) if float(value).is_integer() else repr(value)
