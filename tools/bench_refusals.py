"""Benchmark: how fast, how small and how short the build's refusals of hostile input are.

Each hostile curation (an alias bomb, a 5,000-digit number, a carriage return in a note, an
oversized file, 300 broken facts) is built in a temporary copy of data/ and measured against a
normal build of the real data in the same run: wall time and peak resident memory of the process
as ratios, and the bytes it prints. Before the loader was hardened, the 9-level alias bomb alone
took 19 s and 2.1 GB and printed 351 MB.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

RUNS = 5
# A refusal may take at most this multiple of a normal build's time and peak memory.
TIME_BUDGET = 3.0
MEMORY_BUDGET = 1.5
# Bytes on stderr: the report is capped at 100 problem lines of 400 characters.
OUTPUT_BUDGET = 42_000
FACTS = Path("data/curation/facts.yaml")


@dataclass
class RefusalsResult:
    """Same fields as tools/bench.py's Result (imported from there it would import in a circle)."""

    name: str
    section: str
    ok: bool


def _append(text: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        with open(root / FACTS, "a", encoding="utf-8") as handle:
            handle.write("\n" + text + "\n")
    return apply


def _alias_bomb(levels: int) -> str:
    lines = ["- id: bomb", '  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"  a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, levels + 1)]
    return "\n".join(lines)


def _broken_facts(count: int) -> str:
    return "\n".join(
        f"- id: bad-{n}\n  source: s001\n  region: nowhere\n  metric: waic_exhibits\n"
        f"  as_written: \"{'9' * 200}\"\n  value: 1\n  qualifier: exact\n  status: actual\n"
        f"  quote: {'x' * 200}" for n in range(count))


def _replace(old: str, new: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / FACTS
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return apply


CASES: dict[str, Callable[[Path], None]] = {
    "alias bomb, 9 levels (9^10 strings if expanded)": _append(_alias_bomb(9)),
    "alias bomb, 40 levels": _append(_alias_bomb(40)),
    "as_written with a 5,000-digit number": _replace("as_written: More than 150",
                                                     "as_written: More than " + "7" * 5000),
    "300 broken facts (a report capped at 100 lines)": _append(_broken_facts(300)),
    "carriage return in a note": _replace(
        '  note: The year of the conference is not stated ("last week"; the article is undated).',
        '  note: "a\\rb"'),
    "curation file over 8 MiB": _append("# " + "x" * (8 * 1024 * 1024 + 10)),
}


def _measure(root: Path) -> tuple[float, int, int, int]:
    """(seconds, peak resident KiB, bytes printed to stderr, exit code) of one build."""
    command = [sys.executable, "-m", "extract", "build", "--root", str(root)]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0, os.SEEK_END)
        return seconds, usage.ru_maxrss, err.tell(), process.returncode


def _root(folder: Path, name: str, apply: Callable[[Path], None] | None) -> Path:
    root = folder / name
    for part in ("data/articles", "data/curation", "data/tidy"):
        shutil.copytree(REPO / part, root / part)
    if apply is not None:
        apply(root)
    return root


def bench_refusals() -> RefusalsResult:
    with tempfile.TemporaryDirectory(prefix="bench-refusals-") as folder:
        roots = {"normal build": _root(Path(folder), "normal", None)}
        roots |= {label: _root(Path(folder), f"case{n}", apply)
                  for n, (label, apply) in enumerate(CASES.items())}
        samples: dict[str, list[tuple[float, int, int, int]]] = {label: [] for label in roots}
        for root in roots.values():  # warm the file cache and bytecode
            _measure(root)
        for _ in range(RUNS):
            for label, root in roots.items():
                samples[label].append(_measure(root))
    base_time = statistics.median(s[0] for s in samples["normal build"])
    base_memory = statistics.median(s[1] for s in samples["normal build"])
    rows, ok = [], True
    for label, runs in samples.items():
        seconds = statistics.median(s[0] for s in runs)
        memory = statistics.median(s[1] for s in runs)
        output = max(s[2] for s in runs)
        codes = sorted({s[3] for s in runs})
        expected = [0] if label == "normal build" else [2]
        case_ok = codes == expected and (label == "normal build" or (
            seconds / base_time <= TIME_BUDGET and memory / base_memory <= MEMORY_BUDGET
            and output <= OUTPUT_BUDGET))
        ok = ok and case_ok
        rows.append(f"| {label} | {', '.join(map(str, codes))} | {seconds:.3f} | "
                    f"{seconds / base_time:.2f} | {memory / 1024:.0f} | "
                    f"{memory / base_memory:.2f} | {output} | {'met' if case_ok else 'NOT met'} |")
        print(f"refusals: {label}: exit {codes}, {seconds:.3f} s, {memory / 1024:.0f} MiB, "
              f"{output} bytes {'ok' if case_ok else 'OVER BUDGET'}")
    table = "\n".join(rows)
    section = f"""## Refusals of hostile input

`python -m extract build` on copies of `data/` broken the way a hostile curator would
(`tools/bench_refusals.py`), against a normal build of the real data, median of {RUNS} runs
each, interleaved. Budgets: exit code 2, at most {TIME_BUDGET}x the normal build's time and
{MEMORY_BUDGET}x its peak resident memory, at most {OUTPUT_BUDGET} bytes printed. (Before the
loader was hardened, the 9-level alias bomb took 19 s and 2.1 GB and printed 351 MB.)

| input | exit | median (s) | time ratio | peak (MiB) | memory ratio | stderr (bytes) | budget |
|---|---|---|---|---|---|---|---|
{table}
"""
    return RefusalsResult("refusals", section, ok)
