"""The places the suggester recognises in article text, and a fast finder for their names.

Places come from data/gazetteer/regions.yaml (every provincial-level unit and the major cities)
and from data/curation/regions.yaml (the regions facts name, which may add areas of their own).
Both are vocabulary: a place reaches the dashboard only through regions.yaml and a curated fact.

Names are matched as written in English news: the English name, each alias, "Guangdong
Province", "Shenzhen City", the Chinese name with or without its 省/市 suffix, and the upper-case
name of a dateline ("GUIYANG, Jan. 6 (Xinhua) --"). One compiled regex (a trie of all names)
finds them, so the cost grows with the text, not with the number of places.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from extract.patterns import Words, literal_alternation, matches_at_hits
from extract.untrusted import InputError, load_yaml_file, one_line

GAZETTEER_FILE = Path("data") / "gazetteer" / "regions.yaml"
REGIONS_FILE: Final = Path("data") / "curation" / "regions.yaml"
SCHEMA: Final = Path(__file__).parent / "schemas" / "gazetteer.schema.json"

# "Guangdong Province", "Shenzhen City", "Xinjiang Uygur Autonomous Region" are the same places.
NAME_SUFFIX: Final = re.compile(
    r"\s+(?:Province|province|City|city|Municipality|municipality|Autonomous\s+Region"
    r"|Special\s+Administrative\s+Region|SAR|New\s+Area)\b"
)
# A name ending with a common noun ("China's AI capital") names no place when that noun only
# modifies the next one: "China's AI capital spending", "the Yangtze River Delta region market".
MODIFIED_NOUN_AFTER: Final = re.compile(
    r"[ -](?:spending|expenditures?|investments?|markets?|(?:in|out)?flows?|goods|gains?"
    r"|expenses?|costs?|raising|injections?|stock|base|accounts?|controls?|requirements?"
    r"|adequacy|allocation|formation|intensive)\b"
)
CHINESE_SUFFIXES: Final[Words] = (
    "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"
)
# A bytes.translate table: each ASCII capital as CAPITAL_MARK, every other byte as it is.
CAPITAL_MARK: Final = 1
CAPITALS_MARKED: Final = bytes(CAPITAL_MARK if 65 <= c <= 90 else c for c in range(256))
# A dateline opens the story: "GUIYANG, Jan. 6 (Xinhua) --", "SHENZHEN, Guangdong -".
# Used with .match(text, pos): anchored at pos (a "^" would match only at the text's start, and
# an article's header puts its first line further on).
DATELINE: Final = re.compile(r"\s*(?P<place>[A-Z][A-Z'’ -]{2,40}?)\s*(?:,|\s[-–—]{1,2}\s)")
LEVEL_ORDER: Final[Words] = (
    "municipality", "province", "autonomous_region", "sar", "prefecture_city", "area"
)


class VocabularyError(ValueError):
    """A vocabulary file is missing or malformed; the message names the file and entry."""


@dataclass(frozen=True)
class Place:
    id: str
    name_en: str
    level: str
    parent: str | None
    capital: str | None = None  # a province's seat: the city "the provincial capital" means


class PlaceMatch:
    """A place name found in a text. A plain class: compiled, quicker to make than a tuple
    (whose constructor stays interpreted) or a frozen dataclass."""

    __slots__ = ("start", "end", "ids")

    def __init__(self, start: int, end: int, ids: tuple[str, ...]) -> None:
        self.start = start
        self.end = end
        self.ids = ids  # more than one when a name is shared ("Taizhou")


@dataclass
class Gazetteer:
    places: dict[str, Place]
    names: dict[str, tuple[str, ...]]  # written name -> place ids
    pattern: re.Pattern = field(repr=False)
    # The names written in ASCII only, for ASCII text, where no other name can stand: the regex
    # engine skips ahead to the first letters of names, and checks a character against a set of
    # ASCII ones several times faster than against one holding the Chinese names' too.
    ascii_pattern: re.Pattern | None = field(default=None, repr=False)
    # The ASCII names as bytes with each capital written CAPITAL_MARK (`_ascii_matches`).
    marked_pattern: re.Pattern | None = field(default=None, repr=False)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[PlaceMatch]:
        """Every place name in text[start:end], longest first, in order."""
        end = len(text) if end is None else end
        matches: Iterable[re.Match]
        if self.ascii_pattern is not None and text.isascii():
            matches = self._ascii_matches(text, start, end)
        else:
            matches = self.pattern.finditer(text, start, end)
        found = []
        for match in matches:
            written = match.group()
            ids = self.names.get(written)
            if ids is None:
                continue
            name_start, name_end = match.span()
            if written.isascii() and not _word_bounded(text, name_start, name_end):
                continue
            if " " in written and written[written.rfind(" ") + 1 :][:1].islower() and (
                MODIFIED_NOUN_AFTER.match(text, name_end, end)
            ):  # "China's AI capital spending": the shorter name "China" may still stand
                shorter = self.pattern.match(text, name_start, name_end - 1)
                if shorter is None or not _word_bounded(text, name_start, shorter.end()):
                    continue
                written, name_end = shorter.group(), shorter.end()
                ids = self.names[written]
            suffix = NAME_SUFFIX.match(text, name_end, end)
            found.append(PlaceMatch(name_start, suffix.end() if suffix else name_end, ids))
        return found

    def _ascii_matches(self, text: str, start: int, end: int) -> list[re.Match]:
        """ascii_pattern.finditer(text, start, end) as a list, for ASCII text. The names open
        with a capital, and the regex engine tries a set of first letters at each position of
        the text several times slower than it skips ahead to one fixed character. So the names
        are looked for first in a copy of the text with each capital as CAPITAL_MARK, where
        marked_pattern, the names written so, opens with that one character; a match there is a
        place where a name may stand, and ascii_pattern says whether one does. A name standing
        at a place stands in the copy too, so no match is missed."""
        assert self.ascii_pattern is not None and self.marked_pattern is not None
        marked = text[start:end].encode("ascii").translate(CAPITALS_MARKED)
        return matches_at_hits(self.ascii_pattern, self.marked_pattern, marked, text, start, end)

    def dateline(self, text: str, start: int, end: int) -> tuple[str | None, int]:
        """The dateline at text[start:], if the line opens with one: its place (None for a name
        the gazetteer does not hold, or holds for several places) and where the name ends;
        (None, -1) without a dateline."""
        match = DATELINE.match(text, start, min(end, start + 60))
        if match is None:
            return None, -1
        ids = self.names.get(match.group("place").strip().title().replace("'S", "'s"))
        ids = ids or self.names.get(match.group("place").strip())
        return (ids[0] if ids and len(ids) == 1 else None), match.end("place")

    def is_within(self, place_id: str, ancestor_id: str) -> bool:
        seen = set()
        current = self.places.get(place_id)
        while current is not None and current.id not in seen:
            if current.id == ancestor_id:
                return True
            seen.add(current.id)
            current = self.places.get(current.parent) if current.parent else None
        return False


def load_gazetteer(root: Path) -> Gazetteer:
    """The gazetteer with the curation's regions merged in; VocabularyError on a bad file."""
    entries = _load_entries(root / GAZETTEER_FILE, GAZETTEER_FILE)
    regions = _load_regions(root / REGIONS_FILE) if (root / REGIONS_FILE).is_file() else []
    places: dict[str, Place] = {}
    names: dict[str, list[str]] = {}
    for entry in [*entries, *regions]:
        place = Place(entry["id"], entry["name_en"], entry["level"], entry.get("parent"),
                      entry.get("capital"))
        places.setdefault(place.id, place)
        for name in _spellings(entry):
            ids = names.setdefault(name, [])
            if place.id not in ids:
                ids.append(place.id)
    frozen = {name: tuple(ids) for name, ids in names.items()}
    ascii_names = {name: ids for name, ids in frozen.items() if name.isascii()}
    marked = re.compile(literal_alternation(
        {name.encode("ascii").translate(CAPITALS_MARKED).decode("ascii") for name in ascii_names}
    ).encode("ascii") or rb"(?!x)x")
    return Gazetteer(places, frozen, _trie_pattern(frozen), _trie_pattern(ascii_names), marked)


def _load_entries(path: Path, label: Path) -> list[dict]:
    from jsonschema import Draft202012Validator

    file = label.as_posix()
    try:
        data = load_yaml_file(path)
    except InputError as error:
        raise VocabularyError(one_line(f"{file}: {error}")) from None
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        first = errors[0]
        where = f"entry {first.path[0] + 1}: " if first.path else ""
        raise VocabularyError(f"{file}: {where}{first.message}"[:300])
    seen: set[str] = set()
    for position, entry in enumerate(data):
        if entry["id"] in seen:
            raise VocabularyError(f"{file}: entry {position + 1}: duplicate id {entry['id']!r}")
        seen.add(entry["id"])
    parents = {entry["id"]: entry["parent"] for entry in data}
    for position, entry in enumerate(data):
        capital = entry.get("capital")
        if capital is not None and parents.get(capital) != entry["id"]:
            raise VocabularyError(
                f"{file}: entry {position + 1}: capital {capital!r} is not a place whose parent "
                f"is {entry['id']!r}"[:300]
            )
    return data


def _load_regions(path: Path) -> list[dict]:
    """The curation's regions; its own checks (`extract check`) report what is wrong there."""
    from extract.curation import MULTILINE_FIELDS

    try:
        data = load_yaml_file(path, MULTILINE_FIELDS)
    except InputError:
        return []
    if not isinstance(data, list):
        return []
    required = ("id", "name_en", "level")
    return [
        e for e in data
        if isinstance(e, dict) and all(isinstance(e.get(k), str) for k in required)
    ]


def _spellings(entry: dict) -> set[str]:
    aliases = entry.get("aliases")
    # a curated entry's aliases that are no list: its own checks (`extract check`) say so
    names = {entry["name_en"], *(aliases if isinstance(aliases, list) else ())}
    # An alias like "the province" or "the region" is a reference, resolved from context.
    names = {n for n in names if isinstance(n, str) and not n[:1].islower() and len(n) > 1}
    name_zh = entry.get("name_zh")
    if isinstance(name_zh, str) and name_zh:
        names.add(name_zh)
        for suffix in CHINESE_SUFFIXES:
            if name_zh.endswith(suffix) and len(name_zh) > len(suffix) + 1:
                names.add(name_zh.removesuffix(suffix))
                break
    names |= {n.upper() for n in names if n.isascii()}  # datelines: "GUIYANG"
    return names


def _word_bounded(text: str, start: int, end: int) -> bool:
    """A Latin name text[start:end] must stand as words: not "Beijingers", not the end of
    "XGuangdong"."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "'’_") and not (after.isalnum() or after == "_")


def _trie_pattern(names: dict[str, tuple[str, ...]]) -> re.Pattern:
    # No look-around in the pattern: a pattern that starts with literal characters lets the
    # regex engine skip ahead to them, about fifty times faster; word boundaries are checked
    # on each match instead (`_word_bounded`).
    return re.compile(literal_alternation(names) or r"(?!x)x")


