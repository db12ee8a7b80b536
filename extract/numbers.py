"""Parse an amount as an article writes it ("over 1.35 million", "one-seventh") into a number.

The parser returns the value in canonical units (plain yuan, percent, EFLOPS, rank), the
qualifier the hedge words imply, and the unit the phrase itself names (None when it names none,
so the metric's unit applies). Exact fractions keep "2.53 million" exactly 2530000.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Final, NamedTuple

from extract.patterns import Words, search_before
from extract.untrusted import quoted

EXACT = "exact"
AT_LEAST: Final = "at_least"
AT_MOST: Final = "at_most"
APPROX: Final = "approx"
RANGE: Final = "range"

AFTER_NUMBER_HEDGES = ("plus", "or more", "and above")
# Hedge words, most specific first: "no more than" must not be read as "more than".
QUALIFIER_WORDS: Final = (
    (AT_MOST, ("no more than", "not more than")),
    (AT_LEAST, ("no less than", "not less than", "no fewer than")),
    (AT_LEAST, ("more than", "over", "at least", "exceeds", "exceeded", "exceeding", "exceed",
                "above", "upwards of", "topped", "tops", "topping", "surpassed", "surpasses",
                "surpassing", "surpass")),
    (APPROX, ("nearly", "about", "approximately", "around", "almost", "roughly", "some")),
    (AT_MOST, ("up to", "at most", "less than", "fewer than", "under", "below", "a maximum of",
               "capped at")),
    # "10,000-plus", "10,000+" (read as "plus"), "500 or more": after the number.
    (AT_LEAST, AFTER_NUMBER_HEDGES),
    (APPROX, ("close to",)),
)

SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS: Final = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
ORDINALS: Final = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
# Denominators of written fractions: "one-seventh", "a quarter", "two-thirds", "half".
DENOMINATORS: Final = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}
SCALES: Final = {
    "hundred": Fraction(100), "thousand": Fraction(10) ** 3, "million": Fraction(10) ** 6,
    "billion": Fraction(10) ** 9, "trillion": Fraction(10) ** 12,
    # as business wires abbreviate them ("RMB 5 bn", "3.2 mln units"); not "tn", also a tonne
    "mln": Fraction(10) ** 6, "bn": Fraction(10) ** 9, "bln": Fraction(10) ** 9,
    "trn": Fraction(10) ** 12, "trln": Fraction(10) ** 12,
}
# Unit words -> (canonical unit, factor into it). Petaflops become EFLOPS (1 EFLOPS = 1000 PFLOPS).
UNIT_WORDS: Final = {
    "yuan": ("yuan", Fraction(1)), "rmb": ("yuan", Fraction(1)), "cny": ("yuan", Fraction(1)),
    "%": ("percent", Fraction(1)), "percent": ("percent", Fraction(1)),
    "per cent": ("percent", Fraction(1)), "pct": ("percent", Fraction(1)),
    "exaflops": ("EFLOPS", Fraction(1)), "eflops": ("EFLOPS", Fraction(1)),
    "petaflops": ("EFLOPS", Fraction("0.001")), "pflops": ("EFLOPS", Fraction("0.001")),
    # Dollars have no canonical unit here: an amount in dollars fits no metric.
    "usd": ("USD", Fraction(1)), "dollars": ("USD", Fraction(1)),
    "dollar": ("USD", Fraction(1)), "us dollars": ("USD", Fraction(1)),
    "u.s. dollars": ("USD", Fraction(1)),
    "exaflop": ("EFLOPS", Fraction(1)), "petaflop": ("EFLOPS", Fraction("0.001")),
    "teraflops": ("EFLOPS", Fraction(1, 10**6)), "tflops": ("EFLOPS", Fraction(1, 10**6)),
    # A change of a share, not a share: no metric in percent takes it.
    "percentage points": ("percentage points", Fraction(1)),
    "percentage point": ("percentage points", Fraction(1)),
    # Other currencies of the region, kept apart from US dollars ("HK$3 billion").
    "hkd": ("HKD", Fraction(1)), "mop": ("MOP", Fraction(1)), "twd": ("TWD", Fraction(1)),
}
# Computing power as Chinese sources write it: "14,000P" (PFLOPS), "10E" (EFLOPS), in either
# case and with or without a space. These are rewritten into unit words before the phrase is
# read (the number reader takes a spaced letter only where the sentence speaks of computing).
ATTACHED_UNITS: Final = (
    (re.compile(r"(?<=\d)\s?[Pp]\b"), " pflops"),
    (re.compile(r"(?<=\d)\s?[Ee]\b"), " eflops"),
)
# "RMB5 billion", "10-billion-yuan", "10,000-plus", "10,000+": spacing an article may use.
_SCALE_OR_UNIT_AFTER_HYPHEN: Final = re.compile(
    r"(?<=\w)-(?=(?:hundred|thousand|million|billion|trillion|yuan|exaflops?|petaflops?"
    r"|teraflops|plus|percent)\b)",
    re.I,
)
_CURRENCY_BEFORE_DIGIT: Final = re.compile(r"\b(rmb|cny|usd|hkd|mop)(?=\d)", re.I)
# A scale abbreviation glued to the number ("850bn yuan", "RMB1.2tn"); "tn" only with a currency
# in the phrase (elsewhere it may be a tonne).
_ATTACHED_SCALE: Final = re.compile(r"(?<=\d)(?=(?:mln|bln|bn|trn|trln)\b)", re.I)
_TRILLION_TN: Final = re.compile(r"(?<=\d)\s?tn\b", re.I)
# ... and "m" or "mn" for a million ("¥500m", "$70m", "RMB 3mn"), elsewhere a metre.
_MILLION_M: Final = re.compile(r"(?<=\d)\s?mn?\b", re.I)
_CURRENCY_WORD: Final = re.compile(r"yuan|rmb|cny|usd|dollars?|[$¥￥]", re.I)
_PLUS_SIGN: Final = re.compile(r"(?<=\d)\s?\+")
# Multiples: "doubled", "tripling", "three times", "5-fold". A multiple is read in the unit
# "multiple"; it becomes a figure only together with its base.
MULTIPLE_WORDS: Final = {
    "double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "twofold": 2,
    "triple": 3, "tripled": 3, "triples": 3, "tripling": 3, "treble": 3, "trebled": 3,
    "threefold": 3, "quadruple": 4, "quadrupled": 4, "quadrupling": 4, "fourfold": 4,
}
MULTIPLE_UNIT: Final = "multiple"
# "No. 1" is a place, not a count.
NUMBERED_PLACE: Final = re.compile(r"\bNo\.?\s?(?P<digits>\d+)\b")
# A currency sign before the number names the unit ("¥2 billion", "US$5 billion").
CURRENCY_SIGNS: Final = {
    "¥": "yuan", "rmb": "yuan", "cny": "yuan", "us$": "USD", "$": "USD", "hk$": "hkd",
    "hkd": "hkd", "mop$": "mop", "mop": "mop", "nt$": "twd",
}

# Units a phrase may name for a metric of the given canonical unit. A phrase that names no unit
# (None) takes the metric's.
COMPATIBLE_UNITS: Final = {
    "EFLOPS": {"EFLOPS"},
    "yuan": {"yuan"},
    "percent": {"percent"},
    "rank": {"rank"},
    "count": set(),
    "persons": set(),
    "vehicles": set(),
}

STATUS_CUES = re.compile(
    r"\bby (?:the end of )?(?:19|20)\d\d\b|\baim(?:s|ed|ing)?\b|\btarget(?:s|ed|ing)?\b"
    r"|\bplan(?:s|ned|ning)?\b|\bwill\b|\bstriv(?:e|es|ing)\b|\bgoals?\b",
    re.I,
)

_NUMBER_WORD = "|".join(sorted([*SMALL_NUMBERS, *TENS], key=len, reverse=True))
_COMPOUND: Final = (
    rf"(?:{'|'.join(TENS)})-(?:{'|'.join(k for k, v in SMALL_NUMBERS.items() if 0 < v < 10)})"
)
_DIGITS: Final = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SCALE: Final = "|".join(SCALES)
_UNIT: Final = "|".join(
    sorted((re.escape(u) for u in UNIT_WORDS if u != "%"), key=len, reverse=True)
)
_CURRENCY: Final = "|".join(re.escape(c) for c in sorted(CURRENCY_SIGNS, key=len, reverse=True))
AMOUNT: Final = re.compile(
    rf"(?P<currency>{_CURRENCY})?\s?"
    rf"(?<![\w.,])(?P<number>{_DIGITS}|{_COMPOUND}|(?:{_NUMBER_WORD}|a)\b)(?![\w,]|\.\d)"
    # every scale word of a run counts: "one hundred million" is 10^8, "a trillion trillion" 10^24
    rf"(?:\s*(?P<scale>(?:{_SCALE})s?\b(?:\s+(?:{_SCALE})s?\b)*))?"
    rf"(?:\s*(?P<unit>%|(?:{_UNIT})\b))?",
    re.I,
)
_SCALE_WORD: Final = re.compile(rf"(?:{_SCALE})(?=s?\b)", re.I)
_SMALL: Final = rf"\d+|{_NUMBER_WORD}"
FRACTION: Final = re.compile(
    rf"\b(?P<num>{_SMALL}|a|an)[\s-]+(?P<den>{'|'.join(DENOMINATORS)})\b|\b(?P<half>half)\b",
    re.I,
)
# "one out of every four", "one in four", "one in every four".
ONE_IN_N: Final = re.compile(
    rf"\b(?P<num>{_SMALL})\s+(?:out\s+of|in)\s+(?:every\s+)?(?P<den>{_SMALL})\b", re.I
)
# "Every 4 new energy vehicles in the country, one (is made in Guangdong)".
EVERY_N_ONE: Final = re.compile(
    rf"^every\s+(?P<den>{_SMALL})\b.*?,\s*(?P<num>{_SMALL})$", re.I | re.S
)
ORDINAL: Final = re.compile(
    rf"\b(?P<word>{'|'.join(ORDINALS)})\b|\b(?P<digits>\d+)(?:st|nd|rd|th)\b", re.I
)
# Phrases that state a place without a number: "leading the country" is first place.
RANK_PHRASES: Final = (
    (re.compile(r"\blead(?:s|ing)? (?:the|all the) (?:country|nation)\b", re.I), 1),
    (re.compile(r"\b(?:number one|no\. ?1|top spot)\b", re.I), 1),
)
# A minus sign written with the amount ("-3.5 percent", "−3.5%"): a hyphen-minus or U+2212 right
# before the number (or its currency sign), opening the text or after one of SIGN_OPENS_AFTER
# ("5-10" and "COVID-19" hold a hyphen, not a sign), as the suggester reads one.
MINUS_SIGNS: Final = "-\u2212"
MINUS_SIGN: Final = "a minus sign"  # how `fall_before` names one
SIGN_OPENS_AFTER: Final = " \t\n([/"
# A fall written before an unsigned amount: "down 6 percent", "fell 4.2 percent", "a decline of
# 3 percent". The suggester reads a fall with this pattern and these words (extract/suggest.py
# imports them), and the build lets a fact record such an amount as a negative value.
DECLINE_BEFORE: Final = re.compile(
    r"(?:\bdown|\b(?:fell|falls?|falling|dropped|drops?|dropping|declined?|declines|declining"
    r"|decreased?|decreases|decreasing|slid|slides?|sliding|shrank|shrunk|shrinks?|shrinking"
    r"|contracted|contracts?|contracting|slumped|slumps?|plunged|plunges?|plummeted|dipped"
    r"|dips?|tumbled|lower)(?:\s+by)?|\b(?:a\s+)?(?:fall|drop|decline|decrease|contraction)"
    r"\s+of)\s+$",
    re.I,
)
# Words one of which each DECLINE_BEFORE match holds (in lower case).
DECLINE_WORDS: Final[Words] = (
    "down", "fell", "fall", "drop", "declin", "decreas", "slid", "shr", "contract", "slump",
    "plung", "plumm", "dip", "tumbl", "lower",
)
# How far before an amount DECLINE_BEFORE is looked for, in characters.
DECLINE_WIDTH: Final = 30
# "150 million to 220 million", "36.82%-100.66%"; "and" only after "between".
RANGE_SEPARATOR: Final = re.compile(r"^\s*(?:to|-|–|—)\s*$", re.I)
BETWEEN_SEPARATOR: Final = re.compile(r"^\s*and\s*$", re.I)
# "one in four" is a share only for a small denominator; "10 in 2023" is not a proportion.
LARGEST_DENOMINATOR: Final = 1000
# Bounds on what a phrase may ask of the parser. `as_written` is the number with its hedge
# words, not the sentence; no figure here comes near a quintillion yuan, and a number longer than
# 18 digits (decimals included) is a slip or an attack, not a figure to convert.
MAX_PHRASE_CHARS: Final = 300
MAX_DIGITS: Final = 18
MAX_AMOUNT: Final = Fraction(10) ** 18
DIGIT_RUN: Final = re.compile(r"\d(?:[\d,.]*\d)?")
# The message of a failure the parser did not foresee; tests look for it, so none goes unseen.
UNFORESEEN: Final = "cannot be read as an amount"


class AmountError(ValueError):
    """The phrase does not read as one amount."""


class Parsed(NamedTuple):
    """A read amount. A tuple rather than a frozen dataclass, which is slower to make (the
    suggester reads every number of every article)."""

    value: float
    value_high: float | None
    qualifier: str
    unit: str | None


def parse_amount(as_written: str) -> Parsed:
    """Read a written amount: the value in canonical units, its range end, qualifier and unit.

    Anything that does not read as one amount within the bounds above raises AmountError.
    """
    phrase = " ".join(as_written.replace("\xa0", " ").split())
    if not phrase:
        raise AmountError("empty amount")
    for run in DIGIT_RUN.findall(phrase):
        digits = sum(char.isdigit() for char in run)
        if digits > MAX_DIGITS:
            raise AmountError(f"a number of {digits} digits; at most {MAX_DIGITS} are read")
    if len(phrase) > MAX_PHRASE_CHARS:
        raise AmountError(f"longer than {MAX_PHRASE_CHARS} characters: as_written is the number "
                          "with its hedge words, not the sentence")
    try:
        parsed = _parse(phrase, as_written)
    except AmountError:
        raise
    except (ArithmeticError, ValueError, KeyError) as error:  # a last guard, never expected
        raise AmountError(f"{UNFORESEEN} ({type(error).__name__})") from None
    for bound in (parsed.value, parsed.value_high):
        if bound is not None and abs(bound) > MAX_AMOUNT:
            raise AmountError(f"reads as {format_number(bound)}, beyond the largest amount "
                              f"read (10^18 in the metric's unit)")
    return parsed


def _parse(phrase: str, as_written: str) -> Parsed:
    phrase = _normalise_spacing(phrase)
    qualifier = _qualifier(phrase)
    multiple = _multiple(phrase)
    if multiple is not None:
        return Parsed(float(multiple), None, qualifier, MULTIPLE_UNIT)
    place = NUMBERED_PLACE.search(phrase)
    if place:
        return Parsed(float(_place(place.group("digits"), as_written)), None, qualifier, "rank")
    share = _share(phrase)
    if share is not None:
        return Parsed(float(share), None, qualifier, "percent")
    amounts = [m for m in AMOUNT.finditer(phrase) if _is_amount(m)]
    if not amounts:
        rank = _rank(phrase)
        if rank is not None:
            return Parsed(float(rank), None, qualifier, "rank")
        raise AmountError(f"no number in {quoted(as_written)}")
    if len(amounts) == 1:
        value, unit = _amount_value(amounts[0])
        if _sign_at(phrase, amounts[0]) is not None:  # "-3.5 percent": a fall, as written
            value = -value
        return Parsed(float(value), None, qualifier, unit)
    low_match, high_match = amounts[0], amounts[-1]
    high_sign = _sign_at(phrase, high_match)
    if high_sign is not None and not _is_range(phrase, low_match, high_sign):
        high_sign = None  # "5 -10": the hyphen joins the ends
    high_start = high_match.start() if high_sign is None else high_sign
    if len(amounts) == 2 and _is_range(phrase, low_match, high_start):
        high, unit = _amount_value(high_match)
        # "150 to 220 million yuan": a scale or unit written once applies to both ends.
        low, low_unit = _amount_value(
            low_match,
            shared_scale=high_match.group("scale"),
            shared_unit=high_match.group("unit") or _currency_unit_word(high_match),
        )
        if _sign_at(phrase, low_match) is not None:  # "-5 to 3 percent"
            low = -low
        if high_sign is not None:  # "-5 to -3 percent"
            high = -high
        if low_unit != unit:
            raise AmountError(f"range ends in different units in {quoted(as_written)}")
        if low > high:
            raise AmountError(f"range runs downwards in {quoted(as_written)}")
        return Parsed(float(low), float(high), RANGE, unit)
    raise AmountError(f"more than one number in {quoted(as_written)}")


def status_cues(quote: str) -> list[str]:
    """The words in a quote that mark a target rather than an achieved figure."""
    return [match.group() for match in STATUS_CUES.finditer(quote)]


def unit_is_compatible(parsed_unit: str | None, metric_unit: str) -> bool:
    """Whether an amount written with `parsed_unit` can be a value of a metric in `metric_unit`."""
    return parsed_unit is None or parsed_unit in COMPATIBLE_UNITS.get(metric_unit, set())


def format_number(value: float | None) -> str:
    """A number as written in the tidy tables: integral values without a trailing ".0"."""
    if value is None:
        return ""
    if float(value).is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(float(value))


def _normalise_spacing(phrase: str) -> str:
    """Rewrite attached units, hyphens and plus signs into the spaced words the parser reads."""
    for pattern, replacement in ATTACHED_UNITS:
        phrase = pattern.sub(replacement, phrase)
    phrase = _SCALE_OR_UNIT_AFTER_HYPHEN.sub(" ", phrase)
    phrase = _CURRENCY_BEFORE_DIGIT.sub(r"\1 ", phrase)
    phrase = _ATTACHED_SCALE.sub(" ", phrase)
    if _CURRENCY_WORD.search(phrase):
        phrase = _TRILLION_TN.sub(" trillion", phrase)
        phrase = _MILLION_M.sub(" million", phrase)
    return _PLUS_SIGN.sub(" plus", phrase)


_MULTIPLE_WORD = re.compile(rf"\b(?:{'|'.join(MULTIPLE_WORDS)})\b", re.I)
_TIMES: Final = re.compile(
    rf"(?<![\w.,])(?P<number>{_DIGITS}|{_COMPOUND}|{_NUMBER_WORD})(?:\s*times\b|\s*-?\s*fold\b)",
    re.I,
)


def _multiple(phrase: str) -> Fraction | None:
    """A multiple ("doubled", "three times", "5-fold") as its factor, or None."""
    word = _MULTIPLE_WORD.search(phrase)
    if word:
        return Fraction(MULTIPLE_WORDS[word.group().lower()])
    times = _TIMES.search(phrase)
    if times:
        return _number(times.group("number"))
    return None


def _qualifier(phrase: str) -> str:
    lowered = phrase.lower()
    for qualifier, pattern in _QUALIFIER_PATTERNS:
        if pattern.search(lowered):
            return qualifier
    return EXACT


# One pattern per group of hedge words, tried in the groups' order (compiled once: the parser
# reads every number of every article the suggester sees).
_QUALIFIER_PATTERNS: Final = [
    (qualifier, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"))
    for qualifier, words in QUALIFIER_WORDS
]


def _is_range(phrase: str, low: re.Match, high_start: int) -> bool:
    """Whether phrase[low.end():high_start], between two amounts, joins them into a range."""
    separator = phrase[low.end() : high_start]
    if RANGE_SEPARATOR.match(separator):
        return True
    low_sign = _sign_at(phrase, low)
    return bool(BETWEEN_SEPARATOR.match(separator)) and bool(
        re.search(r"\bbetween\s*$", phrase[: low.start() if low_sign is None else low_sign],
                  re.I)
    )


def minus_sign_before(text: str, start: int) -> bool:
    """Whether a minus sign stands right before text[start:] (a hyphen-minus or U+2212 opening
    the text or after a space, "(" or "/"), not a hyphen ("5-10", "COVID-19")."""
    return start > 0 and text[start - 1] in MINUS_SIGNS and (
        start < 2 or text[start - 2] in SIGN_OPENS_AFTER)


def _sign_at(phrase: str, match: re.Match) -> int | None:
    """Where the minus sign written with the amount of `match` stands, or None without one."""
    at = match.start("currency") if match.group("currency") else match.start("number")
    return at - 1 if minus_sign_before(phrase, at) else None


def fall_before(text: str, start: int) -> str | None:
    """How the unsigned amount at text[start:] is said to be a fall ("down", "fell", "a decline
    of", a minus sign right before it), or None: read as the suggester reads a fall."""
    if minus_sign_before(text, start):
        return MINUS_SIGN
    fall = search_before(DECLINE_BEFORE, DECLINE_WORDS, text, start, DECLINE_WIDTH)
    return None if fall is None else f"'{fall.group().strip()}'"


def _is_amount(match: re.Match) -> bool:
    """A bare "a" is a number only before a scale word ("a million")."""
    return match.group("number").lower() != "a" or bool(match.group("scale"))


def _currency_unit_word(match: re.Match) -> str | None:
    sign = match.group("currency")
    return None if sign is None else _lookup(CURRENCY_SIGNS, sign)


def _amount_value(
    match: re.Match, shared_scale: str | None = None, shared_unit: str | None = None
) -> tuple[Fraction, str | None]:
    number = _number(match.group("number"))
    scale = match.group("scale") or (None if match.group("unit") else shared_scale)
    if scale:
        for word in _SCALE_WORD.findall(scale):
            number *= _lookup(SCALES, word)
    unit_word = match.group("unit") or _currency_unit_word(match) or shared_unit
    if unit_word is None:
        return number, None
    unit, factor = _lookup(UNIT_WORDS, unit_word)
    return number * factor, unit


def _lookup(table: dict, written: str):
    """table[written] for a word the patterns matched ignoring case. Python's re.I also matches
    "ſ" to "s" and "ı" to "i", so a plain .lower() can miss the key the pattern found."""
    word = " ".join(written.split())
    key = word.casefold()
    if key in table:
        return table[key]
    for name, value in table.items():
        if re.fullmatch(re.escape(name), word, re.I):
            return value
    raise AmountError(f"{quoted(written)} is not a word the parser knows")


def _number(written: str) -> Fraction:
    if written.isdigit() or not written.isalpha() and "-" not in written:
        return Fraction(written.replace(",", ""))
    if written.lower() == "a":
        return Fraction(1)
    if "-" in written:
        tens, units = written.split("-")
        return Fraction(_lookup(TENS, tens) + _lookup(SMALL_NUMBERS, units))
    return Fraction(_lookup({**SMALL_NUMBERS, **TENS}, written))


def _small(written: str) -> int:
    if written.isdigit():
        return int(written)
    if written.lower() in ("a", "an"):
        return 1
    try:
        return _lookup({**SMALL_NUMBERS, **TENS}, written)
    except AmountError:
        return 0


def _share(phrase: str) -> Fraction | None:
    """A written proportion as percent: "one out of every four" -> 25, "one-seventh" -> 100/7."""
    for pattern in (EVERY_N_ONE, ONE_IN_N):
        match = pattern.search(phrase)
        if match:
            numerator, denominator = _small(match.group("num")), _small(match.group("den"))
            if 0 < denominator <= LARGEST_DENOMINATOR and numerator <= denominator:
                return Fraction(100 * numerator, denominator)
    match = FRACTION.search(phrase)
    if match:
        if match.group("half"):
            return Fraction(50)
        denominator = _lookup(DENOMINATORS, match.group("den"))
        return Fraction(100 * _small(match.group("num")), denominator)
    return None


def _rank(phrase: str) -> int | None:
    for pattern, place in RANK_PHRASES:
        if pattern.search(phrase):
            return place
    ranks = list(ORDINAL.finditer(phrase))
    if len(ranks) != 1:
        if len(ranks) > 1:
            raise AmountError(f"more than one ordinal in {quoted(phrase)}")
        return None
    match = ranks[0]
    if match.group("word"):
        return _lookup(ORDINALS, match.group("word"))
    return _place(match.group("digits"), phrase)


def _place(digits: str, as_written: str) -> int:
    """A place written in digits ("No. 3", "3rd"); a place starts at 1."""
    place = int(digits)
    if place == 0:
        raise AmountError(f"no place 0 in {quoted(as_written)}: places start at 1")
    return place
