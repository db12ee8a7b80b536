"""The article reader: page junk and repeated copies are found, and segments tile the text."""

import os
import socket
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.reader import (
    MAX_ARTICLE_BYTES,
    ArticleError,
    Header,
    read_article,
    read_article_bytes,
    read_header,
    segment_text,
)

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


def seed(prefix: str):
    (path,) = ARTICLES.glob(f"{prefix}_*.txt")
    return read_article(path)


def kinds_of(text: str) -> list[tuple[str, str, str]]:
    """(kind, reason, text stripped) per segment: the whole expected output in one literal."""
    return [(s.kind, s.reason, text[s.start : s.end].strip()) for s in segment_text(text)]


def junk_containing(article, needle: str) -> str:
    at = article.text.index(needle)
    segment = article.segment_at(at, at + len(needle))
    assert segment is not None, needle
    return f"{segment.kind}:{segment.reason}"


def assert_tiles(text, segments):
    assert segments[0].start == 0
    assert segments[-1].end == len(text)
    for before, after in zip(segments, segments[1:], strict=False):
        assert before.end == after.start
        assert (before.kind, before.reason) != (after.kind, after.reason)
    assert "".join(text[s.start : s.end] for s in segments) == text


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_reader_seed_segments_tile_the_text(prefix):
    article = seed(prefix)
    assert_tiles(article.text, article.segments)


def test_reader_seed_000_navigation_newsletter_and_related_articles_are_junk():
    article = seed("000")
    assert junk_containing(article, "Skip to main content") == "junk:navigation"
    assert junk_containing(article, "Enjoyed this article?") == "junk:newsletter"
    assert junk_containing(article, "Subscribe to our newsletter") == "junk:newsletter"
    assert junk_containing(article, "Unsubscribe anytime") == "junk:newsletter"
    related = article.text.index("Related Articles")
    last = article.segments[-1]
    assert (last.start, last.end, last.kind, last.reason) == (
        related, len(article.text), "junk", "related_articles"
    )
    assert junk_containing(article, "Key Points:") == "body:"


def test_reader_seed_001_also_read_lines_are_junk():
    article = seed("001")
    assert junk_containing(article, "Also read: Emerging trends") == "junk:also_read"
    assert junk_containing(article, "Also read: Can human influencers") == "junk:also_read"
    assert [s.kind for s in article.segments] == ["body", "junk", "body"]


def test_reader_seed_002_second_copy_is_duplicate():
    article = seed("002")
    title = "Steady Progress in Industrial Transformation"
    first, second = article.text.index(title), article.text.index(title, 1)
    assert first == 0
    assert [(s.kind, s.reason) for s in article.segments] == [
        ("body", ""),
        ("junk", "disclaimer"),
        ("duplicate", "copy of earlier text"),
        ("junk", "footer"),
    ]
    copy = article.segments[2]
    assert copy.start == second
    assert article.text[copy.end :].startswith("(Source: Southern Metropolis Daily)")
    assert article.text[: article.segments[0].end] == article.text[copy.start : copy.end]


def test_reader_seed_002_footers_are_junk():
    article = seed("002")
    for footer in ("(Source: Southern Metropolis Daily)", "Source: East Money", "Author: Southern"):
        assert junk_containing(article, footer) == "junk:footer"


def test_reader_seed_003_is_all_body():
    article = seed("003")
    assert [(s.start, s.end, s.kind) for s in article.segments] == [
        (0, len(article.text), "body")
    ]


def test_reader_seed_004_banner_metadata_and_photo_captions_are_junk():
    article = seed("004")
    assert junk_containing(article, "13- 17 November 2019 Shenzhen") == "junk:navigation"
    assert junk_containing(article, "News sources:CHTF") == "junk:metadata"
    assert junk_containing(article, "AI technology booms in Yangtze") == "body:"
    assert junk_containing(article, "University of Science and Technology") == "junk:photo_credit"
    assert junk_containing(article, "A robot plays table tennis") == "junk:photo_credit"
    assert junk_containing(article, "The Zhangjiang National Innovation") == "junk:photo_credit"
    assert junk_containing(article, "Hangzhou, Shanghai,") == "body:"


def test_reader_body_text_ranges_are_the_body_segments():
    article = seed("001")
    assert article.body_text_ranges() == [
        (s.start, s.end) for s in article.segments if s.kind == "body"
    ]


def test_reader_blank_lines_inside_a_junk_box_belong_to_the_box():
    text = "Para one.\n\nEnjoyed this article?\n\nSubscribe to our newsletter now\n\nMore body.\n"
    assert kinds_of(text) == [
        ("body", "", "Para one."),
        ("junk", "newsletter", "Enjoyed this article?\n\nSubscribe to our newsletter now"),
        ("body", "", "More body."),
    ]


def test_reader_related_articles_run_to_the_end():
    text = "Body.\nRelated Articles\nOther story\nAnother story\n"
    assert kinds_of(text) == [
        ("body", "", "Body."),
        ("junk", "related_articles", "Related Articles\nOther story\nAnother story"),
    ]


@pytest.mark.parametrize("heading", ["Related", "Related:", "RELATED", "Read more",
                                     "Related coverage", "Recommended"])
def test_reader_a_bare_related_heading_opens_the_list(heading):
    text = f"Body.\n{heading}\nShenzhen courts start-ups with 100 million yuan fund\n"
    assert kinds_of(text) == [
        ("body", "", "Body."),
        ("junk", "related_articles",
         f"{heading}\nShenzhen courts start-ups with 100 million yuan fund"),
    ]


def test_reader_related_inside_a_sentence_is_body():
    text = "Body.\nRelated firms in Shenzhen raised 100 million yuan.\n"
    assert [kind for kind, _, _ in kinds_of(text)] == ["body"]


def test_reader_related_articles_end_at_a_disclaimer():
    text = "Body.\nRelated Articles\nOther story\nSee Disclaimer for details.\n"
    assert kinds_of(text) == [
        ("body", "", "Body."),
        ("junk", "related_articles", "Related Articles\nOther story"),
        ("junk", "disclaimer", "See Disclaimer for details."),
    ]


def test_reader_paragraph_mentioning_a_source_stays_body():
    long_line = "Source: " + "a paragraph that cites its source and goes on " * 3
    assert kinds_of(long_line + "\n") == [("body", "", long_line.strip())]


def test_reader_date_range_line_in_the_story_is_not_a_banner():
    head = "A" * 120
    text = f"{head}\n13-17 November 2019 the fair ran again.\n"
    assert [k for k, _, _ in kinds_of(text)] == ["body"]


LONG_A = "The first long paragraph of the story, long enough to count as a long line."
LONG_B = "The second long paragraph of the story, also long enough to count as long."
LONG_C = "The third long paragraph of the story closes it, and it is long enough too."


def test_reader_repeated_article_is_duplicate():
    text = f"Title\n{LONG_A}\n{LONG_B}\nDisclaimer: not ours.\nTitle\n{LONG_A}\n{LONG_B}\n"
    assert kinds_of(text) == [
        ("body", "", f"Title\n{LONG_A}\n{LONG_B}"),
        ("junk", "disclaimer", "Disclaimer: not ours."),
        ("duplicate", "copy of earlier text", f"Title\n{LONG_A}\n{LONG_B}"),
    ]


def test_reader_one_repeated_long_line_is_not_a_copy():
    text = f"{LONG_A}\n{LONG_B}\nSomething new here.\n{LONG_A}\n"
    assert [k for k, _, _ in kinds_of(text)] == ["body"]


def test_reader_edited_line_inside_a_copy_belongs_to_the_copy():
    edited = LONG_B.replace("second", "2nd")
    text = f"{LONG_A}\n{LONG_B}\n{LONG_C}\n{LONG_A}\n{edited}\n{LONG_C}\n"
    assert kinds_of(text) == [
        ("body", "", f"{LONG_A}\n{LONG_B}\n{LONG_C}"),
        ("duplicate", "copy of earlier text", f"{LONG_A}\n{edited}\n{LONG_C}"),
    ]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"caf\xe9 au lait", "not valid UTF-8"),
        (b"", "empty file"),
        (b"\xef\xbb\xbf", "no text"),
        (b"\xef\xbb\xbf \n\n", "no text"),
    ],
)
def test_reader_unreadable_file_is_an_error_naming_the_file(tmp_path, data, problem):
    path = tmp_path / "bad_article.txt"
    path.write_bytes(data)
    with pytest.raises(ArticleError, match=problem) as error:
        read_article(path)
    assert "bad_article.txt" in str(error.value)


@pytest.mark.parametrize(("line", "reason"), [
    ("Related: Shenzhen unveils 10 measures to back embodied AI", "also_read"),
    ("Recommended story: Guizhou adds 5 EFLOPS", "also_read"),
    ("CORRECTION: An earlier version of this story misstated the output as 1.3 million units.",
     "disclaimer"),
    ("Clarification: The 2024 figure covers the whole province.", "disclaimer"),
])
def test_reader_links_to_other_stories_and_editors_notices_are_junk(line, reason):
    text = "Guizhou reached 85 EFLOPS in 2024, the province said on Monday.\n\n" + line + "\n"
    segments = segment_text(text)
    junk = [s for s in segments if s.kind == "junk"]
    assert [(text[s.start : s.end].strip(), s.reason) for s in junk] == [(line, reason)]
    # a story line that only opens with such a word stays body, as does an editor's note,
    # which may open the story
    for line in ("Related industries in Guizhou grew 12 percent in 2024.",
                 "Editor's note: Guizhou reached 85 EFLOPS in 2024, the province said."):
        assert [s.kind for s in segment_text(line + "\n")] == ["body"]


LINES = st.sampled_from(
    [
        "",
        " ",
        "Skip to main content",
        "Related Articles",
        "Also read: something else",
        "A caption. [Photo/example.com]",
        "Source: Somewhere",
        "See Disclaimer for details.",
        LONG_A,
        LONG_B,
        "Short heading",
        "13- 17 November 2019 Venue",
        "line with\ta tab\r",
        "no-break\xa0space \u2028 separator",
    ]
)


@given(st.lists(LINES, max_size=30), st.booleans())
def test_reader_segments_tile_any_text(lines, trailing_newline):
    text = "\n".join(lines) + ("\n" if trailing_newline else "")
    segments = segment_text(text)
    if not text:
        assert segments == []
        return
    assert_tiles(text, segments)
    assert {s.kind for s in segments} <= {"body", "junk", "duplicate"}


HEADER = (
    "SOURCE: https://example.cn/a.html\nTITLE: Guizhou adds 10 EFLOPS\nPUBLISHED: 2025-01-06\n\n"
)


def test_reader_header_is_read_and_is_metadata():
    text = HEADER + "GUIYANG, Jan. 6 (Xinhua) -- Guizhou grew.\n"
    assert read_header(text) == Header(
        "https://example.cn/a.html", "Guizhou adds 10 EFLOPS", "2025-01-06", len(HEADER)
    )
    assert kinds_of(text) == [
        ("junk", "metadata", HEADER.strip()),
        ("body", "", "GUIYANG, Jan. 6 (Xinhua) -- Guizhou grew."),
    ]


def test_reader_header_needs_its_blank_line_and_upper_case_keys():
    assert read_header("SOURCE: x\nGuizhou grew.\n") == Header()
    assert read_header("Source: Xinhua\n\nGuizhou grew.\n") == Header()


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("PUBLISHED: 2025-13-01\n\n", "a.txt: header PUBLISHED '2025-13-01' is not a real date"),
        ("PUBLISHED: Jan 6, 2025\n\n",
         "a.txt: header PUBLISHED 'Jan 6, 2025' is not a date (YYYY-MM-DD)"),
        ("TITLE: a\nTITLE: b\n\n", "a.txt: header line TITLE appears twice"),
    ],
)
def test_reader_header_malformed_is_an_error_naming_the_file(header, message):
    with pytest.raises(ArticleError) as error:
        read_header(header + "Body.\n", "a.txt")
    assert str(error.value) == message
    assert kinds_of(header + "Body.\n")[0][:2] == ("junk", "metadata")


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01", "1000-01-01", "1899-12-31",
                                       "2101", "2101-01"])
def test_reader_header_date_outside_the_years_of_the_corpus_is_malformed(published):
    # "next year" in an article dated 9999 would be period "10000", in one dated 0001 "2".
    with pytest.raises(ArticleError) as error:
        read_header(f"PUBLISHED: {published}\n\nBody.\n", "a.txt")
    assert str(error.value) == (f"a.txt: header PUBLISHED {published!r} is not a real date: the "
                                "year must be 1900 to 2100")


@pytest.mark.parametrize("published", ["1900-01-01", "1900", "2100-12-31", "2100-12"])
def test_reader_header_date_at_the_ends_of_the_years_is_read(published):
    assert read_header(f"PUBLISHED: {published}\n\nBody.\n").published == published


# Reading an article file's bytes ----------------------------------------------------------------

def test_read_article_bytes_reads_a_file_of_the_limit_and_refuses_one_byte_more(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"Body text.")
    assert read_article_bytes(path, limit=10, name="a.txt") == b"Body text."
    with pytest.raises(ArticleError) as error:
        read_article_bytes(path, limit=9, name="a.txt")
    assert str(error.value) == "a.txt: is 10 bytes; an article may be at most 9 bytes"


def test_read_article_bytes_limit_is_by_default_the_one_build_holds_articles_to(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as handle:  # sparse: no need to write 8 MiB
        handle.truncate(MAX_ARTICLE_BYTES + 1)
    with pytest.raises(ArticleError) as error:
        read_article_bytes(path)
    assert str(error.value) == (f"{path}: is {MAX_ARTICLE_BYTES + 1:,} bytes; an article may be "
                                f"at most {MAX_ARTICLE_BYTES:,} bytes")


def _not_regular(kind: str, tmp_path: Path) -> Path:
    if kind == "directory":
        (tmp_path / "a.txt").mkdir()
    elif kind == "pipe":
        os.mkfifo(tmp_path / "a.txt")
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind("a.txt")  # relative: a socket's path is limited to some 100 bytes
        server.close()
    return Path("a.txt")


@pytest.mark.parametrize(("kind", "message"), [
    ("missing", "a.txt: no such file"),
    ("directory", "a.txt: is a directory, not an article file"),
    ("pipe", "a.txt: is a named pipe (FIFO), not an article file"),
    ("socket", "a.txt: is a socket, not an article file"),
])
def test_read_article_bytes_refuses_what_is_not_a_regular_file(tmp_path, monkeypatch, kind,
                                                               message):
    monkeypatch.chdir(tmp_path)
    path = _not_regular(kind, tmp_path)
    with pytest.raises(ArticleError) as error:
        read_article_bytes(path, limit=100)  # a named pipe read would wait here for a writer
    assert str(error.value) == message


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_read_article_bytes_refuses_a_device_without_reading_it():
    with pytest.raises(ArticleError) as error:
        read_article_bytes(Path("/dev/zero"), limit=100, name="zero")
    assert str(error.value) == "zero: is a character device, not an article file"


def test_read_article_bytes_refuses_an_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes(b"Body.\n")

    def denied(*args, **kwargs):  # as for a file without read permission (root reads any)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(ArticleError) as error:
        read_article_bytes(path, limit=100, name="a.txt")
    assert str(error.value) == "a.txt: cannot be read (Permission denied)"


@pytest.mark.skipif(not os.path.isfile("/proc/self/status"), reason="no /proc")
def test_read_article_bytes_stops_at_the_limit_when_the_size_said_less():
    # A /proc file says it is 0 bytes long and holds more, as a file growing after the size
    # was read would: no more than the limit and one byte are read.
    with pytest.raises(ArticleError) as error:
        read_article_bytes(Path("/proc/self/status"), limit=10, name="status")
    assert str(error.value) == ("status: grew past 10 bytes while it was read; an article may "
                                "be at most 10 bytes")


def test_read_article_bytes_refuses_a_binary_file(tmp_path):
    path = tmp_path / "a.bin"
    path.write_bytes(b"GUI\x00YANG")
    with pytest.raises(ArticleError) as error:
        read_article_bytes(path, limit=100, name="a.bin")
    assert str(error.value) == "a.bin: a binary file, not text (NUL byte at offset 3)"


def _junk_reason_by_junk_words(content: str, in_head: bool) -> str | None:
    """_junk_reason as it was before the openings and phrases: every line outside the head that
    is long or ASCII first looked for one of JUNK_WORDS (the reference the property test below
    holds the shortcut to)."""
    from extract import reader

    lowered = None
    if not in_head and (len(content) > reader.FOOTER_MAX_LENGTH or content.isascii()):
        if reader._JUNK_WORD.search(content.lower()) is None:
            if len(content) <= reader.FOOTER_MAX_LENGTH and reader._matches(
                reader.FOOTER_PATTERNS, content
            ):
                return "footer"
            return None
        if content.isascii():
            lowered = content.lower()
    groups = [
        (reader.NAVIGATION_WORDS, reader.NAVIGATION_PATTERNS, "navigation"),
        ((), reader.EVENT_BANNER_PATTERNS if in_head else (), "navigation"),
        (reader.METADATA_WORDS, reader.METADATA_PATTERNS, "metadata"),
        (reader.NEWSLETTER_WORDS, reader.NEWSLETTER_PATTERNS, "newsletter"),
        (reader.ALSO_READ_WORDS, reader.ALSO_READ_PATTERNS, "also_read"),
        (reader.PHOTO_CREDIT_WORDS, reader.PHOTO_CREDIT_PATTERNS, "photo_credit"),
        (reader.DISCLAIMER_WORDS, reader.DISCLAIMER_PATTERNS, "disclaimer"),
    ]
    for words, patterns, reason in groups:
        if words and lowered is not None and not any(word in lowered for word in words):
            continue
        if reader._matches(patterns, content):
            return reason
    if len(content) <= reader.FOOTER_MAX_LENGTH and reader._matches(
        reader.FOOTER_PATTERNS, content
    ):
        return "footer"
    return None


_JUNK_PIECES = [
    "Skip to main content", "skip to", "Back to top", "Share this article", "print this page",
    "News source:", "Release Date: 2019", "release date", "Published: 2024", "Updated on: x",
    "posted", "Enjoyed this article?", "Subscribe to our newsletter", "sign up for our newsletter",
    "Unsubscribe anytime", "Weekly digest", "Also read: x", "Read more:", "See also:", "[Photo/x]",
    "Photo: Xinhua", "Image credits:", "Picture:", "third", "a third of", "may contain third-party "
    "content", "See disclaimer for details", "Disclaimer: x", "(Source: Xinhua)", "Editor: Li",
    "Guangdong grew 5 percent", "the", " ", ".", ":", "ſ", "北京", "  ", "x" * 70, "SKIP TO",
]


@given(st.lists(st.sampled_from(_JUNK_PIECES), max_size=8), st.booleans())
def test_property_junk_reason_agrees_with_the_junk_word_test(pieces, in_head):
    from extract.reader import _junk_reason

    content = "".join(pieces).strip()
    assert _junk_reason(content, in_head) == _junk_reason_by_junk_words(content, in_head)


def test_reader_the_title_repeated_in_the_page_is_metadata():
    text = ("SOURCE: https://example.org/a\nTITLE: Guizhou's computing power tops 80 EFLOPS\n\n"
            "Guizhou's  computing power TOPS 80 EFLOPS\n"
            "GUIYANG (Xinhua) -- Guizhou's computing power has topped 80 EFLOPS.\n")
    segments = segment_text(text)

    def label_at(line: str) -> tuple[str, str]:
        at = text.index(line)
        return next((s.kind, s.reason) for s in segments if s.start <= at < s.end)

    assert label_at("Guizhou's  computing power TOPS") == ("junk", "metadata")
    assert label_at("GUIYANG") == ("body", "")
    # without a TITLE line nothing is taken for one
    bare = text.split("\n\n", 1)[1]
    assert {s.kind for s in segment_text(bare)} == {"body"}
