"""Page speed: the Side by side and Compare pages against a bare one-chart Streamlit page,
measured in the same run.

The dashboard and the bare app are served side by side (each on its own free port) and driven by
the same headless Chromium. For each page, after warming up:

- first mark: time from navigation start to the first drawn plotly bar (or point), or for the
  Side by side page the first cell of its grid, read in the page with a MutationObserver against
  `performance.now()`;
- re-draw: time from the click on a new option of a selectbox (Compare: the metric; Side by side:
  how many of the regions must report a metric; bare page: its data set) until the chart or the
  grid shows the change.

Medians of RUNS first marks and 2 * RUNS - 1 re-draws (a re-draw takes a tenth of a second, so
its median needs more runs to settle), interleaved so machine noise hits every page alike; each
page / bare ratio must stay within BUDGET for both. `python tools/bench_pages.py` prints the figures
and writes them into docs/benchmarks.md between `<!-- bench:pages:start -->` and
`<!-- bench:pages:end -->`; `bench_pages()` returns the same section for `tools/bench.py`.
"""

from __future__ import annotations

import csv
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tools` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.bench_report import REPORT, write_section  # noqa: E402
from tools.streamlit_server import REPO, StreamlitServer  # noqa: E402

RUNS = 11
WARM_UPS = 2
BUDGET = 1.3
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
NAME = "pages"
BARE_APP = "tools/bare_app.py"
BARE_OPTIONS = ("first", "second")

# Installed before any page script: the time of the first drawn mark (a chart's bar or point,
# or a cell of the Side by side grid), the time of the last option click, and every change of
# what is drawn (time, signature: the marks' shapes, the grid's rows and cells).
OBSERVER_JS = """
(() => {
  const SEL = '.js-plotly-plot .bars path, .js-plotly-plot .scatterlayer .points path';
  window.__firstMark = null; window.__clickAt = null; window.__changes = [];
  let last = '';
  const grid = () => {
    const table = document.querySelector('table.sbs');
    if (!table || !table.querySelector('td')) return '';
    return [...table.querySelectorAll('tr[data-metric]')].map(r => r.dataset.metric).join(',')
        + '#' + table.querySelectorAll('td[data-fact]').length;
  };
  const signature = () => [...document.querySelectorAll(SEL)]
      .map(p => p.getAttribute('d') || '').filter(d => d.length > 4 && d !== 'M0,0Z').join('|')
      + grid();
  const check = () => {
    const sig = signature();
    if (sig && window.__firstMark === null) window.__firstMark = performance.now();
    if (sig !== last) { last = sig; window.__changes.push([performance.now(), sig]); }
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true,
                                                  attributes: true, attributeFilter: ['d']});
  document.addEventListener('pointerdown', (e) => {
    if (e.target.closest && e.target.closest('[role=option]')) window.__clickAt = performance.now();
  }, true);
})();
"""
IDLE_JS = """() => document.querySelector('[data-testid=stApp]')
    ?.getAttribute('data-test-script-state') === 'notRunning'"""


@dataclass
class PagesResult:
    """Same fields as tools/bench.py's Result, so its writer can place the section."""

    name: str
    section: str
    ok: bool
    numbers: dict = field(default_factory=dict)


def _data_root() -> Path:
    configured = os.environ.get("CHINA_AI_REGIONS_DATA", "").strip()
    return Path(configured) if configured else REPO / "data"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def compare_metrics() -> tuple[str, str]:
    """Two metric labels whose Compare charts are bar charts over the default (focus) regions:
    the default metric and the bar metric with the most facts among those regions."""
    tidy = _data_root() / "tidy"
    metrics = {row["metric_id"]: row for row in _rows(tidy / "metrics.csv")}
    focus = {row["region_id"] for row in _rows(tidy / "regions.csv") if row["focus"] == "true"}
    counts: dict[str, int] = {}
    for fact in _rows(tidy / "facts.csv"):
        metric = metrics[fact["metric_id"]]
        if fact["region_id"] in focus and metric["kind"] not in ("categorical", "rank") \
                and metric["unit"] != "rank" and fact["value"]:
            counts[fact["metric_id"]] = counts.get(fact["metric_id"], 0) + 1
    first = "computing_power" if "computing_power" in counts else max(counts, key=counts.get)
    others = sorted((m for m in counts if m != first), key=lambda m: (-counts[m], m))
    if not others:
        raise RuntimeError("no second bar metric for the re-draw measurement")
    return metrics[first]["label"], metrics[others[0]]["label"]


def _wait_drawn(page, timeout: float = 60_000) -> None:
    page.wait_for_function("() => window.__firstMark !== null", timeout=timeout)
    page.wait_for_function(IDLE_JS, timeout=timeout)


def first_mark(context, url: str) -> float:
    """Seconds from navigation start to the first drawn mark, in a new tab."""
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit")
        _wait_drawn(page)
        return page.evaluate("() => window.__firstMark") / 1000
    finally:
        page.close()


def redraw(page, label: str, option: str, timeout: float = 60_000) -> float:
    """Seconds from the click on `option` of the selectbox `label` until the new marks show."""
    page.wait_for_function(IDLE_JS, timeout=timeout)
    page.wait_for_timeout(300)
    before = page.evaluate("() => window.__changes.length ? window.__changes.at(-1)[1] : ''")
    page.evaluate("() => { window.__clickAt = null; }")
    box = page.get_by_role("combobox", name=label, exact=True)
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_function(
        """(before) => { const c = window.__changes; return window.__clickAt !== null &&
             c.length && c.at(-1)[1] !== before && c.at(-1)[1] !== ''; }""",
        arg=before, timeout=timeout)
    page.wait_for_function(IDLE_JS, timeout=timeout)
    page.wait_for_timeout(500)  # let the chart settle: the last signature is the final one
    return page.evaluate(
        """() => { const c = window.__changes, final = c.at(-1)[1];
                   const first = c.find(([t, s]) => s === final && t >= window.__clickAt);
                   return (first[0] - window.__clickAt) / 1000; }""")


def redraw_runs(runs: int) -> int:
    """Re-draws per page for `runs` first marks: short and noisy, so about twice as many."""
    return 2 * runs - 1


# Two options of the Side by side page's "Reported for at least" picker that show different
# grids over the focus regions: every metric one of them reports, and those two report.
SIDE_BY_SIDE_OPTIONS = ("1 of the picked regions", "2 of the picked regions")
PAGES = ("side_by_side", "compare")


def measure(runs: int = RUNS) -> dict:
    """Start both apps and a browser, warm up, measure; return every sample and the medians."""
    from playwright.sync_api import sync_playwright

    metric_a, metric_b = compare_metrics()
    threshold_a, threshold_b = SIDE_BY_SIDE_OPTIONS
    # The bare page between the two dashboard pages: a dashboard page never starts while the
    # same server is still closing the tab of the one before.
    apps = {
        "side_by_side": {"server": "dashboard", "path": "/", "label": "Reported for at least",
                         "options": (threshold_b, threshold_a)},
        "bare": {"server": "bare", "path": "/", "label": "Data set",
                 "options": (BARE_OPTIONS[1], BARE_OPTIONS[0])},
        "compare": {"server": "dashboard", "path": "/compare", "label": "Metric",
                    "options": (metric_b, metric_a)},
    }
    servers = {"dashboard": StreamlitServer("dashboard/app.py"),
               "bare": StreamlitServer(BARE_APP)}
    samples = {name: {"first": [], "redraw": []} for name in apps}
    load = [os.getloadavg()[0]]  # the machine is shared: what else ran is part of the result
    try:
        for server in servers.values():
            server.start()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            contexts = {}
            for name in apps:
                context = browser.new_context(viewport={"width": 1366, "height": 900})
                context.add_init_script(OBSERVER_JS)
                contexts[name] = context
            urls = {name: servers[app["server"]].url + app["path"] for name, app in apps.items()}
            for _ in range(WARM_UPS):
                for name in apps:
                    first_mark(contexts[name], urls[name])
            for _ in range(runs):
                for name in apps:
                    samples[name]["first"].append(first_mark(contexts[name], urls[name]))
            pages = {}
            for name, app in apps.items():
                page = contexts[name].new_page()
                page.goto(urls[name], wait_until="commit")
                _wait_drawn(page)
                pages[name] = page
                for option in app["options"]:  # warm the re-draw both ways
                    redraw(page, app["label"], option)
            for run in range(redraw_runs(runs)):
                for name, app in apps.items():
                    option = app["options"][run % 2]
                    samples[name]["redraw"].append(redraw(pages[name], app["label"], option))
            browser.close()
        load.append(os.getloadavg()[0])
    finally:
        for server in servers.values():
            server.stop()
    medians = {name: {kind: statistics.median(values) for kind, values in kinds.items()}
               for name, kinds in samples.items()}
    ratios = {page: {kind: medians[page][kind] / medians["bare"][kind]
                     for kind in ("first", "redraw")} for page in PAGES}
    return {"samples": samples, "medians": medians, "ratios": ratios, "load": load,
            "metrics": (metric_a, metric_b), "thresholds": (threshold_a, threshold_b),
            "runs": runs}


def _runs(values: list[float]) -> str:
    return ", ".join(f"{value:.3f}" for value in values)


TITLES = {"side_by_side": "Side by side", "compare": "Compare"}


def section(numbers: dict) -> tuple[str, bool]:
    medians, ratios, samples = numbers["medians"], numbers["ratios"], numbers["samples"]
    ok = all(ratio <= BUDGET for kinds in ratios.values() for ratio in kinds.values())

    def verdict(page: str, kind: str) -> str:
        return "met" if ratios[page][kind] <= BUDGET else "NOT met"

    def row(page: str, kind: str, title: str) -> str:
        return (f"| {TITLES[page]} | {title} | {medians[page][kind]:.3f} | "
                f"{medians['bare'][kind]:.3f} | **{ratios[page][kind]:.2f}** | "
                f"{BUDGET} ({verdict(page, kind)}) |")

    metric_a, metric_b = numbers["metrics"]
    threshold_a, threshold_b = numbers["thresholds"]
    rows = "\n".join(row(page, kind, title) for page in PAGES
                     for kind, title in (("first", "first mark"), ("redraw", "re-draw")))
    runs = "\n".join(
        f"- {TITLES.get(page, 'bare page')}, {title}: {_runs(samples[page][kind])}"
        for page in (*PAGES, "bare")
        for kind, title in (("first", "first mark"), ("redraw", "re-draw")))
    text = f"""## Pages

The Side by side page (`dashboard/app.py`, `/`) and the Compare page (`/compare`) against a bare
Streamlit page with one plotly bar chart and one selectbox (`tools/bare_app.py`), both apps served
at the same time from this machine and driven by the same headless Chromium; medians of \
{numbers['runs']} first marks and {redraw_runs(numbers['runs'])} re-draws each, interleaved, after \
{WARM_UPS} warm-up loads.

- **First mark**: from navigation start to the first drawn bar (Side by side: the first cell of
  its grid), in a new tab of a warm browser.
- **Re-draw**: from the click on a new option until the chart shows the new bars or the grid
  its new rows. Side by side alternates "Reported for at least" between "{threshold_a}" and
  "{threshold_b}"; Compare its metric between "{metric_a}" and "{metric_b}"; the bare page its
  data set.

| page | measure | page median (s) | bare median (s) | ratio | budget |
|---|---|---|---|---|---|
{rows}

Every run (s):

{runs}

Python {platform.python_version()} on {platform.system()} {platform.machine()}, \
{os.cpu_count()} CPUs, Chromium at {CHROMIUM} (software rendering); load average (1 min) \
{numbers['load'][0]:.1f} at the start and {numbers['load'][-1]:.1f} at the end (the machine is \
shared with other work).
"""
    return text, ok


def bench_pages(runs: int = RUNS) -> PagesResult:
    """The page benchmark as a section for docs/benchmarks.md (see tools/bench.py)."""
    if not Path(CHROMIUM).is_file():
        message = f"not measured: {CHROMIUM} is missing (bash tools/install_system_deps.sh)"
        print(f"pages: {message}")
        return PagesResult(NAME, f"## Pages\n\n{message.capitalize()}.\n", False)
    started = time.perf_counter()
    numbers = measure(runs)
    text, ok = section(numbers)
    medians, ratios = numbers["medians"], numbers["ratios"]
    for page in PAGES:
        print(f"pages: {page}: first mark {medians[page]['first']:.2f} s against bare "
              f"{medians['bare']['first']:.2f} s, ratio {ratios[page]['first']:.2f}; re-draw "
              f"{medians[page]['redraw']:.2f} s against {medians['bare']['redraw']:.2f} s, "
              f"ratio {ratios[page]['redraw']:.2f} (budget {BUDGET})")
    print(f"pages: {'ok' if ok else 'OVER BUDGET'} [{time.perf_counter() - started:.0f} s]")
    return PagesResult(NAME, text, ok, numbers)


def run(runs: int = RUNS) -> dict:
    """Measure and return the numbers (samples, medians, ratios), without writing anything."""
    return measure(runs)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS,
                        help=f"first marks per page ({RUNS}); re-draws: twice that, less one")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    result = bench_pages(args.runs)
    if not args.no_write:
        write_section(REPORT, result.name, result.section)
        print(f"results written to {REPORT.relative_to(REPO)}")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
