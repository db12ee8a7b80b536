"""dismissed.yaml is checked like facts.yaml: each bad entry stops the build with exit 2, a line
naming the file, the entry and the problem, and data/tidy/ untouched."""

from tests.test_checks import assert_rejected, edit, root, snapshot  # noqa: F401

DISMISSED = "data/curation/dismissed.yaml"
GOOD = """- source: s002
  as_written: 2 yuan
  quote: “In Guangzhou, you can ride a driverless baby bus for only 2 yuan” “Driverless bus baby-walking strategy is here”…
  reason: out_of_scope
"""  # noqa: E501
# Entry 21: one more than the committed file holds.
LABEL = "data/curation/dismissed.yaml: entry 21 (s002, '2 yuan'): "


def append(root, text: str) -> None:  # noqa: F811
    with open(root / DISMISSED, "a", encoding="utf-8") as f:
        f.write(text)


def test_dismissed_unknown_source(root):  # noqa: F811
    before = snapshot(root)
    append(root, GOOD.replace("source: s002", "source: s042"))
    assert_rejected(root, before, "data/curation/dismissed.yaml: entry 21 (s042, '2 yuan'): "
                    "unknown source 's042' (not in data/curation/sources.yaml)")


def test_dismissed_quote_not_in_the_article(root):  # noqa: F811
    before = snapshot(root)
    append(root, GOOD.replace("only 2 yuan", "just 2 yuan"))
    assert_rejected(root, before, LABEL + "quote not found in the article text")


def test_dismissed_quote_in_page_junk(root):  # noqa: F811
    before = snapshot(root)
    append(root, "- source: s000\n  as_written: 900 million\n  quote: OpenAI's ChatGPT continues "
           "its meteoric rise, now boasting 900 million weekly active users\n  reason: "
           "not_regional\n")
    assert_rejected(root, before, "entry 21 (s000, '900 million'): quote occurs in page junk "
                    "(related_articles), not in the article body")


def test_dismissed_number_not_in_the_quote(root):  # noqa: F811
    before = snapshot(root)
    append(root, GOOD.replace("as_written: 2 yuan", "as_written: 3 yuan"))
    assert_rejected(root, before, "entry 21 (s002, '3 yuan'): as_written '3 yuan' does not "
                    "occur in the quote as a word")


def test_dismissed_other_needs_a_note(root):  # noqa: F811
    before = snapshot(root)
    append(root, GOOD.replace("reason: out_of_scope", "reason: other\n  note: ' '"))
    assert_rejected(root, before, LABEL + "reason 'other' needs a note saying why")


def test_dismissed_unknown_reason(root):  # noqa: F811
    before = snapshot(root)
    append(root, GOOD.replace("reason: out_of_scope", "reason: boring"))
    assert_rejected(root, before, "data/curation/dismissed.yaml: entry 21: reason: 'boring' is "
                    "not one of ['date', 'restatement', 'company_figure'")


def test_dismissed_unknown_field(root):  # noqa: F811
    before = snapshot(root)
    append(root, GOOD + "  region: guangzhou\n")
    assert_rejected(root, before, "data/curation/dismissed.yaml: entry 21: Additional "
                    "properties are not allowed ('region' was unexpected)")


def test_dismissed_the_same_entry_twice(root):  # noqa: F811
    before = snapshot(root)
    text = (root / DISMISSED).read_text(encoding="utf-8")
    start = text.index("- source: s002\n  as_written: 2 yuan\n")
    end = text.index("\n- source:", start + 1) + 1
    append(root, text[start:end])
    assert_rejected(root, before, "entry 21 (s002, '2 yuan'): the same number and sentence as "
                    "entry ")


def test_dismissed_malformed_yaml(root):  # noqa: F811
    before = snapshot(root)
    append(root, "- source: [s002\n")
    assert_rejected(root, before, "data/curation/dismissed.yaml: malformed YAML: line")


def test_dismissed_not_a_list(root):  # noqa: F811
    before = snapshot(root)
    (root / DISMISSED).write_text("source: s002\n", encoding="utf-8")
    assert_rejected(root, before, "data/curation/dismissed.yaml: expected a list of entries, "
                    "found dict")


def test_dismissed_problems_are_reported_with_the_facts_problems(root):  # noqa: F811
    before = snapshot(root)
    append(root, GOOD.replace("source: s002", "source: s042"))
    edit(root, "data/curation/facts.yaml", "  region: guizhou\n", "  region: guizhuo\n")
    stderr = assert_rejected(root, before, "unknown region 'guizhuo'", "unknown source 's042'")
    assert stderr.splitlines()[0].startswith("extract: 2 problems")


def test_dismissed_note_with_a_control_character(root):  # noqa: F811
    before = snapshot(root)
    append(root, GOOD + '  note: "a\\rb"\n')
    assert_rejected(root, before, LABEL + "note holds a control character (U+000D); write it "
                    "on one line")
