"""docs/benchmarks.md: each benchmark owns the text between its two markers."""

from __future__ import annotations

from pathlib import Path

REPORT = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
REPORT_HEADER = """# Benchmarks

Written by `make bench` (`tools/bench.py`). Every figure is the median of several runs measured
in the same session as its baseline, so the ratio holds across machines of different speed.
"""


def write_section(report: Path, name: str, section: str) -> None:
    """Replace (or append) the text between `<!-- bench:NAME:start -->` and `...:end -->`."""
    start, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
    text = report.read_text(encoding="utf-8") if report.exists() else REPORT_HEADER
    block = f"{start}\n{section.strip()}\n{end}"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(text, encoding="utf-8", newline="\n")
