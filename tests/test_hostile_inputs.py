"""Hostile curation inputs: each is refused with exit code 2 and one short line, never a crash.

Every case copies the real data/ into a temporary root, breaks one thing the way a careless or
hostile curator could, and runs `python -m extract build` with its address space capped at 1 GiB.
The build must exit 2, name the file, the entry and the problem in a bounded amount of output, print
no traceback, and leave data/tidy/ byte-for-byte as it was with no stray folder beside it.
"""

from __future__ import annotations

import builtins
import ctypes
import errno
import hashlib
import io
import json
import os
import re
import resource
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_build import copy_data
from tests.test_checks import (
    FACTS,
    SOURCES,
    append_fact,
    edit_entry,
    replace_article,
    snapshot,
)

REPO = Path(__file__).resolve().parents[1]
METRICS = "data/curation/metrics.yaml"
MEMORY_LIMIT = 1 << 30  # bytes of address space; a normal build needs under a third of it
MAX_STDERR = 2000  # characters; one problem is one line of at most 400
EXHIBITS = "s001-shanghai-waic-exhibits"


@pytest.fixture
def root(tmp_path):
    copy_data(tmp_path)
    return tmp_path


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_extract(root: Path, *args: str, preexec=_cap_memory) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extract", *args, "--root", str(root)],
        cwd=REPO, capture_output=True, text=True, timeout=120, preexec_fn=preexec,
    )


def assert_refused(root: Path, *expected: str, preexec=_cap_memory) -> str:
    """Build, and check the refusal: exit 2, the expected text, bounded output, nothing moved."""
    before = snapshot(root)
    result = run_extract(root, "build", preexec=preexec)
    assert result.returncode == 2, result.stdout + result.stderr[:MAX_STDERR]
    assert "Traceback" not in result.stderr, result.stderr[:MAX_STDERR]
    assert len(result.stderr) <= MAX_STDERR, result.stderr[:MAX_STDERR]
    for text in expected:
        assert text in result.stderr, f"{text!r} not in:\n{result.stderr}"
    assert snapshot(root) == before
    assert sorted(p.name for p in (root / "data").iterdir()) == ["articles", "curation", "tidy"]
    return result.stderr


def problem_lines(stderr: str) -> list[str]:
    return stderr.splitlines()[1:]


def set_exhibits_amount(root: Path, written: str) -> None:
    """Write `written` where the article and fact say "More than 150" (article sha256 updated)."""
    path = next((root / "data" / "articles").glob("001_*.txt"))
    replace_article(root, "001", "s001", path.read_bytes().replace(b"More than 150",
                                                                   written.encode(), 1))
    facts = root / FACTS
    facts.write_text(facts.read_text(encoding="utf-8").replace("More than 150", written),
                     encoding="utf-8")


# --- 1. control characters --------------------------------------------------------------------

@pytest.mark.parametrize(("value", "shown"), [
    (r'"a\rb"', "U+000D (carriage return)"),
    (r'"\r=HYPERLINK(1)"', "U+000D (carriage return)"),
    (r'"a\tb"', "U+0009 (tab)"),
    (r'"a\0b"', "U+0000 (NUL)"),
    (r'"a\eb"', "U+001B (escape)"),
    (r'"a\x85b"', "U+0085 (next line)"),
    (r'"a\u2028b"', "U+2028 (line separator)"),
    (r'"a\u202eb"', "U+202E (right-to-left override)"),
])
def test_hostile_control_character_in_a_note(root, value, shown):
    edit_entry(root, FACTS, "s001-shanghai-waic-host", "note", value)
    stderr = assert_refused(root, FACTS, "(id s001-shanghai-waic-host)", "line 18, column 9",
                            f"note: holds {shown}")
    assert len(problem_lines(stderr)) == 1


def test_hostile_line_break_in_a_one_line_field(root):
    edit_entry(root, SOURCES, "s003", "title", r'"Competition\nheightens"')
    assert_refused(root, SOURCES, "(id s003)", "title: holds U+000A (line break)",
                   "a line break is allowed only in description, note, quote")


def test_hostile_line_break_in_a_note_is_allowed(root):
    edit_entry(root, FACTS, "s001-shanghai-waic-host", "note", r'"Two lines:\nthe second."')
    result = run_extract(root, "build")
    assert result.returncode == 0, result.stderr
    assert "Two lines:\nthe second." in (root / "data/tidy/facts.csv").read_text(encoding="utf-8")


def test_hostile_control_character_in_an_article(root):
    path = next((root / "data" / "articles").glob("003_*.txt"))
    data = path.read_bytes().replace(b"\n", b"\r\n", 3)
    name = replace_article(root, "003", "s003", data)
    assert_refused(root, SOURCES, "(id s003)", f"{name}: line 1, column",
                   "U+000D (carriage return)", "plain text with \\n line breaks")


def test_hostile_escape_sequence_in_an_id_is_shown_escaped(root):
    edit_entry(root, SOURCES, "s003", "id", r'"s003\e[31m"')
    stderr = assert_refused(root, SOURCES, "id: holds U+001B (escape)")
    assert "\x1b" not in stderr and "\\x1b" in stderr


# --- 2. huge numbers ------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "problem"), [
    ("More than 1" + "0" * 400, "a number of 401 digits; at most 18 are read"),
    ("More than " + "7" * 5000, "a number of 5000 digits; at most 18 are read"),
    ("More than 1" + ",000" * 1000, "a number of 3001 digits"),
    ("More than 0." + "0" * 30 + "1", "a number of 32 digits"),
    ("ranked 1" + "0" * 5000 + "th", "a number of 5001 digits"),
    ("one in 1" + "0" * 5000, "a number of 5001 digits"),
    ("More than 999,999,999,999,999,999 trillion",
     "beyond the largest amount read (10^18 in the metric's unit)"),
])
def test_hostile_huge_number_in_as_written(root, written, problem):
    set_exhibits_amount(root, written)
    stderr = assert_refused(root, FACTS, f"(id {EXHIBITS})", "does not read as an amount",
                            problem)
    assert len(problem_lines(stderr)) == 1


def test_hostile_huge_number_as_a_yaml_value(root):
    edit_entry(root, FACTS, EXHIBITS, "value", "1" + "0" * 5000)
    assert_refused(root, FACTS, f"(id {EXHIBITS})", "line 24, column 10",
                   "value: a number of 5001 digits; at most 20 are allowed")


@pytest.mark.parametrize("written", [".inf", "-.inf", ".nan"])
def test_hostile_number_that_is_not_finite(root, written):
    edit_entry(root, FACTS, EXHIBITS, "value", written)
    assert_refused(root, FACTS, f"(id {EXHIBITS})", f"value: '{written}' is not a finite number")


# --- 3. directories for files ----------------------------------------------------------------

@pytest.mark.parametrize("name", ["facts", "sources", "regions", "metrics"])
def test_hostile_directory_in_place_of_a_curation_file(root, name):
    path = root / "data" / "curation" / f"{name}.yaml"
    path.unlink()
    path.mkdir()
    stderr = assert_refused(root, f"data/curation/{name}.yaml: file is a directory, not a file")
    assert len(problem_lines(stderr)) == 1


def test_hostile_directory_in_place_of_an_article(root):
    path = next((root / "data" / "articles").glob("003_*.txt"))
    path.unlink()
    path.mkdir()
    assert_refused(root, SOURCES, "(id s003)", f"data/articles/{path.name} is a directory, "
                   "not a file")


def test_hostile_fifo_in_place_of_a_curation_file(root):
    path = root / FACTS
    path.unlink()
    os.mkfifo(path)  # opening it would wait for a writer forever
    assert_refused(root, f"{FACTS}: file is not a regular file")


def test_hostile_oversized_curation_file(root):
    with open(root / FACTS, "a", encoding="utf-8") as handle:
        handle.write("# " + "x" * (8 * 1024 * 1024) + "\n")
    assert_refused(root, f"{FACTS}: file is ", "bytes; the limit is 8388608 bytes")


# --- 4. aliases ------------------------------------------------------------------------------

def alias_bomb(levels: int) -> str:
    """Nine references per level: `levels` levels expand to 9**(levels + 1) strings."""
    lines = ["- id: bomb", '  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels + 1):
        lines.append(f"  a{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines)


@pytest.mark.parametrize("levels", [9, 10, 40])
def test_hostile_alias_bomb(root, levels):
    append_fact(root, alias_bomb(levels))
    stderr = assert_refused(root, FACTS, "(id bomb)", "aliases are not allowed",
                            f"({9 * levels} aliases in the file)")
    assert len(problem_lines(stderr)) == 1


def test_hostile_single_alias(root):
    edit_entry(root, FACTS, "s001-shanghai-waic-host", "quote", "&q Chinese tech companies "
               "gathered at the World AI Conference held in Shanghai last week.")
    edit_entry(root, FACTS, EXHIBITS, "quote", "*q")
    assert_refused(root, FACTS, f"(id {EXHIBITS})", "line 30, column 3: an alias (*name) "
                   "repeats the value anchored at line 17, column 10")


def test_hostile_merge_key(root):
    edit_entry(root, FACTS, EXHIBITS, "value_text", "null\n  <<: {note: merged}")
    assert_refused(root, FACTS, f"(id {EXHIBITS})", "merge keys (<<) are not allowed")


@pytest.mark.parametrize(("value", "problem"), [
    ("!!binary aGVsbG8=", "type !!binary is not allowed"),
    ("!!python/object:os.system x", "type !!python/object:os.system is not allowed"),
    ("!!set {a, b}", "type !!set is not allowed"),
    ("!custom x", "tag '!custom' is not allowed"),
])
def test_hostile_tags(root, value, problem):
    edit_entry(root, FACTS, EXHIBITS, "note", value)
    assert_refused(root, FACTS, f"(id {EXHIBITS})", problem)


def test_hostile_deep_nesting(root):
    edit_entry(root, FACTS, EXHIBITS, "note", "[" * 30 + "]" * 30)
    assert_refused(root, FACTS, f"(id {EXHIBITS})", "nested deeper than 10 levels")


# --- 5. duplicate keys ---------------------------------------------------------------------

def add_line_after(root: Path, file: str, after: str, line: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(after) == 1, after
    path.write_text(text.replace(after, after + line), encoding="utf-8")


@pytest.mark.parametrize(("file", "after", "line", "expected"), [
    (FACTS, "  note: The year of the conference is not stated (\"last week\"; the article is "
     "undated).\n", "  note: a second note\n",
     ("(id s001-shanghai-waic-host)", "line 19, column 3: duplicate key 'note' (first at line "
      "18)")),
    (SOURCES, "- id: s003\n", "  id: s003b\n",
     ("(id s003)", "line 32, column 3: duplicate key 'id' (first at line 31)")),
    (FACTS, "  value: 150\n", "  value: 151\n",
     (f"(id {EXHIBITS})", "line 25, column 3: duplicate key 'value' (first at line 24)")),
])
def test_hostile_duplicate_key(root, file, after, line, expected):
    add_line_after(root, file, after, line)
    stderr = assert_refused(root, file, *expected)
    assert len(problem_lines(stderr)) == 1


@pytest.mark.parametrize("key", ["no", "yes", "on", "1", "null"])
def test_hostile_key_that_is_not_text(root, key):
    add_line_after(root, FACTS, "  value: 150\n", f"  {key}: 1\n")
    assert_refused(root, FACTS, f"(id {EXHIBITS})", f"key '{key}' is not text")


# --- 6. impossible dates ---------------------------------------------------------------------

@pytest.mark.parametrize(("period", "problem"), [
    ('"2025-13"', "period '2025-13' is not a date: there is no month 13"),
    ('"2025-02-30"', "period '2025-02-30' is not a date: 2025-02 has no day 30"),
    ('"2025-00-00"', "period '2025-00-00' is not a date: there is no month 00"),
    ('"0000"', "period '0000' is not a date: there is no year 0000"),
    ("2025-02-29", "period '2025-02-29' is not a date: 2025-02 has no day 29"),
    # a year no figure of the corpus can be of: "0025" typed for "2025"
    ('"0025"', "period '0025' is outside the years the corpus speaks of (1900 to 2100)"),
    ('"2250-01"', "period '2250-01' is outside the years the corpus speaks of (1900 to 2100)"),
])
def test_hostile_impossible_period(root, period, problem):
    edit_entry(root, FACTS, EXHIBITS, "period", period)  # the fact has a note
    stderr = assert_refused(root, FACTS, f"(id {EXHIBITS})", problem)
    assert len(problem_lines(stderr)) == 1


@pytest.mark.parametrize("published", ['"2019-13-45"', "2019-13-45", '"2019-04-31"'])
def test_hostile_impossible_published_date(root, published):
    edit_entry(root, SOURCES, "s003", "published", published)
    assert_refused(root, SOURCES, "(id s003)", f"published {published.strip(chr(34))!r} is "
                   "not a date")


def test_hostile_published_date_outside_the_years_of_the_corpus(root):
    edit_entry(root, SOURCES, "s003", "published", '"0019-04-30"')
    assert_refused(root, SOURCES, "(id s003)", "published '0019-04-30' is outside the years "
                   "the corpus speaks of (1900 to 2100)")


def test_hostile_real_leap_day_is_accepted(root):
    edit_entry(root, SOURCES, "s003", "published", '"2024-02-29"')
    assert run_extract(root, "build").returncode == 0


# --- 7. a trailing line break ----------------------------------------------------------------

@pytest.mark.parametrize(("file", "entry", "key", "value"), [
    (FACTS, EXHIBITS, "id", f'"{EXHIBITS}\\n"'),
    (FACTS, EXHIBITS, "period", '"2024\\n"'),
    (SOURCES, "s003", "sha256", '"5428c5bbd6450f58976ef0b7148f72e7fa7aee65c419dedf13e5fb213aba1ff4'
     '\\n"'),
    (SOURCES, "s003", "published_basis", '"stated\\n"'),
])
def test_hostile_trailing_line_break(root, file, entry, key, value):
    edit_entry(root, file, entry, key, value)
    assert_refused(root, file, f"{key}: holds U+000A (line break)")


@pytest.mark.parametrize(("schema", "entry", "key", "value"), [
    ("facts", {}, "id", "s001-shanghai-waic-exhibits"),
    ("facts", {}, "period", "2024"),
    ("sources", {}, "published", "2024-05"),
    ("sources", {}, "sha256", "0" * 64),
    ("sources", {}, "url", "https://example.com/a"),
    ("sources", {}, "published_basis", "stated"),
    ("sources", {}, "file", "003.txt"),
    ("regions", {}, "id", "guangdong"),
    ("metrics", {}, "id", "computing_power"),
])
def test_hostile_schema_patterns_refuse_a_trailing_line_break(schema, entry, key, value):
    """Python's `$` matches before a final line break; the schema patterns must not."""
    from extract.curation import _validator

    def errors(text):
        return [e for e in _validator(schema).iter_errors([{key: text}])
                if list(e.path)[1:] == [key]]

    assert errors(value) == []
    assert [e.validator for e in errors(value + "\n")] == ["pattern"]


# --- 8. id length and the dashboard's link limit ---------------------------------------------

def test_hostile_fact_id_longer_than_a_link_value(root):
    from dashboard.params import MAX_VALUE_LENGTH

    edit_entry(root, FACTS, EXHIBITS, "id", "s001-" + "x" * 250)
    assert_refused(root, FACTS, "(id 's001-xxx", f"is too long (at most {MAX_VALUE_LENGTH} "
                   "characters)")


def test_hostile_id_limits_agree_with_the_dashboard():
    from dashboard.params import MAX_VALUE_LENGTH

    for name in ("facts", "sources", "regions"):
        schema = json.loads((REPO / "extract" / "schemas" / f"{name}.schema.json").read_text())
        assert schema["items"]["properties"]["id"]["maxLength"] == MAX_VALUE_LENGTH, name
    metrics = json.loads((REPO / "extract" / "schemas" / "metrics.schema.json").read_text())
    for part in ("themes", "metrics"):
        entry = metrics["properties"][part]["items"]
        assert entry["properties"]["id"]["maxLength"] == MAX_VALUE_LENGTH, part


def test_hostile_longest_fact_id_builds_and_its_link_opens(root):
    from dashboard.params import MAX_VALUE_LENGTH, Param, parse_query

    longest = "s001-" + "x" * (MAX_VALUE_LENGTH - 5)
    edit_entry(root, FACTS, EXHIBITS, "id", longest)
    result = run_extract(root, "build")
    assert result.returncode == 0, result.stderr
    values, problems = parse_query({"fact": [longest]}, [Param("fact", "fact", (longest,))])
    assert (values, problems) == ({"fact": longest}, [])


# --- 9. folders that cannot be written -------------------------------------------------------

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER = 1, 2, 3


def _without_root_overrides() -> None:
    """As root, drop the capabilities that ignore file modes, so a read-only folder is one."""
    _cap_memory()
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


READ_ONLY = stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH


@pytest.fixture
def stale_root(root):
    """A root whose curation changed, so a build has something to write."""
    edit_entry(root, FACTS, "s001-shanghai-waic-host", "note", "A changed note.")
    yield root
    for folder in (root / "data", root / "data" / "tidy"):
        folder.chmod(0o755)


@pytest.mark.parametrize(("folder", "message"), [
    ("data/tidy", "data/tidy/ takes no new files (Permission denied)"),
    ("data", "data/ takes no new files (Permission denied)"),
])
def test_hostile_read_only_folder(stale_root, folder, message):
    (stale_root / folder).chmod(READ_ONLY)
    stderr = assert_refused(stale_root, message, "nothing was changed",
                            preexec=_without_root_overrides)
    assert len(problem_lines(stderr)) == 1


def test_hostile_leftovers_of_a_killed_build_are_removed(stale_root):
    for name in (".tidy-new-abc123", ".tidy-old-def456"):
        (stale_root / "data" / name).mkdir()
        (stale_root / "data" / name / "facts.csv").write_text("old\n")
    result = run_extract(stale_root, "build")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (stale_root / "data").iterdir()) == [
        "articles", "curation", "tidy"]


@pytest.mark.parametrize("stop_at", ["write", "rename"])
def test_hostile_interrupted_swap_puts_the_old_tables_back(tmp_path, monkeypatch, stop_at):
    from extract import build

    tidy = tmp_path / "tidy"
    tidy.mkdir()
    (tidy / "a.csv").write_bytes(b"old\n")
    real_rename = os.rename

    def interrupt(*args):
        raise KeyboardInterrupt

    if stop_at == "write":
        monkeypatch.setattr(Path, "write_bytes", interrupt)
    else:
        calls = []

        def second_rename_interrupted(source, target):
            calls.append(source)
            if len(calls) == 2:  # tidy was moved aside; the new folder is not in yet
                raise KeyboardInterrupt
            real_rename(source, target)

        monkeypatch.setattr(os, "rename", second_rename_interrupted)
    with pytest.raises(KeyboardInterrupt):
        build.write_atomically(tidy, {"a.csv": b"new\n"})
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in tidy.iterdir()} == {"a.csv": b"old\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tidy"]


# --- 10. a corrupt data package descriptor ---------------------------------------------------

@pytest.mark.parametrize(("content", "message"), [
    ('{"resources": [', "data/tidy/datapackage.json: cannot be read (not valid JSON: Expecting "
     "value at line 1, column 16): run make data"),
    ("[1, 2]", "data/tidy/datapackage.json: is not a data package descriptor (TypeError"),
    ('{"resources": [{"name": "x"}]}', "is not a data package descriptor (KeyError: 'path')"),
    (b"\xff\xfe", "data/tidy/datapackage.json: cannot be read (not valid UTF-8 at byte 0)"),
])
def test_hostile_corrupt_datapackage_for_docs_check(root, content, message):
    shutil.copy(REPO / "README.md", root / "README.md")
    path = root / "data" / "tidy" / "datapackage.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    result = run_extract(root, "docs", "--check")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert message in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1


# --- output stays bounded when every fact is wrong -------------------------------------------

def test_hostile_many_problems_print_a_bounded_report(root):
    for number in range(300):
        append_fact(root, f"""
- id: bad-{number}
  source: s001
  region: nowhere
  metric: waic_exhibits
  as_written: "{"9" * 200}"
  value: 1
  qualifier: exact
  status: actual
  quote: {"x" * 5000}
""")
    before = snapshot(root)
    result = run_extract(root, "build")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("extract: 300 problems")
    assert len(lines) == 1 + 100 + 1 and lines[-1] == "... and 200 more"
    assert max(len(line) for line in lines) <= 400
    assert snapshot(root) == before


# --- metric declarations: the message names the error, then the rule -------------------------

@pytest.mark.parametrize(("metric", "unit", "message"), [
    ("waic_host", "EFLOPS", "unit is 'EFLOPS', but the kind is categorical: a categorical "
     "metric has unit 'text'"),
    ("computing_power", "text", "unit is 'text', but the kind is 'quantity': unit 'text' is for "
     "categorical metrics only"),
])
def test_hostile_metric_unit_that_does_not_fit_its_kind(root, metric, unit, message):
    edit_entry(root, METRICS, metric, "unit", unit)
    assert_refused(root, METRICS, f"(id {metric})", message)


# --- explicit tags whose text is no value of their type ---------------------------------------

@pytest.mark.parametrize(("value", "problem"), [
    ('!!int "x"', "value: type !!int, but 'x' is not a whole number in decimal digits"),
    ('!!int ""', "value: type !!int, but '' is not a whole number in decimal digits"),
    ('!!int "0x"', "value: type !!int, but '0x' is not a whole number in decimal digits"),
    ('!!float "abc"', "value: type !!float, but 'abc' is not a number in decimal digits"),
    ('!!bool "maybe"', "value: type !!bool, but 'maybe' is not true or false"),
    ('!!null "x"', "value: type !!null, but 'x' is not null"),
    ("!!int [1]", "value: a list cannot have type !!int"),
])
def test_hostile_tag_with_text_of_another_type(root, value, problem):
    edit_entry(root, FACTS, EXHIBITS, "value", value)
    stderr = assert_refused(root, FACTS, f"(id {EXHIBITS})", "line 24, column 10", problem)
    assert len(problem_lines(stderr)) == 1


@pytest.mark.parametrize(("file", "entry", "key", "where"), [
    (SOURCES, "s003", "published", "entry 4 (id s003): line 36, column 14"),
    ("data/curation/regions.yaml", "hefei", "lat", "entry 12 (id hefei): line 126, column 8"),
    (METRICS, "computing_power", "label", "line 26, column 10"),  # a list inside a mapping
])
def test_hostile_tag_with_text_of_another_type_in_any_curation_file(root, file, entry, key,
                                                                     where):
    edit_entry(root, file, entry, key, '!!int "x"')
    assert_refused(root, f"{file}: {where}: {key}: type !!int, but 'x' is not")


def test_hostile_tag_in_a_gazetteer_file(root):
    shutil.copytree(REPO / "data" / "gazetteer", root / "data" / "gazetteer")
    path = root / "data" / "gazetteer" / "regions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  adcode: ", '  adcode: !!int "x"'
                                                             " #", 1), encoding="utf-8")
    article = next((root / "data" / "articles").glob("003_*.txt"))
    result = run_extract(root, "suggest", str(article))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "data/gazetteer/regions.yaml: line " in result.stderr
    assert "adcode: type !!int, but 'x' is not a whole number" in result.stderr


# --- YAML 1.1 numbers: base 60, octal, hex and grouped digits stay text -------------------------

@pytest.mark.parametrize(("period", "problem"), [
    ("33:44", "period: '33:44' has the wrong form; expected the year or date the figure refers "
     "to: YYYY, YYYY-MM or YYYY-MM-DD"),
    ("02024", "period: '02024' has the wrong form"),
    ("0x7E8", "period: '0x7E8' has the wrong form"),
    ("2_024", "period: '2_024' has the wrong form"),
    ("0000", "period '0000' is not a date: there is no year 0000"),
])
def test_hostile_period_written_as_a_yaml_1_1_number(root, period, problem):
    edit_entry(root, FACTS, EXHIBITS, "period", period)  # the fact has a note
    stderr = assert_refused(root, FACTS, f"(id {EXHIBITS})", problem)
    assert len(problem_lines(stderr)) == 1


@pytest.mark.parametrize("note", ["=", "<<"])
def test_hostile_plain_equals_sign_and_double_angle_are_text(root, note):
    edit_entry(root, FACTS, EXHIBITS, "note", note)
    result = run_extract(root, "build")
    assert result.returncode == 0, result.stderr
    facts = (root / "data" / "tidy" / "facts.csv").read_text(encoding="utf-8")
    assert f",{note}\n" in facts


# --- size: bounded time and memory for any file within the byte limit ------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("- {}\n" * 100_000, f"{FACTS}: line 1, column 1: a list of 100000 items; at most 20000 are "
     "allowed"),
    ("- 1\n" * 2_000_000, f"{FACTS}: line 250000: more than 250000 values (texts, numbers, "
     "lists and mappings), the most one file may hold"),
    ("- {}\n" * (8 * 1024 * 1024 // 5 - 1), "more than 250000 values"),
])
def test_hostile_too_many_entries_are_refused_in_bounded_time(root, text, expected):
    (root / FACTS).write_text(text, encoding="utf-8")
    started = time.monotonic()
    stderr = assert_refused(root, expected)
    assert time.monotonic() - started < 20
    assert len(problem_lines(stderr)) == 1


@pytest.mark.parametrize("entry", ["- {}\n", "- 1\n"])
def test_hostile_problems_stop_being_collected_at_a_limit(root, entry):
    (root / FACTS).write_text(entry * 20_000, encoding="utf-8")
    before = snapshot(root)
    started = time.monotonic()
    result = run_extract(root, "build")
    assert time.monotonic() - started < 20
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert snapshot(root) == before
    lines = result.stderr.splitlines()
    assert len(lines) == 1 + 100 + 1
    assert lines[0] == ("extract: 1000 problems (checking stopped there; there are more); "
                        "data/tidy left as it was")
    assert lines[-1] == "... and at least 900 more"


def test_hostile_one_letter_quote_in_a_long_article(root):
    path = next((root / "data" / "articles").glob("003_*.txt"))
    replace_article(root, "003", "s003", path.read_bytes() + b"Photo: a view\n\nSome text here "
                    b"about the weather and the sea.\n\n" * 6000)
    append_fact(root, "- id: s003-e\n  source: s003\n  region: shanghai\n  metric: waic_host\n"
                "  as_written: null\n  value_text: x\n  qualifier: exact\n  status: actual\n"
                "  quote: e\n  note: x\n")
    started = time.monotonic()
    assert_refused(root, FACTS, "(id s003-e)", "ambiguous: the quote occurs more than once in "
                   "the article body")
    assert time.monotonic() - started < 20


# --- conflict ids ------------------------------------------------------------------------------

@pytest.mark.parametrize("fact_id", ["s001--exhibits", "s001-exhibits--", "a---b"])
def test_hostile_fact_id_holding_the_conflict_id_joiner(root, fact_id):
    # ids a--b, c, a and b--c would give two conflicts the id a--b--c
    edit_entry(root, FACTS, EXHIBITS, "id", fact_id)
    stderr = assert_refused(root, FACTS, f"(id {fact_id})", "id holds '--', which joins the two "
                            "fact ids of a conflict (conflicts.csv); write single hyphens")
    assert len(problem_lines(stderr)) == 1


# --- an inbox file that cannot be read or removed ----------------------------------------------

def test_hostile_tag_in_an_inbox_file_is_reported_and_kept(stale_root):
    inbox = stale_root / "data" / "curation" / "inbox"
    inbox.mkdir()
    (inbox / "s005.yaml").write_text('facts: !!int "x"\n', encoding="utf-8")
    result = run_extract(stale_root, "build")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert ("warning: data/curation/inbox/s005.yaml: cannot be read as YAML (line 1, column 8: "
            "facts: type !!int, but 'x' is not a whole number") in result.stderr
    assert (inbox / "s005.yaml").read_text(encoding="utf-8") == 'facts: !!int "x"\n'
    checked = run_extract(stale_root, "check")
    assert checked.returncode == 2 and "Traceback" not in checked.stderr
    assert "data/curation/inbox/s005.yaml: cannot be read as YAML" in checked.stderr


def test_hostile_empty_inbox_in_a_read_only_folder(stale_root):
    inbox = stale_root / "data" / "curation" / "inbox"
    inbox.mkdir()
    (inbox / "s005.yaml").write_text("# all moved\nfacts:\ndismissed:\n", encoding="utf-8")
    inbox.chmod(READ_ONLY)
    try:
        result = run_extract(stale_root, "build", preexec=_without_root_overrides)
    finally:
        inbox.chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr == ("warning: data/curation/inbox/s005.yaml: holds no entries, but could "
                             "not be removed (Permission denied); delete it\n")
    assert (inbox / "s005.yaml").exists()
    assert "data/tidy: " in result.stdout and "; written" in result.stdout


# --- links and files where the build expects a file or a folder -------------------------------

@pytest.mark.parametrize(("target", "problem"), [
    ("nowhere.yaml", "file is a symbolic link to a missing file"),
    ("dismissed.yaml", "file cannot be read (Too many levels of symbolic links)"),
])
def test_hostile_broken_link_as_dismissed_yaml(root, target, problem):
    path = root / "data" / "curation" / "dismissed.yaml"
    path.unlink()
    path.symlink_to(target)
    stderr = assert_refused(root, f"data/curation/dismissed.yaml: {problem}")
    assert len(problem_lines(stderr)) == 1


@pytest.mark.parametrize("kind", ["file", "link"])
def test_hostile_tidy_that_is_not_a_folder(stale_root, tmp_path_factory, kind):
    tidy = stale_root / "data" / "tidy"
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "tidy"
    tidy.rename(elsewhere)
    if kind == "file":
        tidy.write_text("not tables\n")
    else:
        tidy.symlink_to(elsewhere, target_is_directory=True)
    before = sorted(elsewhere.iterdir())
    result = run_extract(stale_root, "build")
    assert result.returncode == 2, result.stdout
    shown = "is a symbolic link" if kind == "link" else "is not a folder"
    assert f"data/tidy {shown}: the build replaces it with a folder of tables" in result.stderr
    assert sorted(p.name for p in (stale_root / "data").iterdir()) == [
        "articles", "curation", "tidy"]
    assert tidy.is_symlink() == (kind == "link") and sorted(elsewhere.iterdir()) == before


def test_hostile_file_and_link_left_beside_tidy_are_removed(stale_root, tmp_path):
    (stale_root / "data" / ".tidy-old-abc123").write_text("old\n")
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "a.csv").write_text("a\n")
    (stale_root / "data" / ".tidy-old-def456").symlink_to(kept, target_is_directory=True)
    result = run_extract(stale_root, "build")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (stale_root / "data").iterdir()) == [
        "articles", "curation", "tidy"]
    assert (kept / "a.csv").read_text() == "a\n"  # the link was removed, not followed


# --- docs: a descriptor built to break the generator -------------------------------------------

def test_hostile_deeply_nested_datapackage_for_docs_check(root):
    shutil.copy(REPO / "README.md", root / "README.md")
    (root / "data" / "tidy" / "datapackage.json").write_text("[" * 100_000 + "]" * 100_000)
    result = run_extract(root, "docs", "--check")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr == ("data/tidy/datapackage.json: cannot be read (nested too deeply): "
                             "run make data\n")


def test_hostile_marker_in_a_datapackage_description(root):
    shutil.copy(REPO / "README.md", root / "README.md")
    path = root / "data" / "tidy" / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"][0]["description"] = "ends <!-- data-dictionary:end --> here"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    written = run_extract(root, "docs")
    assert written.returncode == 0, written.stderr
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "ends &lt;!-- data-dictionary:end --> here" in readme
    checked = run_extract(root, "docs", "--check")
    assert checked.returncode == 0, checked.stderr


def test_hostile_named_pipe_as_readme_for_docs(root):
    os.mkfifo(root / "README.md")  # read as a file, it would wait for a writer for ever
    for args in (("docs",), ("docs", "--check")):
        result = run_extract(root, *args)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == "README.md: is not a regular file\n"


def _cap_file_size() -> None:
    # Files this process writes may grow to 10,000 bytes: the README is several times that.
    # Past the limit a write fails with EFBIG (the signal that would end the process ignored).
    import signal

    resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def test_hostile_readme_that_cannot_be_written_whole_is_left_as_it_was(root):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    stale = readme.replace("| `fact_id` | string |", "| `fact_id` | text |", 1)
    assert stale != readme
    (root / "README.md").write_text(stale, encoding="utf-8")
    result = run_extract(root, "docs", preexec=_cap_file_size)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("README.md: cannot be written (File too large); it was left as it "
                             "was\n")
    assert (root / "README.md").read_text(encoding="utf-8") == stale
    assert sorted(p.name for p in root.iterdir()) == ["README.md", "data"]
    assert run_extract(root, "docs").returncode == 0
    assert (root / "README.md").read_text(encoding="utf-8") == readme


# --- messages: one line for one problem, in the order of the file -----------------------------

@pytest.mark.parametrize(("file", "entry", "key", "value", "problem"), [
    ("data/curation/regions.yaml", "beijing", "lon", "180.00000001",
     "lon: 180.00000001 is greater than the maximum of 180"),
    ("data/curation/regions.yaml", "anhui", "level", "county", "level: 'county' is not one of"),
    (SOURCES, "s003", "sha256", "5428C5BBD6450F58976EF0B7148F72E7FA7AEE65C419DEDF13E5FB213ABA1FF4",
     "sha256: '5428C5BBD6450F58976EF0B7148F72E7FA7AEE65C419DEDF13E5FB213AB"),
    (METRICS, "computing_power", "kind", "power", "kind: 'power' is not one of"),
])
def test_hostile_invalid_entry_gets_no_follow_on_lines(root, file, entry, key, value, problem):
    edit_entry(root, file, entry, key, value)
    stderr = assert_refused(root, file, f"(id {entry})", problem)
    assert len(problem_lines(stderr)) == 1, stderr


def test_hostile_invalid_theme_gets_no_follow_on_lines(root):
    path = root / METRICS
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  label: Vehicles\n", "  label: 5\n", 1), encoding="utf-8")
    stderr = assert_refused(root, METRICS, "theme 3 (id vehicles): label: 5 is not of type "
                            "'string'")
    assert len(problem_lines(stderr)) == 1, stderr


def test_hostile_problems_are_listed_in_entry_order(root):
    (root / FACTS).write_text("- 1\n" * 12, encoding="utf-8")
    stderr = assert_refused(root, FACTS)
    entries = [int(re.search(r"entry (\d+)", line)[1]) for line in problem_lines(stderr)]
    assert entries == list(range(1, 13))


def test_hostile_empty_metrics_file(root):
    (root / METRICS).write_text("# nothing yet\n", encoding="utf-8")
    assert_refused(root, f"{METRICS}: file holds nothing; expected the two lists `themes:` and "
                   "`metrics:`")


# --- 11. folders and files that cannot be read, output that cannot be written -----------------

@pytest.mark.parametrize("target", ["outside", "inside"])
def test_hostile_symlinked_article_is_not_followed(root, tmp_path, target):
    # With its sha256 in sources.yaml, a link in place of an article would publish the file it
    # points to (/etc/passwd): the build refuses the link itself.
    secret = tmp_path / "elsewhere" / "passwd" if target == "outside" else (
        root / "data" / "articles" / "secret.txt")
    secret.parent.mkdir(exist_ok=True)
    secret.write_bytes(b"root:x:0:0:root:/root:/bin/bash\n")
    path = next((root / "data" / "articles").glob("000_*.txt"))
    old = hashlib.sha256(path.read_bytes()).hexdigest()
    path.unlink()
    path.symlink_to(secret)
    sources = root / SOURCES
    sources.write_text(sources.read_text(encoding="utf-8").replace(
        old, hashlib.sha256(secret.read_bytes()).hexdigest()), encoding="utf-8")
    stderr = assert_refused(root, f"{SOURCES}: entry 1 (id s000): article file "
                            f"data/articles/{path.name} is a symbolic link: an article is a "
                            "file of its own in data/articles/, never a link")
    assert "root:x:0:0" not in stderr

def deny_access(monkeypatch, locked: Path) -> None:
    """Make `locked` act as if chmod 000 for a user who is not root (tests may run as root, whom
    file modes do not stop): a folder cannot be listed and nothing in it looked up or opened, a
    file cannot be opened. The calls the build and `add` reach the disk with are refused."""
    locked = locked.absolute()

    def where(path) -> Path | None:
        try:
            return Path(os.fsdecode(path)).absolute()
        except TypeError:  # a file descriptor
            return None

    def inside(path) -> bool:
        target = where(path)
        return target is not None and locked in target.parents

    def at_or_inside(path) -> bool:
        return inside(path) or where(path) == locked

    def refusing(real, refused):
        def call(path=".", *args, **kwargs):
            if refused(path):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return real(path, *args, **kwargs)
        return call

    for module, name, refused in ((os, "stat", inside), (os, "lstat", inside),
                                  (os, "listdir", at_or_inside), (os, "scandir", at_or_inside),
                                  (os, "open", at_or_inside), (io, "open", at_or_inside),
                                  (builtins, "open", at_or_inside)):
        monkeypatch.setattr(module, name, refusing(getattr(module, name), refused))


def build_in_process(root: Path, monkeypatch, capsys) -> list[str]:
    """Run the build here (where `deny_access` holds), check the refusal, return its lines."""
    from extract.build import run_build

    before = snapshot(root)
    code = run_build(root)
    monkeypatch.undo()
    captured = capsys.readouterr()
    assert code == 2 and captured.out == "", captured.out + captured.err
    assert snapshot(root) == before
    lines = captured.err.splitlines()
    assert lines[0].endswith("; data/tidy left as it was")
    return lines[1:]


def test_hostile_unreadable_curation_folder(root, monkeypatch, capsys):
    deny_access(monkeypatch, root / "data" / "curation")
    assert build_in_process(root, monkeypatch, capsys) == [
        f"data/curation/{name}.yaml: file cannot be read (Permission denied)"
        for name in ("sources", "regions", "metrics", "facts", "dismissed")]


def test_hostile_unreadable_articles_folder(root, monkeypatch, capsys):
    deny_access(monkeypatch, root / "data" / "articles")
    lines = build_in_process(root, monkeypatch, capsys)
    assert lines[-1] == ("data/articles: cannot be listed (Permission denied): the build checks "
                         "that every article has a source entry")
    assert len(lines) == 6 and all("cannot be read (Permission denied)" in line
                                   for line in lines[:-1])


def test_hostile_unreadable_article(root, monkeypatch, capsys):
    path = next((root / "data" / "articles").glob("003_*.txt"))
    deny_access(monkeypatch, path)
    assert build_in_process(root, monkeypatch, capsys) == [
        f"{SOURCES}: entry 4 (id s003): article file data/articles/{path.name} cannot be read "
        "(Permission denied)"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("args", [("build",), ("check",), ("ledger",), ("ledger", "--format",
                                                                         "json")])
def test_hostile_output_that_cannot_be_written(stale_root, args):
    # A build with tables to write (stale_root) writes none when its report cannot be written.
    if args == ("check",):
        assert run_extract(stale_root, "build").returncode == 0
    before = snapshot(stale_root)
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "extract", *args, "--root", str(stale_root)],
            cwd=REPO, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "Exception" not in result.stderr, result.stderr
    assert result.stderr.splitlines()[-1].endswith(
        "cannot write to standard output (No space left on device)"), result.stderr
    assert len(result.stderr.splitlines()) <= 2
    assert snapshot(stale_root) == before
    assert sorted(p.name for p in (stale_root / "data").iterdir()) == [
        "articles", "curation", "tidy"]


# --- region names and aliases regions.csv could not hold ---------------------------------------

REGIONS = "data/curation/regions.yaml"
NOT_ONLY_SPACES = "a name, not only spaces"
ALIAS = 'a spelling, not only spaces, without "; " (regions.csv joins the aliases with it)'


@pytest.mark.parametrize(("key", "value", "problem"), [
    # regions.csv writes the aliases joined by "; ": this one would read back as two
    ("aliases", '[Shanghai, "Hu; Shen"]', f"aliases.1: 'Hu; Shen' has the wrong form; "
     f"expected {ALIAS}"),
    ("aliases", '[Shanghai, " "]', f"aliases.1: ' ' has the wrong form; expected {ALIAS}"),
    ("aliases", '[Shanghai, "\u3000"]', f"aliases.1: '\\u3000' has the wrong form; "
     f"expected {ALIAS}"),
    ("name_en", '"  "', f"name_en: '  ' has the wrong form; expected {NOT_ONLY_SPACES}"),
    ("name_zh", '" "', f"name_zh: ' ' has the wrong form; expected {NOT_ONLY_SPACES}"),
])
def test_hostile_region_name_or_alias_regions_csv_cannot_hold(root, key, value, problem):
    edit_entry(root, REGIONS, "shanghai", key, value)
    stderr = assert_refused(root)
    assert problem_lines(stderr) == [f"{REGIONS}: entry 3 (id shanghai): {problem}"]


def test_hostile_alias_with_a_semicolon_but_no_space_builds(root):
    edit_entry(root, REGIONS, "shanghai", "aliases", '[Shanghai, "Hu;Shen"]')
    assert run_extract(root, "build").returncode == 0
    assert "Shanghai; Hu;Shen" in (root / "data" / "tidy" / "regions.csv").read_text()


# --- a long sentence holding many numbers -----------------------------------------------------

def test_hostile_long_sentence_of_many_numbers_is_reported_in_bounded_time_and_memory(root):
    # One sentence as long as a line `extract add` takes (200,000 characters) holding about
    # 7,700 numbers. Each unreviewed number's line quotes the start of the sentence, never the
    # whole of it: a copy for each number took gigabytes in `check` and minutes in `ledger`.
    from extract.suggest import MAX_LINE

    path = next((root / "data" / "articles").glob("004_*.txt"))
    clause = "the plant made 5 cars and "
    sentence = "Then " + clause * ((MAX_LINE - 1000) // len(clause)) + "more."
    replace_article(root, "004", "s004", path.read_bytes() + f"\n{sentence}\n".encode())
    assert run_extract(root, "build").returncode == 0
    started = time.monotonic()
    result = run_extract(root, "check")
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr[-2000:]
    lines = problem_lines(result.stderr)
    assert len(lines) == 101 and lines[-1] == f"... and {sentence.count(' 5 ') - 100} more"
    shown = f"(sentence: {sentence[:60]!r}"[:-1] + f"…' ({len(sentence)} characters))"
    assert all(line.endswith(shown) and len(line) <= 400 for line in lines[:-1]), lines[0]
    result = run_extract(root, "ledger", "--source", "s004")
    assert result.returncode == 0, result.stderr[-2000:]
    table = result.stdout.splitlines()
    assert table.count("       " + sentence[:89] + "…") == sentence.count(" 5 ")
    assert time.monotonic() - started < 60
