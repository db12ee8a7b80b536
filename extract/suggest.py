"""Propose candidate facts from article text: `python -m extract suggest FILE...`.

A candidate is a number mention (`extract.mentions`) read together with its sentence: the region
it is about, the metric it measures, whether it is a target, the period, and a short `why`
naming the cue behind each reading. The machine proposes; a person decides. Nothing here
writes curation files or tidy tables.

Reading a mention:
- region: the place named nearest before the number in its sentence (else after it); a list of
  places "respectively" matched to a list of numbers; a list of places read as their common
  province ("Guangzhou, Shenzhen and other places"), or a candidate for each place when each
  has the figure ("Ningbo and Wenzhou have each ..."); "the province", "the city", "the
  municipality", "the region", "the country" resolved to the nearest earlier place of that kind
  (in an earlier sentence, the one that opens it: its subject), "the capital" to Beijing once
  named; a place in an aside (", which includes Shenzhen,") is not the subject; a sentence with
  no place, or opening with "Its", takes the article's current subject (the last place named
  before it) or the dateline, which is never a sentence's own place. A city's figure is the
  city's, never its province's; a district's ("Haidian district", "Hangzhou's Binjiang
  district") is nobody's.
- metric: the nearest keyword (`keywords:` in metrics.yaml) among metrics whose unit fits the
  amount; a percentage after "up", "grew", "increase by" or "year-on-year" is a rate, else a share.
- status: `target` on plan wording ("will", "would" as in "said it would spend", "aims to",
  "plans to", "strive to", "by 2027"), except that "by 2023" in an article published in 2025
  is a year already past, a plan's baseline ("up from 3,500 now") and a clause of its own
  saying what was reached ("reached 20,000P last year and is expected to ...") are actual;
  else `actual`.
- period: the year next to the number ("in 2024", "by 2027", "2023") that no other amount of
  the sentence stands nearer to, never a year a change is counted from ("doubling from 2023"),
  else "last year", "this year", "next year" resolved from the published date (header
  `PUBLISHED:` or sources.yaml), else a part of the year ("in the first quarter", "in the first
  10 months") or a month ("by the end of September", "from January to October"): the year of
  the article, the year before for a figure of a month still to come then, the year after for
  such a plan; else the year of a heading over the list the number is an item of ("Key
  achievements in 2024:").

Not proposed (they stay in the ledger, where a person dismisses them): dollar restatements of a
yuan figure, national totals, company figures (a firm named between the place and the number, a
firm "headquartered in" a place, a sentence opening with a firm of data/gazetteer/companies.yaml,
profits, pre-orders, prices), bars that sort firms ("enterprises
with annual revenue above 20 million yuan"), durations, "top five", multiples without a base,
counts that are not whole numbers or are of kWh, tons and the like, and small counts written in
words that no metric's keyword ties to ("two critical frontiers").
"""

from __future__ import annotations

import datetime
import json
import math
import os
import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from string import ascii_lowercase
from typing import Any, Final

from extract.curation import MONTHS
from extract.gazetteer import Gazetteer, PlaceMatch, VocabularyError, load_gazetteer
from extract.mentions import Mention, read_mentions, sentence_spans
from extract.numbers import APPROX, AT_LEAST, EXACT, fall_before
from extract.patterns import (
    ALNUM_LOWERED,
    Words,
    alnum_copy,
    has_any,
    has_any_keyed,
    keyed_words,
    literal_alternation,
    may_open_with,
    search_before,
    word_start_matches,
)
from extract.reader import (
    BODY,
    ArticleError,
    as_read,
    check_published,
    decode_spaced,
    read_article_bytes,
    read_header,
    segment_text,
)
from extract.untrusted import InputError, load_yaml_file, one_line, quoted

METRICS_FILE = Path("data") / "curation" / "metrics.yaml"
SOURCES_FILE: Final = Path("data") / "curation" / "sources.yaml"
COMPANIES_FILE: Final = Path("data") / "gazetteer" / "companies.yaml"
ARTICLES_DIR: Final = Path("data") / "articles"
EXIT_OK: Final = 0
EXIT_BAD_INPUT: Final = 2
# A line this long is not article text (a minified page, a binary blob that decodes as UTF-8).
MAX_LINE: Final = 200_000
MAX_FILE_BYTES: Final = 256 * 2**20

COUNTED_UNITS = {"count", "persons", "vehicles"}
DURATIONS: Final = {"years", "months", "weeks", "days", "hours", "minutes", "decades", "seconds",
                     "milliseconds", "microseconds"}
# A reference to a place: "the province", ... "the nation", "nationwide", "national total".
# Two patterns, each opening with a fixed string ("he", "nation") that the regex engine finds
# with a fast string search; a pattern opening with "[Tt]" or "\b" is instead tried at every
# position of the text, several times slower. The "T" or "t" before "he" and the word boundary
# are checked on each match (`_anaphors`).
THE_PLACE: Final = re.compile(
    r"he\s+(?:(?P<where>(?:(?:south|north)?(?:east|west)ern|southern|northern|central|coastal"
    r"|inland)\s+(?:Chinese\s+)?)?(?:provinc(?:e|ial\s+capital(?!\s+(?:of|city)\b))|city"
    r"|municipality|autonomous\s+region|region)|country|nation|capital(?!\s+(?:of|city)\b))"
    r"(?![\w-])"
)
# A run of a class's characters followed by a token that cannot open with one of them is written
# possessive ("[\w-]++\s+"): the regex engine never gives the run's characters back one by one
# to try again, which could only fail (tests/test_prefilters.py holds each to its greedy twin).
# A province's capital named through the province: "the Zhejiang provincial capital", "the
# Guizhou capital Guiyang", "Zhejiang's capital"; not "Guangdong capital markets".
CAPITAL_AFTER: Final = re.compile(
    r"(?:['’]s)?\s+(?:provincial\s+)?capital(?:\s+city)?\b(?![\w-])(?!\s+(?:of|markets?"
    r"|investments?|expenditure|spending|flows?|inflows?|outflows?|injections?|goods|stock"
    r"|gains?|costs?|controls?|accounts?|funds?|requirements?|base)\b)"
)
THE_BEFORE: Final = re.compile(r"\bthe\s+$", re.I)
# ... or the other way round: "capital of Zhejiang", "the provincial capital of southwest
# China's Guizhou Province"; not "the tech capital of Guangdong", which says what Guangdong is
# for (Shenzhen) and names no city.
CAPITAL_BEFORE: Final = re.compile(
    r"(?:\bthe\s+(?:provincial\s+)?|\bprovincial\s+|,\s*)capital\s+(?:city\s+)?of\s+"
    r"(?:(?:the\s+)?(?:[\w-]++\s+)?China['’]s\s+)?$",
    re.I,
)
NATIONAL: Final = re.compile(
    r"nation(?:wide|al\s+(?:total|target|goal|average|(?:(?:growth|penetration)\s+)?rate"
    r"|figure))\b")
NATIONWIDE_OPENING: Final = re.compile(r"Nationwide\b")  # opening a sentence: "Nationwide, ..."
ANAPHOR_LEVELS: Final = {
    "province": ("province", "autonomous_region"),
    "city": ("prefecture_city", "municipality", "sar"),
    "municipality": ("municipality",),
    "autonomous region": ("autonomous_region",),
    "region": ("area", "autonomous_region", "sar"),
}
COUNTRY: Final = "china"
# The references that always mean the country.
NATIONAL_HOWS: Final = frozenset((
    "the country", "the nation", "nationwide", "national total", "national target",
    "national goal", "national average", "national rate", "national growth rate",
    "national penetration rate", "national figure",
))


def _word_opening_twin(alternatives: Sequence[str], rest: str) -> re.Pattern:
    """`\b(?:A|B|...)rest`, case-sensitive, where each alternative opens with a letter (for text
    in lower case, the twin of a pattern ignoring case): the word boundary is checked right
    after that letter, by a look-behind on the character before it, so that the pattern opens
    with a set of letters, which the regex engine skips ahead to, instead of a boundary it tries
    at every position (half the time). The alternatives are grouped by their first letter, the
    order within each group kept: two alternatives with different first letters never match at
    the same place, so the first alternative to match is the same, and the boundary is looked at
    once per letter."""
    groups: dict[str, list[str]] = {}  # by first letter, in order: one look-behind per letter
    for alternative in alternatives:
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return re.compile("(?:" + "|".join(
        f"{letter}(?<!\\w.)(?:{'|'.join(tails)})" for letter, tails in groups.items()
    ) + ")" + rest)


def _word_starts(alternatives: Sequence[str]) -> re.Pattern | None:
    """Where a match of `_word_opening_twin(alternatives, ...)` may stand, for
    `word_start_matches`: in a text's copy made with ALNUM_LOWERED, the space before the fixed
    letters each alternative opens with. None when an alternative opens with none, or is
    itself an alternation: then the twin is run on its own."""
    openings = set()
    for alternative in alternatives:
        run = alternative[: len(alternative) - len(alternative.lstrip(ascii_lowercase))]
        if alternative[len(run) : len(run) + 1] in ("?", "*", "{"):
            run = run[:-1]  # "aims?": the "s" may not be there
        if not run or _has_top_level_bar(alternative):
            return None
        openings.add(run)
    return re.compile((" (?:" + literal_alternation(openings) + ")").encode("ascii"))


def _has_top_level_bar(regex: str) -> bool:
    """Whether `regex` is an alternation: a "|" outside its groups and character sets."""
    depth = 0
    in_set = False
    at = 0
    while at < len(regex):
        ch = regex[at]
        if ch == "\\":
            at += 2
            continue
        if in_set:
            in_set = ch != "]"
        elif ch == "[":
            in_set = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
        at += 1
    return False


# What a share of China's total names: "national", "nationwide", "the country", "China's".
COUNTRY_WORDS: Final[Words] = (
    r"national(?:ly|wide)?", "nationwide", r"the\s+country", r"this\s+country",
    r"whole\s+country", "country['’]s", "China", "Chinese", r"the\s+nation",
)
COUNTRY_WORD: Final = _word_opening_twin(COUNTRY_WORDS, r"\b")
# A place named only to say where another is: "130 km south of Hefei", "near Suzhou".
LANDMARK_BEFORE: Final = re.compile(
    r"(?:\b(?:north|south|east|west|northeast|northwest|southeast|southwest|km|kilometers"
    r"|kilometres|miles|hours?|drive|away)\s+(?:of|from)|\bnear|\boutside)\s+$",
    re.I,
)
# A year's own figure named in a plan: "double last year's 500 million yuan", "2024's 12 EFLOPS".
TOLD_YEAR_BEFORE: Final = re.compile(
    r"\b(last\s+year|(?:19|20)\d\d)['’]s\s+(?:[\w-]++\s+){0,3}?(?:about\s+|nearly\s+)?$", re.I
)
# When something was said, not when its figure holds: "said in March that it would raise".
SAID_BEFORE: Final = re.compile(
    r"\b(?:said|announced|unveiled|released|published|issued|pledged|stated|declared|revealed"
    r"|proposed|approved|adopted)\s+$",
    re.I,
)
# An interviewer's line: "Q: ...", "Question: ...".
QUESTION_OPENING: Final = re.compile(r"\W{0,3}(?:Q|Question)\s*[:：]")
# A rank of a place's size, not of a figure: "second-largest city", "third-biggest economy".
SIZE_RANK_AFTER: Final = re.compile(
    r"[-\s](?:largest|biggest|most\s+populous)\s+(?:cities|city|economy|economies|province"
    r"|provinces|town|port|metropolis)\b",
    re.I,
)
# Years written as a span: "the 2023-2025 period", "2024 to 2026".
YEAR_SPAN: Final = re.compile(r"(?<!\d)(?:19|20)\d\d\s*(?:-|–|—|to|through)\s*(?:19|20)\d\d(?!\d)")
# Words that join two phrases of a sentence, each with its own time: "... last year and signed".
COORDINATION: Final = re.compile(r"\b(?:and|but|while|whereas)\b|;")
# Before a year compared with, no figure's own: "up 35 percent over the same period last year",
# "120 more than in 2023" (not "no later than 2027", a deadline).
COMPARED_YEAR_BEFORE: Final = re.compile(
    r"(?:\bsame\s+(?:period|time|quarter|month)\s+(?:of\s+|in\s+)?"
    r"|(?<!later\s)(?<!earlier\s)(?<!sooner\s)\bthan\s+(?:in\s+|that\s+of\s+)?)$",
    re.I,
)
# ... and before "last year" only: "up 20 percent over last year".
COMPARED_LAST_YEAR_BEFORE: Final = re.compile(r"\bover\s+$", re.I)
# The country as the field a figure ranks in: "ranking first in the country", "the most in China".
RANK_SCOPE_BEFORE: Final = re.compile(
    r"\b(?:first|second|third|fourth|fifth|top|ranking|ranked|ranks|rank|largest|biggest|most"
    r"|highest|lowest|leading|No\.?\s?\d+)\b[^,;.]{0,25}\b(?:in|across|among|nationwide\s+in)"
    r"\s+(?:all\s+of\s+|the\s+whole\s+of\s+)?$",
    re.I,
)
# A rank right before "nationwide", which then says among what it ranks: "ranked second
# nationwide", "ranks No. 1 nationwide", "the top nationwide".
RANK_RIGHT_BEFORE: Final = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|top|No\.?\s?\d+"
    r"|\d+(?:st|nd|rd|th))\s+$",
    re.I,
)
# Between a rank and a place it is a rank within: "ranking first in Guangdong province", "third
# among the cities of Zhejiang": the place is no subject, and the rank is not among the country's.
RANK_PLACE_GAP: Final = re.compile(
    r"\s+(?:in|among|within|across)\s+(?:(?:the\s+)?(?:cities|prefectures)\s+(?:of|in)\s+)?")
# A rank among the world's: "China's computing power ... ranking second in the world".
WORLD_SCOPE_AFTER: Final = re.compile(
    r"\s+(?:in\s+the\s+world|globally|worldwide|in\s+the\s+globe|among\s+(?:all\s+)?"
    r"(?:countries|economies|nations))\b", re.I)
# Between a share and what it is of: "25.1 percent of the national total", "... of China's".
SHARE_GAP: Final = re.compile(r"\s+of\s+(?:the\s+)?")
# A national body, whose figures are the country's: "according to the Ministry of Finance".
NATIONAL_BODY: Final = re.compile(
    r"\b(?:Ministry\s+of\s+[A-Z][a-z]+|National\s+(?:Bureau\s+of\s+Statistics|Development\s+and"
    r"\s+Reform\s+Commission|Data\s+Administration|Energy\s+Administration)|State\s+Council"
    r"|NBS|NDRC|MIIT|CAICT|China\s+Academy\s+of\s+Information\s+and\s+Communications"
    r"\s+Technology|China\s+Association\s+of\s+Automobile\s+Manufacturers|CAAM"
    r"|China\s+Passenger\s+Car\s+Association|CPCA)\b"
)
# Words one of which each NATIONAL_BODY match holds.
NATIONAL_BODY_WORDS: Final[Words] = (
    "Ministry", "National", "State Council", "NBS", "NDRC", "MIIT", "CAICT", "China Academy",
    "China Association", "China Passenger", "CAAM", "CPCA",
)
NATIONAL_BODY_KEYED: Final = keyed_words(NATIONAL_BODY_WORDS)
# Several places together: "several provinces", "the eight hubs", "western hubs".
AGGREGATE: Final = re.compile(
    r"\b(?:several|many|some|these|those|other|all|both|the\s+(?:top\s+)?(?:two|three|four|five"
    r"|six|seven|eight|nine|ten|\d+)|eastern|western|northern|southern|central|\d+)\s+"
    r"(?:(?:national|computing|hub|main|major|key|pilot)\s+){0,2}"
    r"(?:provinces|cities|regions|hubs|clusters|municipalities|provincial-level\s+regions"
    r"|places|nodes|localities)\b",
    re.I,
)
# Words one of which (in lower case) each AGGREGATE match holds.
AGGREGATE_WORDS: Final[Words] = (
    "provinces", "cities", "regions", "hubs", "clusters", "municipalities", "places", "nodes",
    "localities",
)
AGGREGATE_KEYED: Final = keyed_words(AGGREGATE_WORDS)
# A place as what a share is of: "Shenzhen's share of the province's AI companies".
SHARE_OF_BEFORE: Final = re.compile(r"\b(?:share|proportion|percentage)\s+of\s+(?:the\s+)?$",
                                    re.I)
# The country as what a share is of: "the share of its output in the national total".
DENOMINATOR_BEFORE: Final = re.compile(
    r"\b(?:share|proportion|percentage)\b[^,;.]{0,60}\b(?:in|of)\s+(?:the\s+)?$", re.I
)
# An aside between a subject and its verb: ", which includes Shenzhen,", ", home to Alibaba,".
ASIDE: Final = re.compile(
    r",\s+(?:which|that|who|whose|where|(?:of|in)\s+which|including|includes|home\s+to"
    r"|such\s+as|like|along\s+with|together\s+with|as\s+well\s+as|next\s+to|near|unlike)\b"
    r"[^,;]{0,120},"
)
# An appositive after the place that opens a sentence: "Shenzhen, the southern tech hub
# bordering Hong Kong, said ...": the places in it describe the subject.
APPOSITIVE_ASIDE: Final = re.compile(r",\s+(?:the|a|an)\s+[^,;]{1,100},")
# A period told in the sentence before: "Shanghai followed with 1.2 million over the same
# period", "By then, the city will have ..."; not "the same period last year" (compared with).
THEN_PERIOD: Final = re.compile(
    r"\b(?:by\s+then|(?:in|over|during|for)\s+the\s+(?:same\s+)?period)\b(?!\s+(?:last|of|a\s+year"
    r"|in|from|between|\d))", re.I)
# A part of a sentence telling what something has: ", with 42,000 R&D personnel,".
WITH_PART: Final = re.compile(r"with\b", re.I)
# "its" opening a later clause, before the number: ", and its 60,000 enterprises account for".
ITS_CLAUSE_BEFORE: Final = re.compile(
    r"(?:[,;]\s+|\s)(?:and|but|while)\s+its\s+(?:[^,;]|(?<=\d),(?=\d)){0,80}$")
# An aside opening with a relative word or a participle: ", which started production in 2022",
# ", two cities that only began building in 2022", ", the company founded in the city in 1999"
# (not "that", which also opens what is said: "it was pointed out that in 2023, ...").
YEAR_ASIDE: Final = re.compile(
    r",\s+(?:[^,;]{0,60}?\s)?(?:which|who|whose|founded|established|began|started|launched)\b")
# ... but one that names the subject: "Like Beijing, the city of Shenzhen, which ..., had".
NAMING_APPOSITIVE: Final = re.compile(
    r",\s+the\s+(?:city|province|municipality|region|autonomous\s+region)\s+of\s+[A-Z]")
# What may open a sentence before its subject: quotes, brackets, a list marker ("2. ").
MARKS_BEFORE_SUBJECT: Final = r"\W{0,3}(?:\d{1,2}[.)]\s+)?"
BEFORE_SUBJECT: Final = re.compile(MARKS_BEFORE_SUBJECT)
# The name of a district, county, zone or park, which the gazetteer does not hold.
SUBPLACE_NAME: Final = (
    r"(?P<name>(?:[A-Z][\w'’-]*+\s+(?:and\s+)?){1,3}(?:[Dd]istrict|[Cc]ounty|[Nn]ew\s+[Aa]rea"
    r"|[Dd]evelopment\s+[Aa]rea"
    r"|(?:[Aa]utonomous\s+)?[Pp]refecture|[Ll]eague|[Bb]anner"
    r"|(?:[Ee]conomic\s+|[Hh]igh-[Tt]ech\s+|[Dd]evelopment\s+)?[Zz]one|[Pp]ark|[Tt]ownship"
    r"|[Tt]own|[Vv]illage|(?:[Ss]cience|[Tt]echnology|[Tt]ech|[Ii]nnovation)\s+[Cc]ity"
    r"|[Vv]alley))\b"
)
# A district of a named place: "Hangzhou's Binjiang district", "Shanghai's Pudong New Area".
# Words one of which (in lower case) each SUBPLACE_NAME match holds ("area", not "new area":
# the name may have any white space between its words).
SUBPLACE_WORDS: Final[Words] = (
    "district", "county", "area", "prefecture", "league", "banner", "zone", "park", "town",
    "village", "city", "valley",
)
SUBPLACE_KEYED: Final = keyed_words(SUBPLACE_WORDS)
SUBPLACE_AFTER: Final = re.compile(r"['’]s\s+" + SUBPLACE_NAME)
# A reference to one, which no region of the gazetteer is ("The area's intelligent computing
# accounts for 97 percent", after a sentence on Gui'an New Area); not "the area of AI".
SUBPLACE_REFERENCE: Final = re.compile(
    r"\b[Tt]he\s+(?:new\s+)?(?P<word>area|zone|district|county|park|town|township|village"
    r"|valley)(?:['’]s)?\b(?!\s+of\b)"
)
# A sentence whose subject is one ("Haidian district alone hosts", "Pudong New Area, home to").
UNKNOWN_SUBJECT: Final = re.compile(MARKS_BEFORE_SUBJECT + SUBPLACE_NAME)
# ... after a phrase that says where it lies ("In Beijing, Haidian district had 1,300 ...").
LOCATED_SUBPLACE: Final = (
    r"(?:In|At|Across|Elsewhere\s+in|Back\s+in)\s+[^,;.]{1,40},\s+" + SUBPLACE_NAME
)
LOCATED_SUBPLACE_SUBJECT: Final = re.compile(MARKS_BEFORE_SUBJECT + LOCATED_SUBPLACE)
# A district named as a place's own before the number: "while its Nanshan district had 1,150".
OWN_SUBPLACE_BEFORE: Final = re.compile(
    r"\b(?:its|the\s+(?:city|province|municipality)['’]s)\s+" + SUBPLACE_NAME + r"[^,;]{0,80}$"
)
# ... or a city it describes as one ("Yibin, a city in southwest China's Sichuan Province,").
UNKNOWN_CITY: Final = (
    r"(?P<name>[A-Z][\w'’-]++(?:\s+[A-Z][\w'’-]++){0,2})(?=,\s+(?:(?:(?:a|the)\s+)?"
    r"(?:[\w-]++\s+){0,2}?(?:city|county|district|town|prefecture)\s+(?:in|of)\s"
    # "Xiangyang, Hubei's second-largest city,"
    r"|[A-Z][\w'’-]+['’]s\s+(?:[\w-]++\s+){0,2}?(?:city|county|district|town|prefecture),))"
)
UNKNOWN_CITY_SUBJECT: Final = re.compile(MARKS_BEFORE_SUBJECT + UNKNOWN_CITY)
# Where any of the three may match: one regex call settles the sentences that open with none of
# them (most), in place of three: their bodies, the group names taken out, after the marks they
# all open with.
ANY_UNKNOWN_SUBJECT: Final = re.compile(MARKS_BEFORE_SUBJECT + "(?:" + "|".join(
    body.replace("(?P<name>", "(?:") for body in (SUBPLACE_NAME, UNKNOWN_CITY, LOCATED_SUBPLACE)
) + ")")
CAPITAL: Final = "beijing"
IT_OPENING: Final = re.compile(r"[\"“‘']?(?:It|Its)\b")
# "2,000 AI firms in Shanghai", "60 percent of which are in Hangzhou", "are located in".
PLACE_RIGHT_AFTER: Final = re.compile(
    r"^\s+(?:[\w-]++\s+){0,2}?(?:of\s+(?:which|them|these|those)\s+)?"
    r"(?:(?:are|is|were|was)\s+)?(?:(?:located|based|concentrated)\s+)?in\s+$"
)
# Between a place and the larger place it lies in: "Hefei in east China's Anhui Province",
# "Guiyang, capital of southwest China's Guizhou Province", "Dongguan, a manufacturing hub in
# Guangdong", "Hangzhou in neighboring Zhejiang province", "Shenzhen, south China's Guangdong".
APPOSITIVE_GAP: Final = re.compile(
    r"^(?:,?\s+in\s+(?:(?:the\s+)?(?:neighbou?ring|nearby|adjacent)\s+)?"
    r"|,\s+(?:(?:a|the)\s+)?(?:[\w-]++\s+){0,2}?(?:city|capital|county|district|hub|centre|center"
    r"|town|port)\s+(?:in|of)\s+|\s+of\s+|,\s+)"
    r"(?:(?:[\w-]++\s+)?China['’]s\s+)?$",
    re.I,
)
# "China's" right before a place: the country in the place's epithet ("east China's Zhejiang").
POSSESSIVE: Final = re.compile(r"['’]s\s+$")
COMPASS_BEFORE: Final = re.compile(
    r"\b(?:north|south|east|west|central|(?:north|south)[\s-]?(?:east|west))(?:ern)?\s+$", re.I)
IN_PROVINCE: Final = re.compile(r"\s*(?:,\s*|\s+in\s+|\s*\()")
LIST_JOINER: Final = re.compile(r"^(?:\s*,\s*|\s*,?\s+and\s+|\s*、\s*)$")
OTHER_PLACES: Final = re.compile(
    r"\s*,?\s+and\s+other\s+(?:places|cities|regions|provinces|areas)\b"
)
COMPANY_CUE: Final = re.compile(
    r"\b(?:Co\.|Ltd\b|Inc\b|Corp\b|Corporation\b|Group\b|Technologies\b|Holdings\b"
    r"|[A-Z][a-z]++\s+(?:Technology|Electric|Motors|Robotics)\b"
    r"|(?:the|this|that|its|the\s+listed)\s+(?:company|firm|enterprise|startup|start-up)\b"
    r"|company's|firm's|founder|chairman|CEO\b|[a-z]++\s+company\b|[A-Za-z]++-based\b"
    r"|[A-Za-z]++-headquartered\b|founded\s+in\b|(?:headquartered|based)\s+in\s+[^,.;]{1,40},"
    # an institution's own figure: "Zhejiang University in Hangzhou has 3,000 researchers"
    r"|(?:University|Institute|Academy|Laborator(?:y|ies)|Lab)\b"
    # ... to the end of its name: "University of Science and Technology of China"
    r"(?:\s+(?:of|for)(?:\s+(?:[A-Z][\w&'’-]*|and|of|the|for)\b)+)?)"
)
# "iFlytek's revenue rose": a name that is not a place, owning a firm's kind of figure.
FIRM_POSSESSIVE: Final = re.compile(
    r"\b(?P<name>\w*[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*)['’]s\s+(?:[\w-]++\s+){0,2}?(?:revenue|sales"
    r"|profits?|shipments|valuation|orders|shares|customers|users|employees|staff)\b"
)
# A firm's plant named after its place: "BYD's Hefei plant churned out", "China Mobile's Guizhou
# data center provides": the plant's figure, the firm's (a name that is no place).
FIRM_PLACE_FACILITY: Final = re.compile(
    r"\b(?P<name>\w*[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*)['’]s\s+(?:[A-Z][\w'’-]*\s+){1,3}"
    r"(?i:plants?|factory|factories|gigafactory|data\s+cent(?:er|re)s?"
    r"|computing\s+cent(?:er|re)s?|base|campus|facility|facilities)\b"
)
# Words one of which each FIRM_PLACE_FACILITY match holds in lower case (when it is ASCII).
FIRM_FACILITY_WORDS: Final[Words] = ("plant", "factor", "cent", "base", "campus", "facilit")
# "UBTech, a Shenzhen-listed robot maker, said": a name that is not a place, told of as a firm.
# The description from its comma (a pattern opening with a fixed character, which the regex
# engine skips ahead to), then the name right before that comma.
# The nouns that end such a description ("chipmaker", "robot maker": a kind of maker).
FIRM_DESCRIPTION_NOUNS: Final[Words] = (
    "maker", "manufacturer", "developer", "producer", "supplier", "provider", "operator",
    "startup", "start-up", "unicorn", "giant", "company", "firm", "group", "enterprise",
)
FIRM_APPOSITIVE: Final = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w'’-]++\s+){0,4}?"
    r"(?:robot|chip|car|auto|EV|battery|drone|server|software|model)?"
    r"(?:" + "|".join(FIRM_DESCRIPTION_NOUNS) + r")s?(?:\s+of\s+[^,;.]{1,60}?)?,"
)  # (what it makes may follow: "the Shenzhen-listed maker of Walker humanoid robots,")
NAME_BEFORE_COMMA: Final = re.compile(r"\b[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*$")
NAME_REACH: Final = 60  # characters before the comma a firm's name may take
# "Tencent said its ...": a named speaker that is not a place, speaking of its own figures.
SPEAKER_ITS: Final = re.compile(
    r"\b(?P<name>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)\s+(?:said|says|announced"
    r"|reported)\s+(?:on\s+[^,]{1,20}\s+)?(?:that\s+)?its\b"
)
COMPANY_ONLY: Final = re.compile(
    r"\b(?:net\s+profit|operating\s+income|pre-orders|team\s+members|priced\s+at|for\s+only"
    r"|performance\s+forecast|share\s+price|market\s+value|valuation|IPO"
    r"|series\s+[A-E]\+?|(?:funding|financing|seed|angel|pre-IPO)\s+round"
    r"|reported\s+(?:a\s+)?(?:revenue|profit|net\s+profit|sales)|its\s+(?:revenue|sales|profits?"
    r"|shares|customers|orders))\b",
    re.I,
)
PER_UNIT_AFTER: Final = re.compile(
    r"\s*(?:per|a|(?:(?:to|for)\s+)?(?:each|every)(?:\s+(?:eligible|qualified|qualifying|new"
    r"|single|such|AI))*)\s+(?:person|people|firm|company|enterprise|unit|car|vehicle|ton"
    r"|project|team|startup|start-up|application|item|school|hospital"
    r"|household|month|day|hour|kilowatt-hour|kWh)\b",
    re.I,
)
PER_UNIT_OPENINGS: Final = "paftePAFTE"  # the letters its matches open with past white space
# What a percentage is a share of, right after it: "13 percent of the national total".
SHARE_OF_AFTER: Final = re.compile(
    r"\s+of\s+(?:the|its|their|all|China|national|total)\b", re.I
)
# Where a place is, before it: "In the", "Elsewhere in the", "Across the".
LOCATIVE_BEFORE: Final = re.compile(r"\b(?:[Ii]n|[Aa]cross|[Ww]ithin|[Tt]hroughout)\s+(?:the\s+)?$")
# "new" after a count: things added ("300 new AI companies"), not "new energy vehicles".
NEW_AFTER: Final = re.compile(r" new (?!energy\b|-energy\b|energy-)", re.I)
# An amount for each of the things counted before it: "vouchers worth up to 3 million yuan
# each"; not "5 billion yuan each year".
EACH_AFTER: Final = re.compile(
    r"\s+(?:each|apiece)\b(?!\s+(?:year|month|quarter|week|day|time|of)\b)", re.I
)
# What is added, not what there is: "added 1,250", "grew by 4 EFLOPS", "another 200".
INCREMENT_BEFORE: Final = re.compile(
    r"\b(?:add(?:ed|s|ing)?(?:\s+(?:a\s+)?(?:further|net|total\s+of|another))?|another"
    r"|an\s+additional|(?:grew|grow|grows|growing|increased|increases|increasing|rose|rising"
    r"|expanded|up)\s+by|(?:an?\s+)?(?:net\s+)?(?:increase|gain|rise)\s+of)\s+$",
    re.I,
)
# One facility named before an amount of computing power: "the supercomputer ... has a peak
# performance of 4,700 TFLOPS", "Zhengzhou's new computing center, with a capacity of 1,000P".
# Its capacity, not the place's computing power.
FACILITY_BEFORE: Final = re.compile(
    r"\b(?:supercomputer|(?:supercomputing|computing|data|computility)\s{1,3}(?:center|centre))"
    r"(?!s)\b[^;]{0,100}$",
    re.I,
)
# ... but the place's whole after it: "which will bring the city's capacity to 8 EFLOPS".
PLACE_CAPACITY: Final = re.compile(
    r"\bthe\s+(?:city|province|municipality|region)['’]s\s|\b(?:total|overall|combined)\b",
    re.I)
FACILITY_REACH: Final = 100 + len("supercomputing") + 3 + len("centre")  # its longest match
FACILITY_WORDS: Final[Words] = ("supercomputer", "center", "centre")
# A part of a count told before: "48 data centers, including 15 super-large ones", "Of these, 23
# have filed models", "23 of which are super-large". No level of the stock the keyword counts.
SUBSET_BEFORE: Final = re.compile(
    r"\b(?:of\s+(?:which|them|these|those)|among\s+(?:them|which|these|those)|including"
    r"|includ(?:es|ed))\s*,?\s+$",
    re.I,
)
# The words each match of SUBSET_BEFORE ends with, before its comma and white space.
SUBSET_ENDINGS: Final = ("which", "them", "these", "those", "including", "includes", "included")
SUBSET_REACH: Final = 40  # characters before the number SUBSET_BEFORE is looked for in
SUBSET_AFTER: Final = re.compile(r"\s+(?:of\s+(?:which|them|these|those)|among\s+them)\b", re.I)
# ... or after: "3,910 more than a year earlier".
INCREMENT_AFTER: Final = re.compile(
    r"\s+(?:[\w-]++\s+)?(?:more|fewer|less)\s+than\s+(?:(?:a|one)\s+(?:year|month|quarter)"
    r"\s+(?:earlier|ago|before)|the\s+(?:previous|prior)\s+(?:year|month|quarter)|last\s+year"
    r"|in\s+(?:19|20)\d\d|(?:in\s+)?the\s+same\s+period\s+(?:of\s+)?last\s+year"
    r"|at\s+the\s+(?:start|beginning|end)\s+of\s+(?:the|this|last)\s+year)\b",
    re.I,
)
# Words one of which each INCREMENT_BEFORE match holds (in lower case).
INCREMENT_WORDS: Final[Words] = (
    "add", "another", "additional", "w by", "wn by", "ws by", "ing by", "ed by", "es by", "rose by",
    "up by", "increase", "gain", "rise",
)
# What a cap applies to each of: "a single enterprise may receive no more than", "per company",
# "50 teams, each of which can receive up to".
PER_UNIT: Final = re.compile(
    r"\beach\s+of\s+(?:which|whom|them|these|those)\b"
    r"|\b(?:each|per|every|any|a\s+single|single|individual)\s+(?:[\w-]++\s+){0,2}?(?:firm|company"
    r"|compan(?:y|ies)|enterprises?|projects?|start-?ups?|applicants?|institutions?|teams?"
    r"|platforms?|models?|recipients?)\b"
    # a cap "for major projects": for each of them
    r"|\bfor\s+(?:(?:major|key|eligible|qualified|qualifying|selected|large|new)\s+){1,2}"
    r"(?:projects|firms|companies|enterprises|start-?ups|teams|platforms)\b",
    re.I,
)
# A part set off by commas that only comments ("The city's NEV exports, however, remain"), and
# a part that is a rate of the figure before ("..., up 120 percent"): the clause's subject goes
# on past them.
ASIDE_PART: Final = re.compile(
    r",\s*(?:however|meanwhile|though|too|also|moreover|in\s+contrast|by\s+contrast),", re.I)
RATE_PART: Final = re.compile(
    r"\s*(?:up|down|an?\s+(?:increase|decrease|rise|drop|fall|decline|jump|surge)\s+of"
    r"|(?:rising|falling|growing|jumping|surging|dropping)(?:\s+by)?)\s", re.I)
# One recipient opening a sentence, and what it will receive: "A developer that completes
# national registration will receive a reward of", "Each team settling here may get".
PER_RECIPIENT_OPENING: Final = re.compile(
    r"\W{0,3}(?:A|An|Each|Every|Any)\s+[^,;.]{0,120}?\b(?:will|can|could|may|shall|is\s+to)"
    r"\s+(?:also\s+)?(?:receive|get|be\s+(?:granted|awarded|given|rewarded|entitled\s+to)"
    r"|enjoy|claim)\b")
# ... or recipients of a kind told of in the number's clause: "and enterprises that build large
# computing centers can receive a one-time subsidy of up to 10 million yuan".
PER_RECIPIENT_CLAUSE: Final = re.compile(
    r"\b(?:enterprises|firms|companies|developers|teams|projects|institutions|start-?ups"
    r"|applicants|recipients|platforms|those)\s+(?:that|which|who|whose)\s+[^,;.]{0,120}?"
    r"\b(?:will|can|could|may|shall|is\s+to|are\s+to)\s+(?:also\s+)?(?:receive|get"
    r"|be\s+(?:granted|awarded|given|rewarded|entitled\s+to)|enjoy|claim)\b[^,;.]{0,80}$",
    re.I,
)
# A share of a cost after a percentage: "vouchers worth up to 30 percent of the rental cost",
# "subsidies cover 30 percent of computing costs": how much of each firm's bill is paid, not a
# figure of the place.
COST_SHARE_AFTER: Final = re.compile(
    r"\s+of\s+(?:(?:the|their|its|a|an|each|every|any)\s+)?(?:[\w'’-]++\s+){0,3}?(?:costs?"
    r"|bills?|expenses?|expenditures?|investments?|prices?|fees?|rents?|rental|spending"
    r"|outlays?|(?:contract|purchase|project)\s+value)\b",
    re.I,
)
COST_SHARE_OPENINGS: Final = "oO"  # the letter its matches open with past white space
# Words that say what pays a share of a cost, one of which a sentence with an exact share of a
# cost holds (in lower case): "subsidies cover 30 percent of the cost".
COST_PAID_WORDS: Final[Words] = ("cover", "subsid", "voucher", "reimburs", "refund", "rebate",
                                 "grant", "compensat")
# "make up 60 percent of sales": a share, not a rise
GROWTH_BEFORE: Final = re.compile(
    r"(?:\b(?<!make\s)(?<!made\s)(?<!makes\s)(?<!making\s)(?<!take\s)(?<!took\s)"
    r"(?<!takes\s)(?<!taking\s)up"
    r"|\bgr[eo]w(?:s|n|ing)?(?:\s+by)?|\bgrowth(?:\s+rate)?(?:\s+of)?"
    r"|\bincrease[sd]?(?:\s+(?:by|of))?|\bincreasing(?:\s+by)?|\brose(?:\s+by)?|\brising(?:\s+by)?"
    r"|\brise\s+of"
    r"|\bjump(?:ed)?(?:\s+by)?|\bsurg(?:ed|ing)(?:\s+by)?|\bexpand(?:ed|ing)?(?:\s+by)?"
    r"|\bclimb(?:ed|ing)?(?:\s+by)?)\s+$",
    re.I,
)
# Words one of which each GROWTH_BEFORE match holds (in lower case).
GROWTH_WORDS: Final[Words] = (
    "up", "grew", "grow", "increas", "rose", "rising", "rise", "jump", "surg", "expand", "climb",
)
# A fall ("down 6 percent", "fell 4.2 percent", "-3.5 percent": a negative rate) is read by
# extract/numbers.py's `fall_before`, as the build reads one.
GROWTH_AFTER: Final = re.compile(
    r"\s*(?:year[-\s]on[-\s]year|year[-\s]over[-\s]year|from\s+a\s+year)", re.I
)
# A span still to come after "over", "in", "within", "during": " the next three years".
_SPAN_TO_COME: Final = r"\s+the\s+(?:next|coming)\s+(?:[a-z]+\s+|\d{1,2}\s+)?years"
TARGET_CUE: Final = re.compile(
    r"\b(?:will|would|aims?\s+(?:to|for)|aiming\s+(?:to|for)|aimed\s+to|plans?\s+to|planning\s+to"
    r"|plans?(?=\s+(?:an?|new)\s)|planned|targets?|targeted|targeting|striv(?:e|es|ing)\s+to"
    r"|goals?|expected\s+to"
    r"|(?:is|are)\s+set\s+to|seeks?\s+to|intends?\s+to|projected\s+to|on\s+track\s+to"
    r"|(?:forecast|estimated|predicted)\s+to(?!\s+have\b)"
    # a forecast or a wish: "could reach", "is likely to pass", "analysts expect", "want" ("may"
    # is also a month)
    r"|could(?!\s+have\b)|should(?!\s+have\b)|shall|(?:is|are)\s+likely\s+to|expects?|expecting"
    r"|wants?|hopes?\s+to"
    # a promise ("has pledged 10 billion yuan", "promised more than $1 billion in subsidies")
    r"|pledged|pledges|promised|vow(?:s|ed)\s+to"
    # a span still to come: "over the next three years", "in the coming five years"
    r"|(?:over|in|within|during)" + _SPAN_TO_COME +
    r"|by\s+(?:the\s+end\s+of\s+)?(?P<year>(?:19|20)\d\d))\b",
    re.I,
)
# What may stand between a period's preposition and its year: "the whole year", "the first
# quarter of", "the first three quarters of", "the first five months of", "H1", "Q3".
_PERIOD_PART: Final = (
    r"(?:the\s+(?:whole\s+)?(?:year\s+)?|the\s+(?:first|second|third|fourth|last)(?:\s+(?:two"
    r"|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2}))?\s+(?:quarters?|half|months)"
    r"\s+of\s+|(?:h[12]|q[1-4]|[12]h|[1-4]q)\s+)?"
)
PERIOD_CUE: Final = re.compile(
    r"\b(?:in|by|for|during|as\s+of|until|through|since|no\s+later\s+than|not\s+later\s+than"
    r"|(?:at\s+|by\s+)?the\s+end\s+of)\s+"
    + _PERIOD_PART + r"(?P<year>(?:19|20)\d\d)\b",
    re.I,
)
# A year not inside a longer number: "(?<![\d,.])" written after the year's first two digits
# (as "(?<![\d,.]..)"), so that the pattern opens with them and the engine skips ahead to a 1 or 2.
BARE_YEAR: Final = re.compile(r"(?P<year>(?:19|20)(?<![\d,.]..)\d\d)(?![\d,])(?!\s+[A-Z][a-z])")
ANY_YEAR: Final = re.compile(r"(?:19|20)\d\d")
# "by the end of the year", "by year-end" (no "which"): the year the article was published.
RELATIVE_YEAR: Final = re.compile(
    r"\b(?:(?P<which>last|this|next)\s+year|the\s+end\s+of\s+the\s+year|year[-\s]end)\b", re.I
)
RELATIVE_WORDS: Final[Words] = ("last", "this", "next", "end")
# A figure reached "at the end of the year" is told after that year ended: in an article of March
# 2025, the year is 2024 (in one of December, the year then ending).
PART_OF_YEAR: Final = re.compile(
    r"\b(?:in|during|over)\s+the\s+(?P<which>first|second|third|fourth|first\s+(?:two|three"
    r"|four|five|six|seven|eight|nine|ten|eleven|\d{1,2}))\s+(?:quarters?|half|months)\b"
    r"(?!\s+of\s+(?:19|20)\d\d\b)",  # "the first three quarters of 2024" names its year
    re.I,
)
# A list's item ("1. ", "2) ", "- ", "• ") and a heading over a list that names its year ("Key
# achievements in 2024:", "2024 highlights:"): the items' figures are of that year.
LIST_BULLETS: Final = "-•·*▪"
# An item of a list: "1. ", "- ", or a label and its figure ("Jinan: 4.1 EFLOPS").
LABEL_LENGTH: Final = 40  # a label's characters after its capital, at most
LIST_ITEM: Final = re.compile(
    r"\s*(?:\d{1,2}[.)、]|[" + LIST_BULLETS + rf"]|[A-Z][A-Za-z'’ .-]{{1,{LABEL_LENGTH}}}:"
    r"(?=[ \t]*\S))\s"
)
LIST_HEADING: Final = re.compile(
    r"(?=[^\n]{3,100}$)[^\n:]*?(?:(?<![\d,.])(?P<year>(?:19|20)\d\d)(?!\d|,\d)"
    r"|\b(?P<which>[Tt]his|[Nn]ext|[Ll]ast)\s+year\b)[^\n:\d]*:"
    # ... or a short title with a year and no full stop: "Key figures of 2024", "II. Main
    # targets for 2025"
    r"|(?=[^\n]{3,60}$)(?:(?:[IVX]{1,4}|[\u2160-\u216b])\.\s)?[^\n:.]*?(?<![\d,])(?P<titled>(?:19|20)\d\d)(?!\d|,\d)[^\n:\d.]*"
)
HEADS_THE_LIST: Final = " heads the list"  # how the `why` ends for a heading's year
HEADING_REACH: Final = 30  # lines looked up from a list item to its heading ...
HEADING_WINDOW: Final = 4000  # ... within this many characters
MONTH_NAMES: Final[Words] = tuple(month.capitalize() for month in MONTHS)
MONTH_NAME: Final = re.compile("|".join(MONTH_NAMES))  # capitalised: "may" is a verb
MONTH_REACH: Final = 60  # "as of the end of", "from January through": a month's phrase before it
# A month of the year the article speaks of: "by the end of September", "as of October", "from
# January to October", "in the January-October period", "in October"; not a date ("October 5",
# "October 2023", whose year is read as a year).
MONTH_PERIOD: Final = re.compile(
    r"(?i:\b(?:(?:by|at|as\s+of|until|till|through|to)\s+(?:the\s+end\s+of\s+)?"
    r"|(?:in|during|for)\s+(?:the\s+)?|from\s+January\s+(?:to|through|till|until)\s+"
    r"|between\s+January\s+and\s+))(?:January\s*[-–]\s*)?"
    r"(?P<month>" + "|".join(MONTH_NAMES) + r")\b(?!,?\s+\d)"
)
MULTIPLE_BASE_GAP: Final = re.compile(
    r"^\s+(?:[\w'’-]++\s+){0,4}?(?:from|over|compared\s+with|compared\s+to)\s+$", re.I
)
TOP_BEFORE: Final = re.compile(r"\btop\s+$", re.I)
# A count of a group the subject is one of: "Hangzhou is one of 18 national AI pilot zones".
ONE_OF_BEFORE: Final = re.compile(r"\bone\s+of\s+(?:the\s+)?(?:only\s+)?$", re.I)
# ... a verb after "to" or a modal: "The number of AI firms will top 1,500", "expected to top".
TOP_VERB_BEFORE: Final = re.compile(
    r"\b(?:to|will|would|could|may|might|should|can|shall|must)\s+top\s+$", re.I)
# Where a sentence ends, for finding the subject of the one before (a cheap test, not the
# segmenter's full rules), and how far into its sentence a subject may stand ("In 2024, ").
SENTENCE_ENDS: Final[Words] = (". ", "! ", "? ", "\n")
SENTENCE_END_BETWEEN: Final = re.compile(r"[.!?]\s|\n")
SUBJECT_OPENING: Final = 12
DATELINE_DASHES: Final[Words] = ("--", "—")  # what ends a dateline ("(Xinhua) --")
COUNTRY_REACH: Final = 80  # characters from "China's" to a number it heads ("China's total of")
GAP_JOINER: Final = re.compile(r"\b(?:and|or|but|while|whereas)\b")
# "Ningbo and Wenzhou have each ...", "Both Beijing and Shanghai have ...": one figure per place.
DISTRIBUTIVE: Final = re.compile(
    r"\b(?:[Ee]ach|[Bb]oth|apiece)\b(?!\s+(?:year|month|week|day|quarter)s?\b)")
SENTENCE_REACH: Final = 2000  # characters looked through for those sentence ends
# Where one clause of a sentence ends and the next begins ("reached 20,000P last year and is
# expected to hit 40,000P"): a semicolon, the end of a quotation ("... hub," said Wang), or
# "and", "but", "while", "whereas" before a verb's part or after a comma.
CLAUSE_JOINT: Final = re.compile(
    r";|(?<=[,.!?])[”\"](?=\s)|,\s+(?:and|but|while|whereas)\s+"
    # (a pronoun may stand before the second verb: "reached 16 EFLOPS and we expect it to hit")
    r"|\s+(?:and|but|while|whereas)\s+(?=(?:(?:we|it|they|he|she|the\s+(?:city|province))\s+)?"
    r"(?:is|are|was|were|has|have|had|will|would|plans?"
    r"|aims?|expects?|targets?|wants?|seeks?|intends?|hopes?)\b)"
)
JOINT_MARKS: Final[Words] = (";", '"', "”", "and", "but", "while", "whereas")  # one in each match
GENERIC_COUNTED: Final = {"units", "unit", "sets", "pieces"}
GENERIC_UNITS_IN: Final = re.compile(r"\d\s+(?:million\s+|thousand\s+)?(?:units|sets|pieces)\b")
# Measures the metrics never count in: an amount of them is out of scope, not a count.
PHYSICAL_UNITS: Final = {
    "kwh", "kilowatt-hours", "kilowatt", "kilowatts", "mwh", "gwh", "twh", "mw", "gw",
    "megawatts", "gigawatts", "tons", "tonnes", "ton", "tonne", "km", "kilometers",
    "kilometres", "meters", "metres", "hectares", "mu", "sq", "square", "cubic", "liters",
    "litres", "barrels", "kg", "kilograms", "teu", "ms",
}
HYPHEN_WORD: Final = re.compile(r"[A-Za-z]+")
# Measures written in full after a hyphen ("a 1,200-kilometer cable"), by their plural.
MEASURE_WORDS: Final = frozenset((
    "kilometers", "kilometres", "meters", "metres", "miles", "hectares", "acres", "feet",
    "storeys", "stories", "floors", "seats", "inches", "kilowatts", "megawatts",
))
# What an event or a list counts, never a region's figure without a metric's keyword: "drew 400
# exhibitors from 15 countries and regions", "features 3 forums".
EVENT_COUNTED: Final = {
    "countries", "country", "nations", "economies", "exhibitors", "exhibitor", "forums",
    "forum", "booths", "delegates", "guests", "visitors", "participants", "attendees",
    "speakers", "sessions", "languages", "runners", "spectators", "athletes", "competitors",
}
# What a population counts, and the words before one: no metric's figure.
POPULATION_COUNTED: Final = {"people", "residents", "inhabitants", "population"}
PEOPLE_OF_BEFORE: Final = re.compile(  # "a city of 5.4 million people", "home to 9 million people"
    r"\b(?:of|home\s+to)\s+(?:about\s+|some\s+|nearly\s+|over\s+|more\s+than\s+)?$", re.I)
POPULATION_BEFORE: Final = re.compile(
    r"\bpopulation\s+(?:of\s+|(?:stood\s+at|reached|was|is|of\s+about)\s+)(?:about\s+|some\s+"
    r"|nearly\s+|over\s+|more\s+than\s+)?$", re.I)
# "nearly doubling from 2023": the year a change is counted from, not the figure's.
# "about 2.5 times that of 2020": the year compared with, not the figure's.
FROM_BEFORE: Final = re.compile(
    r"\b(?:from|over|compared\s+with|than(?:\s+in)?|(?:that|those)\s+of)\s+$", re.I)
FROM_WORDS: Final[Words] = ("from", "over", "compared", "than", "that", "those")
# What a plan starts from: "up from about 3,500 at present", "rise to 30 percent from 25".
BASELINE_BEFORE: Final = re.compile(
    r"(?:\bup\s+|\bdown\s+|\d\S*\s+|,\s+|\bcompared\s+with\s+"
    # a change from a base: "has grown from 3 EFLOPS in 2021 to 80 EFLOPS"
    r"|\b(?:grown|grew|grows|grow|rose|risen|rises|rising|increased|increases|jumped|climbed"
    r"|expanded|surged|soared|doubled|tripled)\s+)from\s+$|\bcompared\s+with\s+$"
)
# What a clause says it measures, before its number: "the output of industrial robots".
OWN_MEASURE: Final = re.compile(
    r"\b(?:output|production|number|sales|exports?|added\s+value|revenue|volume)\s+of\s", re.I
)
# The day the article was written, right after a figure: "80 EFLOPS today", "1,900 now".
NOW_AFTER: Final = re.compile(r",?\s+(?:today|now|currently|at\s+present)\b(?![-‐])")
BASELINE_REACH: Final = 25  # characters before the number looked at for it
NO_PLAN_WORDING: Final = "actual (no plan wording)"
# A sentence that orders a measure, as the items of a policy document do: "Issue computing
# vouchers of no more than 500 million yuan each year", "(2) Build 10 data centers"; not
# "Support for the industry reached ..." or "Increase in output was ...".
IMPERATIVE_OPENING: Final = re.compile(
    r"[\s\"“‘(]*(?:(?:\(?\d{1,2}[.)]|\(?[ivxIVX]{1,4}[.)]|[•·▪■-])\s*)?"
    r"(?P<verb>Support|Encourage|Build|Promote|Strengthen|Accelerate|Introduce|Establish"
    r"|Implement|Expand|Issue|Provide|Grant|Guide|Cultivate|Improve|Develop|Explore|Create|Launch"
    r"|Advance|Foster|Optimi[sz]e|Attract|Enhance|Set\s+up|Deploy|Construct|Upgrade|Reward"
    r"|Subsidi[sz]e|Allocate|Arrange|Award|Ensure|Achieve|Train|Boost|Allot|Earmark)"
    r"\s+(?!(?:for|of|in|on|to|from|is|was|are|were|has|had|have|will|would|by|at|and|with|as"
    r"|that|which|reached|rose|grew|fell|stood|remained|totall?ed)\b)[a-z\d$¥]"
)
BASELINE_WHY: Final = "actual (the baseline of a plan"
# The time a plan's baseline is of, right after it: "up from about 600 now", "up from 3,500 in
# 2023".
BASELINE_TIME_AFTER: Final = re.compile(
    r"\s*,?\s+(?:(?P<now>now|currently|at\s+present|today|(?P<this>this\s+year))\b"
    r"|(?:in|at\s+the\s+end\s+of)\s+(?P<year>(?:19|20)\d\d)\b)",
    re.I,
)
# characters of a clause read each side of a number (bounds a hostile one)
CLAUSE_REACH: Final = 300
# Verbs in the past tense that report a figure as reached.
REACHED_VERBS: Final = (
    r"reached|hit|recorded|registered|exceeded|surpassed|topped|totall?ed|stood\s+at"
    r"|amounted\s+to|rose|grew|increased|climbed|jumped|was|were|achieved|posted"
)
# A clause's word that reports a figure as reached or held, not planned: `\b(?:word|...)\b`.
ACHIEVED_WORDS: Final[Words] = (
    *REACHED_VERBS.split("|"), "had", "attracted", "added", "built", "launched", "completed",
    r"last\s+year", "has", "have", "hosts", "houses", "boasts", "employs", r"set\s+up",
    "established", "opened", "unveiled", "invested", "allocated", "spent", "issued", "granted",
    "produced", "generated", "gathered", "drew", "reported", "currently", "now", r"at\s+present",
    r"so\s+far", r"to\s+date", r"stands?\s+at", r"home\s+to", r"handed\s+out", "disbursed",
    "distributed", "awarded", "hosted", "housed",
)
ACHIEVED: Final = _word_opening_twin(ACHIEVED_WORDS, r"\b")
ACHIEVED_STARTS: Final = _word_starts(ACHIEVED_WORDS)
# What divides a clause into parts, each with its own verb: ", which built ..., is projected".
PART_MARKS: Final[Words] = (",", "(", ")", "–", "—")
# Verbs whose past form is their bare form: opening a clause with no subject, they go on the
# plan before them.
BARE_FORMS: Final[Words] = ("set up", "hit", "put", "cut", "spent")
# A verb in the past tense before an amount, with nothing planned between ("reached 12 EFLOPS",
# "rose 8 percent to 80 EFLOPS", not "reached a deal to build 100 EFLOPS").
REACHED_BEFORE: Final = re.compile(rf"\b({REACHED_VERBS})\b(?:(?!\bto\s+[a-z])[^;])*$")
# A verb in the past tense at the head of an amount ("revenue exceeded 330 billion yuan"): the
# amount is a figure reached, not a bar ("enterprises with revenue exceeding 20 million yuan").
REACHED_AMOUNT: Final = re.compile(
    r"(?:exceeded|reached|topped|surpassed|hit|totall?ed|stood\s+at|amounted\s+to|rose\s+to"
    r"|grew\s+to|climbed\s+to|jumped\s+to)\b", re.I)
# Units of money and computing power: "top 1 trillion yuan" is a verb, not "the top five".
MEASURED_UNITS: Final = {"yuan", "USD", "EFLOPS"}
SMALL_COUNT: Final = 10
# Where a number's region was found (`_Context.region_of`): its sentence, its paragraph, or only
# the article as a whole (the place it last named, its dateline).
SENTENCE: Final = "sentence"
PARAGRAPH: Final = "paragraph"
ARTICLE: Final = "article"
# How many places and references back the reader looks for what "the province" or a sentence
# with no place refers to; bounds the work on a hostile article of thousands of places.
LOOK_BACK: Final = 200
# How far from a number, in characters, the places and keywords of its sentence are looked at:
# far more than any real sentence holds.
CUE_REACH: Final = 1000
FEW_KEYWORDS: Final = 16  # a metric's keywords in a sentence looked at all, without a search
CLAUSE_BREAK: Final = re.compile(r"[,;:()]")
LOCATIVE_GAP: Final = re.compile(
    r"(?:['’]s)?(?:(?:\s+[\w-]+)?\s+(?:plants?|factory|factories|base|campus|branch|office"
    r"|headquarters|facility|centre|center))?,?\s+(?:in|at)\s+"
)
FIRM_NOUNS: Final[Words] = ("firms", "companies", "enterprises", "businesses")
FUND_AFTER: Final = re.compile(
    r"\s+(?:(?:investment|development|guidance|venture|equity)\s+)?funds?\b"
)
NEXT_WORD: Final = re.compile(r"(?:-plus|\+)?\s+([A-Za-z][\w&-]*)")
# What stands between two amounts of one list: "1,600 and 1,500", "3 million units, 2 million
# units and", "45%, 30% or".
AMOUNT_LIST_JOINER: Final = re.compile(
    r"(?:\s*(?:%|[A-Za-z][\w-]*)){0,3}\s*(?:,\s*(?:and\s+|or\s+)?|(?<=\s)(?:and|or)\s+)"
)
# A base a year before the figure it is compared with: "up from 10 EFLOPS a year earlier".
YEAR_EARLIER_AFTER: Final = re.compile(
    r"\s*,?\s+(?:in\s+)?(?:a\s+year\s+(?:earlier|before)|the\s+(?:previous|prior|preceding)\s+year"
    r"|the\s+year\s+before)\b",
    re.I,
)
# A bar that sorts firms: "enterprises with annual revenue above 20 million yuan".
# "15 projects with a total investment of 12.6 billion yuan": what they add up to, not a bar.
TOTAL_WORD: Final = re.compile(r"\b(?:total|combined|aggregate|overall)\b", re.I)
# Bar words that also name what one industry or firm is worth ("Shanghai's AI industry, with
# an output value of 450 billion yuan"): a bar only with a lower bound ("with an output value of
# over 10 billion yuan each", "unicorns with a valuation of more than 1 billion US dollars").
WORTH_WORDS: Final[Words] = ("output value", "market value", "valuation")
THRESHOLD_WORDS: Final[Words] = (
    "revenue", "income", "sales", "turnover", *WORTH_WORDS, "output", "investment", "size",
)
# A verb between "of" and the word ends the phrase: "the industry of Hangzhou generated revenue
# of 365.6 billion yuan" is a figure reached, not a bar.
THRESHOLD_GAP_VERBS: Final[Words] = (
    "generated", "posted", "reported", "recorded", "achieved", "earned", "made", "had", "has",
    "have", "saw", "reached", "realized", "realised", "registered", "raked", "hit", "logged",
)
THRESHOLD_BEFORE: Final = re.compile(
    rf"\b(?:with|whose|of)\s+(?:(?!(?:{'|'.join(THRESHOLD_GAP_VERBS)})\b)[\w-]++\s+){{0,3}}?"
    rf"(?:{'|'.join(THRESHOLD_WORDS)})s?\s+"
    r"(?:(?:of|above|over|exceeding|topping)\s+)?$", re.I
)
# Words one of which each THRESHOLD_BEFORE match holds (in lower case), fewer to test.
THRESHOLD_HELD: Final[Words] = (
    "revenue", "income", "sales", "turnover", "output", "valu", "investment", "size",
)


def _lower_case_twin(pattern: re.Pattern) -> re.Pattern:
    """A case-insensitive `pattern` for text already in lower case: its letters lowered, matched
    case-sensitively. On ASCII text it finds what `pattern` finds, several times faster (the
    regex engine skips ahead only for case-sensitive letters); `_find_all` uses it."""
    source = re.sub(  # escapes ("\\S") and group syntax ("(?P<") stay as they are
        r"\\.|\(\?P[<=]|[A-Z]", lambda m: m.group() if len(m.group()) > 1 else m.group().lower(),
        pattern.pattern,
    )
    return re.compile(source, pattern.flags & ~re.I)


def _find_all(pattern: re.Pattern, twin: re.Pattern, text: str,
              lowered: str | None, starts: re.Pattern | None = None) -> list[Any]:
    """pattern.finditer(text) as a list. `lowered` is text.lower() when text is ASCII (else
    None): the twin finds the matches there and each is read again from `text` at the same
    start, so the matches hold the words as written. `starts`: where the twin's matches, which
    each open a word, may stand (`_word_starts`)."""
    if lowered is None:
        return list(pattern.finditer(text))
    found = (twin.finditer(lowered) if starts is None
             else word_start_matches(twin, starts, lowered))
    return [pattern.match(text, match.start()) for match in found]


# _lower_case_twin(TARGET_CUE) opening with letters (a property test holds the two to agreement).
TARGET_CUE_OPENINGS: Final[Words] = (
        r"will", r"would", r"aims?\s+(?:to|for)", r"aiming\s+(?:to|for)", r"aimed\s+to",
        r"plans?\s+to", r"planning\s+to", r"plans?(?=\s+(?:an?|new)\s)", r"planned", r"targets?",
        r"targeted", r"targeting",
        r"striv(?:e|es|ing)\s+to", r"goals?", r"expected\s+to", r"is\s+set\s+to",
        r"are\s+set\s+to", r"seeks?\s+to", r"intends?\s+to", r"projected\s+to",
        r"on\s+track\s+to", r"forecast\s+to(?!\s+have\b)",
        r"estimated\s+to(?!\s+have\b)", r"predicted\s+to(?!\s+have\b)", r"could(?!\s+have\b)",
        r"should(?!\s+have\b)", r"shall", r"is\s+likely\s+to", r"are\s+likely\s+to",
        r"expects?", r"expecting", r"wants?", r"hopes?\s+to",
        r"pledged", r"pledges", r"promised", r"vow(?:s|ed)\s+to",
        *(word + _SPAN_TO_COME for word in ("over", "in", "within", "during")),
        r"by\s+(?:the\s+end\s+of\s+)?(?P<year>(?:19|20)\d\d)",
)
TARGET_CUE_LOWER: Final = _word_opening_twin(TARGET_CUE_OPENINGS, r"\b")
TARGET_CUE_STARTS: Final = _word_starts(TARGET_CUE_OPENINGS)
# Words one of which each TARGET_CUE match holds (in lower case).
TARGET_CUE_WORDS: Final[Words] = (
    "will", "would", "aim", "plan", "target", "striv", "goal", "expected", "set", "seek", "intend",
    "projected", "track", "by", "forecast", "estimated", "predicted", "could", "should", "shall",
    "likely", "expect", "want", "hope", "pledge", "promised", "vow", "next", "coming",
)
TARGET_CUE_KEYED: Final = keyed_words(TARGET_CUE_WORDS)
# _lower_case_twin(PERIOD_CUE) opening with letters, "(?:at\s+|by\s+)?the" written out as three
# alternatives in the same order.
PERIOD_CUE_OPENINGS: Final[Words] = (
    r"in", r"by", r"for", r"during", r"as\s+of", r"until", r"through", r"since",
    r"no\s+later\s+than", r"not\s+later\s+than",
    r"at\s+the\s+end\s+of", r"by\s+the\s+end\s+of", r"the\s+end\s+of",
)
PERIOD_CUE_LOWER: Final = _word_opening_twin(
    PERIOD_CUE_OPENINGS, r"\s+" + _PERIOD_PART + r"(?P<year>(?:19|20)\d\d)\b"
)
PERIOD_CUE_STARTS: Final = _word_starts(PERIOD_CUE_OPENINGS)
RELATIVE_YEAR_LOWER: Final = _lower_case_twin(RELATIVE_YEAR)
PART_OF_YEAR_LOWER: Final = _lower_case_twin(PART_OF_YEAR)
COMPANY_ONLY_LOWER: Final = _lower_case_twin(COMPANY_ONLY)
# Words one of which each COMPANY_ONLY match holds (in lower case).
COMPANY_ONLY_WORDS: Final[Words] = (
    "profit", "income", "orders", "members", "priced", "only", "forecast", "price", "value",
    "valuation", "ipo", "revenue", "sales", "shares", "customers", "series", "round",
)
COMPANY_ONLY_KEYED: Final = keyed_words(COMPANY_ONLY_WORDS)
# Words one of which each company pattern's match holds: a sentence with none of them needs no
# regex scan (most sentences name no firm).
COMPANY_CUE_WORDS: Final[Words] = (
    "Co.", "Ltd", "Inc", "Corp", "Group", "Technolog", "Holdings", "Electric", "Motors",
    "Robotics", "company", "firm's", "founde", "chairman", "CEO", "based", "headquartered",
    "University", "Institute", "Academy", "Lab",
)
COMPANY_CUE_KEYED: Final = keyed_words(COMPANY_CUE_WORDS)
# ... except its matches of a firm named with "the", "this", "that" or "its" ("the firm", "its
# enterprise"), which hold one of these: "AI firms" and "AI enterprises" are in most sentences of
# an article on the AI industry, so a sentence holding one is looked at more closely first.
DETERMINED_FIRM_WORDS: Final[Words] = ("firm", "enterprise", "start")
# Where such a match may stand in an ASCII sentence's `alnum_copy`.
DETERMINED_FIRM_IN_LETTERS: Final = re.compile(
    rb" (?:the|this|that|its)(?: +listed)? +(?:firm|enterprise|start)"
)
SPEAKER_WORDS: Final[Words] = ("said", "says", "announced", "reported")
FIRM_FIGURE_WORDS: Final[Words] = (
    "revenue", "sales", "profit", "shipments", "valuation", "orders", "shares", "customers",
    "users", "employees", "staff",
)
FIRM_FIGURE_KEYED: Final = keyed_words(FIRM_FIGURE_WORDS)

# Words between a count and what it counts: "500 new charging stations" counts stations, "45 AI
# unicorns" unicorns.
COUNT_MODIFIERS: Final = frozenset(("new", "more", "additional", "extra", "ai", "human", "foreign",
                                    "local", "registered"))
# Words after a count that name what is counted without being a metric keyword: "1.2 million
# servers" counts servers, not data centres, though the sentence speaks of data centres.
COUNT_NOUN_STOP: Final = {
    "in", "of", "to", "with", "and", "from", "for", "by", "as", "at", "on", "is", "are", "was",
    "were", "has", "have", "had", "will", "would", "or", "that", "which", "new", "more", "over",
    "than", "this", "last", "the", "a", "an", "its", "their", "such", "so", "per", "each",
    "respectively", "apiece", "now", "currently", "today", "previously", "earlier", "before",
}


@dataclass(frozen=True)
class MetricCue:
    id: str
    unit: str
    kind: str
    keywords: tuple[str, ...]
    additions: bool = False  # counts what is added ("build 3 new data centres"), not a level
    # words that, in the number's clause, make it a figure of something else ("exported",
    # "sales", "on the roads" for vehicles made): the metric does not fit it
    excluding: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    gazetteer: Gazetteer
    metrics: tuple[MetricCue, ...]
    published: dict[str, str]  # article file name -> published date, from sources.yaml
    keyword_metrics: dict[str, tuple[str, ...]]  # normalised keyword -> metric ids
    keyword_pattern: re.Pattern
    # a sentence opening with a firm's name (data/gazetteer/companies.yaml): its figures are its own
    company_subject: re.Pattern
    # unit of an amount -> the metrics it may be a value of, filled in as units are met
    fitting: dict[str, tuple[MetricCue, ...]] = field(default_factory=dict, compare=False)
    # where a keyword may open a word, in an ASCII sentence's copy (`word_start_matches`)
    keyword_starts: re.Pattern | None = field(default=None, compare=False)

    def metrics_for(self, unit: str) -> tuple[MetricCue, ...]:
        """The metrics whose unit an amount in `unit` fits, in metrics.yaml's order."""
        found = self.fitting.get(unit)
        if found is None:
            found = self.fitting[unit] = tuple(m for m in self.metrics if _unit_fits(unit, m.unit))
        return found


def load_vocabulary(root: Path) -> Vocabulary:
    """Places, metric keywords and known publication dates under `root`; VocabularyError."""
    root = Path(root)
    metrics = _load_metrics(root)
    keyword_metrics: dict[str, list[str]] = {}
    for metric in metrics:
        for keyword in metric.keywords:
            keyword_metrics.setdefault(_normalise_keyword(keyword), []).append(metric.id)
    index = {k: tuple(v) for k, v in keyword_metrics.items() if k}
    pattern = re.compile(literal_alternation(index) or r"(?!x)x")
    # The keywords as ALNUM_LOWERED writes them (ASCII text holds no other), after a space.
    copies = {k.encode("ascii").translate(ALNUM_LOWERED).decode("ascii") for k in index
              if k.isascii()}
    starts = re.compile((" (?:" + literal_alternation(copies) + ")").encode("ascii")
                        if copies else rb"(?!x)x")
    return Vocabulary(load_gazetteer(root), metrics, _load_published(root), index, pattern,
                      _company_subject(_load_companies(root)), keyword_starts=starts)


def _load_companies(root: Path) -> list[str]:
    """The firms' names of data/gazetteer/companies.yaml (none without the file)."""
    path = root / COMPANIES_FILE
    if not path.exists():
        return []
    names: list[str] = []
    for position, entry in enumerate(_load_yaml_list(path, COMPANIES_FILE), 1):
        name = " ".join(entry.split()) if isinstance(entry, str) else ""
        problem = None
        if not 2 <= len(name) <= 100 or not any(ch.isalpha() for ch in name):
            problem = f"expected a firm's name of 2 to 100 characters, not {quoted(entry)}"
        elif name in names:
            problem = f"{quoted(name)} is listed twice"
        if problem is not None:
            raise VocabularyError(f"{COMPANIES_FILE.as_posix()}: entry {position}: {problem}"[:300])
        names.append(name)
    return names


# A phrase that may open a sentence before its subject: "In 2024, ", "Meanwhile, ".
OPENING_PHRASE: Final = (
    r"(?:In|By|During|At|On|Since|Last|This|Earlier|Later|Meanwhile|However|Separately|Also"
    r"|Still|Now|Today|Elsewhere|Overall|Together)\b[^,;.]{0,30},\s+"
)


# An aside after a firm's name, which may name a place that is not the figure's: "NIO, which has
# its headquarters in the city, delivered", "Xiaomi, whose EV factory is in Beijing, plans".
FIRM_ASIDE: Final = r"(?:,\s+(?:which|whose|where|headquartered|based)\b[^,;:()]{0,120},)?"


def _company_subject(names: list[str]) -> re.Pattern:
    """A firm's name opening a sentence, after quotes or an opening phrase ("In 2024, BYD sold",
    "Meanwhile, Tencent said"), standing as a word (a possessive may follow)."""
    if not names:
        return re.compile(r"(?!x)x")
    return re.compile(
        MARKS_BEFORE_SUBJECT + r"(?:" + OPENING_PHRASE + r")?(?:" + literal_alternation(names)
        + r")(?![\w&-])" + FIRM_ASIDE
    )


def _normalise_keyword(text: str) -> str:
    """Lower case, hyphens as spaces: "Large-scale" and "large scale" read alike."""
    return " ".join(text.lower().replace("-", " ").split())


def _load_yaml_list(path: Path, label: Path) -> list:
    from extract.curation import MULTILINE_FIELDS

    try:
        data = load_yaml_file(path, MULTILINE_FIELDS)
    except InputError as error:
        raise VocabularyError(one_line(f"{label.as_posix()}: {error}")) from None
    if isinstance(data, dict) and label == METRICS_FILE:
        data = data.get("metrics")  # metrics.yaml lists its metrics next to their themes
    if not isinstance(data, list):
        raise VocabularyError(f"{label.as_posix()}: expected a list of entries")
    return data


def _load_metrics(root: Path) -> tuple[MetricCue, ...]:
    cues = []
    for position, metric in enumerate(_load_yaml_list(root / METRICS_FILE, METRICS_FILE)):
        if not isinstance(metric, dict) or not all(
            isinstance(metric.get(k), str) for k in ("id", "unit", "kind")
        ):
            raise VocabularyError(f"{METRICS_FILE.as_posix()}: entry {position + 1}: not a metric")
        keywords = metric.get("keywords") or []
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            raise VocabularyError(
                f"{METRICS_FILE.as_posix()}: entry {position + 1} (id {metric['id']}): "
                "keywords must be a list of strings"
            )
        additions = metric.get("additions", False)
        if not isinstance(additions, bool):
            raise VocabularyError(
                f"{METRICS_FILE.as_posix()}: entry {position + 1} (id {metric['id']}): "
                "additions must be true or false"
            )
        excluding = metric.get("excluding") or []
        if not isinstance(excluding, list) or not all(
            isinstance(w, str) and w.strip() for w in excluding
        ):
            raise VocabularyError(
                f"{METRICS_FILE.as_posix()}: entry {position + 1} (id {metric['id']}): "
                "excluding must be a list of words"
            )
        cues.append(MetricCue(metric["id"], metric["unit"], metric["kind"], tuple(keywords),
                              additions, tuple(_normalise_keyword(w) for w in excluding)))
    return tuple(cues)


def _load_published(root: Path) -> dict[str, str]:
    path = root / SOURCES_FILE
    if not path.is_file():
        return {}
    try:
        sources = _load_yaml_list(path, SOURCES_FILE)
    except VocabularyError:
        return {}  # `extract check` reports a broken sources.yaml; suggestions need no dates
    published = {}
    for source in sources:
        if isinstance(source, dict) and isinstance(source.get("file"), str):
            date = source.get("published")
            if date is None:
                continue
            try:
                check_published(str(date), source["file"])
            except ArticleError:
                continue  # no date to read the article by; `extract check` reports the entry
            published[source["file"]] = str(date)
    return published


# --- one article ---------------------------------------------------------------------------------


_NOT_YET = object()  # a memo's mark for "not worked out yet" (None is a result)


class _Cue:
    """A place named or referred to. An article has hundreds: a plain class, compiled, is made
    faster than a tuple (whose constructor stays interpreted) or a dataclass."""

    __slots__ = ("start", "end", "ids", "how")

    def __init__(self, start: int, end: int, ids: tuple[str, ...], how: str) -> None:
        self.start = start
        self.end = end
        self.ids = ids  # the places it may name; () for an unresolved reference
        self.how = how  # "named" or the reference's words ("the province")


def suggest_text(
    text: str, article: str, vocabulary: Vocabulary, published: str | None = None,
    header_end: int | None = None, dated_from: str = "",
) -> list[dict]:
    """The candidate facts of an article's text, in article order. `header_end` is
    `read_header(text).end` when the caller has read the header already; `dated_from` says
    where `published` was read when it was not given ("its address", "its page").

    The text is read with its tabs, "\r\n" line ends and no-break spaces as plain white space
    (`as_read`, the same offsets); each quote and amount is given as the text writes it."""
    original, text = text, as_read(text)
    segments = segment_text(text, header_end)
    mentions = read_mentions(text, segments)
    if not mentions:
        return []
    context = _Context(text, segments, vocabulary, published, dated_from)
    candidates: list[dict] = []
    seen: set[tuple] = set()
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence_start, []).append(mention)
    told: dict[tuple, dict] = {}  # each figure proposed so far -> its tellings by period
    for mention in mentions:
        found = context.candidate(mention, by_sentence[mention.sentence_start])
        for candidate in found or ():
            key = (mention.sentence_start, candidate["region"], candidate["value"],
                   candidate["unit"])
            if key in seen:
                continue  # "two pilot zones ... the only province with two pilot zones"
            # the same figure told again in another sentence (a "Key figures" list, "The top
            # three were Beijing (2,400)"): one fact, proposed where the article first tells it,
            # unless the two name different metrics
            # (told with no period, it is the figure told with one; told first with none and
            # then in a list under a heading with a year, "Key figures of 2024", the first
            # telling takes the heading's year)
            fact = (candidate["region"], candidate["value"], candidate["value_high"],
                    candidate["unit"], candidate["status"])
            period = candidate["period"]
            tellings = told.setdefault(fact, {})  # period (or None) -> (metrics, first telling)
            metric = candidate["metric"]
            if any((when == period or period is None) and _same_metric(metric, metrics)
                   for when, (metrics, _) in tellings.items()):
                continue
            undated = tellings.get(None)
            if period is not None and undated is not None and _same_metric(
                metric, undated[0]
            ) and HEADS_THE_LIST + ";" in candidate["why"] + ";":
                first = candidates[undated[1]]
                heading = candidate["why"].partition("period: ")[2].partition(";")[0]
                first["period"] = period
                first["why"] += f"; period: {period}, as where it is told again ({heading})"
                tellings[period] = tellings.pop(None)
                tellings[period][0].add(metric)
                continue
            seen.add(key)
            tellings.setdefault(period, (set(), len(candidates)))[0].add(metric)
            candidates.append({"article": article, **candidate})
    if text is not original:
        for candidate in candidates:  # verbatim, as the text writes them
            candidate["quote"] = original[candidate["start"] : candidate["end"]]
            lo, hi = candidate["number_start"], candidate["number_end"]
            if text[lo:hi] == candidate["as_written"]:
                candidate["as_written"] = original[lo:hi]
    return candidates


def _same_metric(metric: str | None, metrics: set) -> bool:
    """Whether a figure given `metric` is one told before with `metrics`: the same, or either
    with none."""
    return metric is None or None in metrics or metric in metrics


class _Context:
    """What one article says about places: every cue in the body, the dateline, the date."""

    def __init__(self, text: str, segments, vocabulary: Vocabulary, published: str | None,
                 dated_from: str = ""):
        self.text = text
        self.vocabulary = vocabulary
        self.gazetteer = vocabulary.gazetteer
        self.published_year = int(published[:4]) if published else None
        month = published[5:7] if published else ""
        self.published_month = int(month) if month.isdigit() else None
        self.dated = f" (the date in {dated_from})" if dated_from else ""
        self.cues: list[_Cue] = []
        self.dateline: str | None = None
        self.dateline_end = -1  # the end of the dateline's place name, -1 without one
        self._references: dict[int, str | None] = {}  # reference's start -> its place
        self._memo: dict = {}
        self._holding: dict[str, bool] = {}  # word -> whether the sentence being read holds it
        self._sentence_at = -1
        self._sentence_span = (-1, -1)
        self._sentence = ""
        # Whether CAPITAL_AFTER or CAPITAL_BEFORE may match at all: both hold "capital" (the
        # second in any case: "Capital", "CAPITAL"; one written as "CaPital" is not looked for).
        # In text that is not ASCII re.I folds case further than str.lower: always looked for.
        self._may_name_capitals = not text.isascii() or "apital" in text or "APITAL" in text
        self._named_through: dict[int, str] = {}  # a capital's cue start -> the province named
        body = [segment for segment in segments if segment.kind == BODY]
        self.body_spans = [(segment.start, segment.end) for segment in body]
        self.body_start = body[0].start if body else len(text)
        if body:  # the dateline opens the story: the first body text only
            first = body[0]
            opening = len(text[first.start : first.end].lstrip())
            # "BEIJING, Feb. 10 (Xinhua) --": where the story was filed, not its subject
            self.dateline, self.dateline_end = self.gazetteer.dateline(
                text, first.end - opening, first.end)
        for segment in body:
            self._add_cues(segment.start, segment.end)
        self.cues.sort(key=lambda c: c.start)
        self.starts = [c.start for c in self.cues]
        self.title_place = self._title_place()

    def _title_place(self) -> str | None:
        """The one place the header's TITLE line names ("TITLE: Guizhou's digital economy: key
        figures"), other than the country; None if it names none or several."""
        try:
            title = read_header(self.text).title
        except ArticleError:  # a malformed header date: no header to read a title from
            return None
        if title is None:
            return None
        places = {p.ids for p in self.gazetteer.find(title, 0, len(title))
                  if p.ids != (COUNTRY,)}
        if len(places) != 1:
            return None
        ids = places.pop()
        return ids[0] if len(ids) == 1 else None

    def _add_cues(self, start: int, end: int) -> None:
        places = self.gazetteer.find(self.text, start, end)
        for at, place in enumerate(places):
            if self._after_article(place.start):
                continue  # "an analyst at a Hong Kong brokerage": a kind of firm, no subject
            if place.ids == (COUNTRY,) and (
                COMPASS_BEFORE.search(self.text, max(0, place.start - 20), place.start)
                or (at + 1 < len(places)
                    and POSSESSIVE.match(self.text, place.end, places[at + 1].start))
            ):
                # "east China's Zhejiang Province", "Chongqing in southwest China": where a
                # place lies, not the nation's figure
                continue
            capital = self._capital_named(place)
            if capital is not None:
                self.cues.append(capital)
                self._named_through[capital.start] = place.ids[0]
                continue
            self.cues.append(_Cue(place.start, place.end, self._resolve_shared(place), "named"))
        place_starts = [p.start for p in places]
        for found, stop, words in _anaphors(self.text, start, end):
            inside = bisect_right(place_starts, found) - 1
            if inside >= 0 and found < places[inside].end:
                continue  # "the Guangdong-Hong Kong-Macao Greater Bay Area" is a name
            self.cues.append(_Cue(found, stop, (), words))

    def _after_article(self, at: int) -> bool:
        """Whether "a " or "an " (a word of its own) stands right before text[at:]."""
        text = self.text
        if text[at - 2 : at] in ("a ", "A "):
            lo = at - 2
        elif text[at - 3 : at] in ("an ", "An "):
            lo = at - 3
        else:
            return False
        return lo <= 0 or not (text[lo - 1].isalnum() or text[lo - 1] in "'’-")

    def _capital_named(self, place: PlaceMatch) -> _Cue | None:
        """The cue of a province's capital named through the province ("the Zhejiang provincial
        capital", "capital of Guizhou"): the capital city's, over the words that name it."""
        if len(place.ids) != 1 or not self._may_name_capitals:
            return None
        capital = self.gazetteer.places[place.ids[0]].capital
        if capital is None:
            return None
        after = CAPITAL_AFTER.match(self.text, place.end)
        if after is not None:
            # "the Zhejiang provincial capital", "Zhejiang's capital": not "Zhejiang capital
            # Hangzhou"'s own words alone, which name no more than the city that follows does
            possessive = self.text[place.end : place.end + 1] in ("'", "’")
            the = THE_BEFORE.search(self.text, max(0, place.start - 4), place.start)
            if possessive or "provincial" in after.group() or the is not None:
                start = place.start if the is None else the.start()
                return _Cue(start, after.end(), (capital,), "named")
        before = search_before(CAPITAL_BEFORE, ("capital",), self.text, place.start, 60)
        if before is not None and before.end() == place.start:
            start = before.start() + (len(before.group()) - len(before.group().lstrip(", ")))
            return _Cue(start, place.end, (capital,), "named")
        return None

    def _resolve_shared(self, place: PlaceMatch) -> tuple[str, ...]:
        """A shared name ("Taizhou") is the place in the province named right after it ("Taizhou
        in Jiangsu"), else in the province the article named last."""
        if len(place.ids) == 1:
            return place.ids
        following = IN_PROVINCE.match(self.text, place.end)
        if following:
            for later in self.gazetteer.find(self.text, following.end(), following.end() + 40)[:1]:
                for candidate in place.ids:
                    if later.start == following.end() and self.gazetteer.is_within(
                        candidate, later.ids[0]
                    ):
                        return (candidate,)
        # Called while the cues are still being gathered, segment after segment, each segment's
        # names before its references: every cue so far stands before this place, and the names
        # among them are in text order. The nearest LOOK_BACK of them, nearest first.
        looked = 0
        for earlier in reversed(self.cues):
            if earlier.how != "named" or len(earlier.ids) != 1:
                continue
            for candidate in place.ids:
                if self.gazetteer.is_within(candidate, earlier.ids[0]):
                    return (candidate,)
            looked += 1
            if looked == LOOK_BACK:
                break
        return place.ids

    # -- region --------------------------------------------------------------------------------

    def _resolved(self, cue: _Cue) -> str | None:
        if cue.how == "named":
            return cue.ids[0] if len(cue.ids) == 1 else None
        if cue.how in NATIONAL_HOWS:
            return COUNTRY
        if cue.start in self._references:  # a reference is resolved once, however many ask
            return self._references[cue.start]
        found = self._references[cue.start] = self._refers_to(cue)
        return found

    def _refers_to(self, cue: _Cue) -> str | None:
        """The place a reference ("the province", "the capital") stands for, or None."""
        earlier = self._earlier(cue.start)
        if cue.how == "the provincial capital":  # of the province named last, or that city
            for at in range(len(earlier) - 1, -1, -1):
                place = self._place_of(earlier[at])
                if place is None:
                    continue
                found = self.gazetteer.places[place]
                if found.capital is not None:
                    return found.capital
                parent = self.gazetteer.places.get(found.parent or "")
                if parent is not None and parent.capital == place:
                    return place
            return None
        if cue.how == "the capital":  # in China's English news, Beijing, once it was named
            named = any(self._place_of(c) == CAPITAL for c in earlier)
            return CAPITAL if named else None
        levels = ANAPHOR_LEVELS.get(cue.how.removeprefix("the "), ())
        for at in range(len(earlier) - 1, -1, -1):
            place = self._place_of(earlier[at])
            if place is None:
                continue
            if LANDMARK_BEFORE.search(self.text, max(0, earlier[at].start - 30),
                                      earlier[at].start):
                continue  # "In Wuhu, 130 km south of Hefei, the city ...": Wuhu
            if self.gazetteer.places[place].level in levels:
                return self._subject_of(earlier, at, levels, cue.start) or place
            # "the Zhejiang provincial capital ... across the province": named there too
            province = self._named_through.get(earlier[at].start)
            if province is not None and self.gazetteer.places[province].level in levels:
                return province
        return None

    def _subject_of(self, earlier: list[_Cue], at: int, levels, before: int) -> str | None:
        """The subject of an earlier sentence, when "the province" looks back into it: in
        "Zhejiang ranked third, behind Beijing and Guangdong. The province wants ...", the place
        that opens the sentence (of the same level), not the last one named in it. None when the
        place found is in the reader's own sentence or no such place opens its sentence."""
        found = earlier[at]
        if before - found.end > SENTENCE_REACH:
            return None  # far back (a hostile one-line text): no scan over it
        if SENTENCE_END_BETWEEN.search(self.text, found.end, before) is None:
            return None  # the place is in the reader's own sentence: the nearest is meant
        sentence_start = self._sentence_start(found.start)
        if sentence_start is None:
            return None
        for first in earlier[: at]:
            if first.start < sentence_start:
                continue
            place = self._place_of(first)
            opening = self.text[sentence_start : first.start]
            if (place is not None and self.gazetteer.places[place].level in levels
                    and len(opening.strip()) <= SUBJECT_OPENING):
                return place
            break  # the sentence's first place is not of the level, or not its subject
        for first in earlier[: at]:
            # "..., and the city plans a fund ..., the label Beijing uses": the place that
            # sentence calls "the city" before, not the one it names in passing
            if first.start >= sentence_start and first.how != "named" and ANAPHOR_LEVELS.get(
                first.how.removeprefix("the ")
            ) == levels:
                place = self._resolved(first)
                if place is not None and self.gazetteer.places[place].level in levels:
                    return place
        return None

    def _sentence_start(self, position: int) -> int | None:
        """Where the sentence holding text[position] starts (SENTENCE_ENDS, looked for within
        SENTENCE_REACH characters before it), or None when no start lies within reach."""
        floor = max(0, position - SENTENCE_REACH)
        start = max(self.text.rfind(end, floor, position) for end in SENTENCE_ENDS) + 1
        return None if start == 0 and floor > 0 else start

    def _earlier(self, position: int) -> list[_Cue]:
        """The cues before `position`, the nearest LOOK_BACK of them (a subject is never far)."""
        at = self._index(position)
        return self.cues[max(0, at - LOOK_BACK) : at]

    def _place_of(self, cue: _Cue) -> str | None:
        if cue.how == "named" and len(cue.ids) == 1:
            return cue.ids[0]
        return None

    def _index(self, position: int) -> int:
        return bisect_left(self.starts, position)

    def _sentence_cues(self, start: int, end: int) -> list[_Cue]:
        i = bisect_left(self.starts, start)
        cues = []
        while i < len(self.cues) and self.cues[i].start < end:
            cues.append(self.cues[i])
            i += 1
        return cues

    def region_of(self, mention: Mention, sentence_mentions: list[Mention]
                  ) -> tuple[str | tuple[str, ...] | None, str, str]:
        """(region id or None, why, where it was found: SENTENCE, PARAGRAPH or ARTICLE)."""
        # The places of its sentence, within CUE_REACH of the number (a hostile sentence of
        # thousands of places and numbers is not read whole for each number)
        cues = self._sentence_cues(max(mention.sentence_start, mention.start - CUE_REACH),
                                   min(mention.sentence_end, mention.end + CUE_REACH))
        # The dateline says where the story was filed, not whose figure it is ("BEIJING, Feb.
        # 10 (Xinhua) -- China produced ..."): with no other place, the dateline is the fallback.
        cues = [c for c in cues if not (mention.start <= c.start < mention.end)
                and c.end > self.dateline_end and not self._country_as_scope(c, mention)]
        if mention.unit == "rank":  # "ranking first in Guangdong province": not Guangdong's
            scope = self._place_scope(mention)
            cues = [c for c in cues if c is not scope]
        if not any(c.how == "named" for c in cues):
            body = self._per_sentence("national body", "", self._national_body)
            if body is not None:  # "..., according to the Ministry of Finance"
                return COUNTRY, f"a national body's figure ('{body.group()}')", SENTENCE
        if not any(c.how == "named" and c.end <= mention.start for c in cues):
            # "investment in the eight hubs had exceeded ..."; with no place named at all, also
            # after the number ("More than half of the nation's computing power is in the eight
            # hubs")
            unnamed = not any(c.how == "named" for c in cues)
            several = next((m for m in self._per_sentence("aggregates", "", self._aggregates)
                            if m.end() <= mention.start or unnamed), None)
            if several is not None:
                return None, f"a figure of several places ('{several.group()}')", SENTENCE
        unknown = self._per_sentence("unknown subject", "", self._unknown_subject)
        # A zone's figure with its province named before the number ("Gui'an New Area, the
        # core of the hub in Guizhou, hosts 37 data centers") stays the province's; an unknown
        # city's ("Yibin, a city in Sichuan Province, produced") never is.
        named_by = (unknown.end() if unknown and unknown.re is UNKNOWN_CITY_SUBJECT
                    else mention.start)
        # "In Beijing, Haidian district had": the place the opening phrase names locates it
        floor = (unknown.start("name") if unknown and unknown.re is LOCATED_SUBPLACE_SUBJECT
                 else -1)
        if unknown and unknown.end() <= mention.start and not any(
            c.how == "named" and floor <= c.start < named_by
            and not (unknown.start("name") <= c.start and c.end < unknown.end("name"))
            and not self.text[max(0, c.start - 10) : c.start].endswith(("known as ", "dubbed "))
            for c in cues
        ):  # (a place that is a part of the name is no place it lies in: "Beijing
            # Economic-Technological Development Area")
            # "Haidian district alone hosts 1,300 AI firms": the figure of a place the
            # gazetteer does not hold, not of the city or province the text spoke of before.
            name = " ".join(unknown.group("name").split())
            return None, f"a place the gazetteer does not hold ({name})", SENTENCE
        window = self.text[max(mention.sentence_start, mention.start - 160) : mention.start]
        own_district = OWN_SUBPLACE_BEFORE.search(window) if (
            ("its " in window or "'s " in window or "’s " in window)
            and has_any_keyed(window.lower(), SUBPLACE_KEYED)
        ) else None
        at = mention.start - len(window) + (own_district.start() if own_district else 0)
        if own_district and not any(at <= c.start < mention.start and c.how == "named"
                                    for c in cues):
            name = " ".join(own_district.group("name").split())
            return None, f"a place the gazetteer does not hold ({name})", SENTENCE
        aligned = self._respectively(mention, sentence_mentions, cues)
        if aligned is not None:
            return aligned, "matched in order to a list of places ('respectively')", SENTENCE
        before = [c for c in cues if c.end <= mention.start]
        after = [c for c in cues if c.start >= mention.end]
        if len(before) > 1 and any(c.how != "named" for c in before):
            # "Hangzhou leads the province, with revenue of ...": a reference to nothing named
            # is no subject
            before = [c for c in before if c.how == "named" or self._resolved(c) is not None
                      ] or before
        if len(before) > 1 and self._holds(self._sentence, "its"):
            # "Jiangsu has ..., second only to Guangdong, and its 60,000 enterprises ...": "its"
            # opening a later clause is the sentence's subject, not the place named last
            subject = before[0]
            its = ITS_CLAUSE_BEFORE.search(self.text, max(subject.end, mention.start - 100),
                                           mention.start)
            # (not "while its Nanshan district had 1,150": the place it names is the figure's)
            if subject.how == "named" and subject.start - mention.sentence_start <= (
                SUBJECT_OPENING
            ) and its is not None and before[-1].start < its.start():
                region = self._resolved(subject)
                if region not in (None, COUNTRY):
                    return region, (f"'its' after '{self._name(subject)}', the subject of the "
                                    "sentence"), SENTENCE
        if len(before) > 1 and "," in self.text[before[0].end : mention.start]:
            before = self._outside_asides(before, mention)
        if len(before) > 1 and "of" in self.text[before[0].end : mention.start]:
            # "Shenzhen's share of the province's AI companies": what the share is of
            kept = [c for c in before if not SHARE_OF_BEFORE.search(
                self.text, max(mention.sentence_start, c.start - 30), c.start)]
            before = kept or before
        if after and IT_OPENING.match(self.text, mention.sentence_start) and all(
            self._resolved(c) == COUNTRY for c in before  # "Its share of the national total"
        ):
            # "Its share fell to 28 percent, as Shanghai and Hangzhou grew": the places after
            # the number are not its subject; "it" is, as in a sentence with no place.
            it = self._it_refers_to(mention)
            if it is not None:
                return it, f"'it' refers to {self._name_of(it)}", SENTENCE
        if after and after[0].how == "named" and PLACE_RIGHT_AFTER.match(
            self.text[mention.end : after[0].start]
        ) and "than" not in self.text[mention.end : after[0].start]:  # "lower than in Shanghai"
            region = self._resolved(after[0])
            if region not in (None, COUNTRY):  # "compared with 18 percent in Jiangsu"
                return region, f"'{self._name(after[0])}' right after the number", SENTENCE
        for group, where in ((before, "before"), (after, "after")):
            if not group:
                continue
            nearest = group[-1] if where == "before" else group[0]
            if where == "before":  # "Suzhou and Wuxi in Jiangsu each host": the cities
                nearest = self._more_specific(nearest, group)
            listed = self._list_around(nearest, cues)
            if len(listed) > 1:
                names = ", ".join(self._name(c) for c in listed)
                parent = self._common_parent(listed)
                if parent is not None and all(
                    self.gazetteer.places[p].level == "district"
                    for p in map(self._place_of, listed) if p is not None
                ) and any(self._place_of(c) == parent for c in cues):
                    # "Shenzhen will build centres in Nanshan and Longgang, adding 20 EFLOPS":
                    # where in the city named, the city's figure
                    return parent, (f"districts of {self._name_of(parent)} listed ({names}), "
                                    f"{self._name_of(parent)} named in the sentence"), SENTENCE
                if parent is None or not OTHER_PLACES.match(self.text, listed[-1].end):
                    places = tuple(p for p in map(self._place_of, listed) if p is not None)
                    if len(places) == len(listed) and DISTRIBUTIVE.search(
                        self.text, max(mention.sentence_start, listed[0].start - 12,
                                       mention.start - 200), mention.start
                    ):  # "Ningbo and Wenzhou have each set up funds of 2 billion yuan"
                        return places, f"the figure of each of several places ({names})", SENTENCE
                    return None, f"a figure for several places together ({names})", SENTENCE
                return parent, f"a list of places in {self._name_of(parent)} ({names})", SENTENCE
            if where == "before":
                district = (SUBPLACE_AFTER.match(self.text, nearest.end, mention.start)
                            if self.text[nearest.end + 1 : nearest.end + 2] == "s" else None)
                if nearest.how == "named" and district:
                    # "In Hangzhou's Binjiang district, 68 percent ...": the district's figure
                    name = " ".join(district.group("name").split())
                    return None, f"a place the gazetteer does not hold ({name})", SENTENCE
            region = self._resolved(nearest)
            if region == COUNTRY and where == "before" and self._owned_by_country(
                nearest, mention, sentence_mentions
            ):
                return COUNTRY, f"'{self._name(nearest)}' right before the number", SENTENCE
            if region == COUNTRY and not (mention.unit == "rank" and WORLD_SCOPE_AFTER.match(
                self.text, mention.end
            )):  # "China's computing power ranks second in the world": the country's rank
                # a place of the same clause ("nationwide, 30 percent are in Guizhou"), not of
                # the next one ("China made 12.9 million, and Guangdong 2.5 million") nor of a
                # phrase after a comma ("China made 11 million, up 35 percent, with Guangdong
                # making a quarter")
                joint = CLAUSE_JOINT.search(self.text, mention.end, mention.sentence_end)
                clause_end = joint.start() if joint else mention.sentence_end
                local = [
                    c for c in before[::-1] + after if self._resolved(c) not in (None, COUNTRY)
                    and (c.end <= mention.start or c.start < clause_end
                         and "," not in self.text[mention.end : c.start])
                ]
                if local:
                    nearest, region = local[0], self._resolved(local[0])
            if region is None:
                continue
            how = (
                f"'{self.text[nearest.start:nearest.end]}' named in the sentence"
                if nearest.how == "named"
                else f"'{nearest.how}' refers to {self._name_of(region)}"
            )
            return region, how, SENTENCE
        reference = self._per_sentence("subplace reference", "", self._subplace_reference)
        if reference is not None:  # no place named: "the zone" is none the gazetteer holds
            return None, f"'{reference}' is a place the gazetteer does not hold", SENTENCE
        paragraph = self._paragraph_subject(mention)
        if paragraph is not None:
            # "Its talent pool has grown to ...": "it" names the paragraph's place outright.
            it = self._it_refers_to(mention)
            if it is not None:
                return it, f"'it' refers to {self._name_of(it)}", SENTENCE
            return paragraph[0], paragraph[1], PARAGRAPH
        topic = self._topic(mention.sentence_start)
        if topic is not None:
            why = f"no place in the sentence; the article's subject {self._name_of(topic)}"
            return topic, why, ARTICLE
        if self.title_place is not None:
            why = f"no place before it; the article's title names {self._name_of(self.title_place)}"
            return self.title_place, why, ARTICLE
        if self.dateline is not None:
            return self.dateline, f"the dateline {self._name_of(self.dateline)}", ARTICLE
        return None, "no place found", ARTICLE

    def _place_scope(self, mention: Mention) -> _Cue | None:
        """The place a rank is among right after it, other than the country ("ranking first in
        Guangdong province"), if any."""
        after = self._sentence_cues(mention.end, min(mention.sentence_end, mention.end + 60))
        if not after or after[0].how != "named" or self._resolved(after[0]) in (None, COUNTRY):
            return None
        gap = RANK_PLACE_GAP.fullmatch(self.text, mention.end, after[0].start)
        return after[0] if gap else None

    def _national_body(self, _: str) -> re.Match | None:
        """NATIONAL_BODY in the sentence being read."""
        lo, hi = self._sentence_span
        return NATIONAL_BODY.search(self.text, lo, hi) if has_any_keyed(
            self.text[lo:hi], NATIONAL_BODY_KEYED) else None

    def _aggregates(self, _: str) -> list[re.Match]:
        """AGGREGATE's matches in the sentence being read."""
        lo, hi = self._sentence_span
        lowered = self.text[lo:hi].lower()
        if not has_any_keyed(lowered, AGGREGATE_KEYED):
            return []
        return list(AGGREGATE.finditer(self.text, lo, hi))

    def _country_as_scope(self, cue: _Cue, mention: Mention) -> bool:
        """Whether a reference to the country only says among what a figure ranks or what it is
        a share of: "ranking first in the country", "25.1 percent of the national total"."""
        if cue.ids != (COUNTRY,) and cue.how not in NATIONAL_HOWS:
            return False
        window = self.text[max(mention.sentence_start, cue.start - 40) : cue.start]
        if window.rstrip().endswith(("in", "across", "among", "of")) and RANK_SCOPE_BEFORE.search(
            window
        ):
            return True
        if cue.how == "nationwide" and RANK_RIGHT_BEFORE.search(window):
            return True  # "Hangzhou ranked second nationwide with 1,200 AI enterprises"
        return cue.start >= mention.end and mention.unit in ("percent", "rank") and bool(
            SHARE_GAP.fullmatch(self.text, mention.end, cue.start))

    def _owned_by_country(self, country: _Cue, mention: Mention,
                          sentence_mentions: list[Mention]) -> bool:
        """Whether the country named before the number heads it: "a third of China's total of
        1 trillion yuan", "China's output reached 12.9 million", but not across a comma
        ("Shenzhen, China's tech hub, topped ...") or another amount ("Guangdong's share of
        China's 12.9 million NEVs was 25 percent")."""
        gap = self.text[country.end : mention.start]
        if (mention.unit == "rank" or len(gap) > COUNTRY_REACH
                or any(mark in gap for mark in ",;:()–—") or GAP_JOINER.search(gap)):
            return False  # "one-seventh of the national total and ranking first"
        if DENOMINATOR_BEFORE.search(self.text, max(mention.sentence_start, country.start - 80),
                                     country.start):
            return False  # "the share of its NEV output in the national total to 12 percent"
        return not any(country.end <= m.start and m.end <= mention.start
                       for m in sentence_mentions)

    def _it_refers_to(self, mention: Mention) -> str | None:
        """The place the sentence before (in the paragraph) opens with as its subject, when the
        sentence opens with "It" or "Its": in "Guangdong had 8,500 AI firms, second only to
        Beijing. Its NEV output ...", Guangdong. Else None."""
        if IT_OPENING.match(self.text, mention.sentence_start) is None:
            return None
        return self._previous_subject(mention.sentence_start)

    def _outside_asides(self, before: list[_Cue], mention: Mention) -> list[_Cue]:
        """`before` without the places of an aside between the subject and the number
        ("Guangdong province, which includes Shenzhen, produced ..."; "Shenzhen, the tech hub
        bordering Hong Kong, said ..."), if a place stays."""
        asides = [m.span() for m in ASIDE.finditer(self.text, before[0].end, mention.start)]
        for named in before[:-1]:  # "Computing power in Zhangjiakou, a hub serving the capital,"
            if named.how == "named" and self.text[named.end : named.end + 1] == ",":
                appositive = APPOSITIVE_ASIDE.match(self.text, named.end, mention.start)
                if appositive and not NAMING_APPOSITIVE.match(self.text, named.end):
                    asides.append(appositive.span())
        if not asides:
            return before
        kept = [c for c in before if not any(lo <= c.start < hi for lo, hi in asides)]
        return kept or before

    def _unknown_subject(self, _: str) -> re.Match | None:
        """UNKNOWN_SUBJECT at the start of the sentence being read."""
        lowered = self._ascii_lower(self._sentence)
        if lowered is not None and not has_any_keyed(lowered, SUBPLACE_KEYED):
            return None  # each of the three names a district, county, zone, town or the like
        if ANY_UNKNOWN_SUBJECT.match(self.text, *self._sentence_span) is None:
            return None
        return (UNKNOWN_SUBJECT.match(self.text, *self._sentence_span)
                or UNKNOWN_CITY_SUBJECT.match(self.text, *self._sentence_span)
                or LOCATED_SUBPLACE_SUBJECT.match(self.text, *self._sentence_span))

    def _subplace_reference(self, _: str) -> str | None:
        """The words of SUBPLACE_REFERENCE in the sentence being read ("the area's"), if any."""
        lowered = self._ascii_lower(self._sentence)
        if lowered is not None and not has_any_keyed(lowered, SUBPLACE_KEYED):
            return None
        found = SUBPLACE_REFERENCE.search(self.text, *self._sentence_span)
        return None if found is None else " ".join(found.group().split())

    def _more_specific(self, nearest: _Cue, before: list[_Cue]) -> _Cue:
        """"Ulanqab, a city in Nei Mongol, runs ...": the subject is the place inside the other."""
        at = before.index(nearest)
        if at == 0 or nearest.how != "named":
            return nearest
        inner = before[at - 1]
        outer_place, inner_place = self._place_of(nearest), self._place_of(inner)
        gap = self.text[inner.end : nearest.start]
        if (
            outer_place is not None
            and inner_place is not None
            and inner_place != outer_place
            and self.gazetteer.is_within(inner_place, outer_place)
            and APPOSITIVE_GAP.match(gap)
        ):
            return inner
        return nearest

    def _sentence_before(self, sentence_start: int, floor: int = 0) -> tuple[int, int] | None:
        """The span of the sentence before the one at `sentence_start`, looked for from `floor`
        (and no further back than SENTENCE_REACH); None if there is none."""
        spans = sentence_spans(self.text, max(floor, sentence_start - SENTENCE_REACH),
                               sentence_start)
        return spans[-1] if spans else None

    def _previous_subject(self, sentence_start: int) -> str | None:
        """The region the sentence before, in the same paragraph, opens with as its subject
        ("Shenzhen now has"), if any."""
        paragraph = self.text.rfind("\n", 0, sentence_start) + 1
        before = self._sentence_before(sentence_start, paragraph)
        if before is None:
            return None
        start, end = before
        cues = self._sentence_cues(start, end)
        if not cues or cues[0].start - start > SUBJECT_OPENING:
            return None
        region = self._resolved(cues[0])
        return None if region == COUNTRY else region

    def _paragraph_subject(self, mention: Mention) -> tuple[str, str] | None:
        """The place the sentence's paragraph is about: named before it, else just after it.

        A paragraph that opens with a quotation names its speaker and place after it ("...
        every year." Tu Gaokun, director of the department of Guangdong Province, said...).
        """
        para_start = self.text.rfind("\n", 0, mention.sentence_start) + 1
        para_end = self.text.find("\n", mention.sentence_end)
        para_end = len(self.text) if para_end == -1 else para_end
        first, at = self._index(para_start), self._index(mention.sentence_start)
        for i in range(at - 1, max(first, at - LOOK_BACK) - 1, -1):
            region = self._resolved(self.cues[i])
            if region not in (None, COUNTRY):
                if self._listed(i, region):
                    return None  # "Support Guangzhou and Shenzhen in building hubs. Issue ..."
                name = self._name_of(region)
                return region, f"no place in the sentence; its paragraph names {name}"
        for i in range(self._index(mention.sentence_end), len(self.cues)):
            cue = self.cues[i]
            if cue.start >= para_end:
                break
            region = self._resolved(cue)
            if region not in (None, COUNTRY):
                if self._listed(i, region):
                    return None
                name = self._name_of(region)
                return region, f"no place in the sentence; its paragraph names {name} after it"
        return None

    def _listed(self, i: int, region: str) -> bool:
        """Whether the article's place self.cues[i] (of `region`) is named in a list with
        another place ("Guangzhou and Shenzhen"): no one place the paragraph is about."""
        for left, right in ((i - 1, i), (i, i + 1)):
            if left >= 0 and right < len(self.cues) and self._joined(
                self.cues[left], self.cues[right]
            ) and self._resolved(self.cues[left + right - i]) not in (None, COUNTRY, region):
                return True
        return False

    def _respectively(self, mention, sentence_mentions, cues) -> str | None:
        if not self._holds(self._sentence_text(mention), "respectively"):
            return None
        # "300,000 and 150,000 vehicles": the first is a bare count of what the last names
        # the list of amounts the number stands in ("2,400 AI firms, while Shanghai and Shenzhen
        # have 1,600 and 1,500 respectively": the last two)
        group = self._amount_list(mention, sentence_mentions)
        named = [c for c in cues if c.how == "named" and c.end <= group[0].start]
        listed = self._list_around(named[-1], named) if named else []
        if len(group) < 2 or len(listed) != len(group):
            return None
        return self._resolved(listed[group.index(mention)])

    def _amount_list(self, mention: Mention, sentence_mentions: list[Mention]) -> list[Mention]:
        """The amounts of the sentence listed with `mention`, in one unit ("1,600 and 1,500",
        "up 20 percent and 15 percent"), `mention` among them."""
        group = [m for m in sentence_mentions if m.restates is None and (
            m.unit == mention.unit
            or (m.unit in COUNTED_UNITS and mention.unit in COUNTED_UNITS))]
        first = last = group.index(mention)
        while first > 0 and AMOUNT_LIST_JOINER.fullmatch(
                self.text, group[first - 1].end, group[first].start):
            first -= 1
        while last + 1 < len(group) and AMOUNT_LIST_JOINER.fullmatch(
                self.text, group[last].end, group[last + 1].start):
            last += 1
        return group[first : last + 1]

    def _list_around(self, cue: _Cue, cues: list[_Cue]) -> list[_Cue]:
        """The places listed with `cue` ("Guangzhou, Shenzhen, Zhuhai and other places")."""
        if cue.how != "named":
            return [cue]
        at = cues.index(cue)
        first = last = at
        while first > 0 and self._joined(cues[first - 1], cues[first]):
            first -= 1
        while last + 1 < len(cues) and self._joined(cues[last], cues[last + 1]):
            last += 1
        return cues[first : last + 1]

    def _joined(self, left: _Cue, right: _Cue) -> bool:
        # "Shenzhen, China's tech hub": the country is never one of a list of places, and
        # "Wuhu City, Anhui Province" is one place
        if not left.how == right.how == "named" or COUNTRY in left.ids or COUNTRY in right.ids:
            return False
        if not LIST_JOINER.match(self.text[left.end : right.start]):
            return False
        # "In Zhejiang, Hangzhou had ...": the second narrows the first, no list either
        first, second = self._place_of(left), self._place_of(right)
        if first is not None and self.gazetteer.places[first].level == "area" and (
            LOCATIVE_BEFORE.search(self.text, max(0, left.start - 20), left.start)
        ):  # "Elsewhere in the Greater Bay Area, Guangzhou said": an area holds its places
            return False
        return first is None or second is None or not (
            self.gazetteer.is_within(first, second) or self.gazetteer.is_within(second, first))

    def _common_parent(self, listed: list[_Cue]) -> str | None:
        places = [self._place_of(c) for c in listed]
        if None in places:
            return None
        parents = {self.gazetteer.places[p].parent for p in places if p is not None}
        if len(parents) == 1:
            parent = parents.pop()
            return None if parent in (None, COUNTRY) else parent
        return None

    def _baseline_period(self, sentence: str, end: int, period: str | None,
                         why: str) -> tuple[str | None, str]:
        """The period of a plan's baseline ending at sentence[end]: the year right after it;
        none for "now" (the day the article was written, not a year's figure) or for a year of
        the plan's, not yet past."""
        after = BASELINE_TIME_AFTER.match(sentence, end)
        if after is not None:
            said = f"'{after.group().strip(' ,')}'"
            year = after.group("year")
            if after.group("this") and self.published_year is not None:
                year = str(self.published_year)
                said = f"{said} in an article published in {year}"
            return (year, said) if year else (None, "")
        if period is not None and self.published_year is not None and (
            int(period) >= self.published_year
        ):
            return None, ""
        return period, why

    def _main_subject(self, region: str, before: int) -> bool:
        """Whether at least half of the place names before text[before] (the nearest LOOK_BACK
        places and references) name `region` or a place in it: a government report on one
        province so far, not a survey of six regions."""
        named = 0
        inside = 0
        places = self.gazetteer.places
        for cue in self._earlier(before):
            place = self._place_of(cue)
            if place is None or place == COUNTRY:
                continue
            named += 1
            while place is not None and place != COUNTRY:  # the place, then its parents
                if place == region:
                    inside += 1
                    break
                place = places[place].parent
        return 2 * inside >= named

    def _topic(self, before: int) -> str | None:
        """The article's subject so far: the latest place named, or the nearest place holding it
        that is the main subject (`_main_subject`): in a report on Zhejiang whose last paragraph
        named Ningbo and Wenzhou, Zhejiang. In a survey of several regions, none holding most of
        the places named, the latest."""
        for cue in reversed(self._earlier(before)):
            if cue.end <= self.dateline_end:
                continue  # where the story was filed: the dateline is the last resort
            region = self._resolved(cue) if cue.how != "named" else self._place_of(cue)
            if region == COUNTRY and self._opens_a_sentence(cue):
                return COUNTRY  # "China's NEV output rose ...": a national story so far
            if region not in (None, COUNTRY):
                break
        else:
            return None
        if self.title_place is not None and region != self.title_place and self.gazetteer.is_within(
            region, self.title_place
        ):
            return self.title_place  # "TITLE: Guizhou's digital economy", Guiyang named last
        place: str | None = region
        while place is not None and place != COUNTRY:
            if self._main_subject(place, before):
                return place
            place = self.gazetteer.places[place].parent
        return region

    def _opens_a_sentence(self, cue: _Cue) -> bool:
        """Whether the cue opens its sentence as its subject, SUBJECT_OPENING characters in at
        most ("In 2024, China's ..."), a dateline before it not counted ("BEIJING, Jan. 14
        (Xinhua) -- China's ...")."""
        sentence_start = self._sentence_start(cue.start)
        if sentence_start is None:
            return False
        opening = self.text[sentence_start : cue.start]
        for dash in DATELINE_DASHES:
            opening = opening.rpartition(dash)[2]
        return len(opening.strip()) <= SUBJECT_OPENING

    def _name(self, cue: _Cue) -> str:
        return self.text[cue.start : cue.end]

    def _name_of(self, region: str) -> str:
        return self.gazetteer.places[region].name_en

    # -- the candidate ---------------------------------------------------------------------------

    def candidate(self, mention: Mention, sentence_mentions: list[Mention]) -> list[dict] | None:
        """The candidate fact of a number: one, or one per place of a figure each of several
        places has ("Ningbo and Wenzhou have each ..."); None when it is not proposed."""
        if mention.value is None or mention.restates is not None:
            return None
        if self._sentence_at != mention.sentence_start:  # a new sentence: a new memo
            self._sentence_at = mention.sentence_start
            self._memo = {}
            self._holding = {}
        sentence = self._sentence_text(mention)
        start, end = mention.start - mention.sentence_start, mention.end - mention.sentence_start
        if mention.unit in DURATIONS or (  # "top five"; "to top 1 trillion yuan" is a verb
            mention.unit not in MEASURED_UNITS
            and search_before(TOP_BEFORE, ("top",), sentence, start, 6)
            and not TOP_VERB_BEFORE.search(sentence, max(0, start - 16), start)
        ):
            return None
        if search_before(ONE_OF_BEFORE, ("one of",), sentence, start, 20):
            return None  # "one of 18 pilot zones": the group's count, not the subject's
        if sentence.rstrip()[-1:] == "?" or (
            "Q" in sentence[:4] and QUESTION_OPENING.match(sentence)  # its "Q" is there if any
        ):
            return None  # a question asks; "Q: Some reports say there are 50 ..."
        if mention.unit == "rank" and SIZE_RANK_AFTER.match(sentence, end):
            return None  # "Zunyi, the province's second-largest city": a city's size
        if _is_unit_label(sentence, start, end, mention.value):
            return None  # "NEV output by city (10,000 units)": what a table counts in
        amount = self._amount(mention, sentence_mentions)
        if amount is None:
            return None
        value, value_high, unit, as_written, number_start, number_end, computed = amount
        if unit in ("percent", "percentage points"):
            fall = fall_before(sentence, start)
            if fall is not None:  # "fell 3 to 5 percent": from -5 to -3
                value, value_high = (-value, None) if value_high is None else (
                    -value_high, -value)
                computed = "; ".join(filter(None, (computed, f"value: negative, a fall ({fall})")))
        if unit == "count":  # "300,000 and 150,000 vehicles": both are vehicles
            unit = self._shared_unit(mention, sentence_mentions) or unit
        if unit in COUNTED_UNITS and (
            value != int(value)  # "a PUE of 1.25": not a count of anything
            or _counted_noun(sentence, end) in PHYSICAL_UNITS  # "1.1 trillion kWh"
            or sentence[end : end + 1] == "-" and _measure_after_hyphen(sentence, end)
        ):
            return None
        region, region_why, found_in = self.region_of(mention, sentence_mentions)
        if region == COUNTRY:
            return None  # a national total, not a regional figure
        if isinstance(region, str) and self.gazetteer.places[region].level == "district":
            return None  # "In Minhang, the park plans 2 EFLOPS": a district's, not its city's
        if self._is_company_figure(sentence, start):
            return None
        lead = (start, end)
        if unit == "percent" and len(sentence_mentions) > 1 and (
            sentence[max(0, start - 5) : start].endswith((", ", "and ", "or "))
        ) and not SHARE_OF_AFTER.match(sentence, end):  # ("up 60.5 percent, about 13 percent
            # of the national total": a share of its own)
            first = self._amount_list(mention, sentence_mentions)[0]
            # "up 20 percent and 15 percent": the list's first says what all are
            lead = (first.start - mention.sentence_start, first.end - mention.sentence_start)
        amounts, order = self._per_sentence("amounts", "", _amounts_of(sentence_mentions))
        at = order[mention.start] + 1  # (the number is one of them: it has a value, restates none)
        after = amounts[at].start - mention.sentence_start if at < len(amounts) else None
        metric = self._metric(sentence, start, end, unit, lead, after)
        scope = None
        if unit == "rank" and metric is not None:  # a rank within a province or in the world
            place = self._place_scope(mention)  # is none among the country's places
            scope = (self._name(place) if place is not None
                     else "the world" if WORLD_SCOPE_AFTER.match(self.text, mention.end) else None)
            if scope is not None:
                metric = None
        regions = region if isinstance(region, tuple) else (region,)
        if not self._worth_proposing(mention, sentence, end, unit, metric, regions[0],
                                     found_in):
            return None
        if metric is not None and unit in COUNTED_UNITS:
            unit = metric[0].unit
        status, status_why = self._clause_status(sentence, start, end)
        told = search_before(TOLD_YEAR_BEFORE, ("'s", "’s"), sentence, start, 40)
        if told is not None and status == "target":  # "double last year's 500 million yuan"
            status, status_why = "actual", f"actual ('{told.group(1)}': a year's own figure)"
        if status == "actual" and status_why == NO_PLAN_WORDING and not _baseline_before(
            sentence, start
        ):  # (not "- raise it to 50 EFLOPS, from 18.5 EFLOPS": the baseline is reached)
            plan = self._heading_plan(mention.sentence_start)
            if plan is not None:  # an item of a list under "By 2027, the province will:"
                status, status_why = "target", f"target ('{plan}' in the heading of the list)"
            elif (order := IMPERATIVE_OPENING.match(sentence)) is not None:
                status, status_why = "target", (f"target ('{order.group('verb')}' opens the "
                                                "sentence: a measure ordered)")
        period, period_why = self._period(sentence, start, end, mention, sentence_mentions,
                                          status)
        if status_why.startswith(BASELINE_WHY):
            # "1,000 by 2025, up from about 600 now": the baseline is not of the plan's year
            period, period_why = self._baseline_period(sentence, end, period, period_why)
        earlier = (YEAR_EARLIER_AFTER.match(sentence, end) if self._holds(sentence, "year")
                   else None)
        if earlier is not None and period is not None and period.isdigit():
            # "hit 25 EFLOPS in June, up from 10 EFLOPS a year earlier": the year before
            period = str(int(period) - 1)
            period_why = f"{period_why}, '{earlier.group().strip()}'"
        if (status == "actual" and period is not None and self.published_year is not None
                and int(period) > self.published_year):  # "800 million yuan next year"
            status, status_why = "target", f"target (a figure of {period}, a year to come)"
        why = [f"region: {region_why}"]
        if metric is not None:
            why.append(f"metric: {metric[1]}")
        elif scope is not None:
            why.append(f"metric: none (a rank in {scope}, not among the country's places)")
        elif unit == "EFLOPS" and self._facility_before(sentence, start, end):
            why.append("metric: none (one facility's capacity, not the place's computing power)")
        else:
            why.append("metric: no keyword fits")
        why.append(f"status: {status_why}")
        if period_why:
            why.append(f"period: {period_why}")
        if computed:
            why.append(computed)
        found = {
            "region": regions[0],
            "metric": metric[0].id if metric else None,
            "value": _plain(value),
            "value_high": _plain(value_high),
            "unit": unit,
            "as_written": as_written,
            "qualifier": mention.qualifier,
            "status": status,
            "period": period,
            "quote": sentence,
            "start": mention.sentence_start,
            "end": mention.sentence_end,
            "number_start": number_start,
            "number_end": number_end,
            "why": "; ".join(why),
        }
        return [found] + [{**found, "region": other} for other in regions[1:]]

    @staticmethod
    def _own_year(pool: list[re.Match], nearest: re.Match, start: int, end: int,
                  others: list[tuple[int, int]]) -> re.Match:
        """The nearest of the years in `pool` that no other amount (`others`: the spans of the
        amounts either side) stands nearer to; `nearest` if there is none."""
        def mine(m: re.Match) -> bool:
            near = _distance(m, start, end)
            return not any(_distance(m, lo, hi) < near for lo, hi in others
                           if not lo <= m.start() < hi)

        if mine(nearest):
            return nearest
        # only a year between the amounts either side can be this number's
        low = max([hi for lo, hi in others if hi <= start], default=0)
        high = min([lo for lo, hi in others if lo >= end], default=1 << 62)
        own = [m for m in pool if low <= m.start() < high and mine(m)]
        return min(own, key=lambda m: _distance(m, start, end)) if own else nearest

    def _shared_unit(self, mention: Mention, sentence_mentions: list[Mention]) -> str | None:
        """The counted unit of the amounts a bare count is listed with ("300,000 and 150,000
        vehicles", "2, 3 and 5 million persons"), or None."""
        positions = self._per_sentence("positions", "", lambda _: {
            m.start: i for i, m in enumerate(sentence_mentions)})
        at = positions.get(mention.start)
        if at is None:
            return None
        previous = mention
        for later in sentence_mentions[at + 1 : at + 6]:
            if not LIST_JOINER.match(self.text[previous.end : later.start]):
                return None
            if later.unit in COUNTED_UNITS and later.unit != "count":
                return later.unit
            if later.unit != "count":
                return None
            previous = later
        return None

    def _neighbours(self, mention: Mention, sentence_mentions: list[Mention]):
        """The spans (in the sentence) of the amounts right before and after `mention`: a year
        nearer another amount than to this one is nearer one of these two."""
        amounts, order = self._per_sentence("amounts", "", _amounts_of(sentence_mentions))
        at = order.get(mention.start)
        if at is None:
            return []
        base = mention.sentence_start
        return [(m.start - base, m.end - base) for m in amounts[max(0, at - 1) : at + 2]
                if m is not mention]

    def _sentence_text(self, mention: Mention) -> str:
        """The text of the mention's sentence, cut once for all its numbers."""
        if self._sentence_span != (mention.sentence_start, mention.sentence_end):
            self._sentence_span = (mention.sentence_start, mention.sentence_end)
            self._sentence = self.text[mention.sentence_start : mention.sentence_end]
        return self._sentence

    def _amount(self, mention: Mention, sentence_mentions: list[Mention]):
        if mention.unit != "multiple":
            return (mention.value, mention.value_high, mention.unit, mention.as_written,
                    mention.start, mention.end, "")
        # "doubled from 10 EFLOPS": the multiple is a figure only with its base.
        later = [m for m in sentence_mentions if m.start >= mention.end and m.value is not None]
        if not later or not MULTIPLE_BASE_GAP.match(self.text[mention.end : later[0].start]):
            return None
        base = later[0]
        if base.unit in ("multiple", "rank") or base.value_high is not None:
            return None
        if mention.value is None or base.value is None:
            return None
        value = mention.value * base.value
        as_written = self.text[mention.start : base.end]
        note = f"value computed: {_plain(mention.value)} x {base.as_written}"
        return value, None, base.unit, as_written, mention.start, base.end, note

    def _is_company_figure(self, sentence: str, start: int) -> bool:
        """A firm's figure: a company named after the last place before the number, or profits."""
        only, cue_ends, speakers = self._per_sentence("company", sentence, self._company_cues)
        for lo, hi in only:  # "net profit", "valuation": a firm's own kind of figure
            if hi <= start:  # before the number: unless a place stands between
                if not self._place_between(sentence, hi, start):
                    return True
            elif lo < start or CLAUSE_JOINT.search(sentence, start, lo) is None:
                return True  # after it in the same clause ("1 billion yuan in net profit")
        before = [e for e in cue_ends if e <= start]
        if before and not self._place_between(sentence, before[-1], start):
            return True
        return any(
            end <= start and name not in self.gazetteer.names for end, name in speakers
        )

    def _company_cues(
        self, sentence: str
    ) -> tuple[list[tuple[int, int]], list[int], list[tuple[int, str]]]:
        """Where the sentence names a firm's own kind of figure (COMPANY_ONLY), where each firm
        cue ends, and each speaker or owner named with the end of its phrase."""
        lowered = self._ascii_lower(sentence)
        if lowered is None:
            only = [m.span() for m in COMPANY_ONLY.finditer(sentence)]
        elif has_any_keyed(lowered, COMPANY_ONLY_KEYED):  # in lower case at the same places
            only = [m.span() for m in COMPANY_ONLY_LOWER.finditer(lowered)]
        else:
            only = []
        # Each pattern only where the words its matches hold are in the sentence.
        cues = []
        if has_any_keyed(sentence, COMPANY_CUE_KEYED) or _names_a_determined_firm(sentence):
            cues = [m.end() for m in COMPANY_CUE.finditer(sentence)]
        subject = self.vocabulary.company_subject.match(sentence)
        if subject is not None:  # "Alibaba, which owns the Post, said it would spend"
            cues = sorted([*cues, subject.end()])
        speakers = []
        if "its" in sentence and has_any(sentence, SPEAKER_WORDS):
            speakers = [(m.end(), m.group("name")) for m in SPEAKER_ITS.finditer(sentence)]
        if ("'s" in sentence or "’s" in sentence) and has_any_keyed(sentence, FIRM_FIGURE_KEYED):
            speakers += [(m.end(), m.group("name")) for m in FIRM_POSSESSIVE.finditer(sentence)]
        if ("'s" in sentence or "’s" in sentence) and (
            lowered is None or has_any(lowered, FIRM_FACILITY_WORDS)
        ):
            speakers += [(m.end(), m.group("name"))
                         for m in FIRM_PLACE_FACILITY.finditer(sentence)]
        if (", a " in sentence or ", an " in sentence or ", the " in sentence) and has_any(
            sentence, FIRM_DESCRIPTION_NOUNS
        ):
            for m in FIRM_APPOSITIVE.finditer(sentence):
                name = NAME_BEFORE_COMMA.search(sentence, max(0, m.start() - NAME_REACH),
                                                m.start())
                if name is not None:
                    speakers.append((m.end(), name.group()))
        return only, cues, speakers

    def _may_hold(self, sentence: str, word: str, start: int) -> bool:
        """False when the sentence is ASCII and holds `word` (in lower case) in no case from
        `start` on: a pattern ignoring case whose every match holds it cannot match there."""
        lowered = self._ascii_lower(sentence)
        return lowered is None or lowered.find(word, start) != -1

    def _ascii_lower(self, sentence: str) -> str | None:
        """The sentence in lower case if it is ASCII (see `_find_all`), else None."""
        return self._per_sentence("lower", sentence, _ascii_lower)

    def _holds(self, sentence: str, word: str) -> bool:
        """`word in sentence` for the sentence being read, tested once for all its numbers."""
        found = self._holding.get(word)
        if found is None:
            found = self._holding[word] = word in sentence
        return found

    def _per_sentence(self, what: str, sentence: str, compute: Callable[[str], Any]) -> Any:
        """What `compute` finds in the sentence, worked out once for all its numbers."""
        found = self._memo.get(what, _NOT_YET)  # the memo of the sentence being read
        if found is _NOT_YET:
            found = self._memo[what] = compute(sentence)
        return found

    def _place_between(self, sentence: str, lo: int, hi: int) -> bool:
        """Whether a place or a reference to one stands in sentence[lo:hi], other than where
        the firm just named is ("Zhejiang University in Hangzhou", "BYD's plant in Hefei"); in
        its last CUE_REACH characters at most."""
        lo = max(lo, hi - CUE_REACH)
        for place in self.gazetteer.find(sentence, lo, hi):
            if not LOCATIVE_GAP.fullmatch(sentence, lo, place.start):
                return True
            lo = place.end
        for place_start, place_end, _ in _anaphors(sentence, lo, hi):  # "Haier's plant in the city"
            if not LOCATIVE_GAP.fullmatch(sentence, lo, place_start):
                return True
            lo = place_end
        return False

    def _metric(self, sentence: str, start: int, end: int, unit: str, lead: tuple[int, int],
                after: int | None = None) -> tuple[MetricCue, str] | None:
        """(MetricCue, why) of the keyword nearest the number among metrics whose unit fits, or
        None. `lead`: sentence[lead[0]:lead[1]] is the first amount of the list the number
        stands in (the number itself when it stands in none), which says whether a percentage
        is a rate of growth. `after`: where the sentence's next amount starts, if any: a
        keyword in a later clause that has an amount of its own is that amount's, and so is one
        past it ("added 1,000 5G base stations and built 6 computing centers"), unless the two
        amounts stand in one list ("1,600 and 1,500 AI firms") or the number is a rank."""
        fitting: Sequence[MetricCue] = self.vocabulary.metrics_for(unit)
        if unit == "percent":
            lead_start, lead_end = lead
            growth = bool(
                search_before(GROWTH_BEFORE, GROWTH_WORDS, sentence, lead_start, 30)
                or fall_before(sentence, lead_start)
                or GROWTH_AFTER.match(sentence, lead_end)
            )
            fitting = [m for m in fitting if (m.kind == "rate") == growth]
            if not growth and not self._per_sentence("national", sentence, _names_the_country):
                # a share metric is of China's total: not "60 percent of Guangdong's NEVs"
                fitting = [m for m in fitting if m.kind != "share"]
        elif search_before(INCREMENT_BEFORE, INCREMENT_WORDS, sentence, start, 30) or (
            self._may_hold(sentence, "than", end) and INCREMENT_AFTER.match(sentence, end)
        ) or unit in COUNTED_UNITS and sentence[end : end + 5] == " new " and (
            NEW_AFTER.match(sentence, end)
        ) and not sentence[max(0, start - 12) : start].endswith("total of "):
            # ("registered 300 new AI companies": not "a total of 900 new firms", nor "5.4
            # million new energy vehicles")
            # "added 1,250 enterprises", "grew by 4 EFLOPS": a change, no level of a stock
            fitting = [m for m in fitting if m.additions or m.kind != "quantity"]
        if unit == "EFLOPS" and self._facility_before(sentence, start, end):
            fitting = [m for m in fitting if m.kind != "quantity"]
        # "48 data centers, 23 of which are super-large": a part of the whole the keyword before
        # counts, no level of it; but "of which 312 were in Guangzhou" is the place's own count,
        # and in "including 12 new data centers" the keyword is the part's
        part_of_whole = unit in COUNTED_UNITS and bool(
            (may_open_with(sentence, end, "oaOA") and SUBSET_AFTER.match(sentence, end))
            or (_ends_with_word(sentence, start, SUBSET_REACH, SUBSET_ENDINGS)
                and SUBSET_BEFORE.search(sentence, max(0, start - SUBSET_REACH), start))
        ) and not self._place_between(sentence, end, _phrase_end(sentence, end))
        best = None
        keywords = self._keywords(sentence)
        # "has pledged 3 billion yuan, while Beijing said its AI core industry was worth 300
        # billion yuan": the keyword is the later clause's, whose amount it names
        # "The output of NEVs was 1.30 million; the output of industrial robots grew 25.6
        # percent": a clause that names what it measures takes no keyword of a clause before it
        clause_start = 0
        if keywords and self._may_hold(sentence, " of ", 0):
            own_start = self._clause(sentence, start, end)[0]
            if own_start > 0 and OWN_MEASURE.search(sentence, own_start, start):
                clause_start = own_start
        clause_end = len(sentence)
        if after is not None and keywords:
            own_end = self._clause(sentence, start, end)[1]
            if own_end <= after:  # (the next amount in a later clause)
                clause_end = own_end
            if unit != "rank" and not AMOUNT_LIST_JOINER.fullmatch(sentence, end, after):
                # (a rank's keyword may follow what it ranks by: "ranked first nationwide with
                # 40 EFLOPS of computing power")
                clause_end = min(clause_end, after)
        counted = _counted_noun(sentence, end) if unit in COUNTED_UNITS else None
        generic = counted in GENERIC_COUNTED
        if generic:
            counted = None  # "1.37 million units": units of whatever the keyword counts
        for metric in fitting:
            if metric.excluding and metric.id in keywords and self._part_holds(
                sentence, start, end, metric.excluding
            ):
                continue  # "exported 420,000 NEVs": a figure of exports, not of output
            found = keywords.get(metric.id, [])  # in the order of their starts
            if len(found) > FEW_KEYWORDS:  # a hostile sentence's many: those within reach
                found = found[bisect_left(found, (start - CUE_REACH,)) :
                              bisect_left(found, (end + CUE_REACH,))]
            for kw_start, kw_end, word in found:
                if counted in FIRM_NOUNS and metric.unit in ("vehicles", "persons"):
                    break  # "1,400 companies in the NEV supply chain": firms, not vehicles
                if counted and not metric.unit == unit != "count" and not (
                    (kw_start >= end and not CLAUSE_BREAK.search(sentence, end, kw_start))
                    or _names_counted(word.lower(), counted)
                ):
                    # "data centres, with 1.2 million servers": a count of servers ("NEV
                    # output was 450,000 vehicles": the noun gave the metric's own unit)
                    continue
                if part_of_whole and kw_end <= start and metric.kind == "quantity":
                    continue
                if kw_start >= clause_end:
                    break  # (in the order of their starts: the rest are later still)
                if kw_end <= clause_start:
                    continue
                distance = kw_start - end if kw_start >= end else start - kw_end
                distance = max(distance, 0)
                if best is None or distance < best[0]:
                    best = (distance, metric, word)
        if best is not None:
            return best[1], f"keyword '{best[2]}'"
        if generic:  # "China's NEV output exceeded 12.8 million units. Shenzhen contributed
            return self._units_before(fitting)  # 2.8 million units": units of the same
        only = [m for m in fitting if m.unit == unit]
        if unit == "EFLOPS" and len(only) == 1:
            return only[0], f"the only metric in {unit}"
        return None

    def _facility_before(self, sentence: str, start: int, end: int) -> bool:
        """Whether one facility (FACILITY_BEFORE) is named before the number in its clause."""
        lowered = self._ascii_lower(sentence)
        if lowered is not None and not has_any(lowered, FACILITY_WORDS):
            return False
        lo, _ = self._clause(sentence, start, end)
        facility = FACILITY_BEFORE.search(sentence, max(lo, start - FACILITY_REACH), start)
        if facility is None:
            return False
        # "a computing center which will bring the city's capacity to 8 EFLOPS": the place's
        if PLACE_CAPACITY.search(sentence, facility.start(), start):
            return False
        return not any(sentence[place.end : place.end + 2] in ("'s", "’s")
                       for place in self.gazetteer.find(sentence, facility.start(), start))

    def _units_before(self, fitting: Sequence[MetricCue]) -> tuple[MetricCue, str] | None:
        """For "units" with no keyword in their sentence: the metric of the units counted in
        the sentence before (wire copy gives each sentence a paragraph), when that one counts
        units of a metric."""
        span = self._sentence_before(self._sentence_span[0])
        if span is None or not GENERIC_UNITS_IN.search(self.text, *span):
            return None
        found = self._find_keywords(self.text[span[0] : span[1]], another=True)
        kinds = [m for m in fitting if m.unit != "count" and found.get(m.id)]
        if not kinds:
            return None
        metric = max(kinds, key=lambda m: found[m.id][-1][0])  # the keyword nearest the end
        return metric, (f"keyword '{found[metric.id][-1][2]}' of the units counted in the "
                        "sentence before")

    def _keywords(self, sentence: str) -> dict[str, list[tuple[int, int, str]]]:
        """Each metric's keyword matches in the sentence, found once for all its numbers."""
        return self._per_sentence("keywords", sentence, self._find_keywords)

    def _find_keywords(self, sentence: str,
                       another: bool = False) -> dict[str, list[tuple[int, int, str]]]:
        """Each metric's keyword matches in the sentence being read, or in `another` one."""
        # Same length as the sentence, so offsets carry over; one scan finds every keyword.
        lowered = _ascii_lower(sentence) if another else self._ascii_lower(sentence)
        normalised = (sentence.lower() if lowered is None else lowered).replace("-", " ")
        pattern = self.vocabulary.keyword_pattern
        starts = self.vocabulary.keyword_starts
        # A keyword counts only where it opens a word (`_word_bounded`): in ASCII text only
        # those are looked for.
        outers: Iterable[re.Match] = (
            word_start_matches(pattern, starts, normalised)
            if lowered is not None and starts is not None
            else pattern.finditer(normalised)
        )
        return self._keywords_of(sentence, normalised, outers)

    def _keywords_of(self, sentence: str, normalised: str,
                     outers: Iterable[re.Match]) -> dict[str, list[tuple[int, int, str]]]:
        """Each metric's keyword matches in the sentence from `outers`, the matches of the
        keyword pattern in `normalised` (the sentence in lower case, hyphens as spaces) that
        no other holds, and the keywords that start inside them."""
        found: dict[str, list[tuple[int, int, str]]] = {}
        pattern = self.vocabulary.keyword_pattern
        funds = "fund" in normalised  # FUND_AFTER can match only then
        for outer in outers:
            matches = [outer]
            # a keyword that starts inside another: "intelligent computing centers" holds
            # "computing centers" too (data centres, not computing power)
            outer_start, outer_end = outer.span()
            inner = normalised.find(" ", outer_start, outer_end)
            while inner != -1:
                overlapping = pattern.match(normalised, inner + 1)
                if overlapping is not None:
                    matches.append(overlapping)
                inner = normalised.find(" ", inner + 1, outer_end)
            for match in matches:
                start, end = match.span()
                if not _word_bounded(normalised, start, end):
                    continue
                keyword = match.group()
                if funds and "fund" not in keyword and FUND_AFTER.match(normalised, end):
                    continue  # "a 10-billion-yuan AI industry fund": its size, not the scale
                written = sentence[start:end]
                for metric_id in self.vocabulary.keyword_metrics[keyword]:
                    found.setdefault(metric_id, []).append((start, end, written))
        return found

    def _worth_proposing(self, mention, sentence, end, unit, metric, region, found_in) -> bool:
        start = mention.start - mention.sentence_start
        if may_open_with(sentence, end, PER_UNIT_OPENINGS) and PER_UNIT_AFTER.match(sentence, end):
            return False  # "5 million yuan per project"
        bar = search_before(THRESHOLD_BEFORE, THRESHOLD_HELD, sentence, start, 60)
        if bar is not None and sentence[: bar.start()].rstrip().endswith(",") and (
            mention.qualifier in (EXACT, APPROX)
        ):
            bar = None  # "the largest producer, with NEV output of 1.82 million units": its own
        if bar is not None and not REACHED_AMOUNT.match(mention.as_written) and not (
            TOTAL_WORD.search(bar.group())
        ) and (mention.qualifier == AT_LEAST or not has_any(bar.group().lower(), WORTH_WORDS)):
            return False  # "annual revenue above 20 million yuan"; not "a total investment of"
        if unit in ("yuan", "USD") and (mention.qualifier == "at_most" and self._capped_per_unit(
            sentence, start, end
        ) or sentence[end + 1 : end + 2] in ("e", "a") and EACH_AFTER.match(sentence, end)):
            return False  # "up to 10 million yuan for a single project": a cap, not a total;
            # "vouchers worth up to 3 million yuan each"
        if unit in ("yuan", "USD") and sentence[:3].lstrip("\"“‘'(")[:1] in ("A", "E") and (
            self._per_recipient(sentence, start)
        ):
            return False  # "A developer that registers a model will receive 1 million yuan"
        if unit in ("yuan", "USD") and (
            self._may_hold(sentence, "that", 0) or self._may_hold(sentence, " wh", 0)
        ) and self._recipients_of_a_kind(sentence, start):
            return False  # "enterprises that build centers can receive a subsidy of up to"
        if unit == "percent" and may_open_with(sentence, end, COST_SHARE_OPENINGS) and (
            COST_SHARE_AFTER.match(sentence, end)
        ) and (mention.qualifier == "at_most" or has_any(
            self._ascii_lower(sentence) or sentence.lower(), COST_PAID_WORDS
        )):
            return False  # "vouchers worth up to 30 percent of the rental cost": of each bill
        if region is None:
            return False
        counted = _counted_noun(sentence, end) if unit in COUNTED_UNITS else None
        if counted in POPULATION_COUNTED and (counted != "people" or search_before(
            PEOPLE_OF_BEFORE, ("of", "home to"), sentence, start, 30
        )) or unit in COUNTED_UNITS and search_before(POPULATION_BEFORE, ("population",),
                                                      sentence, start, 30):
            return False  # "a city of 5.4 million people": its population, no metric's figure
        if metric is not None:
            return True
        if counted in EVENT_COUNTED:
            return False  # "more than 400 exhibitors from 15 countries and regions"
        if found_in == ARTICLE and not self._main_subject(region, mention.start):
            return False  # no keyword, and only the latest place of an article of many places
        if unit in COUNTED_UNITS or unit not in ("yuan", "USD", "percent", "EFLOPS", "rank",
                                                 "percentage points"):
            written_in_words = not any(ch.isdigit() for ch in mention.as_written)
            if written_in_words or mention.value < SMALL_COUNT or found_in != SENTENCE:
                return False
        if unit == "yuan" and mention.value < 1e6:
            return False  # a fare or a price, not a regional figure
        return True

    def _per_recipient(self, sentence: str, start: int) -> bool:
        """Whether the sentence opens with one recipient ("A developer that ...", "Each team")
        that will receive the amount at sentence[start:], in the same clause."""
        opening = PER_RECIPIENT_OPENING.match(sentence)
        if opening is None or opening.end() > start:
            return False
        lo, _ = self._clause(sentence, start, start)
        return lo <= opening.start()

    def _recipients_of_a_kind(self, sentence: str, start: int) -> bool:
        """Whether the number's clause tells what recipients of a kind receive before it
        ("enterprises that build computing centers can receive a subsidy of up to")."""
        lo, _ = self._clause(sentence, start, start)
        return PER_RECIPIENT_CLAUSE.search(sentence, max(lo, start - 260), start) is not None

    def _clause_status(self, sentence: str, start: int, end: int) -> tuple[str, str]:
        """The sentence's status, unless the number's own clause says otherwise: in "reached
        20,000P last year and is expected to hit 40,000P by 2025" the first is achieved.

        A clause (cut at ";" and at "and", "but", "while", "whereas" between two verbs' parts)
        with plan wording of its own is a target; one with an achieved verb ("reached", "had")
        and no plan wording is actual; any other takes the sentence's status."""
        status = self._per_sentence("status", sentence, self._status)
        if status[0] != "target":
            return status
        baseline = _baseline_before(sentence, start)
        if baseline is not None:  # "5,000 AI enterprises by 2027, up from about 3,500 now"
            return "actual", f"{BASELINE_WHY}: '{baseline.group().strip()}')"
        clause_start, hi, part_start, part_end = self._clause_and_part(sentence, start, end)
        clause = sentence[clause_start : min(hi, end + CLAUSE_REACH)]
        # "Guangdong, which built 3.1 million NEVs in 2024, is projected to produce 3.6 million":
        # the part between commas says what was done, the plan is another part's
        if part_start > clause_start or part_end < hi:
            done = next((m for m in self._per_sentence("achieved", sentence, _achieved_words)
                         if part_start <= m.start() and m.end() <= start), None)
            if done is None and part_start > clause_start and not any(
                clause_start <= c.start() < part_start
                for c in self._per_sentence("plans", sentence, self._plan_cues)
            ):  # "the city's talent pool, with 42,000 R&D personnel, will keep ...": what it
                # has, before the plan ("will build a park, with 500 million yuan" is the plan's)
                opening = part_start + len(sentence[part_start:start]) - len(
                    sentence[part_start:start].lstrip())
                done = WITH_PART.match(sentence, opening)
            if done is not None and not any(
                part_start <= c.start() < part_end
                for c in self._per_sentence("plans", sentence, self._plan_cues)
            ):
                return "actual", (f"actual ('{done.group()}' in its part of the sentence; the plan "
                                  "wording is another part's)")
        # "by the end of 2024" in an article of 2025 is no plan
        clause_end = clause_start + len(clause)
        own = [c for c in self._per_sentence("plans", sentence, self._plan_cues)
               if clause_start <= c.start() and c.end() <= clause_end]
        if own:
            if all(c.group("year") for c in own):
                # "reached 12 EFLOPS by the end of 2024": the year says when, the verb that
                # it was reached (with no date for the article to tell it by)
                reached = REACHED_BEFORE.search(clause, max(0, start - clause_start - 40),
                                                start - clause_start)
                if reached is not None:
                    return "actual", (f"actual ('{reached.group(1)}', and "
                                      f"'{own[0].group()}' says when)")
            return "target", f"target ('{own[0].group()}')"
        if not self._per_sentence("joints", sentence, _joint_spans):
            return status
        achieved = next((m for m in self._per_sentence("achieved", sentence, _achieved_words)
                         if clause_start <= m.start() and m.end() <= clause_end), None)
        if achieved is not None and achieved.group() in BARE_FORMS and not sentence[
            clause_start : achieved.start()
        ].strip():
            # "will strive to foster ..., and set up a 10 billion yuan fund": a verb of the
            # plan's, with no subject of its own ("set up", "hit" are also past forms)
            achieved = None
        if achieved is None:
            return status
        return "actual", (f"actual ('{achieved.group()}' in its clause; the plan wording is "
                          "another clause's)")

    def _other_subject_before(self, sentence: str, start: int, end: int, at: int,
                              mention: Mention) -> bool:
        """Whether sentence[at] lies in a later clause than the number at sentence[start:end]
        and a place is named in that clause before it."""
        clause_end = self._clause(sentence, start, end)[1]
        if at < clause_end:
            return False
        base = mention.sentence_start
        return any(c.how == "named" for c in self._sentence_cues(base + clause_end, base + at))

    def _clause(self, sentence: str, start: int, end: int) -> tuple[int, int]:
        """(start, end) of the clause of the number at sentence[start:end]: between the joints
        around it (CLAUSE_JOINT)."""
        joints = self._per_sentence("joints", sentence, _joint_spans)
        at = bisect_left(joints, (start, start))
        lo = joints[at - 1][1] if at > 0 else 0
        after = bisect_left(joints, (end, end))
        return lo, joints[after][0] if after < len(joints) else len(sentence)

    def _capped_per_unit(self, sentence: str, start: int, end: int) -> bool:
        """Whether the number's clause gives a cap for each of some unit: "up to 10 million yuan
        for a single project", "each firm can get no more than 5 million yuan"; not "vouchers
        worth up to 100 million yuan a year, and a single firm can get no more than 5 million"
        (a cap on the whole, the unit another clause's)."""
        if PER_UNIT.search(sentence) is None:
            return False
        lo, hi = self._clause(sentence, start, end)
        return PER_UNIT.search(sentence, lo, hi) is not None

    def _clause_and_part(self, sentence: str, start: int,
                         end: int) -> tuple[int, int, int, int]:
        """(clause start, clause end, part start, part end) of the number at sentence[start:end]:
        its clause runs between the joints around it (CLAUSE_JOINT: ";", "and" between two
        verbs' parts), from at most CLAUSE_REACH characters before it; its part of the clause
        between the marks around it (PART_MARKS: commas, brackets, dashes)."""
        lo, hi = self._clause(sentence, start, end)
        clause_start = max(lo, start - CLAUSE_REACH)
        part_start = max(clause_start, *(sentence.rfind(mark, clause_start, start) + 1
                                         for mark in PART_MARKS))
        part_ends = [at for at in (sentence.find(mark, end, hi) for mark in PART_MARKS)
                     if at != -1]
        return clause_start, hi, part_start, min(part_ends, default=hi)

    def _part_holds(self, sentence: str, start: int, end: int, words: tuple[str, ...]) -> bool:
        """Whether one of `words` (in lower case, hyphens as spaces) stands as words in the part
        of the clause of the number at sentence[start:end] (`_clause_and_part`): "exported
        420,000 NEVs", not "made 4 million NEVs in 2026 and wants NEVs to make up 60 percent of
        sales". A sentence in ASCII holding none of the words anywhere is settled at once."""
        lowered = self._ascii_lower(sentence)
        if lowered is not None and not has_any(lowered.replace("-", " "), words):
            return False
        clause_start, _, part_start, part_end = self._clause_and_part(sentence, start, end)
        part = sentence[part_start:part_end].lower().replace("-", " ")
        if part_start > clause_start and (
            ASIDE_PART.search(sentence, clause_start, part_start)
            or RATE_PART.match(sentence, part_start)
        ):
            # ... or in the clause's opening part, its subject, when the number's part goes on
            # from it: "The city's NEV exports, however, remain modest at 146,000 units"; "NEV
            # exports reached 156,000 units, up 120 percent" (not "Guangdong sold 3 million
            # NEVs, producing 3.2 million")
            opening = min(at for at in (sentence.find(mark, clause_start, part_start)
                                        for mark in PART_MARKS) if at != -1)
            part = sentence[clause_start:opening].lower().replace("-", " ") + " | " + part
        for word in words:
            at = part.find(word)
            while at != -1:
                stop = at + len(word)
                if not part[at - 1 : at].isalnum() and not part[stop : stop + 1].isalnum():
                    return True
                at = part.find(word, at + 1)
        return False

    def _plan_cues(self, sentence: str) -> list[re.Match]:
        """TARGET_CUE's matches in the sentence that are plans (not a year already past)."""
        return [c for c in self._per_sentence("target cues", sentence, self._target_cues)
                if not self._was_past(c)]

    def _was_past(self, cue: re.Match) -> bool:
        """Whether a TARGET_CUE match is a year ("by 2024") before the article's own year."""
        year = cue.group("year")
        return (year is not None and self.published_year is not None
                and int(year) < self.published_year)

    def _target_cues(self, sentence: str) -> list[re.Match]:
        """TARGET_CUE's matches in the sentence."""
        lowered = self._ascii_lower(sentence)
        if lowered is not None and not has_any_keyed(lowered, TARGET_CUE_KEYED):
            return []  # most sentences: no regex scan, which tries every position
        return _find_all(TARGET_CUE, TARGET_CUE_LOWER, sentence, lowered, TARGET_CUE_STARTS)

    def _status(self, sentence: str) -> tuple[str, str]:
        cues = self._per_sentence("target cues", sentence, self._target_cues)
        if not cues:
            return "actual", NO_PLAN_WORDING
        if self.published_year is not None:
            years = [c for c in cues if c.group("year")]
            past = [c for c in years if self._was_past(c)]
            plans = [c for c in cues if not c.group("year")
                     and c.group().lower() not in ("will", "would")]
            if past and not plans and len(past) == len(years):  # every year named is past
                return "actual", (
                    f"actual ('{past[0].group()}' was past when the article was published"
                    f"{self.dated})"
                )
        return "target", f"target ('{cues[0].group()}')"

    def _period(self, sentence: str, start: int, end: int, mention: Mention,
                sentence_mentions: list[Mention], status: str) -> tuple[str | None, str]:
        """The year nearest the number: "in 2024", "by 2027", "last year" (from the date).

        A year nearer another amount of the sentence (`sentence_mentions`) is that amount's:
        in "100 EFLOPS in 2025 and 10 billion yuan by 2026" the yuan are of 2026. Only when no
        year is the number's own does it take the nearest of the others', but never one of a
        base compared with ("reached 32 EFLOPS, up from 1.5 EFLOPS in 2021"). A year after the
        article's is never an actual figure's ("has 160 firms, and plans to double that by
        2027")."""
        now = NOW_AFTER.match(sentence, end) if sentence[end : end + 1] in (" ", ",") else None
        if now is not None:  # "has grown from 3 EFLOPS in 2021 to 80 EFLOPS today": no year's
            return None, (f"none ('{now.group().strip(' ,')}': the day it was written, not a "
                          "year's figure)")
        cued, bare, relative_all, parts, counted_from = self._per_sentence(
            "years", sentence, lambda s: _year_cues(s, self._ascii_lower(s))
        )
        if (cued or bare or relative_all or parts) and ", " in sentence:
            # "Zunyi, a city that began building data centres in 2022, has 9.2 EFLOPS": the
            # year of an aside about something else is not the figure's
            # (one with an amount of its own tells a figure alongside: "Sichuan, which reported
            # 26 EFLOPS at the end of March, and Chongqing, whose capacity stood at 9.4")
            asides = [(lo, hi) for lo, hi in self._per_sentence("year asides", sentence,
                                                                _year_asides)
                      if not any(lo <= m.start - mention.sentence_start < hi
                                 for m in sentence_mentions if _has_digits(m))]
            if asides:
                def outside(m: re.Match) -> bool:
                    return not any(lo <= m.start() < hi for lo, hi in asides)

                cued, bare = list(filter(outside, cued)), list(filter(outside, bare))
                relative_all, parts = list(filter(outside, relative_all)), list(filter(outside,
                                                                                       parts))
        if self._holds(sentence, "from") or self._holds(sentence, "compared"):
            bases = [base for base in self._per_sentence(
                "bases", sentence, lambda text: _bases(text, sentence_mentions)
            ) if base[1] != start]
            if bases:
                def base_year(m: re.Match) -> bool:  # after "up from", nearer the base
                    near = _distance(m, start, end)  # (or as near: "from 3 EFLOPS in 2021 to
                    return any(m.start() >= at and (  # 80 EFLOPS", the year after the base's)
                        _distance(m, lo, hi) < near or hi <= m.start() < start
                        and _distance(m, lo, hi) == near) for at, lo, hi in bases)

                cued = [m for m in cued if not base_year(m)]
                bare = [m for m in bare if not base_year(m)]
                relative_all = [m for m in relative_all if not base_year(m)]
        if status == "actual" and (cued or bare or relative_all) and self._per_sentence(
            "status", sentence, self._status
        )[0] == "target":  # the sentence has plan wording: is it in a later clause?
            # "has released 120 scenarios, and it plans to open another 200 next year": a year of
            # a plan in a later clause is not a figure reached's
            cut = next((lo for lo, _ in self._per_sentence("joints", sentence, _joint_spans)
                        if lo >= end), None)
            if cut is not None and TARGET_CUE.search(sentence, cut) is not None:
                cued = [m for m in cued if m.start() < cut]
                bare = [m for m in bare if m.start() < cut]
                relative_all = [m for m in relative_all if m.start() < cut]
        relative = []
        if self.published_year is not None:
            relative = [m for m in relative_all if not start <= m.start() < end and not (
                status == "target" and (m.group("which") or "").lower() == "last"
            )]  # "will build 3 data centres, and it set up a fund last year": no plan's year
            if not relative and not bare:
                relative = parts  # "in the first quarter": of the year the article was published
            elif parts:  # "1,840 firms at the end of June, and ... last year": the part of
                # its own clause too ("3.1 million NEVs in the first 11 months, exceeding the
                # full-year total of 2024": the nearer)
                lo, hi = self._clause(sentence, start, end)
                relative = relative + [m for m in parts if lo <= m.start() < hi]
        latest = (self.published_year if status == "actual" and self.published_year is not None
                  else 9999)
        for found in (cued, bare):
            matches = [m for m in found if not (start <= m.start() < end)
                       and m.start() not in counted_from and int(m.group("year")) <= latest]
            if matches or relative:
                pool = matches + relative

                def distance(m: re.Match) -> int:
                    return _distance(m, start, end)

                nearest = min(pool, key=distance)
                others = self._neighbours(mention, sentence_mentions)
                if len(pool) > 1:
                    nearest = self._own_year(pool, nearest, start, end, others)
                    nearest = _same_phrase_year(sentence, pool, nearest, start, end)
                if nearest.re is PART_OF_YEAR and matches:
                    # "In 2024, Guangdong produced 1.2 million NEVs in the first half": a part
                    # of the year its clause names
                    lo, hi = self._clause(sentence, start, end)
                    named = [m for m in matches if lo <= m.start() < hi]
                    if named:
                        nearest = min(named, key=distance)
                if nearest.start() >= end and any(
                    _distance(nearest, lo, hi) < distance(nearest) for lo, hi in others
                ) and self._other_subject_before(sentence, start, end, nearest.start(), mention):
                    # "has pledged HK$3 billion, while Beijing said its industry was worth 300
                    # billion yuan in 2024": the year of a later clause's own amount, of a place
                    # it names (not "has 2,400 AI firms, and its core industry was worth 300
                    # billion yuan in 2024")
                    continue
                if "month" in nearest.re.groupindex:
                    return self._month_year(nearest, status)
                if "which" not in nearest.re.groupindex:
                    written = nearest.group().strip()
                    year = nearest.group("year")
                    if status == "actual" and written[:6].lower() == "since " and (
                        self.published_year is None or int(year) < self.published_year
                    ):  # "has deployed 1,200 robots since 2023", told in 2025: of no one year
                        return None, f"none ('{written}': a total over the years since)"
                    return year, f"'{written}'"
                shift = {"last": -1, "next": 1}.get((nearest.group("which") or "").lower(), 0)
                assert self.published_year is not None  # read only with a published date
                published = f"{self.published_year}"
                if nearest.re is RELATIVE_YEAR and nearest.group("which") is None and (
                    status == "actual"
                ):  # "at the end of the year": reached, so told after it ended
                    if self.published_month is None:
                        return None, ""
                    published = f"{MONTH_NAMES[self.published_month - 1]} {self.published_year}"
                    if self.published_month < 12:
                        shift = -1
                        published += ", after that year ended"
                year = str(self.published_year + shift)
                return year, f"'{nearest.group()}' in an article published in {published}" + (
                    self.dated)
        if self._holds(sentence, "then") or self._holds(sentence, "period"):
            carried = THEN_PERIOD.search(sentence)
            if carried is not None:
                return self._carried_period(mention.sentence_start, status, carried.group())
        return self._heading_year(mention.sentence_start, status)

    def _in_body(self, position: int) -> bool:
        """Whether text[position] lies in a body segment (not a caption, a list of links...)."""
        at = bisect_right(self.body_spans, (position, len(self.text))) - 1
        return at >= 0 and position < self.body_spans[at][1]

    def _carried_period(self, sentence_start: int, status: str,
                        cue: str) -> tuple[str | None, str]:
        """The year of the sentence before, for one that points back to it ("over the same
        period", "by then"): the one year it names, else none."""
        before = self._sentence_before(sentence_start, self.body_start)
        if before is None or not self._in_body(before[0]):
            return None, ""
        text = self.text[before[0] : before[1]]
        cued, bare, relative, parts, counted_from = _year_cues(text, _ascii_lower(text))
        years = {m.group("year") for m in cued + bare if m.start() not in counted_from}
        if self.published_year is not None:
            shifts = {"last": -1, "next": 1, "this": 0}
            years |= {str(self.published_year + shifts[which]) for which in (
                (m.group("which") or "").lower() for m in relative
            ) if which in shifts}
            if not years and any("month" not in m.re.groupindex for m in parts):
                years.add(str(self.published_year))  # "in the first half": of this year
        latest = (self.published_year if status == "actual" and self.published_year is not None
                  else 9999)
        if len(years) != 1 or int(next(iter(years))) > latest:
            return None, ""
        year = years.pop()
        return year, f"'{' '.join(cue.split())}': {year}, the year of the sentence before"

    def _heading_year(self, sentence_start: int, status: str) -> tuple[str | None, str]:
        """The year of the heading over a list the number's line belongs to ("Key achievements
        in 2024:" over "1. The number of 5G base stations totalled 110,000"), else none."""
        heading = self._list_heading(sentence_start)
        if heading is None:
            return None, ""
        year = heading[1]
        latest = self.published_year if status == "actual" and self.published_year else 9999
        if int(year) > latest:
            return None, ""
        return year, f"'{heading[0]}'{HEADS_THE_LIST}"

    def _list_heading(self, sentence_start: int) -> tuple[str, str] | None:
        """(line, year) of the heading with a year over the list item the sentence opens, if
        it is one ("Key achievements in 2024:", "By 2027, the province will:"), else None."""
        floor = max(0, sentence_start - HEADING_WINDOW)  # no scan over a long one-line text
        line_start = self.text.rfind("\n", floor, sentence_start) + 1
        opening = self.text[line_start : line_start + 1]
        # a line opening with a capital is an item only as a label, its colon near ("Jinan:")
        label = "A" <= opening <= "Z" and (
            self.text.find(":", line_start, line_start + LABEL_LENGTH + 2) != -1)
        if not (opening.isdigit() or opening.isspace() or opening in LIST_BULLETS or label):
            return None
        if line_start == 0 and floor > 0 or not LIST_ITEM.match(self.text, line_start):
            return None
        at = line_start - 1
        for _ in range(HEADING_REACH):  # up over the list's other items and blank lines
            if at <= floor:
                return None
            start = self.text.rfind("\n", floor, at) + 1
            if start == 0 and floor > 0:
                return None
            line = self.text[start:at].strip()
            at = start - 1
            if not line or LIST_ITEM.match(line):
                continue
            heading = LIST_HEADING.fullmatch(line)
            if heading is None:
                return None
            if heading.group("which"):  # "The main targets for this year are:"
                if self.published_year is None:
                    return None
                shift = {"this": 0, "next": 1, "last": -1}[heading.group("which").lower()]
                return line, str(self.published_year + shift)
            return line, heading.group("year") or heading.group("titled")
        return None

    def _heading_plan(self, sentence_start: int) -> str | None:
        """The plan wording of the heading over the list item the sentence opens ("will" in
        "By 2027, the province will:"), if it has any and its year is still to come."""
        heading = self._list_heading(sentence_start)
        if heading is None:
            return None
        if self.published_year is not None and int(heading[1]) < self.published_year:
            return None  # "By 2024, the province had:" in 2025
        cue = TARGET_CUE.search(heading[0])
        return None if cue is None else cue.group()

    def _month_year(self, cue: re.Match, status: str) -> tuple[str, str]:
        """The year of a month named without one ("by the end of September"), read against the
        article's date: the year it was published, unless the month is still to come then (the
        year before for a figure reached, the year after for a plan)."""
        assert self.published_year is not None  # read only with a published date
        year = self.published_year
        month = MONTH_NAMES.index(cue.group("month")) + 1
        when = f"{self.published_year}"
        if self.published_month is not None:
            when = f"{MONTH_NAMES[self.published_month - 1]} {self.published_year}"
            if status == "actual" and month > self.published_month:
                year -= 1
            elif status == "target" and month < self.published_month:
                year += 1
        return str(year), (f"'{' '.join(cue.group().split())}' in an article published in "
                           f"{when}{self.dated}")


def _amounts_of(sentence_mentions: list[Mention]):
    """A memo's maker: the sentence's amounts (not restatements) and each one's place among them,
    by its start."""
    def make(_: str) -> tuple[list[Mention], dict[int, int]]:
        amounts = [m for m in sentence_mentions if m.value is not None and m.restates is None]
        return amounts, {m.start: i for i, m in enumerate(amounts)}
    return make


def _names_counted(keyword: str, counted: str) -> bool:
    """Whether a keyword (in lower case) names what a count counts: "AI enterprises" names
    "enterprises", and firms and companies too."""
    return counted in keyword or (
        counted in FIRM_NOUNS and any(noun in keyword for noun in FIRM_NOUNS))


def _measure_after_hyphen(sentence: str, end: int) -> bool:
    """Whether a measure joins the number at sentence[end] ("-"): "an 800-km link", "a 300-mu
    park", "a 50-meter tower"."""
    word = HYPHEN_WORD.match(sentence, end + 1)
    if word is None:
        return False
    word_text = word.group().lower()
    return word_text in PHYSICAL_UNITS or word_text.rstrip("s") + "s" in MEASURE_WORDS


def _counted_noun(sentence: str, end: int) -> str | None:
    """The word right after a count when it names what is counted ("servers"), else None."""
    match = NEXT_WORD.match(sentence, end)
    if match is None:
        return None
    word = match.group(1).lower()
    if word in COUNT_MODIFIERS:  # "500 new charging stations": what follows is counted
        match = NEXT_WORD.match(sentence, match.end())
        if match is None:
            return None
        word = match.group(1).lower()
    return None if word in COUNT_NOUN_STOP else word


def _anaphors(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, the words it is read as) of each reference to a place in text[start:end],
    in order: "the southern province" is read as "the province"."""
    found = []
    # "he" one past `start`: the "T" before it must lie in the range too.
    for match in THE_PLACE.finditer(text, start + 1, end):
        at = match.start() - 1
        if text[at] in "Tt" and (at == 0 or not text[at - 1].isalnum()):
            where = match.end("where")
            words = (text[at : match.start() + 2] + " " + text[where : match.end()]
                     if where != -1 else text[at : match.end()])
            found.append((at, match.end(), " ".join(words.lower().split())))
    for pattern in (NATIONAL, NATIONWIDE_OPENING):
        for match in pattern.finditer(text, start, end):
            if match.start() == 0 or not text[match.start() - 1].isalnum():
                found.append((match.start(), match.end(), " ".join(match.group().lower().split())))
    return sorted(found)


def _year_cues(sentence: str, ascii_lower: str | None) -> tuple:
    """The years a sentence names: with a preposition, bare, relative, part of a year (none
    compared with: `_compared_year`); and the starts of the bare ones a change is counted from
    ("doubling from 2023").

    `ascii_lower` is the sentence in lower case if it is ASCII (`_find_all`), else None."""
    has_year = ANY_YEAR.search(sentence) is not None
    lowered = sentence.lower() if ascii_lower is None else ascii_lower
    bare = list(BARE_YEAR.finditer(sentence)) if has_year else []
    spans = [m.span() for m in YEAR_SPAN.finditer(sentence)] if len(bare) > 1 else []
    if spans:  # "for the 2023-2025 period": several years, none of them the figure's alone
        def single(m: re.Match) -> bool:
            return not any(lo <= m.start("year") < hi for lo, hi in spans)

        bare = [m for m in bare if single(m)]
        cued = [m for m in _find_all(PERIOD_CUE, PERIOD_CUE_LOWER, sentence, ascii_lower,
                                     PERIOD_CUE_STARTS)
                if single(m)]
    else:
        cued = _find_all(PERIOD_CUE, PERIOD_CUE_LOWER, sentence, ascii_lower,
                         PERIOD_CUE_STARTS) if has_year else []
    counted_from = {
        m.start() for m in bare if FROM_BEFORE.search(sentence, max(0, m.start() - 20), m.start())
    } if bare and has_any(lowered, FROM_WORDS) else ()
    relative = (_find_all(RELATIVE_YEAR, RELATIVE_YEAR_LOWER, sentence, ascii_lower)
                if "year" in lowered and (ascii_lower is None or has_any(ascii_lower,
                                                                        RELATIVE_WORDS))
                else [])
    if "than" in lowered or "same" in lowered or "over" in lowered:
        # a year compared with is no figure's own: "over the same period last year"
        cued = [m for m in cued if not _compared_year(sentence, m)]
        bare = [m for m in bare if not _compared_year(sentence, m)]
        relative = [m for m in relative if not _compared_year(sentence, m)]
    return (
        cued,
        bare,
        relative,
        (_find_all(PART_OF_YEAR, PART_OF_YEAR_LOWER, sentence, ascii_lower)
         if ("quarter" in lowered or "half" in lowered or "months" in lowered)
         else [])
        + _month_periods(sentence),
        counted_from,
    )



def _has_digits(mention: Mention) -> bool:
    """Whether an amount is written with digits ("2,600", not "two cities"), a year not one."""
    return mention.value is not None and any(ch.isdigit() for ch in mention.as_written)


def _year_asides(sentence: str) -> list[tuple[int, int]]:
    """The spans of the asides of a sentence that tell of something else, from the comma that
    opens one to the next comma or the end: ", which started production in 2022", ", a firm
    founded in the city in 1999"."""
    spans = []
    for aside in YEAR_ASIDE.finditer(sentence):
        close = sentence.find(", ", aside.end())
        spans.append((aside.start(), len(sentence) if close == -1 else close))
    return spans


def _compared_year(sentence: str, year: re.Match) -> bool:
    """Whether the year is one compared with: "over the same period last year", "more than in
    2023", "over last year"."""
    lo = max(0, year.start() - 40)
    if COMPARED_YEAR_BEFORE.search(sentence, lo, year.start()):
        return True
    return (year.re is RELATIVE_YEAR and (year.group("which") or "").lower() == "last"
            and COMPARED_LAST_YEAR_BEFORE.search(sentence, lo, year.start()) is not None)


def _same_phrase_year(sentence: str, pool: list[re.Match], nearest: re.Match, start: int,
                      end: int) -> re.Match:
    """`nearest`, unless it stands before the number with "and" (or "but", "while") between and
    a year of the pool follows the number with none: in "put 15,000 racks into use last year and
    signed 8 billion yuan of projects in the first quarter of 2025" the yuan are of 2025."""
    if nearest.end() > start or COORDINATION.search(sentence, nearest.end(), start) is None:
        return nearest
    later = [m for m in pool if m.start() >= end
             and COORDINATION.search(sentence, end, m.start()) is None]
    return min(later, key=lambda m: m.start()) if later else nearest


def _names_a_determined_firm(sentence: str) -> bool:
    """False when COMPANY_CUE names no firm with "the", "this", "that" or "its" in the sentence
    (of its matches, only those can hold none of COMPANY_CUE_WORDS)."""
    if not has_any(sentence, DETERMINED_FIRM_WORDS):
        return False
    if not sentence.isascii():
        return True
    return DETERMINED_FIRM_IN_LETTERS.search(alnum_copy(sentence)) is not None


def _names_the_country(sentence: str) -> bool:
    """Whether the sentence names the country a share may be of ("of national NEV output",
    "of China's total", "in the country")."""
    return COUNTRY_WORD.search(sentence) is not None


def _bases(sentence: str, sentence_mentions: list[Mention]) -> list[tuple[int, int, int]]:
    """(where "up from" or the like starts, the amount's start, its end) in the sentence for
    each amount that is a base compared with."""
    bases = []
    for other in sentence_mentions:
        lo, hi = other.start - other.sentence_start, other.end - other.sentence_start
        marker = _baseline_before(sentence, lo)
        if marker is not None:
            bases.append((marker.start(), lo, hi))
    return bases


def _baseline_before(sentence: str, start: int) -> re.Match | None:
    """BASELINE_BEFORE.search(sentence, start - BASELINE_REACH, start): "up from", "compared
    with" right before the number. Its every match ends the window with "from" or "with" and
    white space, so most windows are settled without the search (which tries each position)."""
    lo = max(0, start - BASELINE_REACH)
    window = sentence[lo:start]
    if not window[-1:].isspace():
        return None
    last = window.rstrip()
    if not (last.endswith("from") or last.endswith("with")):
        return None
    return BASELINE_BEFORE.search(sentence, lo, start)


def _achieved_words(sentence: str) -> list[re.Match]:
    """ACHIEVED's matches in the sentence."""
    if ACHIEVED_STARTS is None or not sentence.isascii():
        return list(ACHIEVED.finditer(sentence))
    # Its words are in lower case: a match opens a word there, and in the copy in lower case.
    return word_start_matches(ACHIEVED, ACHIEVED_STARTS, sentence)


# A table's or a heading's unit, "(10,000 units)", "(unit: 100 million yuan)", closing its line.
UNIT_LABEL_BEFORE: Final = re.compile(r"(?:\(|\b[Uu]nits?\s*[:：]\s*)$")
UNIT_LABEL_AFTER: Final = re.compile(r"(?:\s*[A-Za-z]+){0,2}\s*\)?\s*$")


def _is_unit_label(sentence: str, start: int, end: int, value: float) -> bool:
    """Whether the amount at sentence[start:end] is a unit a table or a heading counts in: a
    power of ten ("10,000", "100 million yuan") right after "(" or "unit:", ending its line."""
    lead_in = sentence[max(0, start - 8) : start]  # a test of a few characters first
    if not (lead_in[-1:] == "(" or "nit" in lead_in):
        return False
    if value < 10 or 10 ** round(math.log10(value)) != value:
        return False
    return (UNIT_LABEL_BEFORE.search(sentence, max(0, start - 12), start) is not None
            and UNIT_LABEL_AFTER.match(sentence, end) is not None)


def _ends_with_word(sentence: str, start: int, reach: int, words: tuple[str, ...]) -> bool:
    """Whether sentence[start - reach:start], past its white space and a comma, ends with one of
    `words` (in lower case), as a pattern ending with `\\s*,?\\s+$` searched in that window
    may: one test of its tail, where a regex search tries every position."""
    tail = sentence[max(0, start - reach) : start].rstrip().rstrip(",").rstrip()
    return tail.lower().endswith(words)


def _phrase_end(sentence: str, start: int) -> int:
    """Where the phrase from `start` on ends: at the next comma, semicolon or the end."""
    ends = [at for at in (sentence.find(",", start), sentence.find(";", start)) if at != -1]
    return min(ends, default=len(sentence))


def _joint_spans(sentence: str) -> list[tuple[int, int]]:
    """Where the sentence's clauses meet (CLAUSE_JOINT), in order."""
    if not has_any(sentence, JOINT_MARKS):
        return []
    return [(m.start(), m.end()) for m in CLAUSE_JOINT.finditer(sentence)]


def _month_periods(sentence: str) -> list[re.Match]:
    """MONTH_PERIOD's matches in the sentence, looked for from shortly before its first month's
    name (no phrase before a month is longer than MONTH_REACH characters)."""
    first = MONTH_NAME.search(sentence)
    if first is None:
        return []
    return [m for m in MONTH_PERIOD.finditer(sentence, max(0, first.start() - MONTH_REACH))
            if not SAID_BEFORE.search(sentence, max(0, m.start() - 30), m.start())]


def _ascii_lower(text: str) -> str | None:
    return text.lower() if text.isascii() else None


def _word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def _distance(match: re.Match, start: int, end: int) -> int:
    if match.start() >= end:
        return match.start() - end
    return max(start - match.end(), 0)


def _unit_fits(unit: str, metric_unit: str) -> bool:
    """Whether an amount in `unit` may be a value of a metric in `metric_unit`: a bare count
    may count anything; persons and vehicles only persons and vehicles ("50,000 AI engineers"
    are no count of firms)."""
    if unit == "count":
        return metric_unit in COUNTED_UNITS
    return unit == metric_unit


def _plain(value: float | None):
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


# --- files and the command -------------------------------------------------------------------


def suggest_file(path: str, vocabulary: Vocabulary) -> list[dict]:
    """The candidates of one article file; ArticleError (one line naming the file) if unreadable."""
    name = _printable(path)
    data = _read_bytes(path, name)
    # The file's name, as Path(path).name: the path names a regular file (it was read), so it
    # ends with no separator and no "." for the name to differ by.
    base = _name_as_text(os.path.basename(path))
    text = decode_spaced(data, name)  # tabs and "\r\n" too, read as white space (`as_read`)
    # no line is longer than the text: most articles need no look at their lines here
    longest = _longest_line(text) if len(text) > MAX_LINE else 0
    if longest > MAX_LINE:
        raise ArticleError(
            f"{name}: a line of {longest:,} characters (the limit is {MAX_LINE:,}): "
            "not article text"
        )
    header = read_header(text, name)
    published = header.published or vocabulary.published.get(base)
    dated_from = ""
    if published is None:
        published, dated_from = date_of_undated(text, header.source, header.end)
    return suggest_text(text, base, vocabulary, published, header.end, dated_from)


def _name_as_text(name: str) -> str:
    """A file name as text that can be written out: bytes of the name that are not UTF-8
    (which Python holds as lone surrogates, and no UTF-8 output takes) as escapes, b"\\xff" as
    "\\xff"; any other name as it is."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no undecodable byte stands for
        raw = name.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def date_of_undated(text: str, address: str | None, body_start: int) -> tuple[str | None, str]:
    """(date, where it was read) for an article whose header and sources give no date: the
    date in its address ("https://english.news.cn/20250106/...": most news sites date their
    paths), else a date stamp near the top of its page ("Updated: 2025-09-02 10:21");
    (None, "") when neither holds one."""
    if address:
        found = date_in_address(address)
        if found is not None:
            return found, "its address"
    found = date_on_page(text, body_start) or date_labelled(text, body_start)
    return (found, "a date line of its page") if found is not None else (None, "")


# A date in a news article's address: /20250106/, /2025-01/06/, /2025/01/06/, /2025-01-06/.
ADDRESS_DATE: Final = re.compile(
    r"/(?P<year>20\d\d)(?P<sep>[-/_]?)(?P<month>0[1-9]|1[0-2])(?:(?P=sep)|/)"
    r"(?P<day>0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
)


def date_in_address(url: str) -> str | None:
    """The publication date an article's address holds ("YYYY-MM-DD"), or None."""
    match = ADDRESS_DATE.search(url)
    if match is None:
        return None
    try:
        found = datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:  # "/2025/02/30/"
        return None
    return found.isoformat()


# A page's date stamp near its top: a short line holding an ISO date, as news and government
# sites print it ("Updated: 2025-09-02 10:21", "Source: Xinhua | 2025-01-06 19:41:30 | Editor").
PAGE_DATE: Final = re.compile(
    r"(?<![\d/-])(?P<year>20\d\d)(?P<sep>[-/])(?P<month>0?[1-9]|1[0-2])(?P=sep)"
    r"(?P<day>0?[1-9]|[12]\d|3[01])(?![\d/-])"
)
PAGE_DATE_REACH: Final = 1200  # characters of the body, from its top
# The longest line read as a date stamp, not a story's sentence: in characters and in words.
PAGE_DATE_LINE: Final = 200
PAGE_DATE_WORDS: Final = 14


def date_on_page(text: str, body_start: int = 0) -> str | None:
    """The date ("YYYY-MM-DD") of the first short line near the top of the body that holds a
    date (a stamp of a few words, not a story's sentence), or None."""
    for match in PAGE_DATE.finditer(text, body_start, body_start + PAGE_DATE_REACH):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end == -1 else line_end
        if line_end - line_start > PAGE_DATE_LINE or (
            len(text[line_start:line_end].split()) > PAGE_DATE_WORDS
        ):
            continue
        try:
            return datetime.date(int(match["year"]), int(match["month"]),
                                 int(match["day"])).isoformat()
        except ValueError:  # "2025-02-30"
            continue
    return None


# A line that labels the page's date, anywhere in it ("Published: 10:30am, 14 Mar 2025",
# "Updated: March 14, 2025", "Release date: 2025-03-14"): the date in at most 60 characters.
DATE_LABEL: Final = re.compile(
    r"^[ \t]*(?:Published|Updated|Posted|Last\s+updated|Release\s+date|Date)(?:\s+(?:on|at))?"
    r"[ \t]*[:：]?[ \t]*(?P<rest>[^\n]{0,60})$", re.I | re.M
)
WRITTEN_DATE: Final = re.compile(
    r"\b(?:(?P<day>[0-3]?\d)\s+(?P<month>[A-Za-z]{3,9})\.?|(?P<month2>[A-Za-z]{3,9})\.?\s+"
    r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?),?\s+(?P<year>20\d\d)\b"
)


def date_labelled(text: str, body_start: int = 0) -> str | None:
    """The date ("YYYY-MM-DD") of the lines of the page that label one ("Published: 10:30am,
    14 Mar 2025"), written as digits or with the month's name: the first near the top of the
    body (PAGE_DATE_REACH), else the one date all such lines give (not one of several, as a
    list of other stories would give); None if there is none."""
    found = _labelled_dates(text, body_start)
    if found and found[0][0] < body_start + PAGE_DATE_REACH:
        return found[0][1]
    dates = {date for _, date in found}
    return dates.pop() if len(dates) == 1 else None


def _labelled_dates(text: str, body_start: int) -> list[tuple[int, str]]:
    """(offset, "YYYY-MM-DD") of each line from body_start on that labels a valid date."""
    found = []
    for label in DATE_LABEL.finditer(text, body_start):
        rest = label.group("rest")
        digits = PAGE_DATE.search(rest)
        if digits is not None:
            year, month, day = int(digits["year"]), int(digits["month"]), int(digits["day"])
        else:
            written = WRITTEN_DATE.search(rest)
            if written is None:
                continue
            name = (written["month"] or written["month2"]).lower()
            month = next((i + 1 for i, full in enumerate(MONTHS)  # "Mar", "Sept", "March"
                          if name in (full[:3], full[:4], full)), 0)
            year, day = int(written["year"]), int(written["day"] or written["day2"])
        try:
            found.append((label.start(), datetime.date(year, month, day).isoformat()))
        except ValueError:  # "2025-02-30", no month's name
            continue
    return found


def _read_bytes(path: str, name: str) -> bytes:
    """The file's bytes (`reader.read_article_bytes`: a regular file, not a named pipe or a
    device, of at most MAX_FILE_BYTES, with no NUL byte), or ArticleError."""
    return read_article_bytes(path, MAX_FILE_BYTES, name)


def _longest_line(text: str) -> int:
    if len(text) <= 1 << 20:  # an article: its lines all at once (a copy of the text)
        return max(map(len, text.split("\n")))
    longest, at = 0, 0  # larger files: line by line, no second copy of them in memory
    while at < len(text):
        stop = text.find("\n", at)
        stop = len(text) if stop == -1 else stop
        longest = max(longest, stop - at)
        at = stop + 1
    return longest


def _printable(name: str) -> str:
    """A file name safe to print on one line: control characters escaped."""
    name = str(name)
    if name.isprintable():
        return name
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in name)


_WORKER_VOCABULARY: Vocabulary | None = None


def _init_worker(root: str) -> None:
    global _WORKER_VOCABULARY
    _WORKER_VOCABULARY = load_vocabulary(Path(root))


def _suggest_lines(path: str) -> tuple[list[str], str | None]:
    """JSON lines of one file, or the error line; run in a worker process."""
    assert _WORKER_VOCABULARY is not None  # set by _init_worker, or by run_suggest
    try:
        candidates = suggest_file(path, _WORKER_VOCABULARY)
    except ArticleError as error:
        return [], str(error).splitlines()[0]
    return [_json_line(c) for c in candidates], None


_ENCODE_STRING: Final = json.encoder.encode_basestring  # a JSON string: quotes and escapes
_JSON_KEYS: Final[dict[str, str]] = {}  # a key -> ', "key": ', as json.dumps writes it


def _json_line(candidate: dict) -> str:
    """json.dumps(candidate, ensure_ascii=False) for a flat dict of strings, numbers, None and
    booleans, as a candidate is: each key written once and kept, each value as json.dumps writes
    one of its type, the parts joined once; a dict holding anything else (a NaN, a list, a key
    not a string) goes to json.dumps as a whole."""
    parts = []
    for key, value in candidate.items():
        if not isinstance(key, str):
            return json.dumps(candidate, ensure_ascii=False)
        written = _JSON_KEYS.get(key)
        if written is None:
            written = _JSON_KEYS[key] = ", " + _ENCODE_STRING(key) + ": "
        parts.append(written)
        if isinstance(value, str):
            parts.append(_ENCODE_STRING(value))
        elif value is None:
            parts.append("null")
        elif value is True:
            parts.append("true")
        elif value is False:
            parts.append("false")
        elif type(value) is int:
            parts.append(str(value))  # int.__repr__, as json.dumps writes an int
        elif type(value) is float and math.isfinite(value):
            parts.append(repr(value))  # float.__repr__, as json.dumps writes a float
        else:
            return json.dumps(candidate, ensure_ascii=False)
    if not parts:
        return "{}"
    parts[0] = parts[0][2:]  # the first key has no ", " before it
    return "{" + "".join(parts) + "}"


def run_suggest(paths: list[str], root: Path, jobs: int | None = None, out=None, err=None) -> int:
    """`python -m extract suggest`: JSON lines on stdout, one error line per bad file on stderr."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        vocabulary = load_vocabulary(Path(root))
    except VocabularyError as error:
        print(str(error), file=err)
        return EXIT_BAD_INPUT
    try:
        failed = _suggest_all(paths, root, vocabulary, jobs, out, err)
    except BrokenPipeError:  # `extract suggest ... | head`: the reader has seen enough
        if out is sys.stdout:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as unwritten:  # a full disk, a closed terminal
        print(f"extract suggest: cannot write the candidates: {unwritten.strerror or unwritten}",
              file=err)
        return EXIT_BAD_INPUT
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _suggest_all(paths: list[str], root: Path, vocabulary: Vocabulary, jobs: int | None, out,
                 err) -> bool:
    """Write the candidates of each file in turn, by `jobs` workers; whether any file failed."""
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths)))
    failed = False
    if jobs == 1:
        global _WORKER_VOCABULARY
        _WORKER_VOCABULARY = vocabulary
        results = map(_suggest_lines, paths)
        failed = _write(results, out, err)
    else:
        import multiprocessing

        context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
        with context.Pool(jobs, initializer=_init_worker, initargs=(str(root),)) as pool:
            # Small batches: fewer round trips for many short articles, and still an even
            # share of the work for each worker; results come back in the order given.
            batch = max(1, min(32, len(paths) // (jobs * 16)))
            failed = _write(pool.imap(_suggest_lines, paths, chunksize=batch), out, err)
    return failed


def _write(results, out, err) -> bool:
    failed = False
    for lines, error in results:
        if error is not None:
            failed = True
            print(error, file=err)
            continue
        if lines:  # an article's lines in one write
            out.write("\n".join(lines) + "\n")
    out.flush()
    return failed
