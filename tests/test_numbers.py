"""Amounts as articles write them, read into canonical units with their qualifier."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.numbers import (
    AmountError,
    Parsed,
    fall_before,
    format_number,
    parse_amount,
    status_cues,
    unit_is_compatible,
)


@pytest.mark.parametrize(
    ("as_written", "expected"),
    [
        ("2,400", Parsed(2400, None, "exact", None)),
        ("over 2,400", Parsed(2400, None, "at_least", None)),
        ("73,900", Parsed(73900, None, "exact", None)),
        ("2.53 million", Parsed(2_530_000, None, "exact", None)),
        ("1.35 million", Parsed(1_350_000, None, "exact", None)),
        ("over 19.79 million", Parsed(19_790_000, None, "at_least", None)),
        ("1 billion yuan", Parsed(1e9, None, "exact", "yuan")),
        ("440 billion yuan", Parsed(440e9, None, "exact", "yuan")),
        ("exceed 440 billion yuan", Parsed(440e9, None, "at_least", "yuan")),
        ("150 million to 220 million yuan", Parsed(150e6, 220e6, "range", "yuan")),
        ("150 to 220 million yuan", Parsed(150e6, 220e6, "range", "yuan")),
        ("between 5 and 7 million yuan", Parsed(5e6, 7e6, "range", "yuan")),
        ("36.82% to 100.66%", Parsed(36.82, 100.66, "range", "percent")),
        ("43%", Parsed(43, None, "exact", "percent")),
        ("more than 30%", Parsed(30, None, "at_least", "percent")),
        ("10 per cent", Parsed(10, None, "exact", "percent")),
        ("two", Parsed(2, None, "exact", None)),
        ("Three", Parsed(3, None, "exact", None)),
        ("five", Parsed(5, None, "exact", None)),
        ("twenty-five", Parsed(25, None, "exact", None)),
        ("a million", Parsed(1e6, None, "exact", None)),
        ("one out of every four", Parsed(25, None, "exact", "percent")),
        ("one in four", Parsed(25, None, "exact", "percent")),
        ("one-fourth", Parsed(25, None, "exact", "percent")),
        ("one-seventh", Parsed(100 / 7, None, "exact", "percent")),
        ("about one-seventh", Parsed(100 / 7, None, "approx", "percent")),
        ("two-thirds", Parsed(200 / 3, None, "exact", "percent")),
        ("half", Parsed(50, None, "exact", "percent")),
        ("Every 4 new energy vehicles in the country, one", Parsed(25, None, "exact", "percent")),
        ("first", Parsed(1, None, "exact", "rank")),
        ("ranking first", Parsed(1, None, "exact", "rank")),
        ("fourth", Parsed(4, None, "exact", "rank")),
        ("fifth", Parsed(5, None, "exact", "rank")),
        ("3rd", Parsed(3, None, "exact", "rank")),
        ("leading the country", Parsed(1, None, "exact", "rank")),
        ("85 exaflops", Parsed(85, None, "exact", "EFLOPS")),
        ("exceed 100 exaflops", Parsed(100, None, "at_least", "EFLOPS")),
        ("100 EFLOPS", Parsed(100, None, "exact", "EFLOPS")),
        ("500 petaflops", Parsed(0.5, None, "exact", "EFLOPS")),
        ("nearly 4,000", Parsed(4000, None, "approx", None)),
        ("about 20", Parsed(20, None, "approx", None)),
        ("approximately 20", Parsed(20, None, "approx", None)),
        ("around 20", Parsed(20, None, "approx", None)),
        ("almost 20", Parsed(20, None, "approx", None)),
        ("more than 500", Parsed(500, None, "at_least", None)),
        ("at least 500", Parsed(500, None, "at_least", None)),
        ("exceeds 500", Parsed(500, None, "at_least", None)),
        ("up to 5", Parsed(5, None, "at_most", None)),
        ("at most 5", Parsed(5, None, "at_most", None)),
        ("less than 5", Parsed(5, None, "at_most", None)),
        ("under 5", Parsed(5, None, "at_most", None)),
        ("no more than 7", Parsed(7, None, "at_most", None)),
        ("¥2 billion", Parsed(2e9, None, "exact", "yuan")),
        ("$5 billion", Parsed(5e9, None, "exact", "USD")),
        ("1,400\xa0team members", Parsed(1400, None, "exact", None)),
        ("14,000P", Parsed(14, None, "exact", "EFLOPS")),
        ("10E", Parsed(10, None, "exact", "EFLOPS")),
        ("14,000p", Parsed(14, None, "exact", "EFLOPS")),
        ("14,000 P", Parsed(14, None, "exact", "EFLOPS")),
        ("300 TFLOPS", Parsed(0.0003, None, "exact", "EFLOPS")),
        ("100-exaflop", Parsed(100, None, "exact", "EFLOPS")),
        ("3 percentage points", Parsed(3, None, "exact", "percentage points")),
        ("RMB5 billion", Parsed(5e9, None, "exact", "yuan")),
        ("CNY 3.2 billion", Parsed(3.2e9, None, "exact", "yuan")),
        ("RMB 5 bn", Parsed(5e9, None, "exact", "yuan")),
        ("3.2 mln", Parsed(3.2e6, None, "exact", None)),
        ("1.2 trln yuan", Parsed(1.2e12, None, "exact", "yuan")),
        ("300 Bln yuan", Parsed(300e9, None, "exact", "yuan")),
        ("40 pct", Parsed(40, None, "exact", "percent")),
        ("10-billion-yuan", Parsed(1e10, None, "exact", "yuan")),
        ("1.4 billion U.S. dollars", Parsed(1.4e9, None, "exact", "USD")),
        ("10,000-plus", Parsed(10000, None, "at_least", None)),
        ("10,000+", Parsed(10000, None, "at_least", None)),
        ("500 or more", Parsed(500, None, "at_least", None)),
        ("close to 20", Parsed(20, None, "approx", None)),
        ("nearly half", Parsed(50, None, "approx", "percent")),
        ("a third", Parsed(100 / 3, None, "exact", "percent")),
        ("doubled", Parsed(2, None, "exact", "multiple")),
        ("tripling", Parsed(3, None, "exact", "multiple")),
        ("nearly 100 times", Parsed(100, None, "approx", "multiple")),
        ("5-fold", Parsed(5, None, "exact", "multiple")),
        ("No. 1", Parsed(1, None, "exact", "rank")),
        ("No 3", Parsed(3, None, "exact", "rank")),
        ("850bn yuan", Parsed(850e9, None, "exact", "yuan")),
        ("RMB1.2tn", Parsed(1.2e12, None, "exact", "yuan")),
        ("1.2 tn yuan", Parsed(1.2e12, None, "exact", "yuan")),
        ("¥500m", Parsed(500e6, None, "exact", "yuan")),
        ("US$70mn", Parsed(70e6, None, "exact", "USD")),
        ("20m yuan", Parsed(20e6, None, "exact", "yuan")),
        ("HK$3 billion", Parsed(3e9, None, "exact", "HKD")),
        ("MOP 500 million", Parsed(500e6, None, "exact", "MOP")),
        ("topped 3,000", Parsed(3000, None, "at_least", None)),
        # a sign written with the amount is kept: a fall is negative
        ("-3.5 percent", Parsed(-3.5, None, "exact", "percent")),
        ("−5", Parsed(-5, None, "exact", None)),
        ("−3.5%", Parsed(-3.5, None, "exact", "percent")),
        ("(-3.5%)", Parsed(-3.5, None, "exact", "percent")),
        ("-5 to -3 percent", Parsed(-5, -3, "range", "percent")),
        ("between -5 and 3 percent", Parsed(-5, 3, "range", "percent")),
        ("-RMB 5 billion", Parsed(-5e9, None, "exact", "yuan")),
        # a hyphen is no sign
        ("5-10 percent", Parsed(5, 10, "range", "percent")),
        ("5 -10 percent", Parsed(5, 10, "range", "percent")),
        ("-5-10 percent", Parsed(-5, 10, "range", "percent")),
        # every scale word of a run counts
        ("two hundred thousand", Parsed(200_000, None, "exact", None)),
        ("one hundred million yuan", Parsed(1e8, None, "exact", "yuan")),
        ("1.2 hundred million yuan", Parsed(1.2e8, None, "exact", "yuan")),
        ("150 to 220 hundred million yuan", Parsed(1.5e10, 2.2e10, "range", "yuan")),
        ("a million billion", Parsed(1e15, None, "exact", None)),
        ("3 hundred millionaires", Parsed(300, None, "exact", None)),
    ],
)
def test_parse_amount_reads_written_forms(as_written, expected):
    assert parse_amount(as_written) == expected


@pytest.mark.parametrize(
    ("as_written", "problem"),
    [
        ("", "empty"),
        ("several billion yuan", "no number"),
        ("often done", "no number"),
        ("2023 and 440 billion", "more than one number"),
        ("220 million to 150 million yuan", "runs downwards"),
        ("5% to 7 yuan", "different units"),
        ("first and fourth", "more than one ordinal"),
        # not 1: "1.2tn" without a currency is no trillion (a tonne?), and no number is cut short
        ("1.2tn", "no number"),
        ("-3 to -5 percent", "runs downwards"),
        # not 10^12: the second scale word is read too
        ("a trillion trillion", r"reads as 1e\+24, beyond the largest amount"),
        ("5 billion billion yuan", "beyond the largest amount"),
        # a place starts at 1
        ("No. 0", "no place 0 in 'No. 0': places start at 1"),
        ("No. 00", "no place 0"),
        ("0th", "no place 0 in '0th'"),
        ("ranked 0th", "no place 0"),
    ],
)
def test_parse_amount_rejects_unreadable_phrases(as_written, problem):
    with pytest.raises(AmountError, match=problem):
        parse_amount(as_written)


def test_fall_words_are_the_suggesters():
    # The build reads a fall as the suggester does, so that what it proposes passes the build.
    from extract import suggest

    assert suggest.fall_before is fall_before
    assert "_declines" not in vars(suggest._Context)  # no reading of its own beside it


@pytest.mark.parametrize(
    ("sentence", "amount", "fall"),
    [
        ("Output fell 4.2 percent.", "4.2", "'fell'"),
        ("Output was down 4.2 percent.", "4.2", "'down'"),
        ("Output saw a decline of 4.2 percent.", "4.2", "'a decline of'"),
        ("Output decreased by 4.2%.", "4.2", "'decreased by'"),
        ("Output contracted 4.2 percent.", "4.2", "'contracted'"),
        ("Growth was -3.5 percent.", "3.5", "a minus sign"),
        ("Growth was −3.5 percent.", "3.5", "a minus sign"),
        ("Growth (-3.5%) slowed.", "3.5", "a minus sign"),
        ("Output rose 4.2 percent.", "4.2", None),
        ("Output fell after it rose 4.2 percent.", "4.2", None),
        ("The 2023-2025 plan.", "2025", None),
        ("Output fell in 2023, up 4.2 percent.", "4.2", None),
    ],
)
def test_fall_before_reads_a_fall_as_the_suggester_does(sentence, amount, fall):
    from extract import suggest  # the suggester's reading of a fall

    start = sentence.index(amount)
    assert fall_before(sentence, start) == fall
    assert suggest.fall_before(sentence, start) == fall


@pytest.mark.parametrize(
    ("quote", "cues"),
    [
        ("targeting five new data centers by 2025, aiming to exceed", ["targeting", "by 2025",
                                                                       "aiming"]),
        ("Strive to promote more than 10,000", ["Strive"]),
        ("the province will have over 1.35 million", ["will"]),
        ("a plan with a clear goal", ["plan", "goal"]),
        ("Guizhou has quickly established itself, reaching 85 exaflops", []),
        ("a willing planner", []),
    ],
)
def test_status_cues_find_target_wording(quote, cues):
    assert status_cues(quote) == cues


@pytest.mark.parametrize(
    ("parsed_unit", "metric_unit", "compatible"),
    [
        (None, "count", True),
        ("yuan", "yuan", True),
        ("EFLOPS", "EFLOPS", True),
        ("percent", "percent", True),
        ("rank", "rank", True),
        ("percent", "count", False),
        ("USD", "yuan", False),
        ("rank", "count", False),
    ],
)
def test_unit_is_compatible_with_metric_unit(parsed_unit, metric_unit, compatible):
    assert unit_is_compatible(parsed_unit, metric_unit) is compatible


@pytest.mark.parametrize(
    ("value", "written"),
    [(85.0, "85"), (440e9, "440000000000"), (100 / 7, "14.285714285714286"), (0.5, "0.5"),
     (None, "")],
)
def test_format_number_drops_trailing_zero(value, written):
    assert format_number(value) == written


@given(st.integers(min_value=0, max_value=10**15))
def test_parse_amount_thousands_separators_round_trip(number):
    assert parse_amount(f"{number:,}").value == number


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=99))
def test_parse_amount_million_scales_by_a_million(whole, hundredths):
    written = f"{whole}.{hundredths:02d}"
    assert parse_amount(f"{written} million").value == pytest.approx(
        (whole * 100 + hundredths) * 10_000, rel=1e-12
    )
    assert parse_amount(f"{whole} million").value == whole * 1_000_000


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from(["", " million", " billion"]),
    st.sampled_from(["", " yuan"]),
)
def test_parse_amount_range_low_not_above_high(a, b, scale, unit):
    low, high = sorted((a, b))
    parsed = parse_amount(f"{low}{scale} to {high}{scale}{unit}")
    assert parsed.qualifier == "range"
    assert parsed.value <= parsed.value_high
    assert parsed.unit == (unit.strip() or None)


@given(
    st.sampled_from(["over", "more than", "at least", "exceed", "nearly", "about", "up to",
                     "less than"]),
    st.integers(min_value=1, max_value=10**9),
)
def test_parse_amount_hedge_word_sets_qualifier_not_value(hedge, number):
    expected = {"over": "at_least", "more than": "at_least", "at least": "at_least",
                "exceed": "at_least", "nearly": "approx", "about": "approx",
                "up to": "at_most", "less than": "at_most"}[hedge]
    parsed = parse_amount(f"{hedge} {number:,}")
    assert (parsed.value, parsed.qualifier) == (number, expected)


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=12))
def test_parse_amount_one_in_n_is_a_percent_share(numerator, denominator):
    if numerator > denominator:
        numerator, denominator = denominator, numerator
    parsed = parse_amount(f"{numerator} out of every {denominator}")
    assert parsed.unit == "percent"
    assert parsed.value == pytest.approx(100 * numerator / denominator)
