"""Find every amount an article's body states: the numbers the suggester and the ledger work on.

`number_mentions(text, segments)` walks the body segments sentence by sentence and returns each
amount with its offsets, the words that bound it ("over 1.35 million", "nearly half",
"10,000-plus"), its value in canonical units (read by `extract.numbers.parse_amount` from
`as_written` itself, so a curated fact made from a mention passes the build's checks) and the
sentence holding it.

What counts as a mention: numbers in digits or words with their scale and unit (yuan, RMB, CNY,
dollars, percent, per cent, percentage points, EFLOPS, PFLOPS, TFLOPS, "14,000P", "10E"),
ranges ("150 million to 220 million yuan", "between 5 and 7"), shares ("one-seventh", "a third
of", "one out of every four", "Every 4 ..., one", "half of the five"), multiples ("doubled",
"three times"), places in a ranking ("ranking first", "the second-largest", "No. 1", "leading
the country"), durations ("seven consecutive years") and counts of anything else.

What does not: dates and years used as dates ("March 28", "2019-04-19", "in 2024", "the 1990s"),
times of day, ages, phone numbers, addresses ("No. 8 Kexue Road"), list markers and section
numbers, model, product and organisation names ("GPT-4", "5G", "Qwen2.5", "360 Digital
Security"), plan names ("14th Five-Year Plan", "a three-year action plan"), ordinals that are not a
place in a ranking ("the first prize"), "one" as a pronoun ("one participant"), and vague amounts
with no number ("thousands of", "several billion", "trillion-dollar").

Restatements: in "1 billion yuan ($140 million)" both amounts are mentions, so the ledger
accounts for both; the dollar one carries `restates` = the start offset of the yuan mention it
restates (whichever comes first), and the suggester proposes only the yuan figure.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from operator import truediv
from typing import Final, NamedTuple

from extract.numbers import (
    AFTER_NUMBER_HEDGES,
    DENOMINATORS,
    MULTIPLE_WORDS,
    ORDINALS,
    QUALIFIER_WORDS,
    SCALES,
    SMALL_NUMBERS,
    TENS,
    AmountError,
    Parsed,
    parse_amount,
)
from extract.patterns import (
    LETTERS_LOWERED,
    Words,
    by_affix,
    literal_alternation,
    may_open_with,
    search_before,
)
from extract.reader import BODY, as_read


class Mention(NamedTuple):
    """One amount in an article. A tuple, not a frozen dataclass: an article has many, and a
    frozen dataclass sets each field through object.__setattr__ when it is made (two and a half
    times the instructions of making the tuple)."""

    start: int  # offset of the amount in the decoded article text (Python str index)
    end: int  # just past it; text[start:end] == as_written
    as_written: str  # the amount as written, hedge words included ("over 1.35 million")
    value: float | None  # in the canonical unit (EFLOPS, yuan, percent, count...); None if unknown
    value_high: float | None
    unit: str  # canonical unit, "USD", "multiple", "rank", "years", ...; "unknown" if unread
    qualifier: str  # exact, at_least, at_most, approx, range
    sentence_start: int  # the sentence holding the mention (offsets in the same text)
    sentence_end: int
    restates: int | None = None  # start of the mention this one restates in another currency


# --- vocabulary -------------------------------------------------------------------------------
MONTH_WORD: Final = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# The amount parser's scale words as a trie (`literal_alternation`): the abbreviations ("bn")
# cost no more than one word.
SCALE_WORD: Final = "(?:" + literal_alternation(SCALES) + ")"
# Units written after a number; a hyphen may join them ("10-billion-yuan", "100-exaflop").
UNIT_AFTER: Final = (
    r"(?:%|percent\b|per\s+cent\b|pct\b|percentage\s+points?\b|yuan\b|RMB\b|CNY\b|U\.?S\.?\s+dollars\b"
    r"|dollars?\b|USD\b|exaflops?\b|EFLOPS\b|petaflops?\b|PFLOPS\b|teraflops\b|TFLOPS\b)"
)
# Letters glued to a number that make it a computing-power amount ("14,000P", "10E", "5EFLOPS").
ATTACHED_COMPUTING: Final = {"p", "e", "pflops", "eflops", "tflops", "petaflops", "exaflops"}
# Letters glued to a number that make it a measure outside the canonical units ("100MW").
ATTACHED_MEASURES: Final = {
    "km", "m", "kg", "t", "mw", "gw", "kw", "kwh", "mwh", "gwh", "twh", "tb", "pb", "eb", "zb",
    "gb", "mb", "gbps", "tbps", "ha", "mu", "sqm",
}
ORDINAL_SUFFIXES: Final = {"st", "nd", "rd", "th"}
# Scale abbreviations glued to a number ("850bn yuan", "RMB1.2tn"); "tn" only with a currency.
# "m" or "mn" ("¥500m", "$70mn") only with a currency too: elsewhere "m" is a metre.
ATTACHED_SCALES: Final = {"mln", "bn", "bln", "trn", "trln", "tn", "m", "mn"}
CURRENCY_ONLY_SCALES: Final = {"tn", "m", "mn"}
CURRENCY_AFTER: Final = re.compile(r"\s*(?:yuan|RMB|CNY|US\s+dollars|dollars|USD)\b", re.I)
# "1,000 P", "40 E": a letter standing alone after the number (not "E." of a name's initial
# followed by more of it, not "P-series"), read as computing power where the sentence is about it.
SPACED_COMPUTING: Final = re.compile(r" [PE](?![\w'’-]|\.\s*[A-Z][a-z])")
PERSON_NOUNS: Final = {
    "people", "persons", "person", "personnel", "workers", "employees", "staff", "talents",
    "talent", "researchers", "scientists", "engineers", "students", "graduates", "residents",
    "members", "experts", "professionals", "visitors", "participants", "attendees", "doctors",
    "teachers", "developers", "practitioners", "specialists", "academicians", "scholars",
}
VEHICLE_NOUNS: Final = {
    "vehicles", "vehicle", "cars", "nevs", "trucks", "buses", "taxis", "robotaxis"
}
TIME_NOUNS: Final = {
    "year": "years", "years": "years", "month": "months", "months": "months", "week": "weeks",
    "weeks": "weeks", "day": "days", "days": "days", "hour": "hours", "hours": "hours",
    "minute": "minutes", "minutes": "minutes", "decade": "decades", "decades": "decades",
    "second": "seconds", "seconds": "seconds", "millisecond": "milliseconds",
    "milliseconds": "milliseconds", "microseconds": "microseconds",
}
# Its words' letters are possessive ("[a-z]++"), as in the suggester's patterns: none is given
# back to the space or comma after them, which could not match it.
STREET: Final = re.compile(
    r"^\s+(?:[A-Z][a-z]++\s+){1,3}(?:Road|Street|Avenue|Boulevard|Lu|Jie|Dadao|Lane|Alley"
    r"|Hutong)\b"
)

# The word lists below are tries (`literal_alternation`), which match what the alternation of
# their words sorted longest first matches: in a pattern ignoring case the regex engine steps
# into every branch of an alternation to test its first letter, a few dozen for a plain list of
# words, a dozen for a trie.
_UNITS_1_9: Final = [k for k, v in SMALL_NUMBERS.items() if 0 < v < 10]
_WORD_NUMBER: Final = (
    rf"(?:(?:{literal_alternation(TENS)})-(?:{literal_alternation(_UNITS_1_9)})"
    rf"|{literal_alternation([*SMALL_NUMBERS, *TENS])})"
)
_ORDINAL_WORD: Final = literal_alternation(ORDINALS)
_DENOMINATOR: Final = literal_alternation(DENOMINATORS)
_MULTIPLE: Final = literal_alternation(MULTIPLE_WORDS)
_DIGITS: Final = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)|\d+(?:\.\d+)?"

# Where an amount may start. Alternatives at one position are tried in this order.
CORE: Final = re.compile(
    rf"(?P<every>\bevery\s+(?:\d+|{_WORD_NUMBER})\b[^,.;:!?\n]{{1,80}}?,\s*(?:one|\d+)\b)"
    rf"|(?P<lead>\blead(?:s|ing)?\s+(?:the|all\s+the)\s+(?:country|nation)\b|\btop\s+spot\b"
    rf"|\bnumber\s+one\b)"
    rf"|(?P<numbered>\bNo\.\s?\d+\b)"
    rf"|(?P<fraction>\b(?:{_WORD_NUMBER}|a|an|\d+)[\s-]+(?:{_DENOMINATOR})\b|\bhalf\b)"
    rf"|(?P<multiple>\b(?:{_MULTIPLE})\b)"
    rf"|(?P<digits>(?<![\d.,])(?:{_DIGITS}))"
    rf"|(?P<word>\b{_WORD_NUMBER}\b|\ba\s+(?={SCALE_WORD}\b))"
    rf"|(?P<ordinal>\b(?:{_ORDINAL_WORD})\b)",
    re.I,
)
# CORE where a digit stands (`\d`, as str.isdecimal): of its alternatives only these two can
# match there, and trying just them takes half the time.
DIGIT_CORE: Final = re.compile(
    rf"(?P<fraction>\b\d+[\s-]+(?:{_DENOMINATOR})\b)|(?P<digits>(?<![\d.,])(?:{_DIGITS}))", re.I
)
FOREIGN_DOLLAR_BEFORE: Final = re.compile(r"(?:HK|NT|S|A|C)\$$")
SCALE_AFTER: Final = re.compile(rf"^(?:\s*-?\s*{SCALE_WORD}s?\b){{1,2}}", re.I)  # "hundred million"
UNIT_AFTER_RE: Final = re.compile(rf"^\s*-?\s*{UNIT_AFTER}", re.I)
PLUS_AFTER: Final = re.compile(
    r"^(?:\s?\+|-plus\b|\s+plus\b|\s+or\s+more\b|\s+and\s+above\b)", re.I
)
TIMES_AFTER: Final = re.compile(r"^\s*(?:times\b|-?fold\b)", re.I)
FREQUENCY_AFTER: Final = re.compile(r"^\s+(?:a|per|each|every)\s+(?:year|month|week|day)\b", re.I)
RANGE_AFTER: Final = re.compile(
    rf"^\s*(?:to|-|–|—|~)\s*(?:US\$|\$|¥|RMB\s?|CNY\s?)?(?:{_DIGITS}|{_WORD_NUMBER}\b)", re.I
)
BETWEEN_AFTER: Final = re.compile(rf"^\s+and\s+(?:US\$|\$|¥|RMB\s?|CNY\s?)?(?:{_DIGITS})", re.I)
SHARE_AFTER: Final = re.compile(
    rf"^\s+(?:out\s+of|in)\s+(?:every\s+)?(?:\d{{1,3}}|{_WORD_NUMBER})\b(?!\s*(?:,\d|\d))", re.I
)
OF_THE_NUMBER: Final = re.compile(
    rf"^\s+of\s+(?:the\s+|its\s+|their\s+)?(?:\d+|{_WORD_NUMBER})\b", re.I
)
RANK_BEFORE: Final = re.compile(
    rf"\b(?:rank(?:s|ed|ing)?|listed|placed|came|comes|coming|stood|stands|finished|tied\s+for"
    rf"|ranked\s+No\.|(?:rose|rising|climbed|climbing|jumped|moved\s+up|fell|falling|dropped"
    rf"|slipped|slid)(?:\s+(?:one|two|three|four|five|six|\d{{1,2}})\s+(?:places?|spots?"
    rf"|positions?|notch(?:es)?|rungs?))?\s+to)"
    rf"\s+(?:(?:{_ORDINAL_WORD}|\d+(?:st|nd|rd|th))(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+))*"
    rf"(?:the\s+)?$",
    re.I,
)
RANK_AFTER: Final = re.compile(
    r"^(?:\s+(?:place|position|spot)\b|-?\s?(?:largest|biggest|highest|lowest|strongest|most)\b"
    r"|\s+(?:in|among)\s+(?:the\s+)?(?:country|nation|world|china|province|provinces|cities)\b"
    r"|\s+nationwide\b|\s+nationally\b)",
    re.I,
)
MONTH_AFTER: Final = re.compile(
    rf"^(?:st|nd|rd|th)?\s*(?:[-–]\s*\d{{1,2}}\s+)?{MONTH_WORD}\b", re.I
)
ISO_DATE: Final = re.compile(r"^[-/.]\d{1,2}[-/.]\d{1,4}\b|^/\d{1,2}\b")
TIME_AFTER: Final = re.compile(
    r"^(?::\d\d|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock\b|hours?\s+Beijing\s+time\b))", re.I
)
AGE_BEFORE: Final = re.compile(
    r"\b(?:aged|age\s+of|ages\s+of|ages)\s+(?:\d+\s*(?:to|-|and)\s*)?$", re.I
)
NAME_AGE_BEFORE: Final = re.compile(r"\b[A-Z][a-z]++(?:\s+[A-Z][a-z]++)?,\s$")
# What follows a name's age: "said Zhang Wei, 45, an official", "Li Na, 52, deputy director",
# "Luo, 52, said".
AGE_COMMA_AFTER: Final = re.compile(
    r"^,\s+(?:said|says|told|added|noted|explained|recalled|stressed|believes|thinks|recently"
    r"|a|an|the|who|from|of|deputy|vice|director|head|chief|chair(?:man|woman|person)?"
    r"|president|secretary|mayor|governor|official|spokes(?:person|man|woman)|professor"
    r"|researcher|engineer|founder|co-founder|manager|executive|general|senior|member|dean"
    r"|scientist|analyst|expert|owner|resident|student|teacher|worker|employee|entrepreneur)\b"
)
AGE_AFTER: Final = re.compile(r"^[\s-]+years?[\s-]+old\b", re.I)
PLAN_AFTER: Final = re.compile(
    r"^[\s-]+year\s+(?:action\s+|development\s+|work\s+)?(?:plan|program|programme)\b", re.I
)
PHONE: Final = re.compile(
    r"(?:\+\d{1,3}[\s-]?)?\(?\d{2,4}\)?[\s-]\d{3,4}[\s-]?\d{4}\b|\b1[3-9]\d{9}\b"
)
# The rest of a document's number: "No. 2025-17", "No. 3/2024".
DOCUMENT_NUMBER_AFTER: Final = re.compile(r"^[-/–]\d")
# A Chinese character or full-width mark right after a number: "50亿元", "2025年", "3个".
CJK_AFTER: Final = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60]")
# What names a document before its number: "Yue Fu Ban [2025] No. 6", "Notice No. 12".
DOCUMENT_BEFORE: Final = re.compile(
    r"(?:[\[〔【(（]\s*(?:19|20)\d\d\s*[\]〕】)）]|\b(?:Document|Notice|Circular|Decree|Order"
    r"|Announcement|Bulletin|Opinions?|Letter|Reply|Regulation|Decision|Resolution|Standard)s?)"
    r"\s*$",
    re.I,
)
# A temperature: "18°C", "about 23 C", "15 degrees Celsius".
TEMPERATURE_AFTER: Final = re.compile(
    r"^\s?(?:°|℃|º|degrees?\s+(?:Celsius|centigrade|Fahrenheit)\b|C\b(?=\s*[,.;)]|\s+(?:in|on|at|and"
    r"|during|year|all)\b))"
)
VAGUE_AFTER: Final = re.compile(r"^\s+of\s+(?:thousands|millions|billions)\b", re.I)
# A spelled-out count of what is never a region's figure: "the two sides", "three measures".
NOT_COUNTED_AFTER: Final = re.compile(
    r"^\s+(?:sides|parties|sessions|rounds|ways|aspects|steps|stages|phases|pillars"
    r"|priorities|tasks|measures|principles|directions|categories|kinds|types|levels|tiers"
    r"|dimensions|fronts|generations|decades|leaders|officials|experts|speakers|panels)\b",
    re.I,
)
HALF_PERIOD: Final = re.compile(r"\b(?:first|second|latter|former|the\s+other)\s+$", re.I)
# A part of a year, not a share: "the first three quarters", "the past two quarters".
FRACTION_PERIOD: Final = re.compile(
    r"\b(?:first|second|third|last|past|next|final|previous|preceding|coming|remaining)\s+$",
    re.I,
)
HALF_TIME_AFTER: Final = re.compile(
    r"^(?:\s+(?:a|an)\s|[\s-](?:year|yearly|month|hour|day|time|century|marathons?)\b)", re.I
)
TITLE_WORD_AFTER: Final = re.compile(r"^\s+[A-Z][a-z]")
TITLE_WORD_BEFORE: Final = re.compile(r"\b([A-Z][a-z]+)\s+$")
SENTENCE_END: Final = re.compile(r"[.!?。！？]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9\u4e00-\u9fff])")
# SENTENCE_END for a line in ASCII without "!" or "?", where only a full stop can end a sentence:
# the pattern opens with that fixed character, which the regex engine skips ahead to, instead of
# a set of characters it tries at every position (five times the time on a line of prose).
SENTENCE_END_FULL_STOP: Final = re.compile(
    r"\.\.*[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9\u4e00-\u9fff])"
)


def _sentence_ends(line: str) -> Iterator[re.Match[str]]:
    """SENTENCE_END.finditer(line)."""
    if line.isascii() and "!" not in line and "?" not in line:
        return SENTENCE_END_FULL_STOP.finditer(line)
    return SENTENCE_END.finditer(line)
ABBREVIATIONS: Final = {
    "co", "ltd", "inc", "corp", "no", "nos", "mr", "mrs", "ms", "dr", "prof", "st", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "approx", "est",
    "dept", "gov", "govt", "jr", "sr", "fig", "vol", "para", "rm", "bldg", "e.g", "i.e", "u.s",
    "u.k", "u.n", "p.m", "a.m",
}
RESTATEMENT_GAP: Final = re.compile(
    r"^\s*(?:[(（]|,|，|—|–|-)\s*(?:or\s+|about\s+|around\s+|roughly\s+|approximately\s+"
    r"|some\s+|nearly\s+|equivalent\s+to\s+)?$",
    re.I,
)
MONTH_NAMES: Final = re.compile(rf"^{MONTH_WORD}$", re.I)
MONTHS: Final = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december",
}
# The hedge words written before a number (numbers.QUALIFIER_WORDS), longest first.
HEDGE_QUALIFIERS: Final = {
    word: qualifier
    for qualifier, words in QUALIFIER_WORDS
    for word in words
    if word not in AFTER_NUMBER_HEDGES
}
HEDGE_PHRASES: Final[Words] = tuple(sorted(HEDGE_QUALIFIERS, key=len, reverse=True))
CURRENCY_SIGNS_BEFORE: Final[Words] = (
    "US$", "$", "¥", "￥", "RMB ", "RMB", "CNY ", "CNY", "USD ", "USD", "HKD ", "HKD", "MOP ",
    "MOP",
)
# Both by their endings (`by_affix`): most numbers have neither before them, settled by a lookup.
HEDGE_ENDING: Final = min(map(len, HEDGE_PHRASES))
HEDGES_BY_ENDING: Final[dict[str, Words]] = by_affix(HEDGE_PHRASES, HEDGE_ENDING)
CURRENCY_SIGNS_BY_ENDING: Final[dict[str, Words]] = by_affix(CURRENCY_SIGNS_BEFORE, 1)
PHONE_WORDS: Final = {"tel", "telephone", "phone", "hotline", "fax", "call", "mobile"}
# Words that introduce a numbered thing rather than an amount ("Section 3", "Phase 2").
NUMBERED_WORDS: Final = {
    "Section", "Article", "Chapter", "Part", "Item", "Clause", "Annex", "Appendix", "Table",
    "Figure", "Fig.", "Phase", "Step", "Level", "Version", "Vol.", "Volume", "Paragraph", "Para.",
    "Rule", "Category", "Class", "Grade", "Stage", "Round", "Season", "Episode", "Lesson", "Room",
    "Rm.", "Building", "Bldg.", "Floor", "Unit", "Gate", "Block", "Suite", "Lot", "Line", "Exit",
    "Platform", "Terminal", "Hall", "Booth", "Stand", "Lane", "Road", "Street", "Route", "Page",
    "Tel", "Tel.", "Phone", "Fax", "Hotline", "Zone", "Area", "Plot",
}
SENTENCE_OPENING: Final = re.compile(r"\W*(?:\d{1,2}[.)]\s*)?")
LINE: Final = re.compile(r"[^\n]+")
LIST_NUMBER: Final = re.compile(r"\s*\(?\d{1,2}")
LINE_OPENING: Final = re.compile(r"[\s(]*")
BETWEEN_BEFORE: Final = re.compile(r"\bbetween\s+$", re.I)
FROM_BEFORE: Final = re.compile(r"\bfrom\s+$", re.I)
# Words and digits where an amount can start; scanning for these literals first is many times
# faster than trying CORE at every position (CORE's look-arounds defeat the engine's skipping).
_TRIGGER_WORDS: Final = sorted(
    {
        w
        for base in [
            *SMALL_NUMBERS, *TENS, *ORDINALS, *MULTIPLE_WORDS, "every", "lead", "leads",
            "leading", "top", "number", "half",
        ]
        for w in (base, base.capitalize())
    }
    | {
        f"{a} {x}"
        for a in ("a", "A", "an", "An")
        for x in ["hundred", "thousand", "million", "billion", "trillion", *DENOMINATORS]
    }
    | {"No."},
    key=len,
    reverse=True,
)
TRIGGER: Final = re.compile(
    rf"\d[\d,.]*|(?<![A-Za-z])(?:{literal_alternation(_TRIGGER_WORDS)})(?![a-z])"
)
# TRIGGER opens with a look-behind and a digit class, so the regex engine tries it at every
# position of the text. In ASCII text the places where it can match are narrowed down first
# (`_trigger_places`) on two copies of the text as bytes, made by `bytes.translate`. In the one
# with letters in lower case and everything else a space, a trigger word is a space and the word
# ("No." read as "no"): a pattern opening with a fixed space, which the engine skips ahead to,
# followed by a trie of the words in lower case (half as many first letters to try as with
# both cases). In the one with digits as "0" and everything else a space, a number starts a run
# of "0". TRIGGER then confirms each place.
_DIGITS_AS_ZERO: Final = bytes(ord("0") if chr(c) in "0123456789" else ord(" ") for c in range(256))
TRIGGER_WORD_AFTER_SPACE: Final = re.compile(
    rb" (?:"
    + literal_alternation({w.rstrip(".").lower() for w in _TRIGGER_WORDS}).encode()
    + rb")"
)
DIGIT_RUN: Final = re.compile(rb"00*")  # opening with a fixed "0", not a repeat, for the skip
WINDOW: Final = 120
# The patterns that look back (hedges, months, "ranked") need no more text than this.
BACK_WINDOW: Final = 56
DECADE_AFTER: Final = re.compile(r"\s*s\b")
# Compiled once: re.match(pattern_text, ...) looks the pattern up in re's cache on every call,
# and these run for every number of every article.
DIGIT_WORD_AFTER: Final = re.compile(r"^-digit", re.I)
A_OR_AN: Final = re.compile(r"^(?:a|an)\s")
OF_AFTER: Final = re.compile(r"^\s+of\b")
SCALE_EPITHET_AFTER: Final = re.compile(rf"^{SCALE_WORD}-", re.I)
HYPHEN_WORD_AFTER: Final = re.compile(r"^-[a-z]")
TITLE_AFTER_WORD_NUMBER: Final = re.compile(r"^[\s-]+[A-Z][a-z]")
LETTERS: Final = re.compile(r"^[A-Za-z]+")
SECTION_NUMBER_AFTER: Final = re.compile(r"^\.\d")
LIST_MARKER_AFTER: Final = re.compile(r"^(?:[.)、]\s|\s*[-–]\s|\s*\))")
YEAR_NUMBER: Final = re.compile(r"(?:1[89]|20)\d\d|2100")
NEXT_WORD: Final = re.compile(r"^\s*([\w&'-]+)")
LAST_NUMBER: Final = re.compile(r"[\d.,]+$|\w+$")
NUMBER_IN: Final = re.compile(r"\d[\d,]*(?:\.\d+)?")
# After a number: scale or unit words, which make it a measured amount ("5 million", "40%").
MEASURED_AFTER: Final = re.compile(rf"^\s*-?\s*(?:{SCALE_WORD}s?\b|{UNIT_AFTER})", re.I)
# The ASCII characters a match of MEASURED_AFTER may open with past its white space: a hyphen,
# or the first character of a scale or unit word in either case. After any other, `_read_digits`
# does not try it (a property test holds the two to agreement).
MEASURED_OPENINGS: Final = "-%bBhHmMtTpPyYrRcCuUdDeE"
# What after a number makes it no amount (a date, a time, an age, a plan's length, a decade, an
# address, "tens of thousands"): the patterns `_is_not_an_amount` tries, as one pattern so that a
# number takes one regex call for all of them.
NOT_AN_AMOUNT_AFTER: Final = re.compile(
    "|".join(
        f"(?{'i' if pattern.flags & re.I else ''}:{pattern.pattern})"
        for pattern in (MONTH_AFTER, ISO_DATE, TIME_AFTER, AGE_AFTER, PLAN_AFTER, DECADE_AFTER,
                        STREET, VAGUE_AFTER, TEMPERATURE_AFTER)
    )
)


# The ASCII characters a match of NOT_AN_AMOUNT_AFTER may open with ("st", "-", "/", ":", a
# month's, "a.m.", "o'clock", "degrees", "C", "s"), and those it may go on with after white space
# (a month's, "a.m.", "hours", "years", "s", a street's capital, "of", "degrees", "-"): after any
# other, `_is_not_an_amount` tries none of its patterns (a property test holds it to them).
NO_AMOUNT_OPENINGS: Final = "sSnNrRtTjJfFmMaAoOdDpPhHC-/.:"
NO_AMOUNT_AFTER_SPACE: Final = "jfmasondphy-ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _may_open_no_amount(after: str) -> bool:
    """False when NOT_AN_AMOUNT_AFTER cannot match `after`: it opens, or goes on after its white
    space, with an ASCII character none of the patterns' matches opens with there (most numbers:
    "billion", "trillion", "units")."""
    first = after[:1]
    if first.isspace():
        return may_open_with(after, 1, NO_AMOUNT_AFTER_SPACE)
    return first != "" and (not first.isascii() or first in NO_AMOUNT_OPENINGS)


def _before(sentence: str, start: int, width: int = BACK_WINDOW) -> str:
    """The text just before `start`: the patterns that look back need no more than this."""
    return sentence[max(0, start - width) : start]


def _after(sentence: str, end: int, width: int = WINDOW) -> str:
    return sentence[end : end + width]


def number_mentions(text: str, segments) -> list[Mention]:
    """Every amount mention in the body segments of `text`, in article order. The text is read
    with its no-break spaces, tabs and other white space as plain white space (`as_read`, the
    same offsets); each amount is given as the text writes it."""
    read = as_read(text)
    mentions = read_mentions(read, segments)
    if read is not text:
        mentions = [m._replace(as_written=text[m.start : m.end]) for m in mentions]
    return mentions


def read_mentions(text: str, segments) -> list[Mention]:
    """number_mentions of a text already read with `as_read` (its amounts as read)."""
    mentions: list[Mention] = []
    places = None  # where a trigger may start (`_trigger_places`), found for the whole text once
    for segment in segments:
        if segment.kind != BODY:
            continue
        # Where an amount may start, found in one scan of the segment (no trigger spans a line
        # break); only the lines holding one are split into sentences and read.
        line_start, line_end = segment.start, -1
        line_triggers: list[int] = []
        if places is None:
            places = _trigger_places(text)
        for at in _trigger_starts(text, segment.start, segment.end, places):
            if at >= line_end:
                if line_triggers:
                    mentions.extend(_line_mentions(text, line_start, line_end, line_triggers))
                line_start = max(segment.start, text.rfind("\n", 0, at) + 1)
                line_end = text.find("\n", at, segment.end)
                line_end = segment.end if line_end == -1 else line_end
                line_triggers = []
            line_triggers.append(at)
        if line_triggers:
            mentions.extend(_line_mentions(text, line_start, line_end, line_triggers))
    return _mark_restatements(text, mentions)


def _trigger_places(text: str) -> list[int] | None:
    """Where in an ASCII `text` a TRIGGER match may start, in order: every place where one
    does, and some where none does. None for other text (TRIGGER is then run on its own)."""
    if not text.isascii():
        return None
    data = text.encode("ascii")
    words = b" " + data.translate(LETTERS_LOWERED)  # a space before the first word too
    places = [m.start() for m in DIGIT_RUN.finditer(data.translate(_DIGITS_AS_ZERO))]
    for match in TRIGGER_WORD_AFTER_SPACE.finditer(words):
        # The space's index in `words` is the word's in the text. A match of "a half" also
        # covers where "half" starts, which may be a trigger of its own ("a.half").
        places.append(match.start())
        inner = match.group().find(b" ", 1)
        while inner != -1:
            places.append(match.start() + inner)
            inner = match.group().find(b" ", inner + 1)
    places.sort()
    return places


def _trigger_starts(text: str, start: int, end: int, places: list[int] | None) -> list[int]:
    """The start of each TRIGGER match in text[start:end], as TRIGGER.finditer finds them.

    `places` (`_trigger_places`) holds every place where a match may start: the first of them
    at or after the end of the last match at which TRIGGER matches is the next match.
    """
    if places is None:
        return [m.start() for m in TRIGGER.finditer(text, start, end)]
    starts = []
    done = start  # where the last match ended
    # A range that starts inside a run of digits may have a match at its start too.
    for at in [start, *places[bisect_right(places, start) :]]:
        if at >= end:
            break
        if at < done:
            continue
        if "0" <= text[at] <= "9":  # most places: TRIGGER matches there, without the call
            starts.append(at)
            done = _number_run_end(text, at, end)
            continue
        match = TRIGGER.match(text, at, end)
        if match is not None:
            starts.append(at)
            done = match.end()
    return starts


NUMBER_RUN: Final = "0123456789,."  # what TRIGGER's first alternative, \d[\d,.]*, takes


def _number_run_end(text: str, at: int, end: int) -> int:
    """The end of TRIGGER's match in text[:end] at an ASCII digit text[at]: its first
    alternative, `\\d[\\d,.]*`, matches there, up to the first character that is no ASCII
    digit, comma or full stop (the text holds no other digits where `_trigger_places` is used)."""
    stop = at + 1
    while stop < end and text[stop] in NUMBER_RUN:
        stop += 1
    return stop


def _line_mentions(text: str, start: int, end: int, triggers: list[int]) -> list[Mention]:
    """The mentions of the line text[start:end], whose triggers start at `triggers`."""
    content = text[start:end]
    mentions: list[Mention] = []
    at = 0
    cut = 0
    for match in _sentence_ends(content):
        if _is_abbreviation(content, match.start()):
            continue
        if triggers[at] < start + match.end():  # only sentences holding a trigger are read
            at = _sentence_triggers(text, content, start, cut, match.end(), triggers, at, mentions)
            if at == len(triggers):
                return mentions
        cut = match.end()
    _sentence_triggers(text, content, start, cut, len(content), triggers, at, mentions)
    return mentions


def _sentence_triggers(text: str, content: str, line_start: int, cut: int, stop: int,
                       triggers: list[int], at: int, mentions: list[Mention]) -> int:
    """Read the sentence content[cut:stop] (white space trimmed) for the triggers from index
    `at` on that lie in it, into `mentions`; the index of the first trigger after it."""
    s_start, s_end = _trimmed(content, line_start, cut, stop)
    first = at
    while at < len(triggers) and triggers[at] < s_end:
        at += 1
    if at > first:
        relative = [t - s_start for t in triggers[first:at]]
        mentions.extend(_sentence_mentions(text, s_start, s_end, relative))
    return at


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of text[start:end]: a line break ends one, and so does a full stop."""
    spans = []
    for line in LINE.finditer(text, start, end):
        spans.extend(_line_sentences(line.group(), line.start()))
    return spans


def _line_sentences(content: str, line_start: int) -> list[tuple[int, int]]:
    """The sentences of one line, as offsets in the text (the line starts at `line_start`)."""
    spans = []
    cut = 0
    for match in _sentence_ends(content):
        if _is_abbreviation(content, match.start()):
            continue
        spans.append(_trimmed(content, line_start, cut, match.end()))
        cut = match.end()
    spans.append(_trimmed(content, line_start, cut, len(content)))
    return [(s, e) for s, e in spans if e > s]


def _is_abbreviation(line: str, dot: int) -> bool:
    if line[dot] != ".":
        return False
    if dot <= 6 and LIST_NUMBER.fullmatch(line, 0, dot):
        return True  # "1. Build ...": a list marker, not a sentence
    if dot >= 7 and line[dot - 7 : dot].isalpha():
        return False  # a word of seven letters or more, longer than any abbreviation
    tail = line[max(0, dot - 12) : dot].split()
    if not tail:
        return False
    token = tail[-1].lower().rstrip(".").lstrip("(\"“‘'")
    if len(token) == 1 and token.isalpha():
        # a name's initial, but "reached 10,000 P." ends with a unit of computing power
        return not (tail[-1] in ("P", "E") and len(tail) > 1 and tail[-2][-1:].isdigit())
    return token in ABBREVIATIONS


def _trimmed(line: str, offset: int, start: int, end: int) -> tuple[int, int]:
    """line[start:end] without its surrounding white space, as offsets in the text."""
    piece = line[start:end]
    stripped = piece.strip()
    if not stripped:
        return offset + start, offset + start
    lead = len(piece) - len(piece.lstrip())
    return offset + start + lead, offset + start + lead + len(stripped)


# --- one sentence -------------------------------------------------------------------------------


def _sentence_mentions(text: str, s_start: int, s_end: int, triggers: list[int]) -> list[Mention]:
    sentence = text[s_start:s_end]
    found: list[Mention] = []
    position = 0
    for at in triggers:
        if at < 0:
            continue  # in the white space before the sentence
        if at < position or (at > 0 and sentence[at - 1].isalpha() and not sentence[at].isdigit()):
            continue
        match = (DIGIT_CORE if sentence[at].isdecimal() else CORE).match(sentence, at)
        if match is None:
            continue
        span = _read_core(sentence, match)
        if span is None:
            position = match.end()
            continue
        start, end, unit_hint = span
        found.append(_mention(sentence, start, end, unit_hint, s_start, s_end))
        position = end
    return found


def _read_core(sentence: str, match: re.Match) -> tuple[int, int, str | None] | None:
    """The (start, end, unit hint) of the mention that starts at `match`, or None if none does."""
    kind = match.lastgroup
    start, end = match.start(), match.end()
    if kind == "every":
        return _with_hedge(sentence, start), end, None
    if kind == "lead":
        return start, end, None
    if kind == "numbered":
        after = _after(sentence, end)
        if (TITLE_WORD_AFTER.match(after) or STREET.match(after)
                or DOCUMENT_NUMBER_AFTER.match(after)
                or DOCUMENT_BEFORE.search(sentence, max(0, start - 20), start)):
            return None  # "No. 1 Middle School", "No. 8 Kexue Road", "Document No. 2025-17",
            # "Yue Fu Ban [2025] No. 6"
        return _with_hedge(sentence, start), end, None
    if kind == "fraction":
        return _read_fraction(sentence, start, end)
    if kind == "multiple":
        if DIGIT_WORD_AFTER.match(_after(sentence, end)):
            return None  # "double-digit growth"
        return _with_hedge(sentence, start), end, None
    if kind == "ordinal":
        return _read_ordinal(sentence, start, end)
    if kind == "word":
        return _read_word_number(sentence, start, end)
    return _read_digits(sentence, start, end)


def _read_fraction(sentence: str, start: int, end: int) -> tuple[int, int, str | None] | None:
    written = sentence[start:end].lower()
    after = _after(sentence, end)
    if written == "half":
        if HALF_PERIOD.search(_before(sentence, start)) or HALF_TIME_AFTER.match(after):
            return None  # "the first half of 2024", "half a minute", "half-year"
    elif A_OR_AN.match(written) and not OF_AFTER.match(after):
        return None  # "a third round", "a quarter century": not a share
    elif FRACTION_PERIOD.search(_before(sentence, start)):
        return None  # "in the first three quarters": a part of the year
    of_number = OF_THE_NUMBER.match(after)
    if of_number:
        end += of_number.end()  # "Half of the five"
    return _with_hedge(sentence, start), end, None


def _read_ordinal(sentence: str, start: int, end: int) -> tuple[int, int, str | None] | None:
    if RANK_BEFORE.search(sentence, max(0, start - 80), start) or RANK_AFTER.match(
        _after(sentence, end)
    ):
        return start, end, "rank"
    return None


def _read_word_number(sentence: str, start: int, end: int) -> tuple[int, int, str | None] | None:
    written = sentence[start:end]
    lowered = written.lower().strip()
    after = _after(sentence, end)
    if lowered == "a":
        if SCALE_EPITHET_AFTER.match(after):
            return None  # "a trillion-dollar market": an epithet, not an amount
        return _extend_right(sentence, start, end)
    share = SHARE_AFTER.match(after)
    if share:
        return _with_hedge(sentence, start), end + share.end(), None
    if lowered in ("one", "zero"):
        scaled = _extend_right(sentence, start, end)
        if scaled[1] == end:
            return None  # "one participant", "one of the", "zero-carbon"
        return scaled
    if PLAN_AFTER.match(after) or HYPHEN_WORD_AFTER.match(after):
        return None  # "a three-year action plan", "four-chain integration"
    if written[0].isupper() and start > 0 and TITLE_AFTER_WORD_NUMBER.match(after):
        return None  # "Two Sessions", "Five-Year Plan"
    if VAGUE_AFTER.match(after) or AGE_AFTER.match(after) or NOT_COUNTED_AFTER.match(after):
        return None
    return _extend_right(sentence, start, end)


def _read_digits(sentence: str, start: int, end: int) -> tuple[int, int, str | None] | None:
    # _before(sentence, start) and _after(sentence, end), without the calls
    before = sentence[start - BACK_WINDOW if start > BACK_WINDOW else 0 : start]
    after = sentence[end : end + WINDOW]
    number = sentence[start:end]
    if after[:1] == " " and after[1:2] in ("P", "E") and SPACED_COMPUTING.match(after) and (
        "omput" in sentence
    ):
        return _with_prefix(sentence, start), end + 2, None  # "reached 1,000 P" of computing
    attached = LETTERS.match(after) if after[:1].isalpha() else None
    if attached:
        letters = attached.group().lower()
        if letters in ATTACHED_COMPUTING:
            return _with_prefix(sentence, start), end + attached.end(), None
        if letters in ORDINAL_SUFFIXES:
            if _month_before(before) or not RANK_BEFORE.search(before):
                return None  # "January 26th", "the 14th Five-Year Plan"
            return start, end + attached.end(), "rank"
        if letters in ATTACHED_SCALES:
            scaled = end + attached.end()
            currency = CURRENCY_AFTER.match(sentence, scaled, scaled + WINDOW)
            if letters not in CURRENCY_ONLY_SCALES or currency or _currency_start(
                sentence, start
            ) is not None:
                return (_with_prefix(sentence, start),
                        scaled + (currency.end() - scaled if currency else 0), None)
        if letters in ATTACHED_MEASURES:
            return _with_prefix(sentence, start), end + attached.end(), letters
        return None  # "5G", "3D", "80s", "4K": names and decades, not amounts
    if before.endswith("No ") and len(number) <= 3 and not before[-4:-3].isalnum():
        return start - 3, end, "rank"  # "ranks No 3 nationwide" ("No. 3" is read as numbered)
    last, second_last = before[-1:], before[-2:-1]
    if last.isascii() and last.isalpha() and _currency_start(sentence, start) is None:
        return None  # "Qwen2.5", "H100", "R1"
    if (last == "-" and second_last.isascii() and second_last.isalpha()) or (
        last in "-:/" and last and second_last.isdigit()
    ):
        return None  # "GPT-4", "COVID-19", the later parts of dates and times
    if after[:1] == "." and SECTION_NUMBER_AFTER.match(after):
        return None  # "3.2.1": a section number
    measured = (may_open_with(after, 0, MEASURED_OPENINGS)
                and MEASURED_AFTER.match(after) is not None)
    if _is_not_an_amount(sentence, start, end, number, before, after, measured):
        return None
    return _extend_right(sentence, start, end, after, measured)


def _is_not_an_amount(
    sentence: str, start: int, end: int, number: str, before: str, after: str, measured: bool
) -> bool:
    """Whether the number is a date, time, age, phone number, list marker, name or the like.

    `before` and `after` are the windows of text around it (`_before`, `_after`); `measured`
    whether MEASURED_AFTER matches `after`. Every test here only adds a reason to say yes, so
    the cheap and the combined ones come first.
    """
    hedged = None  # worked out only when needed (`_is_hedged`): most numbers are settled before
    if after[:1] >= "\u3000" and CJK_AFTER.match(after):
        return True  # "(约50亿元)", "2025年": a number of Chinese text, which is not read
    if len(number) == 4 and not measured and _is_year(number):
        hedged = _is_hedged(sentence, start)
        if not hedged:
            return True
    if _may_open_no_amount(after) and NOT_AN_AMOUNT_AFTER.match(after):
        return True  # "March 28", "2019-04-19", "10 a.m.", "45 years old", "the 1990s"...
    words = before.rsplit(None, 3)[-3:]  # the last three words, as before.split()[-3:]
    if _month_before(before) or _month_day_before(words):
        return True  # "March 28", "Sept 17 to 19", "26 January", "13- 17 November"
    lowered = before[-16:].lower()
    if "age" in lowered and AGE_BEFORE.search(before):
        return True
    if before.endswith(", ") and NAME_AGE_BEFORE.search(before) and AGE_COMMA_AFTER.match(after):
        return True  # "said Zhang Wei, 45, an official"
    if before.endswith("post-"):
        return True  # "post-80s"
    if words and words[-1].strip(":.").lower() in PHONE_WORDS:
        return True
    if _may_be_phone(before, after, number) and _in_phone_number(sentence, start, end):
        return True
    if before[-1:].isspace() and words and words[-1] in NUMBERED_WORDS:
        return True
    opens_line = (start == 0 or sentence[0] == "(" or sentence[0].isspace()) and (
        LINE_OPENING.fullmatch(sentence, 0, start) is not None
    )
    if opens_line and LIST_MARKER_AFTER.match(after):
        return True  # a list marker at the start of a line: "1. ", "2) ", "(3)"
    # Not measured means no unit word follows either (MEASURED_AFTER holds UNIT_AFTER).
    if measured or "," in number:
        return False
    if hedged is None:
        hedged = _is_hedged(sentence, start)
    return not hedged and _is_name(sentence, start, end)


def _is_hedged(sentence: str, start: int) -> bool:
    """Whether hedge words or a currency sign stand right before the number."""
    return _hedge_start(sentence, start) is not None or _currency_start(sentence, start) is not None


def _is_year(number: str) -> bool:
    return YEAR_NUMBER.fullmatch(number) is not None


def _may_be_phone(before: str, after: str, number: str) -> bool:
    """A cheap test first: a phone number has digit groups joined by a space, hyphen or ")"."""
    joined_after = after[:1] in (" ", "-", ")") and after[1:2].isdigit()
    joined_before = before[-1:] in ("(", "-", " ", "+") and before[-2:-1].isdigit()
    return joined_after or joined_before or before.endswith(")") or len(number) >= 11


def _in_phone_number(sentence: str, start: int, end: int) -> bool:
    window_start = max(0, start - 20)
    for match in PHONE.finditer(sentence[window_start : end + 20]):
        if match.start() + window_start <= start and end <= match.end() + window_start:
            return True
    return False


def _is_name(sentence: str, start: int, end: int) -> bool:
    """A bare number inside a name: "Shenzhen 01 College", "360 Digital Security", "Mate 60"."""
    number = sentence[start:end]
    if TITLE_WORD_AFTER.match(_after(sentence, end)) and not TIME_NOUNS.get(
        _next_word(_after(sentence, end)).lower()
    ):
        return True
    words = sentence[max(0, start - 40) : start].split()
    if not words or not words[-1].istitle() or not sentence[start - 1 : start].isspace():
        return number.startswith("0") and len(number) > 1 and "." not in number
    before = TITLE_WORD_BEFORE.search(sentence, max(0, start - 40), start)
    opens_sentence = before is not None and SENTENCE_OPENING.fullmatch(sentence, 0, before.start())
    if before and not opens_sentence and not MONTH_NAMES.match(before.group(1)):
        return True
    return number.startswith("0") and len(number) > 1 and "." not in number


def _next_word(text: str) -> str:
    match = NEXT_WORD.match(text)
    return match.group(1) if match else ""


def _with_hedge(sentence: str, start: int) -> int:
    hedge = _hedge_start(sentence, start)
    return start if hedge is None else hedge


def _hedge_start(sentence: str, start: int) -> int | None:
    """Where the hedge words just before `start` begin ("more than " 150), or None."""
    tail = sentence[max(0, start - 24) : start]
    stripped = tail.rstrip()
    if len(stripped) == len(tail):
        return None
    lowered = stripped.lower()
    phrases = HEDGES_BY_ENDING.get(lowered[-HEDGE_ENDING:])
    if phrases is None:
        return None
    for phrase in phrases:  # longest first
        if lowered.endswith(phrase):
            at = len(stripped) - len(phrase)
            if at == 0 or not stripped[at - 1].isalnum():
                return start - len(tail) + at
    return None


def _currency_start(sentence: str, start: int) -> int | None:
    """Where a currency sign or code just before `start` begins ("US$", "RMB "), or None."""
    tail = sentence[max(0, start - 8) : start]
    signs = CURRENCY_SIGNS_BY_ENDING.get(tail[-1:])
    if signs is None:
        return None  # most numbers: one lookup says so
    for sign in signs:
        if tail.endswith(sign):
            at = len(tail) - len(sign)
            if sign[0].isalpha() and at > 0 and tail[at - 1].isalpha():
                continue
            return start - len(tail) + at
    return None


def _month_before(before: str) -> bool:
    """Whether a month name stands just before: "March 28", "Jan. 6"."""
    if not before[-1:].isspace():
        return False
    words = before[-12:].split()
    return bool(words) and words[-1].rstrip(".").lower() in MONTHS


def _month_day_before(words: list[str]) -> bool:
    """Whether "Sept 17 to" or "Sept 17-" stands just before: the end of a span of days."""
    if len(words) >= 3 and words[-1].lower() in ("to", "-", "–", "and"):
        month, day = words[-3], words[-2]
    elif len(words) >= 2 and words[-1][-1:] in "-–" and words[-1][:-1].isdigit():
        month, day = words[-2], words[-1][:-1]
    else:
        return False
    return month.rstrip(".").lower() in MONTHS and day.isdigit() and len(day) <= 2


def _with_prefix(sentence: str, start: int) -> int:
    """Move `start` back over a currency sign and the hedge words before the amount."""
    currency = _currency_start(sentence, start)
    sign = start - 1 if currency is None else currency
    if sentence[sign : sign + 1] == "$":  # "HK$", "NT$": not US dollars
        foreign = FOREIGN_DOLLAR_BEFORE.search(sentence, max(0, sign - 3), sign + 1)
        currency = foreign.start() if foreign else currency
    if currency is not None:
        start = currency
    between = search_before(BETWEEN_BEFORE, ("between",), sentence, start, 12)
    if between:
        return between.start()
    return _with_hedge(sentence, start)


def _extend_right(
    sentence: str, start: int, end: int, after: str | None = None, measured: bool = True
) -> tuple[int, int, str | None]:
    """The amount's full span: currency and hedge before, scale, unit, range or "plus" after.

    `after` is `_after(sentence, end)` when the caller has it already; `measured` False when
    MEASURED_AFTER does not match it (then no scale or unit word follows the number).
    """
    start = _with_prefix(sentence, start)
    if measured:
        end, after = _after_number(sentence, end, after)
    elif after is None:
        after = _after(sentence, end)
    opening = after[:1]
    if opening.isspace():
        opening = after.lstrip()[:1]
    if opening.isascii() and opening not in FOLLOWER_OPENINGS:
        return start, end, None  # no "times", range or "plus" can follow: most amounts
    times = TIMES_AFTER.match(after)
    if times and not FREQUENCY_AFTER.match(sentence[end + times.end() :]):
        return start, end + times.end(), None
    ranged = _range_end(sentence, start, end, after)
    if ranged is not None:
        end = ranged
        after = _after(sentence, end)
    plus = PLUS_AFTER.match(after)
    if plus:
        end += plus.end()
    return start, end, None


# The ASCII characters that may open TIMES_AFTER, RANGE_AFTER, BETWEEN_AFTER or PLUS_AFTER after
# the white space they allow ("times", "-fold", "to", "-", "~", "and", "+", "plus", "or more"):
# after any other, `_extend_right` tries none of them (a property test holds it to them).
FOLLOWER_OPENINGS: Final = frozenset("tTfF-~aA+pPoO")


def _after_number(sentence: str, end: int, after: str | None = None) -> tuple[int, str]:
    """Where the number's scale and unit words end, and the text after that (`_after`)."""
    if after is None:
        after = _after(sentence, end)
    scale = SCALE_AFTER.match(after)
    if scale:
        end += scale.end()
        after = _after(sentence, end)
    unit = UNIT_AFTER_RE.match(after)
    if unit:
        end += unit.end()
        after = _after(sentence, end)
    return end, after


def _range_end(sentence: str, start: int, end: int, after: str) -> int | None:
    """Where "150 million to 220 million yuan" ends, if the amount is the low end of a range.

    `after` is `_after(sentence, end)`.
    """
    is_between = sentence[start:end].lower().startswith("between")
    follow = (BETWEEN_AFTER if is_between else RANGE_AFTER).match(after)
    if follow is None:
        return None  # most numbers: no second number follows
    if search_before(FROM_BEFORE, ("from",), sentence, start, 8):
        return None  # "from 5 to 8": a change, two mentions
    high_end, high_after = _after_number(sentence, end + follow.end())
    attached = LETTERS.match(high_after)
    if attached and attached.group().lower() in ATTACHED_COMPUTING:
        high_end += attached.end()
    elif attached:
        return None
    high_number = LAST_NUMBER.search(sentence[end + follow.start() : end + follow.end()])
    if high_number and _is_year(high_number.group()) and high_end == end + follow.end():
        return None
    low_unit = _unit_group(_unit_at_end(sentence, start, end))
    high_unit = _unit_group(_unit_at_end(sentence, end, high_end))
    if low_unit is not None and low_unit != high_unit:
        return None  # "grew 40% to 622 billion yuan": a rate, then a new level
    try:
        parsed = _parse(sentence[start:high_end])
    except (AmountError, ArithmeticError, ValueError):
        return None
    return high_end if parsed.value_high is not None else None


UNIT_AT_END = re.compile(rf"{UNIT_AFTER}$", re.I)
# The words each UNIT_AFTER match ends with, in lower case (a property test holds it to them).
UNIT_ENDINGS: Final[Words] = (
    "%", "percent", "cent", "pct", "point", "points", "yuan", "rmb", "cny", "dollar", "dollars",
    "usd", "exaflop", "exaflops", "eflops", "petaflop", "petaflops", "pflops", "teraflops",
    "tflops",
)
UNIT_ENDING_LENGTH: Final = max(map(len, UNIT_ENDINGS))


def _unit_at_end(sentence: str, start: int, end: int) -> re.Match | None:
    """UNIT_AT_END.search(sentence, start, end): the engine tries it at every position of the
    span, so an ASCII span that ends with none of the unit words is settled without it."""
    tail = sentence[max(start, end - UNIT_ENDING_LENGTH) : end]
    if tail.isascii() and not tail.lower().endswith(UNIT_ENDINGS):
        return None
    return UNIT_AT_END.search(sentence, start, end)


UNIT_GROUPS: Final = {
    "%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent", "rmb": "yuan",
    "cny": "yuan", "yuan": "yuan", "dollar": "USD", "dollars": "USD", "usd": "USD",
}


def _unit_group(match: re.Match | None) -> str | None:
    """The unit a written unit word stands for, to tell a range from "40% to 622 billion"."""
    if match is None:
        return None
    word = " ".join(match.group().lower().split())
    return UNIT_GROUPS.get(word, "EFLOPS" if "flop" in word else word)


# --- values and units ----------------------------------------------------------------------------


COUNTED_WORD = re.compile(r"[\w&'’.-]+|[,;:()]")


# The common shapes of an amount, read here without the general parser: [hedge] [currency]
# number [scale] [unit]. parse_amount reads these the same way (a property test holds the two to
# agreement); everything else (words, fractions, ranges, ranks, multiples) goes to parse_amount.
SIMPLE_AMOUNT: Final = re.compile(
    # No hedge opens with a digit or a sign: most amounts are settled by that one test.
    rf"(?:(?![\d$¥])(?P<hedge>{literal_alternation(HEDGE_PHRASES)})\s+)?"
    r"(?P<currency>US\$|\$|¥|RMB\s?|CNY\s?)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s(?P<scale>hundred|thousand|million|billion|trillion))?"
    r"(?:\s?(?P<percent>%)|\s(?P<unit>percent|per cent|yuan|exaflops|EFLOPS|petaflops|PFLOPS)"
    r"|\s?(?P<attached>[PE]))?",
    re.I,
)
SIMPLE_SCALES: Final = {
    "hundred": 10**2, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
}
# Unit word -> (canonical unit, numerator, denominator of the factor into it).
SIMPLE_UNITS: Final = {
    "%": ("percent", 1, 1), "percent": ("percent", 1, 1), "per cent": ("percent", 1, 1),
    "yuan": ("yuan", 1, 1), "exaflops": ("EFLOPS", 1, 1), "eflops": ("EFLOPS", 1, 1),
    "petaflops": ("EFLOPS", 1, 1000), "pflops": ("EFLOPS", 1, 1000),
}
SIMPLE_CURRENCIES: Final = {"us$": "USD", "$": "USD", "¥": "yuan", "rmb": "yuan", "cny": "yuan"}


# The common shape of a range, read here without the general parser: ["between"] low number
# [scale] "and" / "to" / "-" high number [scale] [unit], in ASCII with single spaces. The scale
# and unit written after the high end apply to the low end too, as parse_amount reads them (a
# property test holds the two to agreement); anything else goes to parse_amount.
SIMPLE_RANGE: Final = re.compile(
    r"(?P<between>between )?"
    r"(?P<low>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?: (?P<low_scale>hundred|thousand|million|billion|trillion))?"
    r"(?P<separator> and | to | - |-)"
    r"(?P<high>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?: (?P<scale>hundred|thousand|million|billion|trillion))?"
    r"(?: ?(?P<percent>%)| (?P<unit>percent|per cent|yuan|exaflops|EFLOPS|petaflops|PFLOPS))?",
    re.I,
)
# Numbers below this have fewer digits than parse_amount's limit of 18 (the value's bound of
# 10^18 is checked on the value).
SIMPLE_RANGE_MAX: Final = 10**15


def _exact_ratio(number: str) -> tuple[int, int]:
    """A number written in digits ("1,234.5") as numerator and denominator."""
    whole, _, decimals = number.replace(",", "").partition(".")
    return int(whole + decimals), 10 ** len(decimals)


def _simple_range(as_written: str) -> Parsed | None:
    """parse_amount(as_written) for a range of the SIMPLE_RANGE shape, else None."""
    if not as_written.isascii():
        return None  # re.I matches "ı" to "i": the words are looked up in lower case below
    simple = SIMPLE_RANGE.fullmatch(as_written)
    if simple is None:
        return None
    between, low, low_scale, separator, high, scale, percent, unit_word = simple.groups()
    if separator.lower() == " and " and not between:
        return None  # two numbers, not a range: parse_amount says why
    low_numerator, low_denominator = _exact_ratio(low)
    high_numerator, high_denominator = _exact_ratio(high)
    if max(low_numerator, high_numerator) >= SIMPLE_RANGE_MAX:
        return None
    if scale:
        high_numerator *= SIMPLE_SCALES[scale.lower()]
    shared = low_scale or scale  # a scale after the high end only: "5 to 7 billion"
    if shared:
        low_numerator *= SIMPLE_SCALES[shared.lower()]
    unit, times, per = _simple_unit(unit_word or percent)
    low_numerator, low_denominator = low_numerator * times, low_denominator * per
    high_numerator, high_denominator = high_numerator * times, high_denominator * per
    # low > high compared exactly (cross-multiplied), as parse_amount compares its Fractions.
    if low_numerator * high_denominator > high_numerator * low_denominator:
        return None  # a range that runs downwards: parse_amount says so
    low_value = truediv(low_numerator, low_denominator)
    high_value = truediv(high_numerator, high_denominator)
    if high_value > 1e18:
        return None  # beyond the largest amount parse_amount reads: it says so
    return Parsed(low_value, high_value, "range", unit)


def _simple_unit(unit_word: str | None) -> tuple[str | None, int, int]:
    """(unit, multiplier, divisor) of a unit word of SIMPLE_UNITS; (None, 1, 1) without one."""
    return SIMPLE_UNITS[unit_word.lower()] if unit_word else (None, 1, 1)


@lru_cache(maxsize=4096)
def _parse(as_written: str) -> Parsed:
    simple = SIMPLE_AMOUNT.fullmatch(as_written)
    if simple is None:
        return _simple_range(as_written) or parse_amount(as_written)
    hedge, currency_sign, number, scale, percent, unit_word, attached = simple.groups()
    if attached and (scale or currency_sign):
        return parse_amount(as_written)
    # The value as an exact ratio of integers, numerator / denominator: Python divides two ints
    # correctly rounded, so the float is the one float(Fraction(...)) gives, without the cost of
    # Fraction arithmetic on every number of every article. (Through operator.truediv: compiled
    # by mypyc, "a / b" of two ints goes through doubles, a digit off past 2**53.)
    numerator, denominator = _exact_ratio(number)
    if scale:
        numerator *= SIMPLE_SCALES[scale.lower()]
    unit, times, per = _simple_unit(unit_word or percent)
    numerator, denominator = numerator * times, denominator * per
    if unit is None and attached:  # "14,000P", "10E"
        unit = "EFLOPS"
        if attached in "Pp":  # "14,000P", "14,000p", "14,000 P": petaflops
            denominator *= 1000
    if currency_sign:
        currency = SIMPLE_CURRENCIES[currency_sign.strip().lower()]
        if unit is not None and unit != currency:
            return parse_amount(as_written)
        unit = currency
    qualifier = HEDGE_QUALIFIERS[hedge.lower()] if hedge else "exact"
    return Parsed(truediv(numerator, denominator), None, qualifier, unit)


def _mention(sentence: str, start: int, end: int, unit_hint: str | None, s_start: int,
             s_end: int) -> Mention:
    as_written = sentence[start:end]
    value = value_high = None
    qualifier = "exact"
    unit = "unknown"
    try:
        parsed = _parse(as_written)
    except (AmountError, ArithmeticError, ValueError):  # absurd sizes too
        parsed = None
    if parsed is not None:
        value, value_high, qualifier = parsed.value, parsed.value_high, parsed.qualifier
        unit = parsed.unit or unit_hint or _counted_unit(_after(sentence, end))
    elif unit_hint:
        number = NUMBER_IN.search(as_written)
        if number and math.isfinite(float(number.group().replace(",", ""))):
            value = float(number.group().replace(",", ""))
            unit = unit_hint
    # start, end, as_written, value, value_high, unit, qualifier, sentence_start, sentence_end:
    # by position, quicker than by name.
    return Mention(s_start + start, s_start + end, as_written, value, value_high, unit,
                   qualifier, s_start, s_end)


# Words that end the noun phrase after a count.
NOUN_PHRASE_ENDS: Final = {
    "of", "in", "with", "to", "for", "from", "and", "by", "this", "that", "these", "those", "last",
    "next", "the", "a", "an", "each", "every", "per", "is", "are", "was", "were", "will", "has",
    "have", "had", "on", "at", "over", "since", "during", "as", "within", "after", "before",
    "until",
}


def _counted_unit(after: str) -> str:
    """The unit of a bare count from the noun that follows it: persons, vehicles, years..."""
    for at, found in enumerate(COUNTED_WORD.finditer(after, 0, 60)):
        if at == 5:
            break  # the first five words only
        word = found.group()
        lowered = word.lower().strip(".").split("-")[-1] if "-" in word else word.lower()
        lowered = lowered.strip(".")
        if lowered in PERSON_NOUNS:
            return "persons"
        if lowered in VEHICLE_NOUNS:
            return "vehicles"
        if lowered in TIME_NOUNS:
            return TIME_NOUNS[lowered]
        if word in ",;:()" or lowered in NOUN_PHRASE_ENDS:
            break  # "3 computing centers this year": the count is of centers, not years
    return "count"


def _mark_restatements(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mark the dollar figure of a yuan/dollar pair ("1 billion yuan ($140 million)")."""
    marked = list(mentions)
    for i in range(len(marked) - 1):
        first, second = marked[i], marked[i + 1]
        if first.sentence_start != second.sentence_start:
            continue
        if not RESTATEMENT_GAP.match(text[first.end : second.start]):
            continue
        units = {first.unit, second.unit}
        if units != {"yuan", "USD"}:
            continue
        if first.unit == "USD":
            marked[i] = _replace(first, restates=second.start)
        else:
            marked[i + 1] = _replace(second, restates=first.start)
    return marked


def _replace(mention: Mention, **changes) -> Mention:
    return mention._replace(**changes)
