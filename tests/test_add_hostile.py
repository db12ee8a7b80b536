"""`python -m extract add` on input that is not an article it can add: a named pipe, a device, a
file larger than `extract build` accepts, an absurd publication date, a symlinked sources.yaml.
Each is refused in one line naming the file and the problem, exit 2, nothing changed.

The named pipe and the device go through the command line with a timeout: read as files, the
one would wait for a writer and the other never end.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extract.reader import MAX_ARTICLE_BYTES
from tests.test_add import ARTICLE, REPO, SOURCES, add, tree
from tests.test_hostile_inputs import deny_access

NOTHING_ADDED = "extract add: 1 problem; nothing was added or changed"


@pytest.fixture
def root(tmp_path):
    for folder in ("data/articles", "data/curation", "data/tidy", "data/gazetteer"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path


def add_command(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract", "add", *args, "--root", str(root)],
                          cwd=REPO, capture_output=True, text=True, timeout=60)


def test_add_refuses_a_named_pipe_without_waiting_for_a_writer(root, tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    before = tree(root)
    result = add_command(root, str(pipe))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"{pipe}: is a named pipe (FIFO), not an article file",
                                          NOTHING_ADDED]
    assert tree(root) == before


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_add_refuses_a_device_without_reading_it(root):
    before = tree(root)
    result = add_command(root, "/dev/zero")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "/dev/zero: is a character device, not an article file", NOTHING_ADDED]
    assert tree(root) == before


def test_add_refuses_an_article_larger_than_build_accepts(root, tmp_path):
    # Article text (no digits, so the suggester has little to do) one byte over build's limit.
    line = b"The bureau said computing power grew in the city as firms built data centres.\n"
    head = b"TITLE: A long article\n\n"
    body = line * ((MAX_ARTICLE_BYTES - len(head)) // len(line) + 1)
    big = tmp_path / "big.txt"
    big.write_bytes(head + body[:MAX_ARTICLE_BYTES + 1 - len(head)])
    assert big.stat().st_size == MAX_ARTICLE_BYTES + 1
    before = tree(root)
    code, out, err = add(root, big)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"{big}: is {MAX_ARTICLE_BYTES + 1:,} bytes; an article may be at most "
        f"{MAX_ARTICLE_BYTES:,} bytes", NOTHING_ADDED]
    assert tree(root) == before


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01", "1000-01-01", "2101",
                                       "1899-12"])
def test_add_refuses_a_header_date_outside_the_years_of_the_corpus(root, tmp_path, published):
    article = tmp_path / "dated.txt"
    article.write_text(f"TITLE: Guizhou computing\nPUBLISHED: {published}\n\nGuizhou's "
                       "computing capacity will reach 42 EFLOPS by the end of next year.\n",
                       encoding="utf-8")
    before = tree(root)
    code, out, err = add(root, article)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"{article}: header PUBLISHED '{published}' is not a real date: the year must be 1900 "
        "to 2100", NOTHING_ADDED]
    assert tree(root) == before


@pytest.mark.parametrize("published", ["9999", "0001-01-01", "1899-12-31"])
def test_add_refuses_a_published_option_outside_the_years_of_the_corpus(root, tmp_path,
                                                                         published):
    bare = tmp_path / "bare.txt"
    bare.write_bytes(ARTICLE.read_bytes().split(b"\n\n", 1)[1])  # no header to disagree with
    before = tree(root)
    code, out, err = add(root, bare, title="Guizhou computing hub", published=published)
    assert code == 2 and out == ""
    assert err == (f"extract add: --published: the date '{published}' is not a real date: the "
                   "year must be 1900 to 2100\n")
    assert tree(root) == before


def test_add_refuses_a_symlinked_sources_yaml(root, tmp_path):
    target = tmp_path / "elsewhere" / "sources.yaml"
    target.parent.mkdir()
    (root / SOURCES).rename(target)
    (root / SOURCES).symlink_to(target)
    kept = target.read_bytes()
    before = tree(root)
    code, out, err = add(root, ARTICLE)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"extract add: {SOURCES}: is a symbolic link; extract add would replace the link with a "
        "file: put the file it points to in its place, then add again"]
    assert (root / SOURCES).is_symlink() and target.read_bytes() == kept
    assert tree(root) == before


def test_add_refuses_when_an_article_of_the_corpus_cannot_be_read(root, monkeypatch):
    # A new file could be its copy: add cannot tell, so it says so and adds nothing.
    path = next((root / "data" / "articles").glob("000_*.txt"))
    before = tree(root)
    deny_access(monkeypatch, path)
    code, out, err = add(root, ARTICLE)
    monkeypatch.undo()
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"extract add: data/articles/{path.name}: cannot be read (Permission denied): extract add "
        "compares each new file with every article"]
    assert tree(root) == before


@pytest.mark.parametrize(("folder", "problem"), [
    ("data/articles", "data/articles: cannot be listed (Permission denied)"),
    ("data/curation", f"{SOURCES}: file cannot be read (Permission denied)"),
])
def test_add_refuses_a_folder_that_cannot_be_read(root, monkeypatch, folder, problem):
    before = tree(root)
    deny_access(monkeypatch, root / folder)
    code, out, err = add(root, ARTICLE)
    monkeypatch.undo()
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith(f"extract add: {problem}"), err
    assert tree(root) == before


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_add_says_what_it_added_when_its_report_cannot_be_written(root):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "extract", "add", str(ARTICLE), "--root", str(root)],
            cwd=REPO, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr == ("extract add: added s005, but cannot write the report to standard "
                             "output (No space left on device)\n")


@pytest.mark.parametrize("option", ["publisher", "url", "title"])
def test_add_refuses_an_option_holding_bytes_that_are_not_utf8(root, option):
    # A command-line byte that is not UTF-8 reaches Python as a lone surrogate, which no UTF-8
    # file can hold: named as such, not as a sources.yaml that fails to parse.
    value = os.fsdecode(b"https://example.com/\xff" if option == "url" else b"Xinhua \xff")
    before = tree(root)
    result = add_command(root, str(ARTICLE), f"--{option}", value)
    assert result.returncode == 2
    assert result.stderr == (f"extract add: --{option} '{value[:-1]}\\udcff': holds bytes that "
                             "are not UTF-8\n")
    assert tree(root) == before


def test_add_stopped_by_sigterm_while_writing_changes_nothing(root):
    # SIGTERM (a `kill`, a closing terminal) as sources.yaml is about to be replaced, after the
    # article and its inbox file are in place: they are removed again, as after an error,
    # instead of staying as an article no sources.yaml entry names.
    script = (
        "import os, signal, sys\n"
        "import extract.add as add\n"
        "real = add._replace\n"
        "def replace(target, data):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    real(target, data)\n"
        "add._replace = replace\n"
        "from extract.__main__ import main\n"
        f"sys.exit(main(['add', {str(ARTICLE)!r}, '--root', {str(root)!r}]))\n"
    )
    before = tree(root)
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 128 + 15, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert tree(root) == before
    assert not (root / "data" / "curation" / "inbox").exists()


def test_add_and_suggest_quote_a_long_header_date_short(root, tmp_path):
    # A header line may be 200,000 characters long; the one line naming it quotes 60 of them.
    article = tmp_path / "dated.txt"
    article.write_text(f"TITLE: Guizhou computing\nPUBLISHED: {'9' * 150_000}\n\nGuizhou's "
                       "computing capacity reached 42 EFLOPS.\n", encoding="utf-8")
    problem = (f"{article}: header PUBLISHED '{'9' * 59}… (150000 characters) is not a date "
               "(YYYY-MM-DD)")
    before = tree(root)
    code, out, err = add(root, article)
    assert code == 2 and out == ""
    assert err.splitlines() == [problem, NOTHING_ADDED]
    assert tree(root) == before
    result = subprocess.run([sys.executable, "-m", "extract", "suggest", str(article), "--root",
                             str(root)], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", problem + "\n")


@pytest.mark.parametrize(("folder", "holds"), [("data/curation/inbox", "the inbox files"),
                                               ("data/articles", "the articles")])
def test_add_refuses_a_file_where_its_folder_should_be(root, folder, holds):
    if (root / folder).is_dir():
        shutil.rmtree(root / folder)
    (root / folder).write_text("not a folder\n")
    before = tree(root)
    code, out, err = add(root, ARTICLE)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"extract add: {folder}: is not a folder; extract add writes {holds} into it"]
    assert tree(root) == before
