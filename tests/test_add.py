"""`python -m extract add`: an article copied byte-for-byte, registered, its numbers in an inbox;
all or nothing on bad input; and the curator's way from the inbox to a clean `extract check`.

Every test works on a copy of the repository's data/ in a temporary root. The test article in
tests/fixtures/add/ is invented, written in the style of a wire story.
"""

import csv
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from extract.add import _inbox_text, run_add
from extract.mentions import Mention

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "tests" / "fixtures" / "add" / "guiyang_wire.txt"
SOURCES = "data/curation/sources.yaml"
FACTS = "data/curation/facts.yaml"
DISMISSED = "data/curation/dismissed.yaml"
INBOX = "data/curation/inbox/s005.yaml"
DIGEST = hashlib.sha256(ARTICLE.read_bytes()).hexdigest()
COPY = f"data/articles/005_{DIGEST[:16]}.txt"


@pytest.fixture
def root(tmp_path):
    for folder in ("data/articles", "data/curation", "data/tidy", "data/gazetteer"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path


def tree(root: Path) -> dict[str, bytes]:
    """Every file under data/, by path: what "nothing changed" compares."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted((root / "data").rglob("*")) if p.is_file()}


def add(root: Path, *paths, **options) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_add([str(p) for p in paths], root, out=out, err=err, **options)
    return code, out.getvalue(), err.getvalue()


def extract(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract", *args, "--root", str(root)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)


# --- a good article ----------------------------------------------------------------------------

def test_add_copies_byte_for_byte_and_appends_to_sources(root):
    before = (root / SOURCES).read_text(encoding="utf-8")
    code, out, err = add(root, ARTICLE, publisher="Xinhua")
    assert (code, err) == (0, "")
    assert (root / COPY).read_bytes() == ARTICLE.read_bytes()
    after = (root / SOURCES).read_text(encoding="utf-8")
    assert after.startswith(before)  # the file's own text, comments and quoting kept
    assert yaml.safe_load(after[len(before):]) == [{
        "id": "s005",
        "file": COPY.split("/")[-1],
        "title": "Guizhou's computing hub grows as western data centres fill up",
        "publisher": "Xinhua",
        "url": "https://example.com/news/guizhou-computing-hub",
        "published": "2025-03-04",
        "published_basis": "stated",
        "sha256": DIGEST,
        "note": "Added with extract add from guiyang_wire.txt.",
    }]
    assert out.splitlines()[0] == (f"added {COPY} as s005: Guizhou's computing hub grows as "
                                   "western data centres fill up")
    assert f"{INBOX}: 5 candidate facts, 3 other numbers to dismiss" in out


def test_add_inbox_holds_facts_yaml_entries_and_dismissed_entries(root):
    assert add(root, ARTICLE)[0] == 0
    inbox = yaml.safe_load((root / INBOX).read_text(encoding="utf-8"))
    assert list(inbox) == ["facts", "dismissed"]
    first = inbox["facts"][0]
    # The shape of a facts.yaml entry, key for key, read by hand from the article's first line.
    assert list(first) == ["id", "source", "region", "metric", "as_written", "value",
                           "value_high", "value_text", "qualifier", "status", "period", "quote",
                           "note"]
    assert {k: first[k] for k in list(first)[:12]} == {
        "id": "s005-guizhou-computing-power-2024", "source": "s005", "region": "guizhou",
        "metric": "computing_power", "as_written": "42 EFLOPS", "value": 42,
        "value_high": None, "value_text": None, "qualifier": "exact", "status": "actual",
        "period": "2024",
        "quote": "GUIYANG, March 4 (Xinhua) -- Guizhou's intelligent computing capacity "
                 "reached 42 EFLOPS by the end of last year, the provincial big data bureau said "
                 "on Tuesday.",
    }
    assert first["note"].startswith("suggester: region: ")
    ids = [f["id"] for f in inbox["facts"]]
    assert len(ids) == len(set(ids))
    # Every number of the body is in the inbox once: a candidate or a number to dismiss.
    assert [d["as_written"] for d in inbox["dismissed"]] == ["$1.65 billion", "doubled", "two"]
    assert inbox["dismissed"][0]["reason"] == "restatement"  # the dollar figure restates yuan
    assert inbox["dismissed"][1]["reason"] is None  # a person gives the others a reason
    text = (root / COPY).read_text(encoding="utf-8")
    assert all(entry["quote"] in text for entry in inbox["facts"] + inbox["dismissed"])


def test_add_published_given_on_the_command_line(root, tmp_path):
    bare = tmp_path / "bare.txt"
    bare.write_bytes(ARTICLE.read_bytes().split(b"\n\n", 1)[1])  # no header
    code, _, err = add(root, bare, title="Guizhou computing hub", published="2025-03")
    assert code == 0, err
    (entry,) = yaml.safe_load((root / SOURCES).read_text(encoding="utf-8"))[-1:]
    assert (entry["title"], entry["url"], entry["published"]) == (
        "Guizhou computing hub", None, "2025-03")
    assert entry["published_basis"].startswith("inferred: given by the curator")


def test_add_an_undated_article_is_read_against_its_address_date_and_stays_undated(root,
                                                                                    tmp_path):
    article = tmp_path / "undated.txt"
    article.write_text("SOURCE: https://english.news.cn/20250106/4d2f/c.html\nTITLE: Hub\n\n"
                       "Guizhou had 60 EFLOPS of computing power last year.\n", encoding="utf-8")
    code, _, err = add(root, article)
    assert code == 0, err
    (entry,) = yaml.safe_load((root / SOURCES).read_text(encoding="utf-8"))[-1:]
    assert entry["published"] is None  # the curator states or infers the date
    (fact,) = yaml.safe_load((root / INBOX).read_text(encoding="utf-8"))["facts"]
    assert (fact["value"], fact["period"]) == (60, "2024")
    assert "(the date in its address)" in fact["note"]


def test_add_several_articles_take_consecutive_numbers(root, tmp_path):
    other = tmp_path / "other.txt"
    other.write_bytes(ARTICLE.read_bytes().replace(b"42 EFLOPS", b"43 EFLOPS"))
    code, out, err = add(root, ARTICLE, other)
    assert code == 0, err
    assert [e["id"] for e in yaml.safe_load((root / SOURCES).read_text())[-2:]] == [
        "s005", "s006"]
    assert (root / "data/curation/inbox/s006.yaml").is_file()


# --- refusals: nothing changes -----------------------------------------------------------------

def test_add_refuses_a_file_already_in_the_corpus(root):
    seed = REPO / "data" / "articles" / "003_26dfe74ffcca64ce.txt"
    before = tree(root)
    code, out, err = add(root, seed)
    assert code == 2 and out == ""
    assert err.splitlines()[0] == (f"{seed}: already in the corpus as "
                                   "data/articles/003_26dfe74ffcca64ce.txt (s003) (the same "
                                   "sha256)")
    assert tree(root) == before


def test_add_refuses_the_same_file_twice_in_one_call(root, tmp_path):
    twin = tmp_path / "twin.txt"
    twin.write_bytes(ARTICLE.read_bytes())
    before = tree(root)
    code, _, err = add(root, ARTICLE, twin)
    assert code == 2
    assert f"{twin}: already in the corpus as {ARTICLE}, added with it as s005" in err
    assert tree(root) == before


def test_add_refuses_to_overwrite_an_inbox_file(root):
    (root / "data/curation/inbox").mkdir()
    (root / INBOX).write_text("facts: []\n", encoding="utf-8")
    before = tree(root)
    code, _, err = add(root, ARTICLE)
    assert code == 2
    assert f"{ARTICLE}: {INBOX} already exists: refusing to overwrite it" in err
    assert tree(root) == before


def test_add_numbers_past_a_stray_article_file(root):
    # A file under data/articles/ without a source is a build error, but add must not write
    # over it: it takes the next number instead.
    stray = root / "data/articles" / f"005_{DIGEST[:16]}.txt"
    stray.write_bytes(b"a stray file\n")
    assert add(root, ARTICLE)[0] == 0
    assert stray.read_bytes() == b"a stray file\n"
    assert (root / f"data/articles/006_{DIGEST[:16]}.txt").read_bytes() == ARTICLE.read_bytes()


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    files = {
        "binary": (b"GUIYANG \x00\x01\x02 data", "a binary file, not text (NUL byte at offset 8)"),
        "latin1": (b"Guizhou reached 42 EFLOPS \xe9t\xe9.\n", "not valid UTF-8 (byte 26"),
        "empty": (b"", "empty file"),
        "one_line": (b"4" * 300_000, "a line of 300,000 characters"),
        "bad_date": (b"TITLE: T\nPUBLISHED: 2025-02-30\n\nGuizhou reached 42 EFLOPS.\n",
                     "header PUBLISHED '2025-02-30' is not a real date"),
        "no_title": (b"Guizhou reached 42 EFLOPS.\n", "no title: the file has no TITLE: header "
                     "line; give --title"),
        "escape": (b"TITLE: Red \x1b[31mtitle\n\nGuizhou reached 42 EFLOPS.\n",
                   "line 1, column 12: U+001B (escape); an article is plain text"),
    }
    paths = {}
    for name, (data, problem) in files.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(data)
        paths[name] = (path, problem)
    (tmp_path / "folder.txt").mkdir()
    paths["directory"] = (tmp_path / "folder.txt", "is a directory, not an article file")
    paths["missing"] = (tmp_path / "missing.txt", "no such file")
    return paths


def test_add_bad_files_one_line_each_and_nothing_changed(root, tmp_path):
    bad = _bad_files(tmp_path)
    before = tree(root)
    code, out, err = add(root, ARTICLE, *(path for path, _ in bad.values()))
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) == len(bad) + 1
    for (path, problem), line in zip(bad.values(), lines, strict=False):
        assert line.startswith(f"{path}: ") and problem in line, (line, problem)
    assert lines[-1] == f"extract add: {len(bad)} problems; nothing was added or changed"
    assert tree(root) == before  # the good article was not added either


@pytest.mark.parametrize(("options", "problem"), [
    ({"published": "2025-13-01"}, "extract add: --published: the date '2025-13-01' is not a "
     "real date"),
    ({"published": "March 2025"}, "extract add: --published: the date 'March 2025' is not a "
     "date (YYYY-MM-DD)"),
    ({"published": "2025-03-05"}, "--published '2025-03-05' disagrees with the file's header "
     "('2025-03-04'); leave one out"),
    ({"url": "javascript:alert(1)"}, "extract add: --url 'javascript:alert(1)' is not an "
     "http(s) address"),
    ({"title": "Two\nlines"}, "extract add: --title 'Two\\nlines': empty or holds control "
     "characters"),
    ({"publisher": " "}, "extract add: --publisher ' ': empty or holds control characters"),
])
def test_add_bad_options_change_nothing(root, options, problem):
    before = tree(root)
    code, _, err = add(root, ARTICLE, **options)
    assert code == 2
    assert problem in err
    assert tree(root) == before


def test_add_title_for_several_files_is_refused(root, tmp_path):
    other = tmp_path / "other.txt"
    other.write_bytes(b"TITLE: Other\n\nText.\n")
    code, _, err = add(root, ARTICLE, other, title="One title")
    assert code == 2
    assert err == ("extract add: --title and --url describe one article: give them with one PATH "
                   "only\n")


def test_add_a_failed_write_is_undone(root, monkeypatch):
    before = tree(root)
    real_replace = os.replace

    def failing(source, target, *args, **kwargs):
        if str(target).endswith("sources.yaml"):
            raise PermissionError(13, "Permission denied", str(target))
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", failing)
    code, out, err = add(root, ARTICLE)
    assert code == 2 and out == ""
    assert "cannot write" in err and "nothing was added or changed" in err
    assert tree(root) == before
    assert not (root / "data/curation/inbox").exists()
    leftovers = [p.name for p in (root / "data").rglob(".add-*")]
    assert leftovers == []


def test_add_command_line(root):
    result = extract(root, "add", str(ARTICLE), "--publisher", "Xinhua")
    assert result.returncode == 0, result.stderr
    assert (root / COPY).is_file() and (root / INBOX).is_file()
    again = extract(root, "add", str(ARTICLE))
    assert again.returncode == 2
    assert again.stderr.endswith("extract add: 1 problem; nothing was added or changed\n")


# --- from the inbox to a clean check ----------------------------------------------------------

def move(root: Path, facts: dict[str, dict], dismissed: dict[str, dict]) -> None:
    """What the curator does: edit entries, move them out of the inbox, empty it."""
    inbox = yaml.safe_load((root / INBOX).read_text(encoding="utf-8"))
    moved_facts = [{**f, **facts[f["id"]]} for f in inbox["facts"] if f["id"] in facts]
    # Candidates that are not facts are dismissed like the other numbers.
    rest = [{"source": f["source"], "as_written": f["as_written"], "quote": f["quote"],
             "reason": None, "note": None} for f in inbox["facts"] if f["id"] not in facts]
    moved_dismissed = [{**d, **dismissed[d["as_written"]]} for d in inbox["dismissed"] + rest]
    for file, entries in ((FACTS, moved_facts), (DISMISSED, moved_dismissed)):
        with open(root / file, "a", encoding="utf-8") as f:
            f.write(yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=10_000))
    (root / INBOX).write_text("facts: []\ndismissed: []\n", encoding="utf-8")


CURATED = {
    "s005-guizhou-computing-power-2024": {
        "note": "Capacity at the end of 2024: 'last year' in an article of 2025-03-04."},
    "s005-guizhou-computing-power-2027": {"note": None},
}
DISMISSALS = {
    "$1.65 billion": {"reason": "restatement", "note": "The dollar value of 12 billion yuan."},
    "doubled": {"reason": "company_figure", "note": "Demand at one data centre operator."},
    "two": {"reason": "company_figure", "note": "The halls of one operator."},
    "12 billion yuan": {"reason": "out_of_scope", "note": "Planned investment; no metric."},
    "Some 1,200": {"reason": "out_of_scope", "note": "Big data companies, not AI companies."},
    "15 percent": {"reason": "out_of_scope", "note": "Growth of big data companies."},
}


def test_add_walkthrough_ends_with_a_clean_check(root):
    assert add(root, ARTICLE, publisher="Xinhua")[0] == 0
    facts_before = (root / "data/tidy/facts.csv").read_bytes()
    built = extract(root, "build")
    assert built.returncode == 0, built.stderr
    assert "8 numbers unreviewed" in built.stdout
    # The inbox never feeds the dashboard: no fact came from it.
    assert (root / "data/tidy/facts.csv").read_bytes() == facts_before
    checked = extract(root, "check")
    assert checked.returncode == 2
    assert f"{INBOX}: still holds 5 candidate fact(s) and 3 number(s) to dismiss" in (
        checked.stderr)

    move(root, CURATED, DISMISSALS)
    built = extract(root, "build")
    assert built.returncode == 0, built.stderr
    assert f"{INBOX}: removed, as it holds no entries" in built.stdout
    assert not (root / INBOX).exists()
    checked = extract(root, "check")
    assert checked.returncode == 0, checked.stderr
    assert "(30 curated, 26 dismissed, 0 unreviewed)" in checked.stdout
    assert b"s005-guizhou-computing-power-2027,s005,guizhou,computing_power,80," in (
        root / "data/tidy/facts.csv").read_bytes()


def test_a_fact_with_the_suggesters_note_is_refused(root):
    assert add(root, ARTICLE)[0] == 0
    move(root, {"s005-guizhou-computing-power-2027": {}}, {
        **DISMISSALS, "42 EFLOPS": {"reason": "other", "note": "left for the test"}})
    built = extract(root, "build")
    assert built.returncode == 2
    assert ("data/curation/facts.yaml: entry 31 (id s005-guizhou-computing-power-2027): note is "
            "still the suggester's (suggester: ...)") in built.stderr


@pytest.mark.parametrize(("text", "problem"), [
    ("facts: [\n", "cannot be read as YAML"),
    ("- a list\n", "expected a mapping with the lists facts, dismissed"),
    ("facts: {}\n", "facts: expected a list"),
    ("facts: []\nnotes: []\n", "expected a mapping with the lists facts, dismissed"),
])
def test_check_reports_an_unreadable_inbox_and_build_keeps_it(root, text, problem):
    (root / "data/curation/inbox").mkdir()
    (root / INBOX).write_text(text, encoding="utf-8")
    assert extract(root, "build").returncode == 0
    assert (root / INBOX).read_text(encoding="utf-8") == text
    checked = extract(root, "check")
    assert checked.returncode == 2
    assert f"{INBOX}: {problem}" in checked.stderr


def test_build_removes_an_inbox_of_comments_only(root):
    (root / "data/curation/inbox").mkdir()
    (root / INBOX).write_text("# all moved\nfacts:\ndismissed:\n", encoding="utf-8")
    built = extract(root, "build")
    assert built.returncode == 0 and not (root / INBOX).exists()


def test_add_inbox_dismisses_each_number_once_and_never_a_candidates():
    text = ("Guangdong has two pilot zones, the only province with two pilot zones.\n"
            "The operator said its two halls and two floors opened.\n")
    first = text.index("\n")

    def mention(at: int) -> Mention:
        sentence = (0, first) if at < first else (first + 1, len(text) - 1)
        return Mention(at, at + 3, "two", 2.0, None, "count", "exact", *sentence)

    mentions = [mention(m.start()) for m in re.finditer("two", text)]
    candidate = {"region": "guangdong", "metric": "national_ai_pilot_zones", "value": 2,
                 "value_high": None, "as_written": "two", "qualifier": "exact",
                 "status": "actual", "period": None, "quote": text[:first], "start": 0,
                 "end": first, "number_start": 14, "number_end": 17, "why": "region: named"}
    inbox, facts, numbers = _inbox_text("s009", "009_x.txt", "Zones", [candidate], mentions,
                                        text)
    entries = yaml.safe_load(inbox)
    assert (facts, numbers) == (1, 1)
    assert [f["id"] for f in entries["facts"]] == ["s009-guangdong-national-ai-pilot-zones"]
    # The candidate's "two" covers both places in its sentence; the other sentence's two
    # places are one entry, as one dismissed entry accounts for both.
    assert entries["dismissed"] == [{
        "source": "s009", "as_written": "two",
        "quote": "The operator said its two halls and two floors opened.", "reason": None,
        "note": None}]


def test_a_fall_the_suggester_proposes_passes_the_build(root, tmp_path):
    # The suggester gives a fall as a negative value of the unsigned amount ("fell 4.2 percent",
    # "-3.5 percent": value -4.2, -3.5); moved into facts.yaml, the build reads it the same way.
    article = tmp_path / "fall.txt"
    article.write_text(
        "TITLE: Guangdong's car makers slow down\nPUBLISHED: 2025-01-20\n\n"
        "Guangdong's new energy vehicle output growth was -3.5 percent year-on-year in 2024.\n"
        "Guangdong's new energy vehicle output fell 4.2 percent year-on-year in 2023.\n"
        "Guangdong's new energy vehicle output was down 1.5% year-on-year in 2022.\n",
        encoding="utf-8")
    assert add(root, article)[0] == 0
    inbox = yaml.safe_load((root / INBOX).read_text(encoding="utf-8"))
    proposed = {f["as_written"]: f["value"] for f in inbox["facts"]}
    assert proposed == {"3.5 percent": -3.5, "4.2 percent": -4.2, "1.5%": -1.5}
    with open(root / FACTS, "a", encoding="utf-8") as f:
        f.write(yaml.safe_dump([{**fact, "note": None} for fact in inbox["facts"]],
                               sort_keys=False, allow_unicode=True, width=10_000))
    (root / INBOX).unlink()
    built = extract(root, "build")
    assert built.returncode == 0, built.stderr
    assert "(31 curated, 20 dismissed, 0 unreviewed)" in built.stdout
    facts = (root / "data/tidy/facts.csv").read_text(encoding="utf-8")
    assert ",nev_output_growth,-3.5,," in facts and ",nev_output_growth,-4.2,," in facts


# --- titles and a first article ------------------------------------------------------------------

SPACED_TITLE = "Guizhou\u00a0computing hub grows\u3000贵州\u200b算力"


@pytest.mark.parametrize("given", ["header", "option"])
def test_add_takes_a_title_with_unicode_spaces_as_the_build_does(root, tmp_path, given):
    # A no-break space, an ideographic space (common in Chinese headlines), a zero-width space.
    article = tmp_path / "spaced.txt"
    header = f"TITLE: {SPACED_TITLE}\n\n" if given == "header" else ""
    article.write_text(header + "Guizhou has 5 data centres.\n", encoding="utf-8")
    code, out, err = add(root, article, **({"title": SPACED_TITLE} if given == "option" else {}))
    assert (code, err) == (0, "")
    assert out.splitlines()[0].endswith(f" as s005: {SPACED_TITLE}")
    built = extract(root, "build")
    assert built.returncode == 0, built.stderr
    with open(root / "data/tidy/sources.csv", encoding="utf-8", newline="") as f:
        titles = {row["source_id"]: row["title"] for row in csv.DictReader(f)}
    assert titles["s005"] == SPACED_TITLE


@pytest.mark.parametrize("title", ["a\u202eb", "a\tb", "a\x1b[31mb", "a\u2028b"])
def test_add_refuses_a_title_the_build_refuses(root, tmp_path, title):
    # Control characters and bidirectional overrides, as the build refuses them in sources.yaml.
    before = tree(root)
    code, _, err = add(root, ARTICLE, title=title)
    assert code == 2
    assert err.startswith("extract add: --title '") and "holds control characters" in err, err
    article = tmp_path / "controlled.txt"
    article.write_text(f"TITLE: {title}\n\nGuizhou has 5 data centres.\n", encoding="utf-8")
    code, _, err = add(root, article)
    assert code == 2 and err.startswith(f"{article}: "), err
    assert tree(root) == before


@pytest.mark.parametrize("text", ["[]\n", "", "# One entry per article.\n", "[]  # none yet\n"])
def test_add_a_first_article_to_an_empty_corpus(root, text):
    for path in (root / "data/articles").iterdir():
        path.unlink()
    (root / DISMISSED).unlink()
    (root / FACTS).write_text("[]\n", encoding="utf-8")
    (root / SOURCES).write_text(text, encoding="utf-8")
    assert extract(root, "build").returncode == 0
    code, out, err = add(root, ARTICLE)
    assert (code, err) == (0, ""), err
    assert out.startswith("added data/articles/000_")
    sources = yaml.safe_load((root / SOURCES).read_text(encoding="utf-8"))
    assert [entry["id"] for entry in sources] == ["s000"]
    if text.startswith("#"):
        assert (root / SOURCES).read_text(encoding="utf-8").startswith(text)
    built = extract(root, "build")
    assert built.returncode == 0, built.stderr
    assert "0 facts, 1 sources" in built.stdout
