"""The cheap tests that settle, before a regex runs, that it cannot match: each must never
say "cannot" where the regex does match (that would drop a candidate), on text built from the
pieces the regex reads, in any case, with and without characters outside ASCII."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.mentions import TRIGGER, _number_run_end
from extract.patterns import has_any, may_open_with, search_before
from extract.suggest import (
    ACHIEVED,
    ACHIEVED_WORDS,
    ANY_UNKNOWN_SUBJECT,
    BASELINE_BEFORE,
    BASELINE_REACH,
    CLAUSE_JOINT,
    COST_SHARE_AFTER,
    COST_SHARE_OPENINGS,
    COUNTRY_WORD,
    FACILITY_BEFORE,
    FACILITY_REACH,
    INCREMENT_AFTER,
    JOINT_MARKS,
    LIST_ITEM,
    LOCATED_SUBPLACE_SUBJECT,
    PER_UNIT_AFTER,
    PER_UNIT_OPENINGS,
    QUESTION_OPENING,
    SUBSET_BEFORE,
    SUBSET_ENDINGS,
    SUBSET_REACH,
    TOLD_YEAR_BEFORE,
    UNKNOWN_CITY_SUBJECT,
    UNKNOWN_SUBJECT,
    _baseline_before,
    _ends_with_word,
)


def _cased(pieces: list[str], case: int) -> str:
    text = "".join(pieces)
    return (text, text.upper(), text.lower(), text.title())[case]


_SPACES = [" ", "  ", "\t", "\u00a0", "\u2003", "\n", "\x1c"]
_ODD = ["ſ", "K", "é", "’", "“", "”", "—", "据", "°"]

_SUBJECT_PIECES = _SPACES + _ODD + [
    "Haidian", "District", "district", "Pudong", "New", "Area", "and", "Gui'an", "In", "At",
    "Across", "Elsewhere in", "Back in", "Beijing", ",", ", ", ".", "1. ", "2) ", "(", "\"",
    "Yibin", "a", "the", "city", "county", "town", "prefecture", "in", "of", "Hubei's",
    "second-largest", "Zone", "Economic", "Park", "Science", "City", "Valley", "Banner",
    "League", "Autonomous", "Prefecture", "Township", "Village", "x", "-", "9",
]


_SUBJECTS = [
    "{o}Haidian district alone hosts", "{o}In Beijing,{s}Haidian{s}District had",
    "{o}Yibin, a city in Sichuan,", "{o}Xiangyang, Hubei's second-largest city,",
    "{o}Back in Shanghai, Pudong New Area and Minhang District", "{o}Gui'an New Area",
]


@given(st.one_of(
    st.lists(st.sampled_from(_SUBJECT_PIECES), max_size=14),
    st.tuples(st.sampled_from(_SUBJECTS), st.sampled_from(["", "1. ", "(", "\"", "-- ", "12) "]),
              st.sampled_from(_SPACES)).map(lambda t: [t[0].format(o=t[1], s=t[2])]),
), st.integers(0, 3))
@settings(max_examples=600, deadline=None)
def test_property_any_unknown_subject_matches_where_one_of_the_three_does(pieces, case):
    text = _cased(pieces, case)
    any_of_three = any(p.match(text) for p in (UNKNOWN_SUBJECT, UNKNOWN_CITY_SUBJECT,
                                                   LOCATED_SUBPLACE_SUBJECT))
    assert (ANY_UNKNOWN_SUBJECT.match(text) is not None) == any_of_three


@pytest.mark.parametrize("sentence", [
    "Haidian district alone hosts 1,300 AI firms.",
    "In Beijing, Haidian district had 1,300 AI firms.",
    "Yibin, a city in Sichuan Province, produced 300,000 cars.",
    "Xiangyang, Hubei's second-largest city, has 20 parks.",
])
def test_any_unknown_subject_matches_each_kind(sentence):
    # the property above could pass on pieces that never match: each kind, written out
    assert ANY_UNKNOWN_SUBJECT.match(sentence) is not None


_AFTER_PIECES = _SPACES + _ODD + [
    "per", "a", "to", "for", "each", "every", "eligible", "new", "AI", "project", "person",
    "kWh", "month", "yuan", "billion", "than", "more", "fewer", "less", "a year earlier",
    "last year", "in 2023", "the previous year", "units", "x", "-", ",", "9",
]


@given(st.lists(st.sampled_from(_AFTER_PIECES), max_size=10), st.integers(0, 3))
@settings(max_examples=600, deadline=None)
def test_property_per_unit_openings_hold_every_match(pieces, case):
    text = _cased(pieces, case)
    if PER_UNIT_AFTER.match(text):
        assert may_open_with(text, 0, PER_UNIT_OPENINGS)


@pytest.mark.parametrize("after", [
    " per project", " PER PROJECT", " Per Person", "\u00a0a month", " A MONTH", " to each firm",
    " To Each Eligible Firm", " FOR EVERY NEW AI PROJECT", " each kWh", " EVERY KWH",
])
@pytest.mark.parametrize("case", range(4))
def test_per_unit_openings_hold_each_way_of_writing_it(after, case):
    text = _cased([after], case)
    assert PER_UNIT_AFTER.match(text)
    assert may_open_with(text, 0, PER_UNIT_OPENINGS)


_COST_PIECES = _SPACES + _ODD + [
    "of", "OF", "the", "their", "a", "firm's", "rental", "cost", "costs", "bill", "contract",
    "value", "renting", "computing", "power", "each", "x", "-",
]


@given(st.lists(st.sampled_from(_COST_PIECES), max_size=10), st.integers(0, 3))
@settings(max_examples=600, deadline=None)
def test_property_cost_share_openings_hold_every_match(pieces, case):
    text = _cased(pieces, case)
    if COST_SHARE_AFTER.match(text):
        assert may_open_with(text, 0, COST_SHARE_OPENINGS)


@pytest.mark.parametrize("after", [
    " of the rental cost", "\u00a0of their computing bills", " of a firm's costs",
    " of the contract value", "\tof the cost of renting computing power",
])
@pytest.mark.parametrize("case", range(4))
def test_cost_share_openings_hold_each_way_of_writing_it(after, case):
    text = _cased([after], case)
    assert COST_SHARE_AFTER.match(text)
    assert may_open_with(text, 0, COST_SHARE_OPENINGS)


def test_may_open_with_reads_past_white_space_and_lets_other_text_through():
    assert may_open_with("  \u00a0per project", 0, "p")
    assert not may_open_with("  billion yuan", 0, "p")
    assert not may_open_with("   ", 0, "p")  # nothing past the white space
    assert may_open_with(" ſ", 0, "s")  # not ASCII: the regex decides
    assert not may_open_with("x per", 0, "p")
    assert may_open_with("x per", 1, "p")
    assert PER_UNIT_AFTER.match(" per project") and may_open_with(" per project", 0,
                                                                  PER_UNIT_OPENINGS)


@given(st.lists(st.sampled_from(_AFTER_PIECES), max_size=10), st.integers(0, 3))
@settings(max_examples=600, deadline=None)
def test_property_increment_after_holds_than(pieces, case):
    # Suggester._may_hold: an ASCII sentence without "than" in lower case cannot match
    text = _cased(pieces, case)
    if INCREMENT_AFTER.match(text) and text.isascii():
        assert "than" in text.lower()


_TOLD_PIECES = _SPACES + _ODD + [
    "last", "year", "year's", "year’s", "2024's", "1999’s", "'s", "’s", "'S", "double", "about",
    "nearly", "the", "output", "of", "9", "x",
]


@given(st.lists(st.sampled_from(_TOLD_PIECES), max_size=10), st.integers(0, 3))
@settings(max_examples=600, deadline=None)
def test_property_told_year_before_through_its_words_finds_what_it_finds(pieces, case):
    text = _cased(pieces, case)
    for start in range(len(text) + 1):
        expected = TOLD_YEAR_BEFORE.search(text, max(0, start - 40), start)
        found = search_before(TOLD_YEAR_BEFORE, ("'s", "’s"), text, start, 40)
        assert (found and found.span()) == (expected and expected.span())


_BASELINE_PIECES = _SPACES + _ODD + [
    "up", "down", "from", "From", "with", "compared", "Compared", "9", "1.5", "x", ",", "-",
    "about", "fromage", "within", "upfrom", "9from", "3,500",
]


@given(st.lists(st.sampled_from(_BASELINE_PIECES), max_size=12), st.integers(0, 3))
@settings(max_examples=600, deadline=None)
def test_property_a_baseline_is_looked_for_only_after_from_or_with(pieces, case):
    text = _cased(pieces, case)
    for start in range(len(text) + 1):
        expected = BASELINE_BEFORE.search(text, max(0, start - BASELINE_REACH), start)
        found = _baseline_before(text, start)
        assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize("before", [
    "rose to 30 percent, up from ", "down from\t", "to 50 EFLOPS, from ", "2.5x from \n",
    "compared with\u00a0", "a rise compared with ", "up from  ",
])
def test_a_baseline_is_found_each_way_of_writing_it(before):
    text = before + "3,500"
    start = len(before)
    assert _baseline_before(text, start) is not None
    assert (_baseline_before(text, start).span()
            == BASELINE_BEFORE.search(text, max(0, start - BASELINE_REACH), start).span())


# ASCII text only: `_trigger_places`, whose places it reads, reads no other.
_NUMBER_RUN_PIECES = [s for s in _SPACES + _ODD if s.isascii()] + [
    "1", "2024", "1,234.5", "0.5", ",", ".", "..", ",,", "-", "x", "3rd", "+", "%", "No. 5",
]


@given(st.lists(st.sampled_from(_NUMBER_RUN_PIECES), max_size=14), st.data())
@settings(max_examples=600, deadline=None)
def test_property_a_number_run_ends_where_trigger_ends_at_a_digit(pieces, data):
    text = "".join(pieces)
    end = data.draw(st.integers(0, len(text)))
    for at in range(end):
        if "0" <= text[at] <= "9":
            assert _number_run_end(text, at, end) == TRIGGER.match(text, at, end).end()


def test_a_number_run_stops_at_the_end_it_is_given_and_at_other_digits():
    assert _number_run_end("12,345.6 yuan", 0, 13) == 8
    assert _number_run_end("12,345.6 yuan", 0, 4) == 4
    assert _number_run_end("1.2.3,", 2, 6) == 6
    assert _number_run_end("1٣", 0, 2) == 1  # not ASCII: no text _trigger_places reads


_JOINT_PIECES = _SPACES + _ODD + [
    ";", ",", ".", "!", "?", '"', "”", "and", "but", "while", "whereas", "is", "will", "plans",
    "hopes", "x", "And", "BUT",
]


@given(st.lists(st.sampled_from(_JOINT_PIECES), max_size=12))
@settings(max_examples=600, deadline=None)
def test_property_every_clause_joint_holds_a_joint_mark(pieces):
    text = "".join(pieces)
    if CLAUSE_JOINT.search(text):
        assert has_any(text, JOINT_MARKS)


_QUESTION_PIECES = _SPACES + _ODD + ["Q", "Question", ":", "：", "(", "'", "-", "x", "q"]


@given(st.lists(st.sampled_from(_QUESTION_PIECES), max_size=8))
@settings(max_examples=400, deadline=None)
def test_property_a_question_opening_holds_its_q_in_the_first_four_characters(pieces):
    text = "".join(pieces)
    if QUESTION_OPENING.match(text):
        assert "Q" in text[:4]


_LABEL_PIECES = _SPACES + _ODD + [
    "Jinan", "Key achievements", ":", " ", "4.1 EFLOPS", "A", "b", "'", ".", "-", "x" * 20, "1.",
    "•",
]


@given(st.lists(st.sampled_from(_LABEL_PIECES), max_size=10))
@settings(max_examples=600, deadline=None)
def test_property_a_list_item_opening_with_a_capital_has_its_colon_early(pieces):
    # Suggester._list_heading: a line opening with A-Z is an item only with ":" in 42 characters
    text = "".join(pieces)
    if text[:1].isascii() and text[:1].isupper() and LIST_ITEM.match(text):
        assert ":" in text[:42]


def test_the_combined_subject_pattern_opens_with_the_shared_marks():
    # ANY_UNKNOWN_SUBJECT cuts the shared opening off each pattern: each must still have it
    from extract.suggest import MARKS_BEFORE_SUBJECT

    for pattern in (UNKNOWN_SUBJECT, UNKNOWN_CITY_SUBJECT, LOCATED_SUBPLACE_SUBJECT):
        assert pattern.pattern.startswith(MARKS_BEFORE_SUBJECT)
    assert re.compile(MARKS_BEFORE_SUBJECT).pattern in ANY_UNKNOWN_SUBJECT.pattern


# --- the JSON line of a candidate -----------------------------------------------------------

_JSON_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.lists(st.integers(), max_size=2),
)


@given(st.dictionaries(st.one_of(st.text(max_size=12), st.integers(), st.none()), _JSON_VALUES,
                       max_size=8))
@settings(max_examples=800, deadline=None)
def test_property_a_json_line_is_what_json_dumps_writes(candidate):
    import json

    from extract.suggest import _json_line

    assert _json_line(candidate) == json.dumps(candidate, ensure_ascii=False)


def test_a_json_line_of_a_candidate_with_escapes_and_other_scripts():
    import json

    from extract.suggest import _json_line

    candidate = {"article": "a\"b\\c.txt", "region": None, "value": 1.5e-07, "value_high": 10**20,
                 "quote": "据新华社 \u2028 \x00 \t ‘quoted’", "computed": True, "n": -0.0,
                 "big": 1e300, "nan": float("nan")}
    for keys in (list(candidate)[:-1], list(candidate)):  # without and with NaN
        part = {k: candidate[k] for k in keys}
        assert _json_line(part) == json.dumps(part, ensure_ascii=False)


# --- words looked up by their endings -----------------------------------------------------


def test_by_affix_groups_words_in_their_order_and_refuses_short_ones():
    from extract.patterns import by_affix

    assert by_affix(("more than", "less than", "about"), 3) == {
        "han": ("more than", "less than"), "out": ("about",)}
    assert by_affix(("skip to", "share this", "see also"), 2, opening=True) == {
        "sk": ("skip to",), "sh": ("share this",), "se": ("see also",)}
    with pytest.raises(ValueError, match="shorter"):
        by_affix(("$", "US$"), 2)


def _hedge_start_by_every_phrase(sentence: str, start: int) -> int | None:
    # mentions._hedge_start as it was written before its phrases were looked up by ending
    from extract.mentions import HEDGE_PHRASES

    tail = sentence[max(0, start - 24) : start]
    stripped = tail.rstrip()
    if len(stripped) == len(tail) or not stripped.lower().endswith(HEDGE_PHRASES):
        return None
    lowered = stripped.lower()
    for phrase in HEDGE_PHRASES:
        if lowered.endswith(phrase):
            at = len(stripped) - len(phrase)
            if at == 0 or not stripped[at - 1].isalnum():
                return start - len(tail) + at
    return None


def _currency_start_by_every_sign(sentence: str, start: int) -> int | None:
    from extract.mentions import CURRENCY_SIGNS_BEFORE

    tail = sentence[max(0, start - 8) : start]
    if not tail.endswith(CURRENCY_SIGNS_BEFORE):
        return None
    for sign in CURRENCY_SIGNS_BEFORE:
        if tail.endswith(sign):
            at = len(tail) - len(sign)
            if sign[0].isalpha() and at > 0 and tail[at - 1].isalpha():
                continue
            return start - len(tail) + at
    return None


_BEFORE_PIECES = _SPACES + _ODD + [
    "more than", "MORE THAN", "nearly", "about", "over", "up to", "some", "roughly", "at least",
    "x", "(", "US$", "$", "RMB", "RMB ", "CNY", "usd ", "HKD", "MOP", "¥", "￥", "a", "-", "9",
]


@given(st.lists(st.sampled_from(_BEFORE_PIECES), max_size=8), st.integers(0, 3))
@settings(max_examples=800, deadline=None)
def test_property_hedges_and_currency_signs_by_ending_find_what_every_one_finds(pieces, case):
    from extract.mentions import _currency_start, _hedge_start

    sentence = _cased(pieces, case) + "150"
    start = len(sentence) - 3
    assert _hedge_start(sentence, start) == _hedge_start_by_every_phrase(sentence, start)
    assert _currency_start(sentence, start) == _currency_start_by_every_sign(sentence, start)


# --- possessive runs -------------------------------------------------------------------------
# A run of a class's characters is written possessive ("[\w-]++") where the token after it can
# begin with none of them: the regex engine then never gives characters of the run back, which it
# did one by one only to fail again. Each such pattern must find what its greedy twin finds.

_POSSESSIVE = [
    ("extract.suggest", name) for name in (
        "CAPITAL_BEFORE", "TOLD_YEAR_BEFORE", "SUBPLACE_AFTER", "UNKNOWN_SUBJECT",
        "LOCATED_SUBPLACE_SUBJECT", "OWN_SUBPLACE_BEFORE", "UNKNOWN_CITY_SUBJECT",
        "ANY_UNKNOWN_SUBJECT", "PLACE_RIGHT_AFTER", "APPOSITIVE_GAP", "COMPANY_CUE",
        "FIRM_POSSESSIVE", "INCREMENT_AFTER", "PER_UNIT", "MULTIPLE_BASE_GAP", "THRESHOLD_BEFORE",
    )
] + [("extract.mentions", "STREET"), ("extract.mentions", "NAME_AGE_BEFORE")]

_RUN_PIECES = _SPACES + _ODD + [
    "Haidian", "district", "District", "New Area", "Yibin", "a", "the", "city", "of", "in", ",",
    ", ", "Hubei's", "Hubei’s", "second-largest", "Zhejiang", "capital", "provincial",
    "last year's",
    "2024's", "revenue", "sales", "of which", "are", "located", "more", "than", "a year earlier",
    "per", "each", "single", "firm", "company", "Tech", "Electric", "Shenzhen-based", "founded",
    "based in", "University", "of Science", "and", "Co.", "Ltd", "Road", "Street", "Zhang Wei",
    "45", "150", "x", "-", "'", "’", "s", "with", "whose", "investment", "above", "from", "that",
    "Jiang", "Lu", "up", "doubled",
]


@pytest.mark.parametrize("module, name", _POSSESSIVE)
@given(pieces=st.lists(st.sampled_from(_RUN_PIECES), max_size=12), case=st.integers(0, 3))
@settings(max_examples=150, deadline=None)
def test_property_possessive_runs_find_what_their_greedy_twins_find(module, name, pieces, case):
    import importlib

    pattern = getattr(importlib.import_module(module), name)
    assert "++" in pattern.pattern or "*+" in pattern.pattern, "no possessive run left"
    twin = re.compile(pattern.pattern.replace("++", "+").replace("*+", "*"), pattern.flags)
    text = _cased(pieces, case)
    assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == [
        (m.span(), m.groups()) for m in twin.finditer(text)]
    for at in range(0, len(text) + 1, 3):
        found, expected = pattern.match(text, at), twin.match(text, at)
        assert (found and (found.span(), found.groups())) == (
            expected and (expected.span(), expected.groups()))
        found, expected = pattern.search(text, 0, at), twin.search(text, 0, at)
        assert (found and found.span()) == (expected and expected.span())


_RUN_SENTENCES = [
    "Xiangyang, Hubei's second-largest city, produced 300,000 cars.",
    "Yibin, a city in Sichuan Province, produced 300,000 cars.",
    "Haidian District and Chaoyang District alone host 1,300 AI firms.",
    "In Beijing, Haidian district had 1,300 AI firms.",
    "Shanghai's Pudong New Area has 300 firms, while its Minhang district has 120.",
    "the Zhejiang provincial capital, Hangzhou, and the capital of Guizhou",
    "double last year's output of about 500 million yuan",
    "2,000 AI firms, 60 percent of which are located in Hangzhou",
    "Shenzhen-based BYD, founded in 1995, and Zhejiang University of Science and Technology",
    "iFlytek's annual revenue rose; Hefei Tech Electric Co. Ltd said",
    "3,910 more than a year earlier, up by 12 percent",
    "firms with annual revenue of above 20 million yuan each",
    "No. 8 Kexue Road, said Zhang Wei, 45, an official",
    "up to 10 million yuan for a single qualified project per company",
    "doubled from 10 EFLOPS in 2023",
    "Hefei in east China's Anhui Province, Guiyang, capital of southwest China's Guizhou",
    "tripled compared with 2020; 500 firms, most of them in Shenzhen",
]


@pytest.mark.parametrize("module, name", _POSSESSIVE)
def test_possessive_runs_find_what_their_greedy_twins_find_in_articles(module, name):
    import importlib
    from pathlib import Path

    pattern = getattr(importlib.import_module(module), name)
    twin = re.compile(pattern.pattern.replace("++", "+").replace("*+", "*"), pattern.flags)
    root = Path(__file__).resolve().parents[1]
    lines = list(_RUN_SENTENCES)
    for path in [*(root / "tests" / "fixtures" / "suggest").glob("*.txt"),
                 *(root / "data" / "articles").glob("*")]:
        lines += path.read_text(encoding="utf-8").splitlines()
    def same(found, expected) -> bool:
        return (found and (found.span(), found.groups())) == (
            expected and (expected.span(), expected.groups()))

    found_any = False
    for line in lines:
        for at in range(len(line) + 1):
            # as the patterns are used: at a place, on the text after a number ("^..."), and in
            # a window that ends before one ("...$")
            pairs = [
                (pattern.match(line, at), twin.match(line, at)),
                (pattern.match(line[at:]), twin.match(line[at:])),
                (pattern.search(line, max(0, at - 80), at), twin.search(line, max(0, at - 80), at)),
            ]
            # ... and on a gap between two things ("^...$"): the text up to a few places on
            pairs += [(pattern.match(line[at : at + k]), twin.match(line[at : at + k]))
                      for k in (6, 11, 17, 26, 40)]
            for found, expected in pairs:
                found_any = found_any or found is not None
                assert same(found, expected), (line, at)
    assert found_any, "the lines hold no match of the pattern: the test would show nothing"


# --- what after a number makes it no amount ------------------------------------------------

_NO_AMOUNT_PIECES = _SPACES + _ODD + [
    "st", "nd", "rd", "th", "March", "MAY", "sept", "Sept.", "december", "-", "–", "/", ".", ":",
    "05", "12", "a.m.", "P.M.", "am", "pm", "o'clock", "hours", "Beijing", "time", "years",
    "year", "old", "action", "plan", "programme", "s", "S", "Kexue", "Road", "Jie", "of",
    "thousands", "°", "℃", "º", "degrees", "Celsius", "C", ",", "billion", "yuan", "units", "x",
    "in", "all", "ſt", "ſep",
]


@given(st.lists(st.sampled_from(_NO_AMOUNT_PIECES), max_size=8), st.integers(0, 3))
@settings(max_examples=1500, deadline=None)
def test_property_no_amount_openings_hold_every_match(pieces, case):
    from extract.mentions import NOT_AN_AMOUNT_AFTER, _may_open_no_amount

    text = _cased(pieces, case)
    if NOT_AN_AMOUNT_AFTER.match(text):
        assert _may_open_no_amount(text)


@pytest.mark.parametrize("after", [
    " March", "st March", "-03-28", "/05", ":30", " a.m.", " o'clock", " hours Beijing time",
    " years old", "-year action plan", "s", " s", " Kexue Road", " of thousands", "°C",
    " degrees Celsius",
    " C in", "\u00a0March", " - 17 November",
])
@pytest.mark.parametrize("case", range(4))
def test_no_amount_openings_hold_each_kind(after, case):
    from extract.mentions import NOT_AN_AMOUNT_AFTER, _may_open_no_amount

    text = _cased([after], case)
    if NOT_AN_AMOUNT_AFTER.match(text):
        assert _may_open_no_amount(text)
    if case == 0:  # each kind, as written, is one the pattern matches
        assert NOT_AN_AMOUNT_AFTER.match(text), text


def test_most_numbers_are_settled_by_what_opens_after_them():
    from extract.mentions import _may_open_no_amount

    assert not _may_open_no_amount(" billion yuan")
    assert not _may_open_no_amount(" units of")
    assert not _may_open_no_amount("")
    assert not _may_open_no_amount("   ")
    assert _may_open_no_amount(" 据")  # not ASCII: the pattern decides


# --- words grouped by a character each holds -------------------------------------------------


def test_keyed_words_groups_each_word_under_its_least_common_character():
    from extract.patterns import keyed_words

    # capitals first; "vow": v is rarer than o and w; "zone": z is the rarest letter. The words
    # whose rarest letter is still a common one ("company": y; "by": b) are tested in any case.
    assert keyed_words(("Co.", "CEO", "company", "vow", "firm", "zone", "by", "vows")) == (
        ("C", ("Co.", "CEO")), ("", ("company", "firm", "by")), ("v", ("vow", "vows")),
        ("z", ("zone",)))


@pytest.mark.parametrize("name", [
    "COMPANY_ONLY", "COMPANY_CUE", "FIRM_FIGURE", "TARGET_CUE", "AGGREGATE", "SUBPLACE",
    "NATIONAL_BODY",
])
@given(pieces=st.lists(st.sampled_from(_SPACES + _ODD + [
    "Co.", "co", "CEO", "company", "firm", "founded", "will", "would", "plans", "by", "set",
    "expected", "revenue", "sales", "provinces", "hubs", "district", "zone", "Ministry", "NDRC",
    "places", "nodes", "localities", "national", "hub", "three",
    "x", "a", "e", "the",
]), max_size=10), case=st.integers(0, 3))
@settings(max_examples=200, deadline=None)
def test_property_keyed_words_find_what_the_words_find(name, pieces, case):
    from extract import suggest
    from extract.patterns import has_any, has_any_keyed

    words, keyed = getattr(suggest, f"{name}_WORDS"), getattr(suggest, f"{name}_KEYED")
    assert sorted(w for _, group in keyed for w in group) == sorted(words)
    text = _cased(pieces, case)
    assert has_any_keyed(text, keyed) == has_any(text, words)




def test_a_new_area_written_with_a_tab_is_still_looked_for():
    from extract.suggest import OWN_SUBPLACE_BEFORE, SUBPLACE_WORDS

    window = "while its Pudong New\tArea had "
    assert OWN_SUBPLACE_BEFORE.search(window)
    assert has_any(window.lower(), SUBPLACE_WORDS)


_OPENING_ALTERNATIVES = [
    "ab", "abc", r"a\s+b", "b", "ba", "bab", "c", "cab", r"ab(?!c)", "aa", "a",
]


@given(
    st.lists(st.sampled_from(_OPENING_ALTERNATIVES), min_size=1, max_size=6, unique=True),
    st.sampled_from(["", r"\b", r"\s+(?P<n>\d+)", "c"]),
    st.lists(st.sampled_from(["a", "b", "c", "ab", " ", "  ", "_", "9", "é", "A", "-", "ca"]),
             max_size=20),
)
@settings(max_examples=600, deadline=None)
def test_property_word_opening_twin_is_its_alternation_after_a_boundary(alternatives, rest,
                                                                        pieces):
    # The grouping by first letter changes neither which alternative matches first nor where.
    from extract.suggest import _word_opening_twin

    text = "".join(pieces)
    twin = _word_opening_twin(alternatives, rest)
    plain = re.compile(r"\b(?:" + "|".join(alternatives) + ")" + rest)
    assert [(m.span(), m.groupdict()) for m in twin.finditer(text)] == [
        (m.span(), m.groupdict()) for m in plain.finditer(text)
    ]


# Each pattern written with `_word_opening_twin`, the plain word-bounded alternation it stands
# for, and pieces of text to build sentences from.
_ACHIEVED_PIECES = _SPACES + _ODD + [
    "reached", "rose", "recorded", "had", "has", "have", "hosts", "houses", "hit", "set up",
    "set", "up", "last year", "last", "year", "at present", "at", "so far", "to date", "now",
    "nowhere", "was", "were", "grew", "totaled", "totalled", "stood at", "amounted to", "x", "_",
    "9", ",", ".", "-", "'", "Had", "HAS", "the", "is", "will",
]
_COUNTRY_PIECES = _SPACES + _ODD + [
    "national", "nationally", "nationwide", "the", "this", "whole", "country", "country's",
    "country’s", "China", "Chinese", "nation", "the nation", "the country", "Chinas", "x", "_",
    "9", ",", ".", "-", "'", "s", "ly", "wide",
]
_WORD_OPENING_PATTERNS = {
    "achieved": (ACHIEVED, r"\b(?:" + "|".join(ACHIEVED_WORDS) + r")\b", _ACHIEVED_PIECES),
    # the pattern as written before it was grouped by first letter
    "country": (COUNTRY_WORD, r"\b(?:national(?:ly|wide)?|nationwide|(?:the|this|whole)\s+"
                r"country|country['’]s|China|Chinese|the\s+nation)\b", _COUNTRY_PIECES),
}


@pytest.mark.parametrize("name", sorted(_WORD_OPENING_PATTERNS))
@given(data=st.data(), case=st.integers(0, 3))
@settings(max_examples=500, deadline=None)
def test_property_word_opening_patterns_find_what_their_word_bounded_alternations_find(
    name, data, case
):
    pattern, plain, pieces = _WORD_OPENING_PATTERNS[name]
    text = _cased(data.draw(st.lists(st.sampled_from(pieces), max_size=24)), case)
    assert [m.span() for m in pattern.finditer(text)] == [
        m.span() for m in re.compile(plain).finditer(text)
    ]


_THRESHOLD_PIECES = [
    "with ", "whose ", "of ", "an ", "annual ", "output ", "value ", "market ", "valuation ",
    "revenue ", "Revenue ", "sales ", "size ", "investment ", "incomes ", "turnover ", "over ",
    "above ", "had ", "reached ", "firms ", "Output Value ", "VALUATION ", "  ", "\n",
]


# Patterns whose every match holds one of a list of words, which are tested first: (the
# pattern's name in extract.suggest, the words' name, pieces of text to try them on). A window
# or sentence holding none of the words is settled without the regex.
_HELD_WORDS = {
    "subplace": ("OWN_SUBPLACE_BEFORE", "SUBPLACE_WORDS",
                 _SUBJECT_PIECES + ["its", "'s", "Area", "New\tArea"]),
    "threshold": ("THRESHOLD_BEFORE", "THRESHOLD_HELD", _THRESHOLD_PIECES),
    "unknown subject": ("ANY_UNKNOWN_SUBJECT", "SUBPLACE_WORDS", _SUBJECT_PIECES + ["New\tArea"]),
    "firm's plant": ("FIRM_PLACE_FACILITY", "FIRM_FACILITY_WORDS", _SPACES + _ODD + [
        "BYD's", "Tesla’s", "China Mobile's", "Hefei", "Shanghai", "Guizhou", "plant", "Plant",
        "plants", "Gigafactory", "data center", "Data Centre", "computing centres", "base",
        "BASE", "campus", "facility", "Facilities", "factory", "x", "'s", "-",
    ]),
    "growth": ("GROWTH_BEFORE", "GROWTH_WORDS", _SPACES + _ODD + [
        "up", "Up", "make", "took", "grew", "grows", "grown", "growing", "growth rate", "of",
        "by", "increase", "increased", "increasing", "rose", "rising", "rise", "jumped", "surged",
        "surging", "expanded", "climbed", "climbing", "5", "x", "-", ",", "yuan",
    ]),
}


@pytest.mark.parametrize("name", sorted(_HELD_WORDS))
@given(data=st.data(), case=st.integers(0, 3))
@settings(max_examples=600, deadline=None)
def test_property_every_match_holds_one_of_its_words(name, data, case):
    from extract import suggest

    pattern, words, pieces = _HELD_WORDS[name]
    text = _cased(data.draw(st.lists(st.sampled_from(pieces), max_size=12)), case)
    if getattr(suggest, pattern).search(text):
        assert has_any(text.lower(), getattr(suggest, words))


# --- metric keywords, looked for where a word opens ---------------------------------------------

_KEYWORD_PIECES = _SPACES + [
    "AI companies", "ai", "companies", "computing power", "computing", "power", "intelligent",
    "intelligent computing centers", "centers", "data centres", "R&D personnel", "r&d", "&",
    "research and development personnel", "NEVs", "nev", "new energy vehicles", "-", "x", "5",
    "subsidies", "fund", "industry fund", "scale of the AI industry", "core AI industry", "the",
    ",", ".", "'", "(", "exhibits", "vouchers", "top five cities", "é", "_",
]


def _keywords_by_every_position(context, sentence):
    # suggest._Context._find_keywords as it was written before only word starts were tried:
    # the keyword pattern tried at every position, the matches that open no word then dropped
    from extract.suggest import _ascii_lower

    lowered = _ascii_lower(sentence)
    normalised = (sentence.lower() if lowered is None else lowered).replace("-", " ")
    outers = context.vocabulary.keyword_pattern.finditer(normalised)
    return context._keywords_of(sentence, normalised, outers)


_CONTEXTS = []


def _keyword_context():
    from pathlib import Path

    from extract.suggest import _Context, load_vocabulary

    if not _CONTEXTS:
        vocabulary = load_vocabulary(Path(__file__).resolve().parents[1])
        _CONTEXTS.append(_Context("", [], vocabulary, None))
    return _CONTEXTS[0]


@given(st.lists(st.sampled_from(_KEYWORD_PIECES), max_size=14), st.integers(0, 3))
@settings(max_examples=1500, deadline=None)
def test_property_keywords_at_word_starts_are_those_every_position_finds(pieces, case):
    context = _keyword_context()
    sentence = _cased(pieces, case)
    context._memo = {}
    assert context._find_keywords(sentence, another=True) == _keywords_by_every_position(
        context, sentence)


@pytest.mark.parametrize("sentence", [
    "Its intelligent,computing centers grew.",  # a false start in the copy holds a true one
    "R&D personnel, r,d personnel and xAI companies",
    "the AI companies' computing power", "5AI companies", "ai-companies and data-centres",
])
def test_keywords_at_word_starts_are_those_every_position_finds(sentence):
    context = _keyword_context()
    context._memo = {}
    expected = _keywords_by_every_position(context, sentence)
    assert context._find_keywords(sentence, another=True) == expected
    assert expected or sentence.startswith("5")


# --- the firms a sentence names -------------------------------------------------------------------

_FIRM_PIECES = _SPACES + _ODD + [
    "the", "this", "that", "its", "listed", "company", "firm", "firms", "enterprise", "startup",
    "start-up", "start", "company's", "firm's", "AI", "Co.", "Ltd", "Inc", "Corp", "Group",
    "Technologies", "Holdings", "Zhipu", "Technology", "Electric", "founder", "founded in",
    "chairman", "CEO", "Hangzhou-based", "headquartered in", "based in", "University", "Lab",
    "of", ",", ".", "_", "5", "x", "-", "bathe", "The",
]


@given(st.lists(st.sampled_from(_FIRM_PIECES), max_size=14), st.integers(0, 3))
@settings(max_examples=1500, deadline=None)
def test_property_every_company_cue_is_keyed_or_a_determined_firm(pieces, case):
    from extract.suggest import COMPANY_CUE, COMPANY_CUE_WORDS, _names_a_determined_firm

    sentence = _cased(pieces, case)
    for match in COMPANY_CUE.finditer(sentence):
        assert has_any(match.group(), COMPANY_CUE_WORDS) or _names_a_determined_firm(
            match.group())
        assert has_any(sentence, COMPANY_CUE_WORDS) or _names_a_determined_firm(sentence)


@pytest.mark.parametrize("sentence", [
    "the firm said", "its\tenterprise grew", "this start-up raised", "the listed  firm",
    "The firm", "the_firm", "that startup", "its enterprise’s",
])
def test_a_firm_named_with_a_determiner_is_looked_at(sentence):
    from extract.suggest import COMPANY_CUE, _names_a_determined_firm

    assert _names_a_determined_firm(sentence)
    assert not _names_a_determined_firm("500 AI firms and 300 AI enterprises")
    assert COMPANY_CUE.search("the firm said") and not COMPANY_CUE.search(
        "500 AI firms and 300 AI enterprises")
    # the pattern's words are in lower case: in capitals it names no firm, and is not tried
    assert not COMPANY_CUE.search("THE FIRM") and not _names_a_determined_firm("THE FIRM")


@pytest.mark.parametrize("kind", [
    "District", "county", "New Area", "Autonomous Prefecture", "League", "Banner",
    "High-Tech Zone", "Park", "Township", "Town", "Village", "Science City", "Valley",
])
def test_each_kind_of_unknown_subject_holds_one_of_the_subplace_words(kind):
    from extract.suggest import ANY_UNKNOWN_SUBJECT, SUBPLACE_WORDS

    # the sentence holds the word: "Yibin, a county in Sichuan," matches only "Yibin", the
    # rest is looked ahead at
    for sentence in (f"Haidian {kind} hosts 500 firms.", f"Yibin, a {kind.lower()} in Sichuan,"):
        if ANY_UNKNOWN_SUBJECT.match(sentence):
            assert has_any(sentence.lower(), SUBPLACE_WORDS), sentence
    assert ANY_UNKNOWN_SUBJECT.match(f"Haidian {kind} hosts 500 firms.")


_SUBSET_PIECES = _SPACES + _ODD + [
    "of", "among", "which", "them", "these", "those", "including", "includes", "included",
    "Including", "WHICH", ",", ", ", " ,", "x", "-", "9", "whichx", "ofwhich",
]


@given(st.lists(st.sampled_from(_SUBSET_PIECES), max_size=10), st.integers(0, 3))
@settings(max_examples=600, deadline=None)
def test_property_a_part_of_a_count_is_looked_for_where_its_last_word_stands(pieces, case):
    text = _cased(pieces, case)
    for start in range(len(text) + 1):
        if SUBSET_BEFORE.search(text, max(0, start - SUBSET_REACH), start):
            assert _ends_with_word(text, start, SUBSET_REACH, SUBSET_ENDINGS)


@pytest.mark.parametrize("before", [
    "48 data centers, 23 of which", "900 firms, including", "of them, ", "among these\u2003",
])
def test_a_part_of_a_count_ends_with_its_word_each_way_of_writing_it(before):
    text = before + " 23"
    start = len(text) - 2
    assert SUBSET_BEFORE.search(text, max(0, start - SUBSET_REACH), start)
    assert _ends_with_word(text, start, SUBSET_REACH, SUBSET_ENDINGS)


_FACILITY_PIECES = _SPACES + _ODD + [
    "supercomputer", "Supercomputing", "computing", "data", "computility", "center", "centre",
    "centers", "  ", ";", " has ", "x" * 30, "a capacity of ", "1,000P", "-",
]


@given(st.lists(st.sampled_from(_FACILITY_PIECES), max_size=14), st.integers(0, 3))
@settings(max_examples=600, deadline=None)
def test_property_a_facility_is_looked_for_only_as_far_back_as_its_longest_match(pieces, case):
    text = _cased(pieces, case)
    for start in range(len(text) + 1):
        whole = FACILITY_BEFORE.search(text, 0, start) is not None
        assert whole == (FACILITY_BEFORE.search(text, max(0, start - FACILITY_REACH), start)
                         is not None)


def test_a_facility_at_the_edge_of_its_reach_is_found():
    text = "Supercomputing \t centre " + "y" * 99  # its longest match, as far back as it goes
    assert FACILITY_BEFORE.search(text, 0, len(text))
    assert FACILITY_BEFORE.search(text, max(0, len(text) - FACILITY_REACH), len(text))
