"""Regex building blocks shared by the text scanners."""

from __future__ import annotations

import re
from typing import Final

# A list of words or phrases, as the modules declare them: `NAME: Final[Words] = (...)` keeps the
# tuple one object, which a compiled module hands over as it is (an untyped Final tuple would be
# rebuilt as a new tuple at each use).
Words = tuple[str, ...]


def has_any(text: str, words: Words) -> bool:
    """Whether any of `words` stands in `text`: a few substring tests, quicker than a regex scan
    that tries every position, so they go first when the text is ASCII in lower case (for other
    text a case-insensitive regex folds case the Unicode way, "ſ" as "s", which str.lower() does
    not mirror)."""
    for word in words:
        if word in text:
            return True
    return False


# A table for bytes.translate: ASCII letters in lower case, every other byte a space. In the copy
# of an ASCII text it makes, a word opens after a space at the same offset as in the text, so a
# pattern opening with a space finds it: the regex engine skips ahead to a fixed character far
# faster than it tries a set of characters, or a look-behind, at every position. Making the copy
# costs about as much as one such scan of the text (some 1.4 ns a character): it pays where a
# pattern tried at every position is to be replaced.
LETTERS_LOWERED: Final = bytes(
    ord(chr(c).lower()) if chr(c).isascii() and chr(c).isalpha() else ord(" ") for c in range(256)
)

# LETTERS_LOWERED with the digits kept too: a space in its copy stands where a word of letters
# and digits may open.
ALNUM_LOWERED: Final = bytes(
    c if chr(c).isascii() and chr(c).isdigit() else LETTERS_LOWERED[c] for c in range(256)
)


def alnum_copy(text: str) -> bytes:
    """An ASCII `text` as ALNUM_LOWERED writes it, a space put before it: a word of the text
    opens at offset i where the copy has a space at offset i."""
    return b" " + text.encode("ascii").translate(ALNUM_LOWERED)


def word_start_matches(pattern: re.Pattern, starts: re.Pattern, text: str) -> list[re.Match]:
    """The matches of `pattern` in an ASCII `text` that open a word (no letter or digit right
    before them), found as pattern.finditer finds matches, not overlapping; one that does not
    open a word is passed over, and does not keep a later one from being found.

    `starts` is a bytes pattern that opens with a space and matches in the text's `alnum_copy`
    at the space before each word that opens a match of `pattern` (and may match elsewhere): a
    pattern opening with a fixed character, which the regex engine skips ahead to, in place of
    trying `pattern` at every position.
    """
    return matches_at_hits(pattern, starts, alnum_copy(text), text, 0, len(text))


def matches_at_hits(pattern: re.Pattern, hits: re.Pattern, copy: bytes, text: str,
                    offset: int, end: int) -> list[re.Match]:
    """The matches of `pattern` in text[:end] that start where `hits` matches `copy`, a copy of
    the text from `offset` on (offset i of the copy is offset i + offset of the text), not
    overlapping: `pattern` is tried only there, the copy searched again past each match. For a
    pattern that can match nowhere else, they are its finditer matches from `offset` on."""
    found = []
    hit = hits.search(copy)
    while hit is not None:
        at = hit.start() + offset
        match = pattern.match(text, at, end)
        stop = at if match is None else match.end()
        if match is not None and stop > at:
            found.append(match)
            at = stop
        else:
            at += 1
        hit = hits.search(copy, at - offset)
    return found


# Words grouped by a character each holds (`keyed_words`): (the character, its words).
KeyedWords = tuple[tuple[str, Words], ...]


def keyed_words(words: Words) -> KeyedWords:
    """`words` grouped by the least common character each holds (a capital, then the rarer
    letters; a space last), in the order of their first word. `has_any_keyed` tests a group's
    words only when its character is in the text: one test of a character (a memchr), which
    settles most groups, in place of a test of each word. A letter as common as "b" or more
    stands in nearly every sentence, where its test would settle nothing: the words whose
    rarest character is one are grouped under "", tested in any case."""
    groups: dict[str, list[str]] = {}
    for word in words:
        key = max(word, key=_rarity)
        groups.setdefault("" if key in COMMON_LETTERS else key, []).append(word)
    return tuple((key, tuple(group)) for key, group in groups.items())


def _rarity(ch: str) -> int:
    if ch in LETTERS_BY_FREQUENCY:
        return LETTERS_BY_FREQUENCY.index(ch)
    if ch == " ":
        return -1
    return 30 if "A" <= ch <= "Z" else 20


def has_any_keyed(text: str, keyed: KeyedWords) -> bool:
    """has_any(text, words) for keyed = keyed_words(words): a word stands in the text only if
    its group's character does."""
    for key, words in keyed:
        if not key or key in text:
            for word in words:
                if word in text:
                    return True
    return False


def search_before(pattern: re.Pattern, words: Words, text: str, start: int,
                  width: int):
    """pattern.search(text, start - width, start) for a pattern whose every match holds one of
    `words` (in lower case): an ASCII window holding none of them is settled by substring tests."""
    window = text[max(0, start - width) : start]
    if window.isascii() and not has_any(window.lower(), words):
        return None
    return pattern.search(text, max(0, start - width), start)


def by_affix(words: Words, size: int, opening: bool = False) -> dict[str, Words]:
    """`words` grouped by their last (`opening`: first) `size` characters, each group in the
    order of `words`. A text ends (opens) with one of `words` only if its own last (first)
    `size` characters are a key, and then only with one of that key's words: one dict lookup
    settles most texts, in place of a test of each word."""
    groups: dict[str, list[str]] = {}
    for word in words:
        if len(word) < size:
            raise ValueError(f"{word!r} is shorter than {size} characters")
        groups.setdefault(word[:size] if opening else word[-size:], []).append(word)
    return {key: tuple(group) for key, group in groups.items()}


def may_open_with(text: str, at: int, letters: str) -> bool:
    """Whether text[at:], past its white space, may open with one of `letters` (ASCII): False
    only when the first other character is ASCII and not one of them, or there is none. A pattern
    matched at `at` whose every match opens with white space (as `\\s` reads it: str.isspace)
    and then one of `letters` cannot match then; for one ignoring case, list both cases."""
    end = len(text)
    while at < end and text[at].isspace():
        at += 1
    return at < end and (not text[at].isascii() or text[at] in letters)


def literal_alternation(words) -> str:
    """A regex matching any of `words`, longest alternative first, sharing common prefixes.

    Python's regex engine tries the branches of a plain alternation one after another at every
    position; a trie of the words starts with a single set of first characters, which the engine
    can skip ahead to, so a scan over hundreds of words runs at the speed of one.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


# English letters, most common first (`rare_letter_alternation`).
LETTERS_BY_FREQUENCY: Final = "etaoinsrhldcumfpgwybvkxjqz"
# The letters that stand in nearly every sentence: from "e" to "b" by their frequency in English
# (a sentence of 200 characters lacks a "b" about one time in twenty).
COMMON_LETTERS: Final = LETTERS_BY_FREQUENCY[: LETTERS_BY_FREQUENCY.index("b") + 1]


def rare_letter_alternation(words) -> re.Pattern:
    """A regex finding whether any of `words` (lower case, each with a letter) stands in
    lower-case text, where it does not matter which one or where it starts.

    Faster than an alternation of the words themselves: each alternative opens with the word's
    least common letter and checks the letters before it by a look-behind, so the regex engine
    skips ahead to a few rare letters instead of trying every position at which a common letter
    stands. The match covers the word from that letter on.
    """
    by_anchor: dict[str, list[str]] = {}
    for word in words:
        at = max(
            (i for i, ch in enumerate(word) if ch in LETTERS_BY_FREQUENCY),
            key=lambda i: LETTERS_BY_FREQUENCY.index(word[i]),
        )
        before = f"(?<={re.escape(word[: at + 1])})" if at else ""
        by_anchor.setdefault(word[at], []).append(before + re.escape(word[at + 1 :]))
    return re.compile(
        "|".join(f"{re.escape(ch)}(?:{'|'.join(rest)})" for ch, rest in sorted(by_anchor.items()))
    )
