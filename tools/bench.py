"""Measure speed against same-run baselines and record the results in docs/benchmarks.md.

Each benchmark is one function returning a markdown section; its result replaces the text between
its own markers in docs/benchmarks.md, so benchmarks can be run (and added) independently:

    python tools/bench.py            # every benchmark
    python tools/bench.py build      # only the build benchmark

To add one, write `bench_<name>() -> Result` and register it in BENCHMARKS.
"""

from __future__ import annotations

import argparse
import platform
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
RUNS = 7
# The build must take at most this multiple of `python -c "import pandas"` on the same machine.
BUILD_BUDGET = 1.5
# A curation BUILD_SCALE times the real one must build in at most this multiple of its time.
BUILD_SCALE = 100
BUILD_SCALE_BUDGET = 20.0
SCALE_RUNS = 3


@dataclass
class Result:
    name: str
    section: str  # markdown, without the markers
    ok: bool


def time_command(command: list[str], prepare: Callable[[], None] | None = None) -> float:
    """Wall-clock seconds of one run of `command` from the repository root."""
    if prepare is not None:
        prepare()
    start = time.perf_counter()
    subprocess.run(command, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_times(commands: dict[str, tuple[list[str], Callable | None]], runs: int = RUNS):
    """Median seconds per command; runs interleave so drift in machine load hits all alike."""
    for command, prepare in commands.values():  # warm the file cache and bytecode
        time_command(command, prepare)
    samples: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, (command, prepare) in commands.items():
            samples[label].append(time_command(command, prepare))
    return {label: statistics.median(times) for label, times in samples.items()}, samples


def bench_build() -> Result:
    """`python -m extract build` on a copy of data/ against `python -c "import pandas"`, and
    on a synthetic curation SCALE times the real one against the real build."""
    with tempfile.TemporaryDirectory(prefix="bench-build-") as folder:
        root = Path(folder) / "real"
        for name in ("data/articles", "data/curation"):
            shutil.copytree(REPO / name, root / name)
        large = Path(folder) / "large"
        subprocess.run([sys.executable, str(REPO / "tools" / "synth_data.py"), "--scale",
                        str(BUILD_SCALE), "--out", str(large / "data"), "--no-build"],
                       cwd=REPO, check=True, stdout=subprocess.DEVNULL)
        counts = _curation_counts(root), _curation_counts(large)

        def remover(where: Path) -> Callable[[], None]:
            def remove_tidy() -> None:  # so every run writes the tables, the full job
                shutil.rmtree(where / "data" / "tidy", ignore_errors=True)
            return remove_tidy

        build = [sys.executable, "-m", "extract", "build", "--root"]
        medians, samples = median_times(
            {
                "build": (build + [str(root)], remover(root)),
                "baseline": ([sys.executable, "-c", "import pandas"], None),
            }
        )
        scaled, scaled_samples = median_times(
            {"large": (build + [str(large)], remover(large)),
             "real": (build + [str(root)], remover(root))},
            runs=SCALE_RUNS,
        )
    ratio = medians["build"] / medians["baseline"]
    scale_ratio = scaled["large"] / scaled["real"]
    ok = ratio <= BUILD_BUDGET and scale_ratio <= BUILD_SCALE_BUDGET
    print(f"build: {medians['build']:.3f} s, import pandas: {medians['baseline']:.3f} s, "
          f"ratio {ratio:.2f} (budget {BUILD_BUDGET}); {BUILD_SCALE}x the curation: "
          f"{scaled['large']:.3f} s against {scaled['real']:.3f} s, ratio {scale_ratio:.1f} "
          f"(budget {BUILD_SCALE_BUDGET}) {'ok' if ok else 'OVER BUDGET'}")
    (facts, articles, chars), (large_facts, large_articles, large_chars) = counts
    section = f"""## Build

`python -m extract build` (validate the curation, locate every quote, find every number of the
article bodies for the ledger, write `data/tidy/` from scratch into a temporary copy of `data/`)
against `python -c "import pandas"`, median of {RUNS} runs each, interleaved.

| command | median (s) | runs (s) |
|---|---|---|
| `python -m extract build` | {medians['build']:.3f} | {_runs(samples['build'])} |
| `python -c "import pandas"` | {medians['baseline']:.3f} | {_runs(samples['baseline'])} |

Ratio build / import pandas: **{ratio:.2f}** (budget {BUILD_BUDGET}: {_met(ratio, BUILD_BUDGET)}).

### {BUILD_SCALE} times the curation

The same build on a curation {BUILD_SCALE} times the real one, written by
`tools/synth_data.py --scale {BUILD_SCALE} --no-build` ({large_facts:,} facts in {large_articles:,}
articles, {large_chars / 1e6:.1f} MB of text, against {facts} facts in {articles} articles,
{chars / 1e3:.0f} KB), against the real build; median of {SCALE_RUNS} runs each, interleaved.

| curation | median (s) | runs (s) |
|---|---|---|
| {BUILD_SCALE}x | {scaled['large']:.3f} | {_runs(scaled_samples['large'])} |
| real | {scaled['real']:.3f} | {_runs(scaled_samples['real'])} |

Ratio: **{scale_ratio:.1f}** for {BUILD_SCALE}x the data (budget {BUILD_SCALE_BUDGET}:
{_met(scale_ratio, BUILD_SCALE_BUDGET)}).
Python {platform.python_version()} on {platform.system()} {platform.machine()}.
"""
    return Result("build", section, ok)


def _met(ratio: float, budget: float) -> str:
    return "met" if ratio <= budget else "NOT met"


def _curation_counts(root: Path) -> tuple[int, int, int]:
    """(facts, articles, characters of article text) of the curation under root/data."""
    import yaml

    facts = yaml.safe_load((root / "data/curation/facts.yaml").read_text(encoding="utf-8"))
    articles = list((root / "data" / "articles").glob("*.txt"))
    chars = sum(len(path.read_text(encoding="utf-8")) for path in articles)
    return len(facts), len(articles), chars


if __package__ in (None, ""):  # run as a script: make `tools` importable
    sys.path.insert(0, str(REPO))
from tools.bench_load import bench_load  # noqa: E402
from tools.bench_pages import bench_pages  # noqa: E402
from tools.bench_refusals import bench_refusals  # noqa: E402
from tools.bench_report import REPORT, write_section  # noqa: E402
from tools.bench_suggest import bench_suggest  # noqa: E402

BENCHMARKS: dict[str, Callable[[], Result]] = {
    "build": bench_build,
    "pages": bench_pages,
    "refusals": bench_refusals,
    "suggest": bench_suggest,
    "load": bench_load,
}


def _runs(times: list[float]) -> str:
    return ", ".join(f"{t:.3f}" for t in times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="name",
                        help=f"benchmarks to run (default: all of {', '.join(BENCHMARKS)})")
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    ok = True
    for name in args.names or list(BENCHMARKS):
        result = BENCHMARKS[name]()
        write_section(REPORT, result.name, result.section)
        ok = ok and result.ok
    print(f"results written to {REPORT.relative_to(REPO)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
