"""The ledger: which fact or dismissal accounts for each number, and how check and build react.

The disposition rules run on small hand-made mentions (test doubles of extract.mentions'
output); the command and the check run on a copy of the real data with one thing changed.
"""

import csv
import io
import json
import subprocess
import sys

import pytest

from extract.dismissed import REASONS, amount_spans
from extract.ledger import CSV_HEADER, _dispositions, amount_covers
from extract.mentions import Mention
from tests.test_checks import REPO, root, snapshot  # noqa: F401  (root is a fixture)

DISMISSED = "data/curation/dismissed.yaml"


def mention(text: str, as_written: str, occurrence: int = 0) -> Mention:
    """A mention of `as_written` (its `occurrence`-th place) in `text`, one sentence."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(as_written, start + 1)
    return Mention(start, start + len(as_written), as_written, 1.0, None, "count", "exact",
                   0, len(text))


def entry(text: str, as_written: str, position: int = 0, **extra) -> dict:
    return {"source": "s1", "as_written": as_written, "quote": text, "quote_start": 0,
            "quote_end": len(text), "position": position, **extra}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=120)


# --- where a number stands ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("quote", "as_written", "spans"),
    [
        ("It has five firms.", "five", [(7, 11)]),
        ("It has twenty-five firms.", "five", []),
        ("It reached 85 exaflops.", "5", []),
        ("It reached 5.5 exaflops.", "5", []),
        ("It reached 5.5 exaflops.", "5.5", [(11, 14)]),
        ("A 5-year plan.", "5", []),
        ("two zones, the only one with two", "two", [(0, 3), (29, 32)]),
        ("more than 30% of them", "more than 30%", [(0, 13)]),
        ("It has 1,400 staff.", "1", []),
        # a minus sign is no hyphen: the number finder reads "3.5 percent" there
        ("Growth was -3.5 percent.", "3.5 percent", [(12, 23)]),
        ("Growth was -3.5 percent.", "-3.5 percent", [(11, 23)]),
        ("COVID-19 cases", "19", []),
        ("the 2023-2025 plan", "2025", []),
        ("anything", "", []),
    ],
)
def test_amount_spans_whole_words_only(quote, as_written, spans):
    assert amount_spans(quote, as_written) == spans


def test_amount_covers_needs_the_mention_inside_the_quote_and_under_the_amount():
    text = "Intro. Guizhou reached 85 exaflops in 2024."
    quote = "Guizhou reached 85 exaflops in 2024."
    at = text.index(quote)
    number = mention(text, "85")
    assert amount_covers(at, at + len(quote), quote, "85 exaflops", number)
    assert amount_covers(at, at + len(quote), quote, "reached 85", number)
    assert not amount_covers(at, at + len(quote), quote, "2024", number)
    assert not amount_covers(0, 6, "Intro.", "85", number)  # another sentence
    assert not amount_covers(at, at + len(quote), quote, None, number)  # categorical, no amount


# --- dispositions --------------------------------------------------------------------------------

def test_dispositions_curated_dismissed_unreviewed_and_idle():
    text = "Guizhou reached 85 exaflops, two new centres and 3 awards, up from 2 in 2023."
    mentions = [mention(text, "85 exaflops"), mention(text, "two"), mention(text, "3"),
                mention(text, "2")]
    facts = [{"id": "f1", **entry(text, "85 exaflops")},
             {"id": "f0", **entry(text, "reached 85 exaflops")}]
    dismissed = [entry(text, "two", 0, reason="out_of_scope"),
                 entry(text, "85 exaflops", 1, reason="restatement"),  # a fact curates it
                 entry(text, "3", 2, reason="other", note="awards")]
    rows, idle = _dispositions("s1", mentions, facts, dismissed)
    assert [(r.number, r.mention.as_written, r.disposition, r.fact_ids, r.reason, r.note)
            for r in rows] == [
        (1, "85 exaflops", "curated", ("f0", "f1"), None, None),
        (2, "two", "dismissed", (), "out_of_scope", None),
        (3, "3", "dismissed", (), "other", "awards"),
        (4, "2", "unreviewed", (), None, None),
    ]
    assert [e["position"] for e in idle] == [1]


def test_dispositions_one_entry_accounts_for_every_place_of_its_number():
    text = "Guangdong has two pilot zones, the only province with two pilot zones."
    mentions = [mention(text, "two"), mention(text, "two", 1)]
    rows, idle = _dispositions("s1", mentions, [{"id": "f1", **entry(text, "two")}], [])
    assert [(r.disposition, r.fact_ids) for r in rows] == [("curated", ("f1",))] * 2
    assert idle == []


def test_dismissal_reasons_are_the_declared_list():
    assert REASONS == ("date", "restatement", "company_figure", "not_regional",
                       "national_total", "out_of_scope", "other")


# --- the command ---------------------------------------------------------------------------------

def test_ledger_json_lists_every_number_of_the_repository():
    result = run("ledger", "--format", "json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    with open(REPO / "data" / "tidy" / "ledger.csv", encoding="utf-8", newline="") as f:
        table = list(csv.DictReader(f))
    assert [(r["source_id"], r["mention_no"], r["disposition"]) for r in records] == [
        (t["source_id"], int(t["mention_no"]), t["disposition"]) for t in table]
    guizhou = next(r for r in records if r["as_written"] == "85 exaflops")
    assert guizhou["fact_ids"] == ["s003-guizhou-computing-power"]
    assert guizhou["sentence"].startswith("Guizhou has quickly established itself")


def test_ledger_csv_and_table_for_one_source():
    result = run("ledger", "--source", "s003", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CSV_HEADER
    assert {row[0] for row in rows[1:]} == {"s003"} and len(rows) == 6
    table = run("ledger", "--source", "s003").stdout
    assert table.splitlines()[0] == "s003: 5 numbers, 5 curated, 0 dismissed, 0 unreviewed"
    assert "85 exaflops  ->  s003-guizhou-computing-power" in table


def test_ledger_unknown_source_is_an_error():
    result = run("ledger", "--source", "s999")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "extract ledger: unknown source 's999' (not in data/curation/sources.yaml)")


def test_ledger_unknown_source_is_quoted_short():
    result = run("ledger", "--source", "s" * 5000)
    assert result.returncode == 2
    assert result.stderr == (f"extract ledger: unknown source '{'s' * 59}… (5000 characters) (not "
                             "in data/curation/sources.yaml)\n")


# --- build and check -----------------------------------------------------------------------------

TWO_YUAN = """- source: s002
  as_written: 2 yuan
"""


def test_unreviewed_number_build_succeeds_and_says_so_check_fails(root):  # noqa: F811
    text = (root / DISMISSED).read_text(encoding="utf-8")
    start = text.index(TWO_YUAN)
    end = text.index("\n- source:", start + 1) + 1
    (root / DISMISSED).write_text(text[:start] + text[end:], encoding="utf-8")
    built = run("build", "--root", str(root))
    assert built.returncode == 0, built.stderr
    assert "48 numbers in the ledger (28 curated, 19 dismissed, 1 unreviewed)" in built.stdout
    assert "1 number unreviewed: `python -m extract ledger` lists them" in built.stdout
    with open(root / "data" / "tidy" / "ledger.csv", encoding="utf-8", newline="") as f:
        unreviewed = [r for r in csv.DictReader(f) if r["disposition"] == "unreviewed"]
    assert [(r["source_id"], r["as_written"]) for r in unreviewed] == [("s002", "2 yuan")]
    checked = run("check", "--root", str(root))
    assert checked.returncode == 2
    assert ("data/articles/002_4f9067b6c7f9d6ba.txt (s002): number 13 '2 yuan' at offset 7137 "
            "is unreviewed: curate it in facts.yaml or dismiss it in dismissed.yaml") in (
        checked.stderr)


def test_idle_dismissal_fails_check_not_build(root):  # noqa: F811
    with open(root / DISMISSED, "a", encoding="utf-8") as f:
        f.write("- source: s003\n  as_written: 85 exaflops\n  quote: Guizhou has quickly "
                "established itself as a leader in computing power, reaching 85 exaflops, "
                "making it a significant player in AI data centers.\n  reason: restatement\n")
    assert run("build", "--root", str(root)).returncode == 0
    checked = run("check", "--root", str(root))
    assert checked.returncode == 2
    assert ("data/curation/dismissed.yaml: entry 21 (s003, '85 exaflops'): dismisses no "
            "number") in checked.stderr


def test_missing_dismissed_file_leaves_every_uncurated_number_unreviewed(root):  # noqa: F811
    (root / DISMISSED).unlink()
    built = run("build", "--root", str(root))
    assert built.returncode == 0, built.stderr
    assert "20 numbers unreviewed" in built.stdout
    assert snapshot(root)["ledger.csv"].count(b",unreviewed,") == 20
