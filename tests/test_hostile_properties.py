"""Random input for the loader and the number parser: only clean errors or tables that read back.

Hypothesis throws random text at `parse_amount`, random bytes and text at the YAML loader, and
random YAML values into every field of the real curation. Each run ends in one of two ways: the
error the module declares (AmountError, InputError, CurationError) with a message that came from
a check written for it, or tables that the dashboard reads and Frictionless validates.
"""

from __future__ import annotations

import math
import shutil
import tempfile
import time
from itertools import combinations
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from dashboard.data import DataError, read_tables
from extract import conflicts
from extract.build import render_tables, validate_package
from extract.curation import CurationError, load_curation, locate_quote
from extract.numbers import MAX_AMOUNT, UNFORESEEN, AmountError, parse_amount
from extract.reader import BODY, DUPLICATE, Article, Segment, segment_text
from extract.untrusted import MAX_LINE_CHARS, InputError, load_yaml

REPO = Path(__file__).resolve().parents[1]
CURATION = REPO / "data" / "curation"
NAMES = ("facts", "sources", "regions", "metrics")
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces of real amounts, so random phrases reach deep into the parser, not only "no number".
AMOUNT_WORDS = (
    "one", "in", "every", "four", "out of", "million", "billion", "trillion", "yuan", "%",
    "per cent", "over", "more than", "no more than", "to", "-", "and", "between", "first", "3rd",
    "half", "a", "thousand", "US$", "¥", "RMB", "exaflops", "petaflops", "1,000", "2.5", "0",
    ".5", "twenty-five", "quarter", "thirds", "ranked", "leading the country", "ſix", "fıve",
    "١٢", "１２", "²", ",", ".",
)
phrases = st.one_of(
    st.text(max_size=120),
    st.lists(st.one_of(st.sampled_from(AMOUNT_WORDS), st.integers(0, 10**25).map(str),
                       st.text(max_size=3)), max_size=12).map(" ".join),
)


@settings(max_examples=3000, deadline=None)
@given(phrases)
def test_property_parse_amount_reads_or_says_why(phrase):
    try:
        parsed = parse_amount(phrase)
    except AmountError as error:
        assert UNFORESEEN not in str(error), (phrase, str(error))
        assert len(str(error)) <= MAX_LINE_CHARS
        return
    for bound in (parsed.value, parsed.value_high):
        assert bound is None or (math.isfinite(bound) and abs(bound) <= MAX_AMOUNT)
    assert parsed.value_high is None or parsed.value <= parsed.value_high


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_property_loader_on_random_bytes(data):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # load_yaml_file reports these itself (tests/test_hostile_inputs.py)
    try:
        load_yaml(text, ("note",))
    except InputError as error:
        assert error.problems and all(message for _, message in error.problems)


# YAML text made of YAML syntax, so the checks after parsing get exercised too.
YAML_PIECES = ("- ", "  ", ": ", "\n", "&a ", "*a", "<<: ", "!!binary ", "!!set ", "[", "]",
               "{", "}", ", ", '"', "'", "\\r", "\\n", "id", "note", "no", "1e400", ".inf",
               "2019-13-45", "9" * 25, "? ", "|", ">", "#", "---", "...", "!!int ", "!!float ",
               "!!bool ", "!!null ", "!!str ", "!!seq ", "!!map ", "0x", "0o", "33:44", "1_0",
               "=", "<<")


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=4)), max_size=40))
def test_property_loader_on_random_yaml_text(pieces):
    try:
        value = load_yaml("".join(pieces), ("note",))
    except InputError as error:
        assert error.problems
        return
    _assert_plain(value, depth=0)


def _assert_plain(value, depth: int) -> None:
    """What the loader builds: text, finite numbers, booleans, None, lists, text-keyed dicts."""
    assert depth <= 10
    if isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str)
            _assert_plain(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _assert_plain(item, depth + 1)
    elif isinstance(value, float):
        assert math.isfinite(value)
    else:
        assert value is None or isinstance(value, str | int | bool)


# --- the whole curation with one field replaced ----------------------------------------------

@pytest.fixture(scope="module")
def scratch():
    folder = Path(tempfile.mkdtemp(prefix="hostile-properties-"))
    shutil.copytree(REPO / "data" / "articles", folder / "data" / "articles")
    shutil.copytree(CURATION, folder / "data" / "curation")
    yield folder
    shutil.rmtree(folder)


ORIGINAL = {name: yaml.safe_load((CURATION / f"{name}.yaml").read_text(encoding="utf-8"))
            for name in NAMES}
# metrics.yaml holds its entries under `metrics:`, next to the `themes:` they are grouped by.
ENTRIES = {name: doc["metrics"] if name == "metrics" else doc for name, doc in ORIGINAL.items()}


def _dump_entries(name: str, entries: list[dict]) -> str:
    """The curation file `name` with its entries replaced, everything else as it was."""
    doc = {**ORIGINAL[name], "metrics": entries} if name == "metrics" else entries
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=40)
    | st.text(alphabet="\r\n\t\x00\x1b\x85\u2028\u202e =+-@aé1", max_size=8)
    | st.sampled_from(["2025-13", "2024-02-29", "2025", "s001", "guangdong", "computing_power",
                       "More than 150", "exact", "actual", "=1+1", " -1", "\r=x", "é\u2028"]),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6,
)


@st.composite
def one_field_replaced(draw):
    name = draw(st.sampled_from(NAMES))
    entries = ENTRIES[name]
    position = draw(st.integers(0, len(entries) - 1))
    key = draw(st.sampled_from(sorted(entries[position]) + ["extra"]))
    return name, position, key, draw(yaml_values)


def _write(scratch: Path, name: str, text: str | bytes) -> None:
    for other in NAMES:
        shutil.copy(CURATION / f"{other}.yaml", scratch / "data" / "curation" / f"{other}.yaml")
    path = scratch / "data" / "curation" / f"{name}.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def _assert_clean_error_or_valid_tables(scratch: Path) -> None:
    try:
        curation = load_curation(scratch)
    except CurationError as error:
        assert error.problems
        assert all(len(line) <= MAX_LINE_CHARS and "\n" not in line for line in error.problems)
        event("refused")
        return
    event("built")
    tidy = scratch / "tidy-out"
    shutil.rmtree(tidy, ignore_errors=True)
    tidy.mkdir()
    for file_name, data in render_tables(curation).items():
        (tidy / file_name).write_bytes(data)
    try:
        read_tables(tidy)
    except DataError as error:  # pragma: no cover - the failure this test exists to catch
        pytest.fail(f"the dashboard rejects a table the build wrote: {error}")
    assert validate_package(tidy / "datapackage.json") == []


@settings(SETTINGS, max_examples=120)
@given(replaced=one_field_replaced())
def test_property_random_value_in_any_field(scratch, replaced):
    name, position, key, value = replaced
    entries = [dict(entry) for entry in ENTRIES[name]]
    entries[position][key] = value
    _write(scratch, name, _dump_entries(name, entries))
    _assert_clean_error_or_valid_tables(scratch)


# Fields of free text, where any characters a curator types end up in a table cell.
TEXT_FIELDS = {"facts": ("note", "value_text"), "sources": ("title", "publisher", "note"),
               "regions": ("name_en", "name_zh", "note"),
               "metrics": ("label", "description", "note")}
# Text with one character that has broken a table or a page before, somewhere in it.
HOSTILE_CHARACTERS = ("\r", "\n", "\t", "\x00", "\x0b", "\x1b", "\x7f", "\x85", "\u2028",
                      "\u202e", "\ufeff", "=", "")
hostile_text = st.tuples(st.text(max_size=6), st.sampled_from(HOSTILE_CHARACTERS),
                         st.text(max_size=6)).map("".join).filter(bool)


@settings(SETTINGS, max_examples=100)
@given(data=st.data())
def test_property_random_text_in_a_text_field(scratch, data):
    name = data.draw(st.sampled_from(NAMES))
    position = data.draw(st.integers(0, len(ENTRIES[name]) - 1))
    key = data.draw(st.sampled_from(TEXT_FIELDS[name]))
    if key == "value_text" and ENTRIES[name][position].get("value_text") is None:
        key = "note"
    entries = [dict(entry) for entry in ENTRIES[name]]
    entries[position][key] = data.draw(hostile_text)
    _write(scratch, name, _dump_entries(name, entries))
    _assert_clean_error_or_valid_tables(scratch)


@SETTINGS
@given(name=st.sampled_from(NAMES), data=st.binary(max_size=400))
def test_property_random_bytes_as_a_curation_file(scratch, name, data):
    _write(scratch, name, data)
    _assert_clean_error_or_valid_tables(scratch)


@SETTINGS
@given(name=st.sampled_from(NAMES), cut=st.integers(0, 20000), junk=st.binary(max_size=30))
def test_property_curation_file_with_random_bytes_spliced_in(scratch, name, cut, junk):
    original = (CURATION / f"{name}.yaml").read_bytes()
    cut = cut % (len(original) + 1)
    _write(scratch, name, original[:cut] + junk + original[cut:])
    _assert_clean_error_or_valid_tables(scratch)


# --- where a quote stands: the walk agrees with classifying every occurrence ------------------

KINDS = ((BODY, ""), (DUPLICATE, "copy of earlier text"), ("junk", "photo_credit"),
         ("junk", "related_articles"))


def _locate_every_occurrence(article: Article, quote: str) -> tuple[int, int] | str:
    """What locate_quote answers, found by classifying each occurrence on its own."""
    text = article.text
    starts = [at for at in range(len(text)) if text.startswith(quote, at)]
    if not starts:
        return "not found"
    kinds = []
    for start in starts:
        holding = [s for s in article.segments if s.start <= start and start + len(quote) <= s.end]
        kinds.append((start, holding[0] if holding else None))
    body = [start for start, segment in kinds if segment is not None and segment.kind == BODY]
    if len(body) == 1:
        return body[0], body[0] + len(quote)
    if body:
        return ("ambiguous: the quote occurs more than once in the article body (at characters "
                f"{body[0]} and {body[1]})")
    elsewhere = [s for _, s in kinds if s is None or s.kind != DUPLICATE]
    if not elsewhere:
        return "quote occurs only in the duplicate copy of the article, not in its body"
    reasons = sorted({s.reason for s in elsewhere if s is not None})
    if any(s is None for s in elsewhere):
        reasons.append("straddles a segment boundary")
    return f"quote occurs in page junk ({', '.join(reasons)}), not in the article body"


@st.composite
def articles_and_quotes(draw):
    text = draw(st.text(alphabet="ab ", min_size=1, max_size=40))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=8))) | {0, len(text)})
    segments = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        if draw(st.integers(0, 5)) == 0:
            continue  # text no segment holds
        kind, reason = draw(st.sampled_from(KINDS))
        segments.append(Segment(start, end, kind, reason))
    quote = draw(st.one_of(st.text(alphabet="ab ", min_size=1, max_size=4),
                           st.integers(0, len(text) - 1).map(lambda at: text[at:at + 3])))
    return Article(Path("a.txt"), text, tuple(segments)), quote


@settings(max_examples=3000, deadline=None)
@given(articles_and_quotes())
def test_property_locate_quote_agrees_with_every_occurrence_classified(case):
    article, quote = case
    expected = _locate_every_occurrence(article, quote)
    found = locate_quote(article, quote)
    if expected == "not found":
        assert found.startswith("quote not found in the article text")
    else:
        assert found == expected


def test_locate_quote_in_a_long_article_takes_one_pass():
    # 40,000 photo credits, each holding the quote: one classification per segment, not one
    # pass over the 80,000 segments per occurrence.
    text = "There is a view of the sea.\n\n" + "Photo: a view\n\nThe sea was calm.\n\n" * 40_000
    article = Article(Path("a.txt"), text, tuple(segment_text(text)))
    started = time.monotonic()
    assert locate_quote(article, "a view") == (9, 15)
    assert locate_quote(article, "e").startswith("ambiguous")
    assert locate_quote(article, "Photo: a view") == (
        "quote occurs in page junk (photo_credit), not in the article body")
    assert time.monotonic() - started < 5


# --- conflicts: only the pairs that disagree are formed, and they are the same pairs ---------

NUMERIC = {"id": "m", "label": "M", "kind": "quantity", "unit": "count"}
CLAIM = {"id": "c", "label": "C", "kind": "categorical", "unit": "text", "exclusive": True}


@st.composite
def fact_lists(draw):
    facts = []
    for number in range(draw(st.integers(0, 12))):
        metric = draw(st.sampled_from([NUMERIC, CLAIM]))
        value = draw(st.integers(0, 6))
        qualifier = draw(st.sampled_from(["exact", "at_least", "at_most", "approx", "range"]))
        facts.append({
            "id": f"f{draw(st.integers(0, 99))}-{number}", "metric": metric["id"],
            "source": draw(st.sampled_from("abc")), "region": draw(st.sampled_from("xyz")),
            "status": "actual", "period": draw(st.sampled_from([None, "2024", "2025"])),
            "value": None if metric is CLAIM else value, "qualifier": qualifier,
            "value_high": value + draw(st.integers(0, 3)) if qualifier == "range" else None,
        })
    return facts


def _conflicts_of_every_pair(facts: list[dict], metrics: dict) -> list[dict]:
    rows = []
    for a, b in combinations(sorted(facts, key=lambda f: f["id"]), 2):
        metric = metrics[a["metric"]]
        if a["source"] == b["source"] or a["metric"] != b["metric"]:
            continue
        if metric["kind"] == "categorical":
            row = conflicts._categorical_conflict(a, b, metric)
        elif conflicts._group(a, metric) != conflicts._group(b, metric):
            continue
        else:
            row = conflicts._numeric_conflict(a, b, metric)
        if row is not None:
            rows.append(row)
    return sorted(rows, key=lambda row: row["conflict_id"])


@settings(max_examples=2000, deadline=None)
@given(fact_lists())
def test_property_conflicts_are_those_of_every_pair(facts):
    metrics = {"m": NUMERIC, "c": CLAIM}
    assert conflicts.find_conflicts(facts, metrics) == _conflicts_of_every_pair(facts, metrics)


def _many(count: int, value) -> list[dict]:
    return [{"id": f"f{n:05}", "metric": "m", "source": f"s{n}", "region": "x",
             "status": "actual", "period": "2024", "value": value(n), "qualifier": "exact",
             "value_high": None} for n in range(count)]


def test_conflicts_of_many_agreeing_facts_take_no_pairwise_comparison():
    started = time.monotonic()
    assert conflicts.find_conflicts(_many(20_000, lambda n: 5), {"m": NUMERIC}) == []
    assert time.monotonic() - started < 5


def test_conflicts_past_the_limit_are_refused():
    with pytest.raises(conflicts.ConflictLimitError, match="more than 20000 pairs of facts "
                       "disagree, among them the facts of 'm'"):
        conflicts.find_conflicts(_many(300, lambda n: n), {"m": NUMERIC})
