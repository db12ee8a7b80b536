"""Read a raw article and split its text into body, page-junk and duplicate segments.

The file is never changed: the reader decodes it and reports segments whose offsets index the
decoded text, so every quote can be located in the raw article. Detection works line by line on
generic page patterns, not on the names of particular files.

An article may open with a header of `SOURCE: url`, `TITLE: title` and `PUBLISHED: YYYY-MM-DD`
lines ended by a blank line (`read_header`); the header is page metadata, never body.
"""

from __future__ import annotations

import datetime
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from extract.patterns import (
    Words,
    by_affix,
    has_any_keyed,
    keyed_words,
    rare_letter_alternation,
)
from extract.untrusted import (
    InputError,
    control_character,
    describe_character,
    quoted,
    read_limited,
)

BODY = "body"
JUNK: Final = "junk"
DUPLICATE: Final = "duplicate"
DUPLICATE_REASON: Final = "copy of earlier text"

JUNK_REASONS = (
    "navigation",
    "newsletter",
    "related_articles",
    "also_read",
    "photo_credit",
    "disclaimer",
    "footer",
    "metadata",
)

# Site chrome a reader of the saved page never meant to read ("Skip to main content").
NAVIGATION_PATTERNS: Final = (
    re.compile(r"^skip to (main )?content$", re.I),
    re.compile(r"^skip to (the )?(navigation|menu)$", re.I),
    re.compile(r"^back to top$", re.I),
    re.compile(r"^(share|print) this (article|page|story)$", re.I),
)

# Page headers that describe the page rather than tell the story: "News sources:CHTF Organizing
# Committee Release Date:2019-04-19".
METADATA_PATTERNS: Final = (
    re.compile(r"^news sources?\s*:", re.I),
    re.compile(r"\brelease date\s*:", re.I),
    re.compile(r"^(published|updated|posted)( on)?\s*:\s*\S", re.I),
)

# A site banner for an event (date range and venue) printed above the headline, e.g.
# "13- 17 November 2019 Shenzhen Convention & Exhibition Center". Only looked for in the page
# head, before the first long paragraph, so a sentence in the story that starts with a date range
# is never taken for a banner.
MONTH: Final = (
    r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|"
    r"sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?"
)
EVENT_BANNER_PATTERNS: Final = (
    re.compile(rf"^\d{{1,2}}\s*[-–]\s*\d{{1,2}}\s+{MONTH}\s+\d{{4}}\b", re.I),
    re.compile(rf"^{MONTH}\s+\d{{1,2}}\s*[-–]\s*\d{{1,2}},?\s+\d{{4}}\b", re.I),
)
# A paragraph at least this long marks the end of the page head.
HEAD_ENDS_AT_LINE_LENGTH: Final = 100

# Newsletter and subscription boxes ("Enjoyed this article?", "Subscribe to our newsletter").
NEWSLETTER_PATTERNS: Final = (
    re.compile(r"^enjoyed this (article|story|post)\??$", re.I),
    re.compile(r"\b(subscribe|sign up) (to|for) our newsletter", re.I),
    re.compile(r"\bunsubscribe anytime\b", re.I),
    re.compile(r"^weekly digest", re.I),
)

# A heading that opens a list of other stories; the list runs to the end of the page (or to a
# disclaimer or footer), so everything under it is junk.
RELATED_HEADING_PATTERNS: Final = (
    re.compile(r"^(related|recommended|more) (articles|stories|news|posts|reading|coverage"
               r"|content|links)\s*:?$", re.I),
    re.compile(r"^(related|recommended|read more)\s*:?$", re.I),  # a bare "Related" heading
    re.compile(r"^you (may|might) also like\s*:?$", re.I),
)

# Links to other stories inside the text ("Also read: Can human influencers compete ...").
ALSO_READ_PATTERNS: Final = (
    re.compile(r"^(also read|read also|read more|see also)\s*:", re.I),
    # "Related: Shenzhen unveils 10 measures to back embodied AI" (a bare "Related" heading is
    # RELATED_HEADING_PATTERNS')
    re.compile(r"^(related|recommended)( (story|stories|article|articles|reading|coverage"
               r"|news|report))?\s*:\s*\S", re.I),
)

# Photo credits and captions: the whole caption line is junk, credit and caption alike
# ("... high-end talents to enterprises in the city. [Photo/stc.edu.cn]").
PHOTO_CREDIT_PATTERNS: Final = (
    re.compile(r"\[photo\b", re.I),
    re.compile(r"^(photo|image|picture) ?(credit)?s?\s*:", re.I),
)

# Third-party disclaimers added by an aggregator ("This page may contain third-party content").
DISCLAIMER_PATTERNS: Final = (
    re.compile(r"\bmay contain third[- ]party content\b", re.I),
    re.compile(r"\bsee disclaimer for details\b", re.I),
    re.compile(r"^disclaimer\s*:", re.I),
    # a notice about the story, whose figures it tells again: "CORRECTION: An earlier version of
    # this story misstated ... as 1.3 million units." (An "Editor's note" may open the story.)
    re.compile(r"^(correction|clarification)\s*:", re.I),
)

# Source and author footers ("(Source: Southern Metropolis Daily)", "Author: ..."). Only short
# lines: a paragraph that mentions its source is still body.
FOOTER_PATTERNS: Final = (
    re.compile(r"^\(?\s*(source|author|editor|reporter|translator)s?\s*:\s*[^\n]*\)?$", re.I),
    re.compile(r"^\((source|by)\s*:?\s[^)]*\)$", re.I),
)
FOOTER_MAX_LENGTH: Final = 80

# A run of repeated lines is a second copy of the article only when it holds at least this many
# long lines: short lines (headings, "News", dates) legitimately repeat on a page.
DUPLICATE_MIN_LONG_LINES: Final = 2
LONG_LINE: Final = 60
# A copy may differ from the original in a line or two (an edited sentence); such lines, flanked
# by copied lines, still belong to the copy rather than counting as a second, independent source.
DUPLICATE_MAX_EDITED_LINES: Final = 2


# A long news article is some 50 KB; a file 160 times that is not an article.
MAX_ARTICLE_BYTES: Final = 8 * 1024 * 1024
# The optional header: only at the very top of the file, one known key per line.
HEADER_KEYS: Final[Words] = ("source", "title", "published")
HEADER_LINE: Final = re.compile(r"^(?P<key>SOURCE|TITLE|PUBLISHED)[ \t]*:[ \t]*(?P<value>[^\n]*)$")
PUBLISHED_FORMS: Final = (
    re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    re.compile(r"^\d{4}-\d{2}$"),
    re.compile(r"^\d{4}$"),
)
# The years a PUBLISHED date may name, about those the suggester reads as years in the text
# (19xx, 20xx). "9999-12-31" or "0001-01-01" is a slip, and "next year" in such an article would
# give a period of "10000" or "2", which is no YYYY.
MIN_PUBLISHED_YEAR: Final = 1900
MAX_PUBLISHED_YEAR: Final = 2100
# What a file that is not a regular one is, for the one line that refuses it.
FILE_KINDS: Final = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class ArticleError(ValueError):
    """The article file cannot be read as text."""


@dataclass(frozen=True)
class Header:
    """What the article's header says; `end` is the offset just past it (0 without a header)."""

    source: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD (or YYYY-MM, YYYY), checked to be a real date
    end: int = 0


def read_header(text: str, name: str = "article") -> Header:
    """The header of `text`, or an empty Header; ArticleError naming `name` if it is malformed."""
    fields, end = _header_fields(text)
    if not fields:
        return Header()
    values: dict[str, str] = {}
    for key, value in fields:
        if key in values:
            raise ArticleError(f"{name}: header line {key.upper()} appears twice")
        values[key] = value
    published = values.get("published") or None
    if published is not None:
        check_published(published, name)
    return Header(values.get("source") or None, values.get("title") or None, published, end)


def _header_fields(text: str) -> tuple[list[tuple[str, str]], int]:
    """The (key, value) lines of the header and the offset past its blank line; ([], 0) if none.

    Keys are upper case, as the header is written ("SOURCE:"), so a first paragraph that starts
    "Source: ..." stays body; and the lines count as a header only when a blank line ends them.
    """
    fields: list[tuple[str, str]] = []
    at = 1 if text.startswith("\ufeff") else 0
    # Line by line with str.find: a regex for "a line and its break" would try again from every
    # position of a long text with no line break, in time growing with the square of its length.
    while True:
        stop = text.find("\n", at)
        if stop == -1:  # only lines ended by a line break can be header lines
            return [], 0
        line = text[at:stop].rstrip("\r")
        if not line.strip():
            return (fields, stop + 1) if fields else ([], 0)
        field = HEADER_LINE.match(line.strip())
        if field is None:
            return [], 0
        fields.append((field.group("key").lower(), field.group("value").strip()))
        at = stop + 1


def check_published(published: str, name: str) -> None:
    """ArticleError unless `published` is a real date (YYYY, YYYY-MM or YYYY-MM-DD) of a year
    MIN_PUBLISHED_YEAR to MAX_PUBLISHED_YEAR."""
    shown = quoted(published)  # a header line can be 200,000 characters long
    if not any(form.match(published) for form in PUBLISHED_FORMS):
        raise ArticleError(f"{name}: header PUBLISHED {shown} is not a date (YYYY-MM-DD)")
    parts = [int(p) for p in published.split("-")] + [1, 1]
    try:
        datetime.date(parts[0], parts[1], parts[2])
    except ValueError:
        raise ArticleError(f"{name}: header PUBLISHED {shown} is not a real date") from None
    if not MIN_PUBLISHED_YEAR <= parts[0] <= MAX_PUBLISHED_YEAR:
        raise ArticleError(f"{name}: header PUBLISHED {shown} is not a real date: the year "
                           f"must be {MIN_PUBLISHED_YEAR} to {MAX_PUBLISHED_YEAR}")


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    kind: str
    reason: str


@dataclass(frozen=True)
class Article:
    path: Path
    text: str
    segments: tuple[Segment, ...]

    def body_text_ranges(self) -> list[tuple[int, int]]:
        """The (start, end) offsets of each body segment."""
        return body_text_ranges(self.segments)

    def segment_at(self, start: int, end: int) -> Segment | None:
        """The one segment that holds text[start:end] whole, or None when it straddles two."""
        for segment in self.segments:
            if segment.start <= start and end <= segment.end:
                return segment
            if segment.start >= end:
                break
        return None


class _Line:
    """A line of the text. A plain class: compiled, quicker to make than a dataclass, whose
    constructor stays interpreted."""

    __slots__ = ("start", "end", "content", "label")

    def __init__(self, start: int, end: int, content: str) -> None:
        self.start = start
        self.end = end
        self.content = content  # the line without its line break, stripped
        # (kind, reason); None for a blank line until resolved
        self.label: tuple[str, str] | None = None


def body_text_ranges(segments) -> list[tuple[int, int]]:
    """The (start, end) offsets of the body segments, in order."""
    return [(s.start, s.end) for s in segments if s.kind == BODY]


def decode_article(data: bytes, name: str) -> str:
    """The text of a raw article, or ArticleError naming the file."""
    text = _utf8(data, name)
    _check_text(text, name)
    return text


def _utf8(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError(
            f"{name}: not valid UTF-8 (byte {error.start}: {data[error.start:error.start + 1]!r})"
        ) from None


def _check_text(text: str, name: str) -> None:
    if not text:
        raise ArticleError(f"{name}: empty file")
    if text.lstrip("\ufeff").strip() == "":
        raise ArticleError(f"{name}: no text (only a byte-order mark or white space)")
    found = control_character(text, allow_line_break=True)
    if found is not None:
        # The segments table carries the text verbatim, and CSV readers end a row at a bare
        # carriage return: such a file is converted (\n line breaks, no control characters)
        # when it is added, before its sha256 is recorded.
        index, char = found
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        raise ArticleError(
            f"{name}: line {line}, column {column}: {describe_character(char)}; an article is "
            "plain text with \\n line breaks and no other control characters"
        )


# White space written with other characters than a space and "\n": "\r\n" line ends, tabs and
# form feeds (files saved on Windows, text copied from web pages: `decode_spaced` accepts
# these), line separators, and no-break, thin and ideographic spaces (news sites write "RMB\xa0300
# billion"). `as_read` reads each as one space or one line break, so every offset into what it
# reads is still an offset into the text.
SPACING_ASCII: Final = "\t\r\x0b\x0c"
_AS_SPACE: Final = (
    SPACING_ASCII + "\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
)
_AS_LINE_BREAK: Final = "\x85\u2028\u2029"
SPACING: Final = _AS_SPACE + _AS_LINE_BREAK
SPACING_AS_READ: Final = str.maketrans(
    SPACING, " " * len(_AS_SPACE) + "\n" * len(_AS_LINE_BREAK)
)


def as_read(text: str) -> str:
    """`text` with the white space of SPACING as spaces and line breaks (the same length), or
    `text` itself when it holds none."""
    for char in SPACING_ASCII if text.isascii() else SPACING:
        # a test of each (a fast C scan; quicker than one regex scan for all of them) before
        # translating, which is slower per character
        if char in text:
            return text.translate(SPACING_AS_READ)
    return text


def decode_spaced(data: bytes, name: str) -> str:
    """The text of a raw article, whose white space may also be written with tabs, carriage
    returns, form feeds or line separators (`as_read`); ArticleError naming the file for anything
    else `decode_article` refuses."""
    text = _utf8(data, name)
    _check_text(as_read(text), name)
    return text


# Non-blocking: a file swapped for a named pipe since the stat cannot make open() wait.
_READ_FLAGS: Final = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_article_bytes(path: str | Path, limit: int = MAX_ARTICLE_BYTES,
                       name: str | None = None) -> bytes:
    """The bytes of the article file at `path`, or ArticleError: one line, starting with `name`
    (default: the path), saying what is wrong.

    Refused: a missing file ("no such file"); anything but a regular file ("is a directory, not
    an article file", also a named pipe, which would block, a device such as /dev/zero, which
    would never end, or a socket), looked up with os.stat before it is opened; a file larger
    than `limit` bytes (by its size before reading; at most `limit` + 1 bytes are read, so a
    file that grows meanwhile is refused too); one that cannot be opened or read ("cannot be
    read (Permission denied)"); and a binary file (a NUL byte). MAX_ARTICLE_BYTES is the limit
    `extract build` holds every article to. Nothing else about the text is checked:
    `decode_article` does that.
    """
    name = str(Path(path)) if name is None else name
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ArticleError(f"{name}: no such file") from None
    except OSError as error:
        raise ArticleError(f"{name}: cannot be read ({error.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        kind = next((kind for test, kind in FILE_KINDS if test(info.st_mode)),
                    "a special file")
        raise ArticleError(f"{name}: is {kind}, not an article file")
    if info.st_size > limit:
        raise ArticleError(f"{name}: is {info.st_size:,} bytes; an article may be at most "
                           f"{limit:,} bytes")
    try:
        descriptor = os.open(path, _READ_FLAGS)
        try:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                raise ArticleError(f"{name}: is no longer a regular file")
            data = _read_to(descriptor, limit + 1, info.st_size + 1)
        finally:
            os.close(descriptor)
    except OSError as error:
        raise ArticleError(f"{name}: cannot be read ({error.strerror})") from None
    if len(data) > limit:
        raise ArticleError(f"{name}: grew past {limit:,} bytes while it was read; an article "
                           f"may be at most {limit:,} bytes")
    nul = data.find(b"\x00")
    if nul != -1:
        raise ArticleError(f"{name}: a binary file, not text (NUL byte at offset {nul})")
    return data


def _read_to(descriptor: int, most: int, first: int) -> bytes:
    """At most `most` bytes from the file, read `first` bytes at a time at first (the file's
    size and one more, so a file that grew shows it), then in small pieces: a read is never
    given a buffer of `most` bytes for a file of a few kilobytes."""
    chunks = []
    left = most
    size = min(first, most)
    while left > 0:
        chunk = os.read(descriptor, min(size, left))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
        size = 1 << 16
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_article(path, name: str | None = None) -> Article:
    """Decode the article at `path` (UTF-8, strict) and split it into segments."""
    path = Path(path)
    name = name or str(path)
    try:
        data = read_limited(path, MAX_ARTICLE_BYTES)
    except InputError as error:
        raise ArticleError(f"{name}: {error}") from None
    text = decode_article(data, name)
    return Article(path=path, text=text, segments=tuple(segment_text(text)))


def segment_text(text: str, header_end: int | None = None) -> list[Segment]:
    """Segments that tile `text`: each character lies in exactly one segment.

    `header_end` is `read_header(text).end` when the caller has read the header already.
    """
    lines = _split_lines(text)
    # A malformed header (a bad date) is still a header, not story text. Its lines are read
    # once, for where it ends (unless the caller knows) and for its title.
    fields: list[tuple[str, str]] = []
    if header_end is None or header_end:
        fields, found_end = _header_fields(text)
        header_end = found_end if header_end is None else header_end
    _label_header(lines, header_end)
    _label_title_copies(lines, dict(fields).get("title"))
    # ASCII: the text in lower case holds each line's in lower case ("\xa0" is not ASCII)
    _label_junk(lines, text.isascii() and not has_any_keyed(text.lower(), JUNK_PHRASES_KEYED))
    _label_duplicates(lines)
    _label_blank_lines(lines)
    _label_header(lines, header_end)  # its closing blank line too
    return _merge(lines, len(text))


def _split_lines(text: str) -> list[_Line]:
    # Only "\n" ends a line: str.splitlines would also split on form feeds and U+2028.
    lines = []
    at = 0
    parts = text.split("\n")
    if "\xa0" in text:
        parts = [part.replace("\xa0", " ") for part in parts]  # as long as before: offsets hold
    for part in parts[:-1]:
        stop = at + len(part) + 1
        lines.append(_Line(at, stop, part.strip()))
        at = stop
    if parts[-1]:  # the last line, when no line break ends the text
        lines.append(_Line(at, len(text), parts[-1].strip()))
    return lines


def _matches(patterns, content: str) -> bool:
    return any(pattern.search(content) for pattern in patterns)


# The words (in lower case) one of which each group of junk patterns needs: a line without them
# is not tried against the group's patterns (the event banner and footer patterns need none).
NAVIGATION_WORDS: Final[Words] = ("skip to", "back to top", "share this", "print this")
METADATA_WORDS: Final[Words] = ("news source", "release date", "published", "updated", "posted")
NEWSLETTER_WORDS: Final[Words] = ("enjoyed this", "subscribe", "sign up", "weekly digest")
ALSO_READ_WORDS: Final[Words] = ("also read", "read also", "read more", "see also", "related",
                          "recommended")
PHOTO_CREDIT_WORDS: Final[Words] = ("photo", "image", "picture")
DISCLAIMER_WORDS: Final[Words] = ("third", "disclaimer", "correction", "clarification")
# Every junk pattern below needs one of these words, except in the page head and on short lines;
# a story paragraph with none of them is body without trying the patterns one by one.
JUNK_WORDS: Final[Words] = (
    *NAVIGATION_WORDS, *METADATA_WORDS, *NEWSLETTER_WORDS, *ALSO_READ_WORDS,
    *PHOTO_CREDIT_WORDS, *DISCLAIMER_WORDS,
)
_JUNK_WORD: Final = rare_letter_alternation(JUNK_WORDS)
# The same test for a line in ASCII, split by where the patterns look: most of them match only at
# the start of the line ("^skip to", "^(photo|image|picture)"), which one `startswith` settles;
# the rest need one of JUNK_PHRASES somewhere in it, longer than the words above (so `in` skips
# ahead further) and none a story line is likely to hold ("third" was one: "a third of").
# A line with neither matches no junk pattern but the footer ones, as _JUNK_WORD would say.
JUNK_OPENINGS: Final[Words] = (
    *NAVIGATION_WORDS, "news source", "published", "updated", "posted", "enjoyed this",
    "weekly digest", *ALSO_READ_WORDS, *PHOTO_CREDIT_WORDS, "disclaimer", "correction",
    "clarification",
)
JUNK_OPENING_REACH: Final = max(map(len, JUNK_OPENINGS))  # the characters `startswith` reads
JUNK_OPENING_KEY: Final = min(map(len, JUNK_OPENINGS))
JUNK_OPENINGS_BY_KEY: Final[dict[str, Words]] = by_affix(JUNK_OPENINGS, JUNK_OPENING_KEY,
                                                          opening=True)
JUNK_PHRASES: Final[Words] = (
    "release date", "our newsletter", "subscribe", "[photo", "may contain third",
    "see disclaimer",
)
JUNK_PHRASES_KEYED: Final = keyed_words(JUNK_PHRASES)
# Related-article headings are short ("Related Articles", "You may also like:").
RELATED_HEADING_MAX_LENGTH: Final = 40


def _junk_reason(content: str, in_head: bool, phrase_free: bool = False) -> str | None:
    # Outside the head, a line without a junk word can only be a footer, and only a short one.
    # On a short line the words are looked for only in ASCII text: the patterns ignore case the
    # Unicode way ("ſ" matches "s"), which str.lower() does not mirror; a long line has always
    # been tested this way (with _JUNK_WORD when it is not ASCII). `phrase_free`: the page holds
    # none of JUNK_PHRASES in lower case (`_label_junk`), so no line of it does.
    lowered = None  # set when the words of each group may be looked for first
    if not in_head and content.isascii():
        opening = content[:JUNK_OPENING_REACH].lower()
        openings = JUNK_OPENINGS_BY_KEY.get(opening[:JUNK_OPENING_KEY])
        opens_as_junk = openings is not None and opening.startswith(openings)
        lowered = content.lower() if opens_as_junk or not phrase_free else None
        if not opens_as_junk and (
            lowered is None or not has_any_keyed(lowered, JUNK_PHRASES_KEYED)
        ):
            if len(content) <= FOOTER_MAX_LENGTH and _matches(FOOTER_PATTERNS, content):
                return "footer"
            return None
    elif not in_head and len(content) > FOOTER_MAX_LENGTH:
        if _JUNK_WORD.search(content.lower()) is None:
            return None

    def tried(words, patterns) -> bool:
        if lowered is not None and not any(word in lowered for word in words):
            return False
        return _matches(patterns, content)

    if tried(NAVIGATION_WORDS, NAVIGATION_PATTERNS):
        return "navigation"
    if in_head and _matches(EVENT_BANNER_PATTERNS, content):
        return "navigation"
    if tried(METADATA_WORDS, METADATA_PATTERNS):
        return "metadata"
    if tried(NEWSLETTER_WORDS, NEWSLETTER_PATTERNS):
        return "newsletter"
    if tried(ALSO_READ_WORDS, ALSO_READ_PATTERNS):
        return "also_read"
    if tried(PHOTO_CREDIT_WORDS, PHOTO_CREDIT_PATTERNS):
        return "photo_credit"
    if tried(DISCLAIMER_WORDS, DISCLAIMER_PATTERNS):
        return "disclaimer"
    if len(content) <= FOOTER_MAX_LENGTH and _matches(FOOTER_PATTERNS, content):
        return "footer"
    return None


def _label_header(lines: list[_Line], header_end: int) -> None:
    """The SOURCE/TITLE/PUBLISHED header and the blank line ending it are page metadata."""
    for line in lines:
        if line.end > header_end:
            break
        line.label = (JUNK, "metadata")


def _label_title_copies(lines: list[_Line], title: str | None) -> None:
    """A line that repeats the header's TITLE is the page's headline, metadata like the header:
    a saved page often opens with it, and its figures are the story's, told again."""
    if not title:
        return
    wanted = " ".join(title.split()).casefold()
    opening = wanted[:4]  # a cheap test first: most lines are not the title
    shortest, longest = len(wanted), 2 * len(wanted)  # its words with more space between
    for line in lines:
        content = line.content
        if (line.label is None and shortest <= len(content) <= longest
                and content[:4].casefold() == opening
                and " ".join(content.split()).casefold() == wanted):
            line.label = (JUNK, "metadata")


def _label_junk(lines: list[_Line], phrase_free: bool = False) -> None:
    """Label each line not labelled yet as junk (with its reason) or body. `phrase_free`: the
    text of the page holds none of JUNK_PHRASES in lower case, tested once for all its lines."""
    in_head = True
    in_related_list = False
    for line in lines:
        if not line.content or line.label is not None:
            continue
        if len(line.content) >= HEAD_ENDS_AT_LINE_LENGTH:
            in_head = False
        reason = _junk_reason(line.content, in_head, phrase_free)
        if len(line.content) <= RELATED_HEADING_MAX_LENGTH and _matches(
            RELATED_HEADING_PATTERNS, line.content
        ):
            in_related_list = True
            reason = "related_articles"
        elif in_related_list:
            if reason in ("disclaimer", "footer"):
                in_related_list = False
            else:
                reason = "related_articles"
        line.label = (JUNK, reason) if reason else (BODY, "")


def _kind(line: _Line) -> str:
    """The kind of a labelled line ("" for a blank line not labelled yet)."""
    return line.label[0] if line.label is not None else ""


def _label_duplicates(lines: list[_Line]) -> None:
    seen_before: set[str] = set()
    repeated = []
    for line in lines:
        repeated.append(bool(line.content) and line.content in seen_before)
        if line.content:
            seen_before.add(line.content)
    if True not in repeated:
        return  # most pages: no line repeats, so there is no copy to label
    edited = _edited_lines_inside_copies(lines, repeated)

    def in_run(i: int) -> bool:
        line = lines[i]
        return repeated[i] or edited[i] or not line.content or _kind(line) == JUNK

    i = 0
    while i < len(lines):
        if not repeated[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and in_run(j + 1):
            j += 1
        while not repeated[j]:  # the run ends on a repeated line
            j -= 1
        long_copies = sum(
            1
            for k in range(i, j + 1)
            if repeated[k] and _kind(lines[k]) == BODY and len(lines[k].content) >= LONG_LINE
        )
        if long_copies >= DUPLICATE_MIN_LONG_LINES:
            for k in range(i, j + 1):
                if lines[k].label is None or _kind(lines[k]) == BODY:
                    lines[k].label = (DUPLICATE, DUPLICATE_REASON)
        i = j + 1


def _edited_lines_inside_copies(lines: list[_Line], repeated: list[bool]) -> list[bool]:
    """Lines not seen before but sitting between repeated lines, at most a couple in a row."""
    edited = [False] * len(lines)
    text_lines = [i for i, line in enumerate(lines) if line.content]
    k = 0
    while k < len(text_lines):
        if repeated[text_lines[k]]:
            k += 1
            continue
        gap_end = k
        while gap_end < len(text_lines) and not repeated[text_lines[gap_end]]:
            gap_end += 1
        flanked = k > 0 and gap_end < len(text_lines) and repeated[text_lines[k - 1]]
        if flanked and gap_end - k <= DUPLICATE_MAX_EDITED_LINES:
            for g in range(k, gap_end):
                edited[text_lines[g]] = True
        k = gap_end
    return edited


def _label_blank_lines(lines: list[_Line]) -> None:
    """A blank line joins the block above it when the next text is also junk; else body.

    So the blank lines inside a newsletter box belong to the box, and the blank line between a
    paragraph and a box belongs to the paragraph.
    """
    # The label of the next line with text, for each line: one pass from the end, so a page of
    # many blank lines takes time in proportion to its length.
    following_labels: list[tuple[str, str] | None] = [None] * len(lines)
    following: tuple[str, str] | None = None
    for i in range(len(lines) - 1, -1, -1):
        following_labels[i] = following
        if lines[i].content:
            following = lines[i].label
    previous = None
    for i, line in enumerate(lines):
        if line.content:
            previous = line.label
            continue
        following = following_labels[i]
        if previous is not None and previous[0] != BODY and (
            following is None or following[0] != BODY
        ):
            line.label = previous
        else:
            line.label = (BODY, "")


def _merge(lines: list[_Line], length: int) -> list[Segment]:
    """One segment for each run of lines with the same label."""
    segments: list[Segment] = []
    # the run being merged: its start, its end and its label (every line has one by now)
    run: tuple[int, int, tuple[str, str]] | None = None
    for line in lines:
        label = line.label or (BODY, "")
        if run is not None and run[2] == label:
            run = (run[0], line.end, label)
            continue
        if run is not None:
            segments.append(Segment(run[0], run[1], *run[2]))
        run = (line.start, line.end, label)
    if run is not None:
        segments.append(Segment(run[0], run[1], *run[2]))
    assert not segments or segments[-1].end == length
    return segments
