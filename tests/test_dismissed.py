"""dismissed.yaml is checked like facts.yaml: each bad entry stops the build with exit 2, a line
naming the file, the entry and the problem, and data/tidy/ untouched."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.dismissed import amount_spans
from tests.test_checks import assert_rejected, build, edit, root, snapshot  # noqa: F401

DISMISSED = "data/curation/dismissed.yaml"
GOOD = """- source: s002
  as_written: 2 yuan
  quote: “In Guangzhou, you can ride a driverless baby bus for only 2 yuan” “Driverless bus baby-walking strategy is here”…
  reason: out_of_scope
"""  # noqa: E501
FILE = "data/curation/dismissed.yaml: "
# Entry 21: one more than the committed file holds.
LABEL = FILE + "entry 21 (s002, '2 yuan'): "
JUNK_ENTRY = ("- source: s000\n  as_written: 900 million\n  quote: OpenAI's ChatGPT continues its "
              "meteoric rise, now boasting 900 million weekly active users\n  reason: "
              "not_regional\n")


def append(root, text: str) -> None:  # noqa: F811
    with open(root / DISMISSED, "a", encoding="utf-8") as f:
        f.write(text)


@pytest.mark.parametrize(("entry", "problem"), [
    (GOOD.replace("source: s002", "source: s042"), FILE + "entry 21 (s042, '2 yuan'): unknown "
     "source 's042' (not in data/curation/sources.yaml)"),
    (GOOD.replace("only 2 yuan", "just 2 yuan"), LABEL + "quote not found in the article text"),
    (JUNK_ENTRY, FILE + "entry 21 (s000, '900 million'): quote occurs in page junk "
     "(related_articles), not in the article body"),
    (GOOD.replace("as_written: 2 yuan", "as_written: 3 yuan"), FILE + "entry 21 (s002, "
     "'3 yuan'): as_written '3 yuan' does not occur in the quote as a word"),
    (GOOD.replace("reason: out_of_scope", "reason: other\n  note: ' '"),
     LABEL + "reason 'other' needs a note saying why"),
    (GOOD + '  note: "a\\nb"\n', LABEL + "note holds U+000A (line break); write it on one line"),
    (GOOD + '  note: "a\\rb"\n', FILE + "entry 21: line 116, column 9: note: holds U+000D "
     "(carriage return) at character 2; text may not hold control characters"),
    (GOOD.replace("reason: out_of_scope", "reason: boring"), FILE + "entry 21: reason: "
     "'boring' is not one of ['date', 'restatement', 'company_figure'"),
    (GOOD + "  region: guangzhou\n", FILE + "entry 21: Additional properties are not allowed "
     "('region' was unexpected)"),
    ("- source: [s002\n", FILE + "malformed YAML: line"),
], ids=["unknown_source", "quote_not_in_article", "quote_in_junk", "number_not_in_quote",
        "other_without_note", "line_break_in_note", "control_character", "unknown_reason",
        "unknown_field", "malformed_yaml"])
def test_dismissed_bad_entry_is_rejected(root, entry, problem):  # noqa: F811
    before = snapshot(root)
    append(root, entry)
    assert_rejected(root, before, problem)


def test_dismissed_the_same_entry_twice(root):  # noqa: F811
    before = snapshot(root)
    text = (root / DISMISSED).read_text(encoding="utf-8")
    start = text.index("- source: s002\n  as_written: 2 yuan\n")
    end = text.index("\n- source:", start + 1) + 1
    append(root, text[start:end])
    assert_rejected(root, before, "entry 21 (s002, '2 yuan'): the same number and sentence as "
                    "entry ")


def test_dismissed_not_a_list(root):  # noqa: F811
    before = snapshot(root)
    (root / DISMISSED).write_text("source: s002\n", encoding="utf-8")
    assert_rejected(root, before, FILE + "expected a list of entries, found dict")


def test_dismissed_problems_are_reported_with_the_facts_problems(root):  # noqa: F811
    before = snapshot(root)
    append(root, GOOD.replace("source: s002", "source: s042"))
    edit(root, "data/curation/facts.yaml", "  region: guizhou\n", "  region: guizhuo\n")
    stderr = assert_rejected(root, before, "unknown region 'guizhuo'", "unknown source 's042'")
    assert stderr.splitlines()[0].startswith("extract: 2 problems")


def _amount_spans_by_regex(quote: str, as_written: str) -> list[tuple[int, int]]:
    """The word-boundary rule of amount_spans written as one regular expression."""
    import re

    before = r"(?<![\w-])(?<!\d[.,])" if as_written[0].isalnum() else ""
    after = r"(?![\w-])(?![.,]\d)" if as_written[-1].isalnum() else ""
    pattern = re.compile(before + re.escape(as_written) + after)
    return [(m.start(), m.end()) for m in pattern.finditer(quote)]


@pytest.mark.parametrize("quote, as_written", [
    ("5 in 85, 5.5, 5-year and 5", "5"), ("over 2,400 firms, 2,4000", "2,400"),
    ("a ５ and ٥ and 5", "5"), ("x_5 5_ 5", "5"), ("$1.4 billion", "$1.4 billion"),
    ("five, twenty-five, fivefold", "five"), ("55", "5"), ("5,5", "5"), ("1.5.", "5"),
])
def test_amount_spans_follow_the_word_boundary_rule(quote, as_written):
    assert amount_spans(quote, as_written) == _amount_spans_by_regex(quote, as_written)


@given(st.text(alphabet="5.,-_ a٥９", max_size=12), st.sampled_from(["5", "5.5", "a5", "-5", "5,"]))
def test_amount_spans_agree_with_the_regex_on_any_text(quote, as_written):
    assert amount_spans(quote, as_written) == _amount_spans_by_regex(quote, as_written)


def test_dismissed_note_with_a_soft_hyphen_is_text(root):  # noqa: F811
    # A format character, not a control character: a fact's note may hold one, and so may this.
    edit(root, DISMISSED, "  note: Counts the topics of a discussion",
         "  note: Counts the to\u00adpics of a discussion")
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "to\u00adpics" in (root / "data/tidy/ledger.csv").read_text(encoding="utf-8")


def test_dismissed_entry_naming_an_invalid_source_gets_no_second_line(root):  # noqa: F811
    # An uppercase sha256 makes s002's entry invalid: one line, not one more per fact, per
    # dismissed entry and for its article.
    before = snapshot(root)
    sources = root / "data/curation/sources.yaml"
    text = sources.read_text(encoding="utf-8")
    digest = "5baea73763d2de169e9e5b5f96105815d973e17e1e701d8c8fae23983840db0a"
    assert text.count(digest) == 1 and "source: s002" in (root / DISMISSED).read_text()
    sources.write_text(text.replace(digest, digest.upper()), encoding="utf-8")
    stderr = assert_rejected(root, before, "data/curation/sources.yaml: entry 3 (id s002): "
                             "sha256: ")
    assert len(stderr.splitlines()) == 2, stderr
