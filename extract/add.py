"""`python -m extract add PATH... [--publisher P] [--published DATE] [--url URL] [--title T]`.

Adds articles to the corpus: each file is copied byte-for-byte into data/articles/ as
`<NNN>_<first 16 hex digits of its sha256>.txt`, registered as source `s<NNN>` at the end of
data/curation/sources.yaml (the file's own text kept as it is, the entry appended), and its
candidate facts and other numbers written to data/curation/inbox/s<NNN>.yaml for a person to
move into facts.yaml and dismissed.yaml.

All or nothing: every file is read, checked and turned into its entries before anything is
written; a problem with any file prints one line naming it and exits 2 with nothing changed.
The writes go to temporary files that are then linked or renamed into place, and are undone if
a later one fails or the command is stopped (Ctrl-C, SIGTERM), so there is never a half-copied
article, a half-written sources.yaml or an article no entry names.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from extract.curation import (
    ARTICLES_DIR,
    MULTILINE_FIELDS,
    _load_file,
    _normalise_dates,
    _Problems,
    _validator,
    curation_path,
)
from extract.dismissed import REASONS
from extract.gazetteer import VocabularyError
from extract.inbox import INBOX_DIR, SUGGESTED, inbox_path
from extract.ledger import amount_covers
from extract.mentions import Mention, number_mentions
from extract.reader import (
    MAX_ARTICLE_BYTES,
    ArticleError,
    check_published,
    decode_article,
    read_article_bytes,
    read_header,
    segment_text,
)
from extract.suggest import (
    MAX_LINE,
    _longest_line,
    _printable,
    date_of_undated,
    load_vocabulary,
    suggest_text,
)
from extract.untrusted import InputError, control_character, load_yaml, one_line

EXIT_OK = 0
EXIT_BAD_INPUT = 2
SOURCES_FILE = curation_path("sources")
SOURCE_ID = re.compile(r"^s(\d+)$")
FILE_NUMBER = re.compile(r"^(\d+)_")
NUMBER_WIDTH = 3
HASH_DIGITS = 16
BASIS_HEADER = "stated"
BASIS_GIVEN = "inferred: given by the curator when the article was added (not in the text)"
BASIS_NONE = "unknown: no date in the file's header and none given when it was added"
YAML_WIDTH = 10_000  # one line per value: a quote is easier to compare with the text unbroken


@dataclass(frozen=True)
class Addition:
    """Everything one article adds, worked out before anything is written."""

    name: str  # the path as given, printable
    data: bytes
    entry: dict  # its sources.yaml entry
    inbox: str  # the text of its inbox file
    facts: int  # candidate facts in the inbox
    numbers: int  # numbers to dismiss in the inbox


class AddError(Exception):
    """One line naming the file (or option) and what is wrong."""


def run_add(paths: list[str], root: Path, publisher: str | None = None,
            published: str | None = None, url: str | None = None, title: str | None = None,
            out=None, err=None) -> int:
    """Add every file of `paths`, or none: see the module docstring."""
    out = out or sys.stdout
    err = err or sys.stderr
    root = Path(root)
    try:
        given = _given_metadata(paths, publisher, published, url, title)
        sources_text, sources = _read_sources(root)
        vocabulary = load_vocabulary(root)
        _check_folders(root)
        on_disk = _article_files(root)
        known = _known_checksums(sources, on_disk)
    except (AddError, VocabularyError) as error:
        print(f"extract add: {error}", file=err)
        return EXIT_BAD_INPUT
    number = _next_number(sources, on_disk)
    additions, problems = [], []
    for path in paths:
        try:
            addition = _plan(root, path, number, given, known, vocabulary)
        except (AddError, ArticleError) as error:
            problems.append(str(error).splitlines()[0])
            continue
        known[hashlib.sha256(addition.data).hexdigest()] = (
            f"{addition.name}, added with it as {addition.entry['id']}")
        additions.append(addition)
        number += 1
    if not problems:
        try:
            new_sources = _appended(sources_text, sources, [a.entry for a in additions])
        except AddError as error:
            problems.append(str(error))
    if problems:
        for line in problems:
            print(line, file=err)
        print(f"extract add: {len(problems)} problem{'s' if len(problems) != 1 else ''}; "
              "nothing was added or changed", file=err)
        return EXIT_BAD_INPUT
    from extract.build import _termination_as_exit

    try:
        with _termination_as_exit():  # SIGTERM undoes the writes too, as an error does
            _write_all(root, additions, new_sources)
    except OSError as error:
        print(f"extract add: cannot write ({error}); nothing was added or changed", file=err)
        return EXIT_BAD_INPUT
    try:
        for addition in additions:
            _report(addition, out)
        print("next: move each inbox entry you accept into data/curation/facts.yaml and each "
              "other number into data/curation/dismissed.yaml, then run make data", file=out)
        out.flush()
    except OSError as error:  # `extract add ... > /dev/full`
        from extract.build import drop_unwritten

        drop_unwritten(out)
        added = ", ".join(a.entry["id"] for a in additions)
        print(f"extract add: added {added}, but cannot write the report to standard output "
              f"({error.strerror or error})", file=err)
        return EXIT_BAD_INPUT
    return EXIT_OK


# --- checking, before anything is written -----------------------------------------------------


def _given_metadata(paths, publisher, published, url, title) -> dict:
    if len(paths) > 1 and (title is not None or url is not None):
        raise AddError("--title and --url describe one article: give them with one PATH only")
    given = {"publisher": publisher, "published": published, "url": url, "title": title}
    for option, value in given.items():
        if value is None:
            continue
        if not value.strip() or control_character(value) is not None:
            raise AddError(
                f"--{option} '{_printable(value)}': empty or holds control characters")
        if any("\ud800" <= char <= "\udfff" for char in value):
            # bytes of the command line that are not UTF-8, which Python holds as surrogates
            raise AddError(f"--{option} '{_printable(value)}': holds bytes that are not UTF-8")
        given[option] = value.strip()
    if given["published"] is not None:
        try:
            check_published(given["published"], "--published")
        except ArticleError as error:
            raise AddError(str(error).replace("header PUBLISHED", "the date")) from None
    if given["url"] is not None and not re.fullmatch(r"https?://\S+", given["url"]):
        raise AddError(f"--url {given['url']!r} is not an http(s) address")
    return given


def _read_sources(root: Path) -> tuple[str, list[dict]]:
    """sources.yaml's text as it is and its entries; AddError if it cannot be read, or is a
    symbolic link (the new text replaces the file whole, which would put a copy where the link
    was and leave the file it points to without the new entries)."""
    try:
        linked = (root / SOURCES_FILE).is_symlink()
    except OSError:  # data/curation/ cannot be searched: the loader says so
        linked = False
    if linked:
        raise AddError(f"{SOURCES_FILE}: is a symbolic link; extract add would replace the link "
                       "with a file: put the file it points to in its place, then add again")
    problems = _Problems()
    entries = _load_file(root, "sources", problems)
    if problems.lines:
        raise AddError(problems.lines[0])
    if not isinstance(entries, list):
        raise AddError(f"{SOURCES_FILE}: expected a list of entries")
    try:
        return (root / SOURCES_FILE).read_text(encoding="utf-8"), entries
    except (OSError, UnicodeDecodeError) as error:  # changed since it was loaded
        raise AddError(f"{SOURCES_FILE}: cannot be read ({_reason(error)})") from None


def _reason(error: Exception) -> str:
    return (error.strerror if isinstance(error, OSError) else None) or type(error).__name__


def _check_folders(root: Path) -> None:
    """AddError if data/articles/ or data/curation/inbox/ exists but is no folder (a file of
    that name): new files are written into both."""
    for folder, holds in ((ARTICLES_DIR, "the articles"), (INBOX_DIR, "the inbox files")):
        path = root / folder
        if (path.exists() or path.is_symlink()) and not path.is_dir():
            raise AddError(f"{folder.as_posix()}: is not a folder; extract add writes {holds} "
                           "into it")


def _article_files(root: Path) -> list[Path]:
    """The files in data/articles/ (the names of everything there, to number a new one);
    AddError if the folder cannot be listed."""
    folder = root / ARTICLES_DIR
    try:
        return sorted(folder.iterdir()) if folder.is_dir() else []
    except OSError as error:
        raise AddError(f"{ARTICLES_DIR.as_posix()}: cannot be listed ({_reason(error)}): extract "
                       "add compares each new file with every article") from None


def _known_checksums(sources: list[dict], on_disk: list[Path]) -> dict[str, str]:
    """Every sha256 already in the corpus, with where it is; AddError naming an article file
    that cannot be read (a new file could be its copy)."""
    known = {}
    for entry in sources:
        if isinstance(entry, dict) and isinstance(entry.get("sha256"), str):
            known[entry["sha256"]] = f"{ARTICLES_DIR.as_posix()}/{entry.get('file')} " \
                                     f"({entry.get('id')})"
    for path in on_disk:
        shown = (ARTICLES_DIR / path.name).as_posix()
        try:
            if not path.is_file():
                continue
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as error:
            raise AddError(f"{shown}: cannot be read ({_reason(error)}): extract add compares "
                           "each new file with every article") from None
        known.setdefault(digest, shown)
    return known


def _next_number(sources: list[dict], on_disk: list[Path]) -> int:
    """One more than the highest article number in use (source ids sNNN, files NNN_...)."""
    used = [-1]
    for entry in sources:
        if isinstance(entry, dict):
            match = SOURCE_ID.match(str(entry.get("id", "")))
            used.append(int(match.group(1)) if match else -1)
            match = FILE_NUMBER.match(str(entry.get("file", "")))
            used.append(int(match.group(1)) if match else -1)
    for path in on_disk:
        match = FILE_NUMBER.match(path.name)
        used.append(int(match.group(1)) if match else -1)
    return max(used) + 1


def _plan(root, path, number, given, known, vocabulary) -> Addition:
    name = _printable(path)
    # No larger than `extract build` accepts: an article it adds must build.
    data = read_article_bytes(Path(path), MAX_ARTICLE_BYTES, name)
    text = decode_article(data, name)
    longest = _longest_line(text)
    if longest > MAX_LINE:
        raise AddError(f"{name}: a line of {longest:,} characters (the limit is {MAX_LINE:,}): "
                       "not article text")
    header = read_header(text, name)
    digest = hashlib.sha256(data).hexdigest()
    if digest in known:
        raise AddError(f"{name}: already in the corpus as {known[digest]} (the same sha256)")
    source_id = f"s{number:0{NUMBER_WIDTH}d}"
    file = f"{number:0{NUMBER_WIDTH}d}_{digest[:HASH_DIGITS]}.txt"
    for target in (ARTICLES_DIR / file, inbox_path(source_id)):
        try:
            exists = (root / target).is_symlink() or (root / target).exists()
        except OSError as error:
            raise AddError(f"{name}: {target.as_posix()} cannot be looked up "
                           f"({_reason(error)})") from None
        if exists:
            raise AddError(f"{name}: {target.as_posix()} already exists: refusing to overwrite it")
    entry = _source_entry(name, Path(path).name, source_id, file, digest, header, given)
    # An article with no date of its own is read against the date its address or page gives
    # (its sources.yaml entry keeps none: a curator states or infers one)
    published, dated_from = entry["published"], ""
    if published is None:
        published, dated_from = date_of_undated(text, entry["url"], header.end)
    candidates = suggest_text(text, file, vocabulary, published, header.end, dated_from)
    mentions = number_mentions(text, segment_text(text))
    inbox, facts, numbers = _inbox_text(source_id, file, entry["title"], candidates, mentions,
                                        text)
    return Addition(name, data, entry, inbox, facts, numbers)


def _source_entry(name, original, source_id, file, digest, header, given) -> dict:
    values = {}
    for key, from_header in (("title", header.title), ("url", header.source),
                             ("published", header.published)):
        flag = given[key]
        if flag is not None and from_header is not None and flag != from_header:
            raise AddError(f"{name}: --{key} {flag!r} disagrees with the file's header "
                           f"({from_header!r}); leave one out")
        values[key] = flag if flag is not None else from_header
        if from_header is not None and control_character(from_header) is not None:
            header_key = "SOURCE" if key == "url" else key.upper()
            raise AddError(f"{name}: the header's {header_key} line holds a control character")
    if not values["title"]:
        raise AddError(f"{name}: no title: the file has no TITLE: header line; give --title")
    if values["url"] is not None and not re.fullmatch(r"https?://\S+", values["url"]):
        raise AddError(f"{name}: the header's SOURCE {values['url']!r} is not an http(s) "
                       "address; give --url")
    if values["published"] is None:
        basis = BASIS_NONE
    else:
        basis = BASIS_HEADER if header.published is not None else BASIS_GIVEN
    entry = {
        "id": source_id,
        "file": file,
        "title": values["title"],
        "publisher": given["publisher"],
        "url": values["url"],
        "published": values["published"],
        "published_basis": basis,
        "sha256": digest,
        "note": f"Added with extract add from {_printable(original)}.",
    }
    errors = sorted(_validator("sources").iter_errors([entry]), key=lambda e: list(e.path))
    if errors:
        where = ".".join(str(p) for p in list(errors[0].path)[1:])
        raise AddError(f"{name}: its sources.yaml entry would be invalid: {where}: "
                       f"{errors[0].message}")
    return entry


# --- the inbox file ---------------------------------------------------------------------------


def _inbox_text(source_id, file, title, candidates, mentions, text) -> tuple[str, int, int]:
    facts = [_fact_entry(source_id, c) for c in candidates]
    _unique_ids(facts)
    # The numbers left to dismiss are those the ledger would call unreviewed were every
    # candidate curated: a candidate's amount covers each place it stands in its sentence.
    others = [m for m in mentions if not any(
        amount_covers(c["start"], c["end"], c["quote"], c["as_written"], m) for c in candidates)]
    dismissed = []
    for mention in others:  # one entry dismisses its number wherever it stands in the sentence
        entry = _dismissed_entry(source_id, mention, text)
        if not any((d["as_written"], d["quote"]) == (entry["as_written"], entry["quote"])
                   for d in dismissed):
            dismissed.append(entry)
    body = yaml.safe_dump({"facts": facts, "dismissed": dismissed}, sort_keys=False,
                          allow_unicode=True, width=YAML_WIDTH)
    try:
        survives = load_yaml(body, MULTILINE_FIELDS) == {"facts": facts, "dismissed": dismissed}
    except InputError:
        survives = False
    if not survives:
        raise AddError(f"{file}: its suggestions do not survive a YAML round trip")
    head = (
        f"# Suggestions for {source_id} ({ARTICLES_DIR.as_posix()}/{file}): "
        f"{one_line(title)}\n"
        "# Written by `python -m extract add`; nothing here reaches the dashboard.\n"
        "# facts: check each candidate's region, metric, value, status and period against its\n"
        "#   quote, replace the note (the machine's reasons) with your reading or remove it, and\n"
        "#   move the entry into data/curation/facts.yaml.\n"
        "# dismissed: give each number that is not a fact a reason and move it into\n"
        "#   data/curation/dismissed.yaml (a candidate that is not a fact goes there too).\n"
        f"#   reasons: {', '.join(REASONS[:4])},\n"
        f"#   {', '.join(REASONS[4:])} (other needs a note).\n"
        "# `make data` removes this file once it holds no entries;\n"
        "# `python -m extract ledger` shows what is left to review.\n"
    )
    return head + body, len(facts), len(dismissed)


def _fact_entry(source_id: str, candidate: dict) -> dict:
    region, metric, period = candidate["region"], candidate["metric"], candidate["period"]
    slug = "-".join(part for part in (
        source_id, region or "region", (metric or "figure").replace("_", "-"), period) if part)
    return {
        "id": re.sub(r"[^a-z0-9_-]+", "-", slug.lower()),
        "source": source_id,
        "region": region,
        "metric": metric,
        "as_written": candidate["as_written"],
        "value": candidate["value"],
        "value_high": candidate["value_high"],
        "value_text": None,
        "qualifier": candidate["qualifier"],
        "status": candidate["status"],
        "period": period,
        "quote": candidate["quote"],
        "note": SUGGESTED + candidate["why"],
    }


def _unique_ids(facts: list[dict]) -> None:
    seen: dict[str, int] = {}
    for fact in facts:
        base = fact["id"]
        seen[base] = seen.get(base, 0) + 1
        if seen[base] > 1:
            fact["id"] = f"{base}-{seen[base]}"


def _dismissed_entry(source_id: str, mention: Mention, text: str) -> dict:
    return {
        "source": source_id,
        "as_written": mention.as_written,
        "quote": text[mention.sentence_start:mention.sentence_end],
        # The machine knows a restatement; every other reason is the person's to give.
        "reason": "restatement" if mention.restates is not None else None,
        "note": None,
    }


# --- writing ----------------------------------------------------------------------------------


def _appended(text: str, entries: list[dict], new: list[dict]) -> str:
    """sources.yaml with `new` appended after its last line, checked to parse as before + new."""
    block = "".join(yaml.safe_dump([entry], sort_keys=False, allow_unicode=True,
                                   width=YAML_WIDTH) for entry in new)
    if not entries:  # the first articles: they take the place of an empty list ("[]")
        text = "".join(line for line in text.splitlines(keepends=True)
                       if not line.strip() or line.lstrip().startswith("#"))
    joined = text + ("" if not text or text.endswith("\n") else "\n") + block
    try:
        parsed = _normalise_dates(load_yaml(joined, MULTILINE_FIELDS))
    except InputError:
        parsed = None
    if parsed != [*entries, *new]:
        raise AddError(f"{SOURCES_FILE}: appending the new entries would not give a list of the "
                       "old entries followed by the new ones (does the file end inside a "
                       "quoted value or a flow list?); nothing was added")
    return joined


def _write_all(root: Path, additions: list[Addition], sources_text: str) -> None:
    """Articles and inbox files linked into place, then sources.yaml replaced; undone on error."""
    placed: list[Path] = []
    made_inbox = not (root / INBOX_DIR).exists()
    try:
        for addition in additions:
            _place(root / ARTICLES_DIR / addition.entry["file"], addition.data, placed)
            (root / INBOX_DIR).mkdir(parents=True, exist_ok=True)
            _place(root / inbox_path(addition.entry["id"]), addition.inbox.encode("utf-8"),
                   placed)
        _replace(root / SOURCES_FILE, sources_text.encode("utf-8"))
    except BaseException:
        for path in reversed(placed):
            path.unlink(missing_ok=True)
        if made_inbox and (root / INBOX_DIR).is_dir() and not any((root / INBOX_DIR).iterdir()):
            (root / INBOX_DIR).rmdir()
        raise


def _temporary(folder: Path, data: bytes) -> Path:
    handle, name = tempfile.mkstemp(prefix=".add-", dir=folder)
    with os.fdopen(handle, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    return Path(name)


def _place(target: Path, data: bytes, placed: list[Path]) -> None:
    """Write a new file whole, never over an existing one (a hard link fails if it exists)."""
    staged = _temporary(target.parent, data)
    try:
        os.chmod(staged, 0o644)  # mkstemp makes the file private
        os.link(staged, target)
        placed.append(target)
    finally:
        staged.unlink(missing_ok=True)


def _replace(target: Path, data: bytes) -> None:
    staged = _temporary(target.parent, data)
    try:
        os.chmod(staged, target.stat().st_mode & 0o777)
        os.replace(staged, target)
    finally:
        staged.unlink(missing_ok=True)


def _report(addition: Addition, out) -> None:
    entry = addition.entry
    print(f"added {ARTICLES_DIR.as_posix()}/{entry['file']} as {entry['id']}: "
          f"{one_line(entry['title'])}", file=out)
    print(f"  {SOURCES_FILE}: entry {entry['id']} appended (published: "
          f"{entry['published'] or 'unknown'})", file=out)
    print(f"  {inbox_path(entry['id']).as_posix()}: {addition.facts} candidate fact"
          f"{'s' if addition.facts != 1 else ''}, {addition.numbers} other number"
          f"{'s' if addition.numbers != 1 else ''} to dismiss", file=out)
