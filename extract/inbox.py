"""Inbox files: data/curation/inbox/<source id>.yaml, what `extract add` proposes for an article.

An inbox file holds a mapping with two lists: `facts`, candidate entries in the shape of
facts.yaml, and `dismissed`, the article's other numbers in the shape of dismissed.yaml. A person
moves each entry into facts.yaml or dismissed.yaml; nothing in an inbox reaches data/tidy/. The
build removes an inbox file once it holds no entries; `extract check` fails while one does, and
the build refuses a fact whose note is still the suggester's reasoning, unread.
"""

from __future__ import annotations

from pathlib import Path

from extract.curation import MULTILINE_FIELDS, _Problems, curation_path
from extract.untrusted import InputError, load_yaml_file, one_line

INBOX_DIR = Path("data") / "curation" / "inbox"
LISTS = ("facts", "dismissed")
# A candidate's note starts so; a person replaces it with their own reading or removes it.
SUGGESTED = "suggester: "


def inbox_path(source_id: str) -> Path:
    return INBOX_DIR / f"{source_id}.yaml"


def inbox_files(root: Path) -> list[Path]:
    folder = Path(root) / INBOX_DIR
    return sorted(p for p in folder.glob("*.yaml") if p.is_file()) if folder.is_dir() else []


def pending(path: Path) -> dict[str, int] | str:
    """How many entries each list of an inbox file still holds, or what is wrong with it."""
    try:
        data = load_yaml_file(path, MULTILINE_FIELDS)
    except InputError as error:
        return f"cannot be read as YAML ({one_line(str(error))})"
    if data is None:
        return dict.fromkeys(LISTS, 0)
    if not isinstance(data, dict) or set(data) - set(LISTS):
        return f"expected a mapping with the lists {', '.join(LISTS)}"
    counts = {}
    for name in LISTS:
        entries = data.get(name)
        if entries is not None and not isinstance(entries, list):
            return f"{name}: expected a list"
        counts[name] = len(entries or [])
    return counts


def remove_empty_inboxes(root: Path) -> tuple[list[str], list[str]]:
    """Delete each inbox file that holds no entries: the paths removed, and a line for each
    one that could not be (a read-only folder), which stays where it is."""
    removed, failed = [], []
    for path in inbox_files(root):
        counts = pending(path)
        if isinstance(counts, dict) and not any(counts.values()):
            where = path.relative_to(root).as_posix()
            try:
                path.unlink()
            except OSError as error:
                failed.append(f"{where}: holds no entries, but could not be removed "
                              f"({error.strerror or type(error).__name__}); delete it")
                continue
            removed.append(where)
    return removed, failed


def inbox_problems(root: Path, holding: bool = True) -> list[str]:
    """One line per inbox file that cannot be read, and (`holding`) per one that still holds
    entries."""
    lines = []
    for path in inbox_files(root):
        where = path.relative_to(root).as_posix()
        counts = pending(path)
        if isinstance(counts, str):
            lines.append(f"{where}: {counts}")
        elif holding and any(counts.values()):
            lines.append(
                f"{where}: still holds {counts['facts']} candidate fact(s) and "
                f"{counts['dismissed']} number(s) to dismiss: move them into facts.yaml or "
                "dismissed.yaml, or delete them"
            )
    return lines


def check_unedited_notes(entries, problems: _Problems) -> None:
    """A fact moved from an inbox with the suggester's note unread is refused: the note would
    stand as the curator's reading and silence the status and period checks."""
    for position, fact in entries:
        # By its words: a leading space or line break does not make the note a person's.
        if " ".join(str(fact.get("note") or "").split()).startswith(SUGGESTED.strip()):
            problems.add(
                curation_path("facts"),
                f"note is still the suggester's ({SUGGESTED.strip()} ...): check the reading "
                "against the quote, then write your own note or remove it",
                fact, position,
            )
