"""Each kind of bad input stops the build with exit code 2, one clear message, and no change.

Every test copies the real data/ into a temporary root, breaks one thing, runs
`python -m extract build --root <tmp>` and checks the message names the file, the entry and the
problem, and that data/tidy/ there is byte-for-byte as it was.
"""

import csv
import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FACTS = "data/curation/facts.yaml"
SOURCES = "data/curation/sources.yaml"


@pytest.fixture
def root(tmp_path):
    for folder in ("data/articles", "data/curation", "data/tidy"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "data" / "tidy").iterdir())}


def build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extract", "build", "--root", str(root)],
        cwd=REPO, capture_output=True, text=True, timeout=60,
    )


def assert_rejected(root: Path, before: dict[str, bytes], *expected: str) -> str:
    result = build(root)
    assert result.returncode == 2, result.stdout + result.stderr
    for text in expected:
        assert text in result.stderr, f"{text!r} not in:\n{result.stderr}"
    assert snapshot(root) == before
    assert sorted(p.name for p in (root / "data").iterdir()) == ["articles", "curation", "tidy"]
    return result.stderr


def edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit_entry(root: Path, file: str, entry_id: str, key: str, value: str) -> None:
    """Set `key: value` (value in YAML, backslashes kept as written) in the entry `entry_id`."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    start = text.index(f"- id: {entry_id}\n")
    end = text.find("\n- id: ", start + 1)
    end = len(text) if end == -1 else end
    block = text[start:end]
    new_block, count = re.subn(rf"(?m)^(  |- ){key}: .*$",
                               lambda match: f"{match.group(1)}{key}: {value}", block)
    assert count == 1, (entry_id, key)
    path.write_text(text[:start] + new_block + text[end:], encoding="utf-8")


def append_fact(root: Path, entry: str) -> None:
    with open(root / FACTS, "a", encoding="utf-8") as f:
        f.write("\n" + entry.strip("\n") + "\n")


def article(root: Path, prefix: str) -> Path:
    (path,) = (root / "data" / "articles").glob(f"{prefix}_*.txt")
    return path


def replace_article(root: Path, prefix: str, source_id: str, data: bytes) -> str:
    """Write new bytes to an article and update its sha256, so only its content is at fault."""
    path = article(root, prefix)
    old = hashlib.sha256(path.read_bytes()).hexdigest()
    path.write_bytes(data)
    edit(root, SOURCES, old, hashlib.sha256(data).hexdigest())
    return f"data/articles/{path.name}"


def test_build_fixture_copy_is_valid(root):
    before = snapshot(root)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert snapshot(root) == before


def test_check_changed_article(root):
    before = snapshot(root)
    path = article(root, "003")
    path.write_bytes(path.read_bytes().replace(b"85 exaflops", b"95 exaflops"))
    assert_rejected(
        root, before, SOURCES, "(id s003)", f"data/articles/{path.name} has changed", "sha256"
    )


def test_check_quote_not_in_text(root):
    before = snapshot(root)
    edit_entry(root, FACTS, "s003-guizhou-computing-power", "quote",
               '"Guizhou has reached 85 exaflops of computing power."')
    assert_rejected(root, before, FACTS, "(id s003-guizhou-computing-power)",
                    "quote not found in the article text")


def test_check_quote_differing_only_in_spaces_gets_a_hint(root):
    before = snapshot(root)
    edit_entry(root, FACTS, "s004-hefei-computing-power-rank-2019", "quote",
               '"Hangzhou, Shanghai, and Hefei were listed first, fourth, and fifth respectively,'
               ' all of which provide a solid foundation for the development of AI technology."')
    assert_rejected(root, before, FACTS, "(id s004-hefei-computing-power-rank-2019)",
                    "quote not found in the article text", "no-break spaces")


def test_check_quote_in_junk(root):
    before = snapshot(root)
    append_fact(root, """
- id: s000-chatgpt-users
  source: s000
  region: china
  metric: ai_companies
  as_written: 900 million
  value: 900000000
  qualifier: exact
  status: actual
  quote: OpenAI's ChatGPT continues its meteoric rise, now boasting 900 million weekly active users
""")
    assert_rejected(root, before, FACTS, "(id s000-chatgpt-users)",
                    "quote occurs in page junk (related_articles)")


def test_check_quote_only_in_duplicate_copy(root):
    before = snapshot(root)
    text = article(root, "002").read_bytes()
    first = text.index(b"has reached 73,900")
    second = text.index(b"has reached 73,900", first + 1)
    edited = text[:second] + b"has reached 74,000" + text[second + len(b"has reached 73,900"):]
    replace_article(root, "002", "s002", edited)
    append_fact(root, """
- id: s002-guangdong-large-industrial-enterprises-copy
  source: s002
  region: guangdong
  metric: large_industrial_enterprises
  as_written: 74,000
  value: 74000
  qualifier: exact
  status: actual
  quote: the number of large-scale industrial enterprises in Guangdong has reached 74,000
""")
    assert_rejected(root, before, FACTS, "(id s002-guangdong-large-industrial-enterprises-copy)",
                    "quote occurs only in the duplicate copy")


def test_check_ambiguous_quote(root):
    before = snapshot(root)
    append_fact(root, """
- id: s001-waic-ambiguous
  source: s001
  region: shanghai
  metric: waic_host
  as_written: null
  value_text: World AI Conference
  qualifier: exact
  status: actual
  quote: the World AI Conference
""")
    assert_rejected(root, before, FACTS, "(id s001-waic-ambiguous)", "ambiguous")


def test_check_number_absent_from_quote(root):
    before = snapshot(root)
    edit_entry(root, FACTS, "s003-guizhou-computing-power", "as_written", "85 EFLOPS")
    assert_rejected(root, before, FACTS, "(id s003-guizhou-computing-power)",
                    "as_written '85 EFLOPS' does not occur in the quote")


def test_check_parsed_value_differs_from_declared(root):
    before = snapshot(root)
    edit_entry(root, FACTS, "s003-guizhou-computing-power", "value", "58")
    assert_rejected(root, before, FACTS, "(id s003-guizhou-computing-power)",
                    "value 58 does not match as_written '85 exaflops', which reads as 85 EFLOPS")


def test_check_unit_incompatible_with_metric(root):
    before = snapshot(root)
    edit_entry(root, FACTS, "s003-guizhou-computing-power", "metric", "ai_subsidies")
    assert_rejected(root, before, FACTS, "(id s003-guizhou-computing-power)",
                    "is in EFLOPS, but metric 'ai_subsidies' is in yuan")


def test_check_wrong_qualifier(root):
    before = snapshot(root)
    edit_entry(root, FACTS, "s003-guizhou-computing-power", "qualifier", "at_least")
    assert_rejected(root, before, FACTS, "(id s003-guizhou-computing-power)",
                    "qualifier 'at_least' does not match", "which reads as 'exact'")


def test_check_unknown_region(root):
    before = snapshot(root)
    edit_entry(root, FACTS, "s003-guizhou-computing-power", "region", "guizhuo")
    assert_rejected(root, before, FACTS, "(id s003-guizhou-computing-power)",
                    "unknown region 'guizhuo'")


def test_check_unknown_metric(root):
    before = snapshot(root)
    edit_entry(root, FACTS, "s003-guizhou-computing-power", "metric", "computing_powr")
    assert_rejected(root, before, FACTS, "(id s003-guizhou-computing-power)",
                    "unknown metric 'computing_powr'")


def test_check_unknown_parent_region(root):
    before = snapshot(root)
    edit_entry(root, "data/curation/regions.yaml", "hefei", "parent", "anhwei")
    assert_rejected(root, before, "data/curation/regions.yaml", "(id hefei)",
                    "unknown parent region 'anhwei'")


def test_check_parent_cycle(root):
    before = snapshot(root)
    edit_entry(root, "data/curation/regions.yaml", "china", "parent", "guangdong")
    assert_rejected(root, before, "data/curation/regions.yaml", "(id china)",
                    "parent chain loops back")


def test_check_duplicate_id(root):
    before = snapshot(root)
    edit(root, FACTS, "- id: s003-shenzhen-ai-subsidies\n",
         "- id: s003-guizhou-computing-power\n")
    assert_rejected(root, before, FACTS, "(id s003-guizhou-computing-power)",
                    "duplicate id 's003-guizhou-computing-power'")


def test_check_malformed_yaml(root):
    before = snapshot(root)
    edit(root, FACTS, "  metric: computing_power\n  as_written: 85 exaflops\n",
         "  metric: computing_power\n  as_written: [85 exaflops\n")
    assert_rejected(root, before, FACTS, "malformed YAML: line")


def test_check_schema_violation(root):
    before = snapshot(root)
    edit_entry(root, FACTS, "s003-guizhou-computing-power", "status", "reached")
    assert_rejected(root, before, FACTS, "(id s003-guizhou-computing-power)",
                    "status: 'reached' is not one of ['actual', 'target']")


def test_check_non_utf8_article(root):
    before = snapshot(root)
    data = article(root, "003").read_bytes().replace(b"85 exaflops", b"85 \xe9xaflops")
    name = replace_article(root, "003", "s003", data)
    assert_rejected(root, before, SOURCES, "(id s003)", f"{name}: not valid UTF-8")


def test_check_empty_article(root):
    before = snapshot(root)
    name = replace_article(root, "003", "s003", b"")
    assert_rejected(root, before, SOURCES, "(id s003)", f"{name}: empty file")


def test_check_target_wording_read_as_actual_needs_a_note(root):
    before = snapshot(root)
    edit_entry(root, FACTS, "s002-guangdong-skilled-personnel-2023", "note", "null")
    assert_rejected(root, before, FACTS, "(id s002-guangdong-skilled-personnel-2023)",
                    "status is actual but the quote has target wording (by 2023, will)")


def test_check_period_not_in_quote_needs_a_note(root):
    before = snapshot(root)
    edit_entry(root, FACTS, "s004-hefei-computing-power-rank-2019", "note", "null")
    assert_rejected(root, before, FACTS, "(id s004-hefei-computing-power-rank-2019)",
                    "period '2019' is not written in the quote")


def test_check_article_without_source_entry(root):
    before = snapshot(root)
    (root / "data" / "articles" / "005_new.txt").write_text("A new article.\n", encoding="utf-8")
    assert_rejected(root, before, "data/articles/005_new.txt", "no entry in " + SOURCES)


def test_check_reports_every_problem_one_line_each(root):
    before = snapshot(root)
    edit_entry(root, FACTS, "s003-guizhou-computing-power", "region", "guizhuo")
    edit_entry(root, FACTS, "s003-shenzhen-ai-subsidies", "value", "2000000000")
    stderr = assert_rejected(root, before, "(id s003-guizhou-computing-power)",
                             "(id s003-shenzhen-ai-subsidies)")
    assert stderr.splitlines()[0].startswith("extract: 2 problems")
    assert len(stderr.splitlines()) == 3


METRICS = "data/curation/metrics.yaml"


def test_check_metric_with_unknown_theme(root):
    before = snapshot(root)
    edit_entry(root, METRICS, "nev_output", "theme", "cars")
    assert_rejected(root, before, METRICS, "entry 10 (id nev_output)",
                    "unknown theme 'cars' (themes: computing, money_industry, vehicles, people, "
                    "events_rankings)")


def test_check_metric_without_theme(root):
    before = snapshot(root)
    edit(root, METRICS, "  label: AI computing power\n  theme: computing\n",
         "  label: AI computing power\n")
    assert_rejected(root, before, METRICS, "entry 1 (id computing_power)",
                    "'theme' is a required property")


def test_check_theme_without_metric(root):
    before = snapshot(root)
    edit(root, METRICS, "\nmetrics:\n", "\n- id: space\n  label: Space\nmetrics:\n")
    assert_rejected(root, before, METRICS, "theme 6 (id space): no metric has this theme")


def test_check_duplicate_theme_id(root):
    before = snapshot(root)
    edit(root, METRICS, "- id: people\n  label: People and talent\n",
         "- id: people\n  label: People and talent\n- id: people\n  label: Talent\n")
    assert_rejected(root, before, METRICS,
                    "theme 5 (id people): duplicate id 'people' (first used by theme 4)")


def test_check_theme_with_empty_label(root):
    before = snapshot(root)
    edit(root, METRICS, "  label: Vehicles\n", '  label: ""\n')
    assert_rejected(root, before, METRICS, "theme 3 (id vehicles): label: '' should be non-empty")


def test_check_metrics_file_as_a_bare_list(root):
    # The layout before themes: one list of metrics, no `themes:` and `metrics:` keys.
    before = snapshot(root)
    path = root / METRICS
    text = path.read_text(encoding="utf-8")
    path.write_text(text[text.index("metrics:\n") + len("metrics:\n"):], encoding="utf-8")
    stderr = assert_rejected(root, before, METRICS,
                             "expected the two lists `themes:` and `metrics:`, found list")
    # Reported once, before what follows from it (facts naming metrics it could not declare).
    assert stderr.splitlines()[1] == (f"{METRICS}: expected the two lists `themes:` and "
                                      "`metrics:`, found list"), stderr


def test_check_metrics_file_without_themes(root):
    before = snapshot(root)
    path = root / METRICS
    text = path.read_text(encoding="utf-8")
    path.write_text(text[text.index("metrics:\n"):], encoding="utf-8")
    assert_rejected(root, before, METRICS, "'themes' is a required property")


def test_check_as_written_must_stand_as_a_whole_number_in_the_quote(root):
    # "15" is inside "More than 150", but no amount of the sentence reads 15.
    before = snapshot(root)
    fact = "s001-shanghai-waic-exhibits"
    edit_entry(root, FACTS, fact, "as_written", "'15'")
    edit_entry(root, FACTS, fact, "value", "15")
    edit_entry(root, FACTS, fact, "qualifier", "exact")
    stderr = assert_rejected(root, before, FACTS, f"(id {fact})",
                             "as_written '15' does not occur in the quote as a word")
    assert len(stderr.splitlines()) == 2


@pytest.mark.parametrize("note", ["' '", '"\\n"'])
def test_check_blank_note_explains_nothing(root, note):
    before = snapshot(root)
    edit_entry(root, FACTS, "s002-guangdong-skilled-personnel-2023", "note", note)
    assert_rejected(root, before, FACTS, "(id s002-guangdong-skilled-personnel-2023)",
                    "status is actual but the quote has target wording (by 2023, will)")


def test_check_blank_note_does_not_explain_a_period(root):
    before = snapshot(root)
    edit_entry(root, FACTS, "s004-hefei-computing-power-rank-2019", "note", "'  '")
    assert_rejected(root, before, FACTS, "(id s004-hefei-computing-power-rank-2019)",
                    "period '2019' is not written in the quote")


@pytest.mark.parametrize("note", ["' suggester: region: named'", '"\\nsuggester: region: named"',
                                  "'suggester:  region: named'"])
def test_check_suggesters_note_after_spaces_is_still_the_suggesters(root, note):
    before = snapshot(root)
    edit_entry(root, FACTS, "s003-guizhou-computing-power", "note", note)
    assert_rejected(root, before, FACTS, "(id s003-guizhou-computing-power)",
                    "note is still the suggester's")


# --- a fall: a negative rate ---------------------------------------------------------------------

FALL_ARTICLE = (
    "Guangdong's car makers in 2024\n"
    "Guangdong's new energy vehicle output growth was -3.5 percent year-on-year in 2024.\n"
    "Guangdong's new energy vehicle output fell 4.2 percent year-on-year in 2023.\n"
    "Guangdong's new energy vehicle output growth was −2.5% year-on-year in 2022.\n"
    "Guangdong's new energy vehicle output growth was 2.1 percent year-on-year in 2021.\n"
)


def add_fall_article(root: Path) -> None:
    """Add article s005, whose sentences give falls of new-energy-vehicle output."""
    data = FALL_ARTICLE.encode()
    (root / "data" / "articles" / "005_fall.txt").write_bytes(data)
    with open(root / SOURCES, "a", encoding="utf-8") as f:
        f.write("- id: s005\n  file: 005_fall.txt\n  title: Guangdong's car makers in 2024\n"
                "  publisher: null\n  url: null\n  published: '2025-01-20'\n"
                f"  published_basis: stated\n  sha256: {hashlib.sha256(data).hexdigest()}\n")


def growth_fact(year: str, as_written: str, value: str) -> str:
    quote = next(line for line in FALL_ARTICLE.splitlines() if f"in {year}." in line)
    return (f"- id: s005-guangdong-nev-output-growth-{year}\n  source: s005\n"
            f"  region: guangdong\n  metric: nev_output_growth\n  as_written: {as_written}\n"
            f"  value: {value}\n  qualifier: exact\n  status: actual\n  period: '{year}'\n"
            f"  quote: {quote}\n")


def ledger_of(root: Path, source: str) -> dict[str, str]:
    """Each number of the source in data/tidy/ledger.csv, by as_written: its fact ids."""
    with open(root / "data" / "tidy" / "ledger.csv", encoding="utf-8", newline="") as f:
        return {row["as_written"]: row["fact_ids"] for row in csv.DictReader(f)
                if row["source_id"] == source}


def test_check_a_fall_is_a_negative_value(root):
    add_fall_article(root)
    for fact in (growth_fact("2024", "-3.5 percent", "-3.5"),
                 growth_fact("2023", "4.2 percent", "-4.2"),  # "fell 4.2 percent"
                 growth_fact("2022", "−2.5%", "-2.5"),
                 growth_fact("2021", "2.1 percent", "2.1")):
        append_fact(root, fact)
    result = build(root)
    assert result.returncode == 0, result.stderr
    with open(root / "data" / "tidy" / "facts.csv", encoding="utf-8", newline="") as f:
        values = {row["fact_id"]: row["value"] for row in csv.DictReader(f)
                  if row["source_id"] == "s005"}
    assert values == {"s005-guangdong-nev-output-growth-2024": "-3.5",
                      "s005-guangdong-nev-output-growth-2023": "-4.2",
                      "s005-guangdong-nev-output-growth-2022": "-2.5",
                      "s005-guangdong-nev-output-growth-2021": "2.1"}
    ledger = ledger_of(root, "s005")
    for number, year in (("3.5 percent", "2024"), ("4.2 percent", "2023"), ("2.5%", "2022")):
        assert ledger[number] == f"s005-guangdong-nev-output-growth-{year}"


@pytest.mark.parametrize(("year", "as_written", "value", "problem"), [
    # the sign written in as_written is kept: a fall is not stored as a rise
    ("2024", "-3.5 percent", "3.5",
     "value 3.5 does not match as_written '-3.5 percent', which reads as -3.5 percent"),
    ("2022", "−2.5%", "2.5", "value 2.5 does not match as_written '−2.5%', which reads as -2.5"),
    # a minus sign in the quote right before the amount is its own
    ("2024", "3.5 percent", "3.5", "value 3.5 does not match as_written '3.5 percent', which "
     "reads as -3.5 percent (a fall: a minus sign)"),
    # no fall written before the amount: a negative value is refused
    ("2021", "2.1 percent", "-2.1", "value -2.1 is negative, but as_written '2.1 percent' reads "
     "as 2.1 percent and the quote writes no fall right before it"),
    ("2023", "4.2 percent", "-4.3", "value -4.3 does not match as_written '4.2 percent', which "
     "reads as -4.2 percent (a fall: 'fell')"),
])
def test_check_a_fall_keeps_its_sign(root, year, as_written, value, problem):
    add_fall_article(root)
    append_fact(root, growth_fact(year, as_written, value))
    before = snapshot(root)
    assert_rejected(root, before, FACTS, f"(id s005-guangdong-nev-output-growth-{year})",
                    problem)


@pytest.mark.parametrize("text", ["", "# emptied\n", "[]\n"])
def test_check_emptied_sources_file_leaves_every_article_without_an_entry(root, text):
    # An empty sources.yaml is a corpus with no article yet (extract add starts one there); an
    # emptied one is still refused while articles are in data/articles/.
    before = snapshot(root)
    (root / SOURCES).write_text(text, encoding="utf-8")
    stderr = assert_rejected(root, before, "data/articles/000_9a91fb4ee3b4c1c5.txt: no entry in "
                             + SOURCES)
    assert "file holds nothing" not in stderr
