"""The number-mention finder: every amount of the body, and nothing that only looks like one."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.mentions import Mention, number_mentions, sentence_spans
from extract.reader import read_article, segment_text

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


def mentions_of(text: str) -> list[Mention]:
    return number_mentions(text, segment_text(text))


def found(text: str) -> list[tuple]:
    """(as_written, value, unit, qualifier) per mention: the whole output in one literal."""
    return [(m.as_written, m.value, m.unit, m.qualifier) for m in mentions_of(text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Guizhou reached 85 exaflops.", [("85 exaflops", 85, "EFLOPS", "exact")]),
        ("The hub has 14,000P of intelligent computing.", [("14,000P", 14, "EFLOPS", "exact")]),
        ("The cluster adds 10E of capacity.", [("10E", 10, "EFLOPS", "exact")]),
        # in lower case a "p" is still petaflops, and a letter may stand apart
        ("Its computing power is 14,000p.", [("14,000p", 14, "EFLOPS", "exact")]),
        ("Its computing power reached 1,000 P.", [("1,000 P", 1, "EFLOPS", "exact")]),
        ("Computing capacity hit 40 E by June.", [("40 E", 40, "EFLOPS", "exact")]),
        # ... but only where the sentence speaks of computing
        ("Plan 5 P was adopted.", [("5", 5, "count", "exact")]),
        ("It runs at 500 PFLOPS today.", [("500 PFLOPS", 0.5, "EFLOPS", "exact")]),
        ("A node gives 300 TFLOPS.", [("300 TFLOPS", 0.0003, "EFLOPS", "exact")]),
        ("The fund holds 10 billion yuan.", [("10 billion yuan", 1e10, "yuan", "exact")]),
        # two scale words, one after the other
        ("It gives one hundred million yuan and 3 hundred thousand yuan.",
         [("one hundred million yuan", 1e8, "yuan", "exact"),
          ("3 hundred thousand yuan", 3e5, "yuan", "exact")]),
        ("The fund holds RMB 3.5 billion.", [("RMB 3.5 billion", 3.5e9, "yuan", "exact")]),
        ("The fund holds RMB3.5 billion.", [("RMB3.5 billion", 3.5e9, "yuan", "exact")]),
        ("The fund holds CNY 2 billion.", [("CNY 2 billion", 2e9, "yuan", "exact")]),
        ("They set up a 10-billion-yuan fund.", [("10-billion-yuan", 1e10, "yuan", "exact")]),
        ("Output rose 12.5 per cent.", [("12.5 per cent", 12.5, "percent", "exact")]),
        ("Output rose 12 percent.", [("12 percent", 12, "percent", "exact")]),
        ("Output rose 12 pct.", [("12 pct", 12, "percent", "exact")]),
        ("It will invest RMB 5 bn.", [("RMB 5 bn", 5e9, "yuan", "exact")]),
        ("It made 3.2 mln cars.", [("3.2 mln", 3.2e6, "vehicles", "exact")]),
        # "tn" is also a tonne: not a scale
        ("It made 50,000 tn of steel.", [("50,000", 50000, "count", "exact")]),
        ("The share rose 3 percentage points.",
         [("3 percentage points", 3, "percentage points", "exact")]),
        ("It has 10,000-plus firms.", [("10,000-plus", 10000, "count", "at_least")]),
        ("It has 10,000+ firms.", [("10,000+", 10000, "count", "at_least")]),
        ("Nearly half of the firms are local.", [("Nearly half", 50, "percent", "approx")]),
        ("A third of the servers are idle.", [("A third", 100 / 3, "percent", "exact")]),
        ("Two-thirds of them are new.", [("Two-thirds", 200 / 3, "percent", "exact")]),
        ("Capacity doubled last year.", [("doubled", 2, "multiple", "exact")]),
        ("Capacity grew nearly three times.", [("nearly three times", 3, "multiple", "approx")]),
        ("The profit was 150 million to 220 million yuan.",
         [("150 million to 220 million yuan", 1.5e8, "yuan", "range")]),
        ("It will cost between 5 and 7 million yuan.",
         [("between 5 and 7 million yuan", 5e6, "yuan", "range")]),
        ("It rose from 5 to 8 EFLOPS.",
         [("5", 5, "count", "exact"), ("8 EFLOPS", 8, "EFLOPS", "exact")]),
        ("It has over 1.35 million R&D personnel.",
         [("over 1.35 million", 1.35e6, "persons", "at_least")]),
        ("It made 2.5 million new energy vehicles.",
         [("2.5 million", 2.5e6, "vehicles", "exact")]),
        ("One in four cars is made here.", [("One in four", 25, "percent", "exact")]),
        ("Every 4 cars in the country, one is made here.",
         [("Every 4 cars in the country, one", 25, "percent", "exact")]),
        ("Half of the five platforms are here.", [("Half of the five", 50, "percent", "exact")]),
        ("It ranks second in the country.", [("second", 2, "rank", "exact")]),
        ("It is China's third-largest hub.", [("third", 3, "rank", "exact")]),
        ("It was ranked No. 1 in the survey.", [("No. 1", 1, "rank", "exact")]),
        ("It keeps leading the country.", [("leading the country", 1, "rank", "exact")]),
        ("Hangzhou, Shanghai and Hefei were listed first, fourth and fifth respectively.",
         [("first", 1, "rank", "exact"), ("fourth", 4, "rank", "exact"),
          ("fifth", 5, "rank", "exact")]),
        ("Three cities made the list.", [("Three", 3, "count", "exact")]),
        ("It has run for seven consecutive years.", [("seven", 7, "years", "exact")]),
        ("Tickets cost $5 each.", [("$5", 5, "USD", "exact")]),
    ],
)
def test_mentions_read_amount_forms(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The report was released on March 28.",
        "The expo runs from Sept 17 to 19.",
        "On 26 January the plant opened.",
        "The page says 2019-04-19 at the top.",
        "In 2024 the plan was adopted.",
        "The firm was founded in the 1990s by post-80s engineers.",
        "The meeting starts at 10:30 and ends at 5 pm.",
        "A man aged 35 spoke, and a 40-year-old engineer joined.",
        "Call 010-6523 1234 for details.",
        "Its office is at No. 8 Kexue Road.",
        "See Section 3 and Article 12 of the rules.",
        "The model GPT-4 and Qwen2.5 run on 5G networks with H100 chips.",
        "DeepSeek-V3 and DeepSeek-R1 were released.",
        "The 14th Five-Year Plan is under way.",
        "It adopted a three-year action plan.",
        "It won the first prize, the first of its kind.",
        "One participant said the plan was one of the best.",
        "Thousands of firms joined, and tens of thousands of people.",
        "It is a trillion-dollar market worth several billion yuan.",
        "The Shenzhen 01 College and 360 Digital Security signed a deal.",
        "In the first half of 2024 the work took less than half a minute.",
        "In the first three quarters, output rose.",
        "Over the past two quarters, output rose.",
        "It saw double-digit growth.",
        "It follows Policy Document No. 2025-17 of the city.",
        "Data centers in Guiyang run at 18°C, about 23 C in summer, or 15 degrees Celsius.",
        # a number of Chinese text, and a document's number
        "The fund (约50亿元) was set up in 2025年 with 3个 partners.",
        "Yue Fu Ban [2025] No. 6 and Notice No. 12 were issued.",
    ],
)
def test_mentions_skip_numbers_that_are_not_amounts(sentence):
    assert found(sentence) == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Hong Kong pledged HK$3 billion and NT$2 billion.",
     [("HK$3 billion", 3e9, "HKD", "exact"), ("NT$2 billion", 2e9, "TWD", "exact")]),
    ("Output may exceed 1.2tn yuan, or 850bn yuan, or RMB1.2tn.",
     [("exceed 1.2tn yuan", 1.2e12, "yuan", "at_least"), ("850bn yuan", 850e9, "yuan", "exact"),
      ("RMB1.2tn", 1.2e12, "yuan", "exact")]),
    # "m" and "mn" are millions with a currency, elsewhere a metre
    ("It offers up to ¥500m, RMB 3mn and 20m yuan; the tower is 600m tall.",
     [("up to ¥500m", 500e6, "yuan", "at_most"), ("RMB 3mn", 3e6, "yuan", "exact"),
      ("20m yuan", 20e6, "yuan", "exact"), ("600m", 600, "m", "exact")]),
    ("It ranks No 3 nationwide and was tied for fourth.",
     [("No 3", 3, "rank", "exact"), ("fourth", 4, "rank", "exact")]),
    ("It plans to have 3,000 AI companies within three years.",
     [("3,000", 3000, "count", "exact"), ("three", 3, "years", "exact")]),
])
def test_mentions_read_currencies_scales_and_ranks_as_business_news_writes_them(sentence,
                                                                               expected):
    assert found(sentence) == expected


def test_mentions_list_markers_are_not_amounts():
    assert found("1. Build 20 data centres.\n2) Train 3,000 engineers.\n") == [
        ("20", 20, "count", "exact"),
        ("3,000", 3000, "persons", "exact"),
    ]


def test_mentions_dollar_restatement_points_at_the_yuan_figure():
    text = "It gave 1 billion yuan ($140 million) in subsidies.\n"
    yuan, dollars = mentions_of(text)
    assert (yuan.as_written, yuan.restates) == ("1 billion yuan", None)
    assert (dollars.as_written, dollars.unit) == ("$140 million", "USD")
    assert dollars.restates == yuan.start


def test_mentions_dollars_first_the_dollar_figure_restates():
    text = "It raised $1.4 billion (10 billion yuan) last year.\n"
    dollars, yuan = mentions_of(text)
    assert dollars.restates == yuan.start and yuan.restates is None


def test_mentions_dollar_only_amount_is_not_a_restatement():
    (dollars,) = mentions_of("The firm raised $5 billion.\n")
    assert (dollars.unit, dollars.value, dollars.restates) == ("USD", 5e9, None)


def test_mentions_offsets_and_sentence_index_the_text():
    text = "Intro line.\nGuizhou reached 85 exaflops. Beijing has over 2,400 firms.\n"
    first, second = mentions_of(text)
    assert text[first.start : first.end] == "85 exaflops"
    assert text[first.sentence_start : first.sentence_end] == "Guizhou reached 85 exaflops."
    assert text[second.start : second.end] == "over 2,400"
    assert text[second.sentence_start : second.sentence_end] == "Beijing has over 2,400 firms."


def test_mentions_only_in_body_segments():
    text = (
        "SOURCE: https://example.cn/a\nTITLE: Guizhou hits 90 EFLOPS\nPUBLISHED: 2025-01-06\n\n"
        "Guizhou reached 85 exaflops.\nRelated Articles\nBeijing adds 50 EFLOPS\n"
    )
    assert found(text) == [("85 exaflops", 85, "EFLOPS", "exact")]


def test_mentions_sentences_do_not_split_at_abbreviations():
    text = "Baiyun Electric Co., Ltd. earned 2 million yuan. No. 1 was Jan. 6 news.\n"
    spans = [text[s:e] for s, e in sentence_spans(text, 0, len(text))]
    assert spans == ["Baiyun Electric Co., Ltd. earned 2 million yuan.", "No. 1 was Jan. 6 news."]


def test_mentions_a_sentence_ends_after_a_spaced_unit_of_computing_power():
    # "10,000 P." is a unit and a full stop; "John P. Smith" holds an initial
    text = ("Computing power reached 10,000 P. It grew. The plan was drafted by John P. Smith. "
            "Guizhou reached 62 E. Fine.\n")
    spans = [text[s:e] for s, e in sentence_spans(text, 0, len(text))]
    assert spans == ["Computing power reached 10,000 P.", "It grew.",
                     "The plan was drafted by John P. Smith.", "Guizhou reached 62 E.", "Fine."]


def test_mentions_seed_004_every_amount_in_order():
    (path,) = ARTICLES.glob("004_*.txt")
    article = read_article(path)
    mentions = number_mentions(article.text, article.segments)
    assert [(m.as_written, m.value, m.unit) for m in mentions] == [
        ("Three", 3, "count"),
        ("five", 5, "count"),
        ("first", 1, "rank"),
        ("fourth", 4, "rank"),
        ("fifth", 5, "rank"),
        ("three", 3, "count"),
        ("Half of the five", 50, "percent"),
    ]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_mentions_seed_as_written_is_the_text_and_reads_back(prefix):
    from extract.numbers import parse_amount

    (path,) = ARTICLES.glob(f"{prefix}_*.txt")
    article = read_article(path)
    for mention in number_mentions(article.text, article.segments):
        assert article.text[mention.start : mention.end] == mention.as_written
        assert mention.sentence_start <= mention.start < mention.end <= mention.sentence_end
        if mention.value is not None and mention.unit not in ("rank",):
            assert parse_amount(mention.as_written).value == mention.value


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-%$abcdefhimnoprstuy\n¥()EP")),
               max_size=200))
def test_mentions_any_text_gives_spans_inside_it(text):
    for mention in mentions_of(text):
        assert text[mention.start : mention.end] == mention.as_written
        assert 0 <= mention.sentence_start <= mention.start <= mention.end <= mention.sentence_end


NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**12).map(lambda n: f"{n:,}"),
    st.integers(min_value=0, max_value=10**9).map(str),
    st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False).map(str),
)
HEDGES = st.sampled_from(["", "more than ", "over ", "nearly ", "up to ", "no more than ",
                          "about ", "exceed ", "Some ", "close to "])
CURRENCIES = st.sampled_from(["", "$", "US$", "¥", "RMB ", "RMB", "CNY "])
SCALES = st.sampled_from(["", " million", " billion", "million", " thousand", " hundred"])
UNITS = st.sampled_from(["", "%", " percent", " per cent", " yuan", " EFLOPS", " petaflops",
                         " PFLOPS", " exaflops", "P", "E"])


@given(HEDGES, CURRENCIES, NUMBERS, SCALES, UNITS)
def test_mentions_simple_amounts_read_as_the_parser_reads_them(hedge, currency, number, scale,
                                                                unit):
    from extract.mentions import _parse
    from extract.numbers import AmountError, parse_amount

    written = f"{hedge}{currency}{number}{scale}{unit}"
    try:
        expected = parse_amount(written)
    except AmountError:
        return  # e.g. "$5 yuan": the shortcut hands such phrases to the parser as well
    assert _parse.__wrapped__(written) == expected


# The fast paths of the finder against the patterns they stand in for, on text built from the
# pieces where they could part ways: trigger words in any case, words run together or split by
# a full stop, runs of digits, capitals right after a word.
_PIECES = [
    "one", "One", "ONE", "oneX", "someone", "2one", "No.", "No", "Nov.", "a hundred", "A half",
    "a.half", "an eighth", "half", "first", "First", "tenth", "twenty-one", "every", "top",
    "leading", "1,234.5", "2024", "7", "0.5", "3 quarters", "2-thirds", " ", "  ", "\n", ".", ",",
    "-", "(", '"', "x", "Q", "Road", "Mr. Li", "! ", "? ", ". A", ". 5",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.data())
@settings(max_examples=400, deadline=None)
def test_property_trigger_places_find_what_trigger_finds(pieces, data):
    from extract.mentions import TRIGGER, _trigger_places, _trigger_starts

    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    expected = [m.start() for m in TRIGGER.finditer(text, start, end)]
    assert _trigger_starts(text, start, end, _trigger_places(text)) == expected


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
@settings(max_examples=300, deadline=None)
def test_property_digit_core_agrees_with_core_where_a_digit_stands(pieces):
    from extract.mentions import CORE, DIGIT_CORE

    text = "".join(pieces)

    def spans(pattern, at):
        match = pattern.match(text, at)
        return match and (match.lastgroup, match.start(), match.end())

    for at, char in enumerate(text):
        if char.isdecimal():
            assert spans(DIGIT_CORE, at) == spans(CORE, at)


RANGE_NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**16).map(lambda n: f"{n:,}"),
    st.integers(min_value=0, max_value=10**16).map(str),
    st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False).map(str),
    st.sampled_from(["0012", "1.50", ".5", "1,2345", "5.", "12,34"]),
)
RANGE_OPENINGS = st.sampled_from(["", "between ", "Between ", "BETWEEN ", "between  ", "about "])
RANGE_SEPARATORS = st.sampled_from([" and ", " to ", "-", " - ", " AND ", " To ", "to", " or "])
RANGE_SCALES = st.sampled_from(["", " million", " billion", " trillion", " Hundred", " millions",
                                "million"])
RANGE_UNITS = st.sampled_from(["", "%", " %", " percent", " per cent", " yuan", " EFLOPS",
                               " petaflops", " PFLOPS", " exaflops", " dollars", "P", " Percent"])


@given(RANGE_OPENINGS, RANGE_NUMBERS, RANGE_SCALES, RANGE_SEPARATORS, RANGE_NUMBERS,
       RANGE_SCALES, RANGE_UNITS)
def test_mentions_simple_ranges_read_as_the_parser_reads_them(opening, low, low_scale,
                                                               separator, high, scale, unit):
    from extract.mentions import _simple_range
    from extract.numbers import AmountError, parse_amount

    written = f"{opening}{low}{low_scale}{separator}{high}{scale}{unit}"
    try:
        expected = parse_amount(written)
    except AmountError:
        expected = None  # the shortcut hands such phrases to the parser, which says why
    found = _simple_range(written)
    if found is not None:
        assert found == expected
        assert expected.value_high is not None


_SENTENCE_PIECES = [
    "Guangdong", "grew", "5", "2024", ".", "..", "...", "!", "?", "。", "！", "？", " ", "  ", '"',
    "”", "’", "'", ")", "]", "(", "[", "“", "‘", "A", "a", "Z", "9", "北京", "\u00a0", "Mr", "e.g",
]


@given(st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=40))
@settings(max_examples=400, deadline=None)
def test_property_sentence_ends_find_what_sentence_end_finds(pieces):
    from extract.mentions import SENTENCE_END, _sentence_ends

    line = "".join(pieces)
    expected = [m.span() for m in SENTENCE_END.finditer(line)]
    assert [m.span() for m in _sentence_ends(line)] == expected


_FOLLOWER_PIECES = [
    " ", "  ", "\u00a0", "\u2003", "times", "Times", "-fold", "fold", "to", "TO", "-", "–", "—",
    "~", "and", "AND", "+", "plus", "-plus", "or more", "and above", "per", "year", "5", "billion",
    "yuan", "(", ".", ",", "x", "ſ", "K", "Ａ",
]


@given(st.lists(st.sampled_from(_FOLLOWER_PIECES), max_size=8))
@settings(max_examples=400, deadline=None)
def test_property_follower_openings_cover_the_patterns_after_an_amount(pieces):
    from extract.mentions import (
        BETWEEN_AFTER,
        FOLLOWER_OPENINGS,
        PLUS_AFTER,
        RANGE_AFTER,
        TIMES_AFTER,
    )

    after = "".join(pieces)
    opening = after.lstrip()[:1]
    if opening.isascii() and opening not in FOLLOWER_OPENINGS:
        for pattern in (TIMES_AFTER, RANGE_AFTER, BETWEEN_AFTER, PLUS_AFTER):
            assert pattern.match(after) is None


_MEASURED_PIECES = [
    " ", "  ", "\u00a0", "-", "–", "%", "billion", "Billion", "bn", "mln", "trn", "hundred",
    "thousand", "percent", "per cent", "pct", "percentage points", "yuan", "RMB", "CNY",
    "U.S. dollars", "dollars", "USD", "exaflops", "EFLOPS", "petaflops", "PFLOPS", "teraflops",
    "TFLOPS", "s", "x", "AI", "(", ",", ".", "K", "ſ", "Ｂ", "5",
]


@given(st.lists(st.sampled_from(_MEASURED_PIECES), max_size=6))
@settings(max_examples=400, deadline=None)
def test_property_measured_openings_cover_the_measured_pattern(pieces):
    from extract.mentions import MEASURED_AFTER, MEASURED_OPENINGS
    from extract.patterns import may_open_with

    after = "".join(pieces)
    if not may_open_with(after, 0, MEASURED_OPENINGS):
        assert MEASURED_AFTER.match(after) is None


_UNIT_PIECES = [
    " ", "  ", "\t", "5", "150 million", "billion", "%", "percent", "Per Cent", "pct",
    "percentage points", "point", "yuan", "RMB", "CNY", "U.S. dollars", "US dollars", "dollar",
    "USD", "exaflop", "EXAFLOPS", "EFLOPS", "petaflops", "PFLOPS", "teraflops", "TFLOPS", "s",
    "x", "-", "ſ", "K", "é", ".",
]


@given(st.lists(st.sampled_from(_UNIT_PIECES), max_size=6), st.integers(0, 40))
@settings(max_examples=600, deadline=None)
def test_property_unit_endings_cover_every_unit_at_the_end(pieces, start):
    from extract.mentions import UNIT_AT_END, _unit_at_end

    text = "".join(pieces)
    start = min(start, len(text))
    expected = UNIT_AT_END.search(text, start, len(text))
    found = _unit_at_end(text, start, len(text))
    assert (found and found.span()) == (expected and expected.span())


def test_the_plain_amount_pattern_reads_every_hedge_and_sign():
    # The fast path of _parse: every hedge phrase, in either case, and every currency sign
    # opens a plain amount it reads itself (its hedge looked for only before a letter).
    from extract.mentions import HEDGE_PHRASES, SIMPLE_AMOUNT

    for hedge in HEDGE_PHRASES:
        for written in (hedge, hedge.capitalize(), hedge.upper()):
            match = SIMPLE_AMOUNT.fullmatch(f"{written} 1,500 billion yuan")
            assert match is not None and match.group("hedge") == written, written
    for sign in ("$", "US$", "¥", "RMB ", "RMB", "CNY "):
        match = SIMPLE_AMOUNT.fullmatch(f"{sign}300 million")
        assert match is not None and match.group("currency") == sign and not match["hedge"]
