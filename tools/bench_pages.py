"""Page speed: every page of the dashboard on the real data against a bare one-chart Streamlit
page, and on a synthetic folder 100 times the real data against the real data, in the same run.

Three servers run side by side (each on its own free port): the dashboard on `data/`, the
dashboard on `tools/synth_data.py --scale 100` (generated into a temporary folder), and the bare
page; one headless Chromium drives them all. For each page, after warming up:

- first mark: time from navigation start to the page's main element, read in the page with a
  MutationObserver against `performance.now()`: Compare (and the bare page) the first plotly
  bar, Side by side the first cell of its grid, Map the map canvas with the table under it,
  Region the region's heading with its evidence, Sources the article text, Data the table with
  its row count;
- re-draw: time from the pick of a new option in a filter (Compare: the metric; Side by side:
  how many regions must report a metric; Map: the metric; Region: the region; Sources: the
  article; Data: the status filter, added and removed; bare page: its data set) until the main
  element shows the change.

Medians of RUNS first marks and RUNS + 1 re-draws, interleaved so machine noise hits every
page alike. Two sets of ratios: each page on the real data against the bare page (Side by side
and Compare within BUDGET), and each page at N = 100 against the same page on the real data
(within SCALE_BUDGET, first mark and re-draw). Screenshots of every page at N = 100 go to
artifacts/scale100/. `python tools/bench_pages.py` prints the figures and writes them into
docs/benchmarks.md between `<!-- bench:pages:start -->` and `<!-- bench:pages:end -->`;
`bench_pages()` returns the same section for `tools/bench.py`.
"""

from __future__ import annotations

import csv
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tools` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.bench_report import REPORT, write_section  # noqa: E402
from tools.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tools.streamlit_server import REPO, StreamlitServer  # noqa: E402

RUNS = 3
BUDGET = 1.3  # Side by side and Compare on the real data against the bare page
SCALE_BUDGET = 1.5  # every page at N = 100 against the same page on the real data
SCALE = 100
NAME = "pages"
BARE_APP = "tools/bare_app.py"
BARE_OPTIONS = ("first", "second")
PAGES = ("side_by_side", "compare", "map", "region", "sources", "data")
TITLES = {"side_by_side": "Side by side", "compare": "Compare", "map": "Map",
          "region": "Region", "sources": "Sources", "data": "Data", "bare": "bare page"}
PATHS = {"side_by_side": "/", "compare": "/compare", "map": "/map", "region": "/region",
         "sources": "/sources", "data": "/data"}
SCREENSHOTS = REPO / "artifacts" / "scale100"

# Installed before any page script: the time the page's main element was first drawn, the time
# of the last option pick (a click on an option, or Backspace in a picker), and every change of
# what the main element shows (time, signature). KIND picks the element.
OBSERVER_JS = """
(() => {
  const KIND = '%s';
  const SEL = '.js-plotly-plot .bars path, .js-plotly-plot .scatterlayer .points path';
  window.__firstMark = null; window.__clickAt = null; window.__changes = [];
  let last = '';
  const text = (selector) => [...document.querySelectorAll(selector)]
      .map(e => e.textContent).join('|');
  const plotly = () => [...document.querySelectorAll(SEL)]
      .map(p => p.getAttribute('d') || '').filter(d => d.length > 4 && d !== 'M0,0Z').join('|');
  const signatures = {
    plotly,
    side_by_side: () => {  // the grid's sections: the heads, then a table per theme
      if (!document.querySelector('table.sbs td')) return '';
      return [...document.querySelectorAll('table.sbs tr[data-metric]')]
          .map(r => r.dataset.metric).join(',')
          + '#' + document.querySelectorAll('table.sbs td[data-fact]').length;
    },
    map: () => {
      const canvas = document.querySelector('[data-testid=stDeckGlJsonChart] canvas');
      const table = document.querySelector('[data-testid=stDataFrame]');
      return canvas && canvas.width > 0 && table ? text('h3') : '';
    },
    region: () => {
      const cards = document.querySelectorAll('[class*="st-key-region-evidence-"]').length;
      const heading = text('h2');
      const none = document.querySelector('[data-testid=stAlertContentInfo]');
      return heading && (cards || none) ? heading + '#' + cards : '';
    },
    sources: () => {
      const body = document.querySelector('[data-testid=stHtml] div[style*="pre-wrap"]');
      return body ? text('h2') + '#' + body.textContent.length : '';
    },
    data: () => {
      const grid = document.querySelector('[data-testid=stDataFrame]');
      const count = [...document.querySelectorAll('[data-testid=stMarkdownContainer] p')]
          .map(p => p.textContent).find(t => /^[0-9,]+ of [0-9,]+ facts$/.test(t));
      return grid && count ? count : '';
    },
  };
  const signature = signatures[KIND];
  const check = () => {
    const sig = signature();
    if (sig && window.__firstMark === null) window.__firstMark = performance.now();
    if (sig !== last) { last = sig; window.__changes.push([performance.now(), sig]); }
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true,
      characterData: true, attributes: true, attributeFilter: ['d', 'width']});
  document.addEventListener('pointerdown', (e) => {
    if (e.target.closest && e.target.closest('[role=option]')) window.__clickAt = performance.now();
  }, true);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Backspace') window.__clickAt = performance.now();
  }, true);
})();
"""
IDLE_JS = """() => document.querySelector('[data-testid=stApp]')
    ?.getAttribute('data-test-script-state') === 'notRunning'"""
SIGNATURE_KIND = {"compare": "plotly", "bare": "plotly"}


@dataclass
class PagesResult:
    """Same fields as tools/bench.py's Result, so its writer can place the section."""

    name: str
    section: str
    ok: bool
    numbers: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Pick:
    """One filter change: in the picker `label`, type `typed` and click the option whose name
    matches `option` (text or pattern); `backspace` removes the last pick of a multiselect."""

    label: str
    typed: str = ""
    option: str | re.Pattern | None = None
    backspace: bool = False


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def compare_metrics(data_root: Path) -> tuple[str, str]:
    """Two metric labels whose Compare charts are bar charts over the default (focus) regions:
    the default metric and the bar metric with the most facts among those regions."""
    from tools.bench_load import compare_metrics as chart_metrics

    (_, first), (_, second) = chart_metrics(data_root, 2)
    return first, second


def side_by_side_thresholds(data_root: Path) -> tuple[str, str]:
    """Two options of "Reported for at least" that show different grids over the focus
    regions: 1, and the smallest number of regions that drops a metric."""
    tidy = data_root / "tidy"
    focus = {row["region_id"] for row in _rows(tidy / "regions.csv") if row["focus"] == "true"}
    reporting: dict[str, set[str]] = {}
    for fact in _rows(tidy / "facts.csv"):
        if fact["region_id"] in focus:
            reporting.setdefault(fact["metric_id"], set()).add(fact["region_id"])
    counts = sorted({len(regions) for regions in reporting.values()})
    drop = counts[0] + 1 if counts[0] < len(focus) else len(focus)
    return "1 of the picked regions", f"{drop} of the picked regions"


def picks(data_root: Path) -> dict[str, tuple[Pick, Pick]]:
    """The two filter changes each page alternates between, with this data's option names."""
    from dashboard.figures import region_label

    tidy = data_root / "tidy"
    metric_a, metric_b = compare_metrics(data_root)
    threshold_a, threshold_b = side_by_side_thresholds(data_root)
    regions = sorted((row for row in _rows(tidy / "regions.csv") if row["focus"] == "true"),
                     key=lambda row: int(row["focus_position"] or 0))
    region_a, region_b = (region_label(row["name_en"], row["name_zh"]) for row in regions[:2])
    sources = [row["source_id"] for row in _rows(tidy / "sources.csv")][:2]

    def prefix(text: str) -> re.Pattern:
        return re.compile("^" + re.escape(text))

    return {
        "side_by_side": (Pick("Reported for at least", threshold_b, threshold_b),
                         Pick("Reported for at least", threshold_a, threshold_a)),
        "compare": (Pick("Metric", metric_b, metric_b), Pick("Metric", metric_a, metric_a)),
        "map": (Pick("Metric", metric_b, prefix(metric_b + " (")),
                Pick("Metric", metric_a, prefix(metric_a + " ("))),
        "region": (Pick("Region", region_b, region_b), Pick("Region", region_a, region_a)),
        "sources": (Pick("Article", sources[1], prefix(sources[1] + " · ")),
                    Pick("Article", sources[0], prefix(sources[0] + " · "))),
        "data": (Pick("Status", "Target", "Target"), Pick("Status", backspace=True)),
        "bare": (Pick("Data set", BARE_OPTIONS[1], BARE_OPTIONS[1]),
                 Pick("Data set", BARE_OPTIONS[0], BARE_OPTIONS[0])),
    }


def _wait_drawn(page, timeout: float = 120_000) -> None:
    page.wait_for_function("() => window.__firstMark !== null", timeout=timeout)
    page.wait_for_function(IDLE_JS, timeout=timeout)


def first_mark(context, url: str) -> float:
    """Seconds from navigation start to the first drawn main element, in a new tab."""
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit")
        _wait_drawn(page)
        return page.evaluate("() => window.__firstMark") / 1000
    finally:
        page.close()


def redraw(page, pick: Pick, timeout: float = 120_000) -> float:
    """Seconds from the pick until the main element shows the change."""
    page.wait_for_function(IDLE_JS, timeout=timeout)
    page.wait_for_timeout(150)
    before = page.evaluate("() => window.__changes.length ? window.__changes.at(-1)[1] : ''")
    page.evaluate("() => { window.__clickAt = null; }")
    box = page.get_by_role("combobox", name=pick.label, exact=True)
    box.click()
    if pick.backspace:
        box.press("Backspace")
        page.keyboard.press("Escape")
    else:
        box.fill(pick.typed)
        page.get_by_role("option", name=pick.option, exact=isinstance(pick.option, str)) \
            .first.click()
    page.wait_for_function(
        """(before) => { const c = window.__changes; return window.__clickAt !== null &&
             c.length && c.at(-1)[1] !== before && c.at(-1)[1] !== ''; }""",
        arg=before, timeout=timeout)
    page.wait_for_function(IDLE_JS, timeout=timeout)
    page.wait_for_timeout(300)  # let the element settle: the last signature is the final one
    return page.evaluate(
        """() => { const c = window.__changes, final = c.at(-1)[1];
                   const first = c.find(([t, s]) => s === final && t >= window.__clickAt);
                   return (first[0] - window.__clickAt) / 1000; }""")


def redraw_runs(runs: int) -> int:
    """Re-draws per page for `runs` first marks: short and noisy, so one more (an even number,
    as many each way)."""
    return runs + 1


def synthetic_folder(parent: Path, scale: int = SCALE) -> Path:
    """`tools/synth_data.py --scale N` into a new folder under `parent`."""
    folder = parent / f"synth{scale}"
    subprocess.run([sys.executable, str(REPO / "tools" / "synth_data.py"), "--scale", str(scale),
                    "--out", str(folder)], cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    return folder


def _apps(pages: tuple[str, ...] = PAGES) -> dict[str, dict]:
    """Every page on both data folders, and the bare page between them: a page never starts
    while the same server is still closing the tab of the one before."""
    apps = {}
    for page in pages:
        apps[f"real:{page}"] = {"server": "real", "page": page}
        if page == pages[len(pages) // 2]:
            apps["bare"] = {"server": "bare", "page": "bare"}
        apps[f"n{SCALE}:{page}"] = {"server": f"n{SCALE}", "page": page}
    return apps


def _progress(message: str, started: float) -> None:
    print(f"pages: [{time.perf_counter() - started:5.0f} s] {message}", file=sys.stderr,
          flush=True)


def measure(runs: int = RUNS, screenshots: Path | None = SCREENSHOTS,
            pages_measured: tuple[str, ...] = PAGES) -> dict:
    """Start the apps and a browser, warm up, measure; return every sample and the medians."""
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    load = [os.getloadavg()[0]]  # the machine is shared: what else ran is part of the result
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as scratch:
        synth = synthetic_folder(Path(scratch))
        data_roots = {"real": REPO / "data", f"n{SCALE}": synth}
        page_picks = {name: picks(root) for name, root in data_roots.items()}
        page_picks["bare"] = page_picks["real"]
        servers = {"real": StreamlitServer("dashboard/app.py", env={"CHINA_AI_REGIONS_DATA":
                                                                    str(REPO / "data")}),
                   f"n{SCALE}": StreamlitServer("dashboard/app.py",
                                               env={"CHINA_AI_REGIONS_DATA": str(synth)}),
                   "bare": StreamlitServer(BARE_APP)}
        apps = _apps(pages_measured)
        samples = {name: {"first": [], "redraw": []} for name in apps}
        try:
            for server in servers.values():
                server.start()
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                     args=CHROMIUM_ARGS)
                contexts, urls = {}, {}
                for name, app in apps.items():
                    context = browser.new_context(viewport={"width": 1366, "height": 900})
                    kind = SIGNATURE_KIND.get(app["page"], app["page"])
                    context.add_init_script(OBSERVER_JS % kind)
                    contexts[name] = context
                    urls[name] = servers[app["server"]].url + PATHS.get(app["page"], "/")
                _progress("servers and browser up", started)
                # Warm-up: each page opened once in the tab its re-draws will use, and its
                # other option picked once, so every cache the measures touch is filled.
                pages = {}
                for name, app in apps.items():
                    page = contexts[name].new_page()
                    page.goto(urls[name], wait_until="commit")
                    _wait_drawn(page)
                    pages[name] = page
                    redraw(page, page_picks[app["server"]][app["page"]][0])
                _progress("warmed up", started)
                for _ in range(runs):
                    for name in apps:
                        samples[name]["first"].append(first_mark(contexts[name], urls[name]))
                _progress("first marks measured", started)
                for run in range(redraw_runs(runs)):
                    for name, app in apps.items():
                        pick = page_picks[app["server"]][app["page"]][(run + 1) % 2]
                        samples[name]["redraw"].append(redraw(pages[name], pick))
                _progress("re-draws measured", started)
                if screenshots is not None:
                    _screenshots(browser, servers[f"n{SCALE}"].url, screenshots,
                                 _longest_source(synth))
                browser.close()
            load.append(os.getloadavg()[0])
        finally:
            for server in servers.values():
                server.stop()
        facts = len(_rows(synth / "tidy" / "facts.csv"))
        regions = len({row["region_id"] for row in _rows(synth / "tidy" / "facts.csv")})
    medians = {name: {kind: statistics.median(values) for kind, values in kinds.items()}
               for name, kinds in samples.items()}
    kinds = ("first", "redraw")
    ratios = {
        "real": {page: {kind: medians[f"real:{page}"][kind] / medians["bare"][kind]
                        for kind in kinds} for page in pages_measured},
        "scale": {page: {kind: medians[f"n{SCALE}:{page}"][kind] / medians[f"real:{page}"][kind]
                         for kind in kinds} for page in pages_measured},
    }
    return {"samples": samples, "medians": medians, "ratios": ratios, "load": load,
            "picks": {name: [_pick_text(p) for p in both] for name, both in
                      page_picks[f"n{SCALE}"].items()},
            "runs": runs, "synthetic": {"facts": facts, "regions": regions}}


def _pick_text(pick: Pick) -> str:
    if pick.backspace:
        return "removed again"
    return f'"{pick.typed}"'


def _screenshots(browser, base: str, folder: Path, long_source: str) -> None:
    """Each page at N = 100 as a visitor sees it, and the Compare page over every region."""
    folder.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 2200})
    shots = {**{name: PATHS[name] for name in PAGES},
             "compare_every_region": "/compare?scope=all",
             "sources_long_report": "/sources?source=" + long_source}
    for name, path in shots.items():
        page.goto(base + path, wait_until="commit")
        page.wait_for_function(IDLE_JS, timeout=120_000)
        page.wait_for_timeout(1500)
        page.wait_for_function(IDLE_JS, timeout=120_000)
        page.screenshot(path=str(folder / f"{name}.png"))
    page.close()


def _longest_source(data_root: Path) -> str:
    """The id of the longest article of a data folder."""
    sources = _rows(data_root / "tidy" / "sources.csv")
    return max(sources, key=lambda row: int(row["chars"] or 0))["source_id"]


def _runs(values: list[float]) -> str:
    return ", ".join(f"{value:.3f}" for value in values)


def section(numbers: dict) -> tuple[str, bool]:
    medians, ratios, samples = numbers["medians"], numbers["ratios"], numbers["samples"]
    real, scale = ratios["real"], ratios["scale"]
    budgeted = ("side_by_side", "compare")
    ok = all(real[page][kind] <= BUDGET for page in budgeted for kind in ("first", "redraw")) \
        and all(r <= SCALE_BUDGET for kinds in scale.values() for r in kinds.values())

    def verdict(ratio: float, budget: float) -> str:
        return f"{budget} ({'met' if ratio <= budget else 'NOT met'})"

    measures = (("first", "first mark"), ("redraw", "re-draw"))
    real_rows = "\n".join(
        f"| {TITLES[page]} | {title} | {medians[f'real:{page}'][kind]:.3f} | "
        f"{medians['bare'][kind]:.3f} | **{real[page][kind]:.2f}** | "
        f"{verdict(real[page][kind], BUDGET) if page in budgeted else '–'} |"
        for page in PAGES for kind, title in measures)
    scale_rows = "\n".join(
        f"| {TITLES[page]} | {title} | {medians[f'n{SCALE}:{page}'][kind]:.3f} | "
        f"{medians[f'real:{page}'][kind]:.3f} | **{scale[page][kind]:.2f}** | "
        f"{verdict(scale[page][kind], SCALE_BUDGET)} |"
        for page in PAGES for kind, title in measures)
    every_run = "\n".join(
        f"- {name}, {title}: {_runs(samples[name][kind])}"
        for name in samples for kind, title in measures)
    picked = "; ".join(f"{TITLES[page]}: {' / '.join(numbers['picks'][page])}"
                       for page in (*PAGES, "bare"))
    synthetic = numbers.get("synthetic", {})
    text = f"""## Pages

Every page of the dashboard (`dashboard/app.py`) served on the real data (`data/`) and on a
synthetic folder {SCALE} times its size (`tools/synth_data.py --scale {SCALE}`: \
{synthetic.get('facts', '?')} facts on {synthetic.get('regions', '?')} regions), next to a bare
Streamlit page with one plotly bar chart and one selectbox (`tools/bare_app.py`), all three served
at the same time from this machine and driven by the same headless Chromium; medians of \
{numbers['runs']} first marks and {redraw_runs(numbers['runs'])} re-draws each, interleaved, after \
a warm-up (each page opened once and its other option picked once).

- **First mark**: from navigation start to the page's main element, in a new tab of a warm
  browser: Compare and the bare page their first bar, Side by side the first cell of its grid,
  Map the map canvas with the table under it, Region the heading with its evidence, Sources the
  article text, Data the table with its row count.
- **Re-draw**: from the pick of a new option until the main element shows the change. At N =
  {SCALE}: {picked}. On the real data the same pickers, with its own options.

### The real data against the bare page

| page | measure | page median (s) | bare median (s) | ratio | budget |
|---|---|---|---|---|---|
{real_rows}

### {SCALE} times the data against the real data

| page | measure | N = {SCALE} median (s) | real median (s) | ratio | budget |
|---|---|---|---|---|---|
{scale_rows}

Screenshots of every page at N = {SCALE}: `artifacts/scale100/` (written by this run).

Every run (s):

{every_run}

Python {platform.python_version()} on {platform.system()} {platform.machine()}, \
{os.cpu_count()} CPUs, Chromium at {CHROMIUM} (software rendering); load average (1 min) \
{numbers['load'][0]:.1f} at the start and {numbers['load'][-1]:.1f} at the end (the machine is \
shared with other work).
"""
    return text, ok


def bench_pages(runs: int = RUNS) -> PagesResult:
    """The page benchmark as a section for docs/benchmarks.md (see tools/bench.py)."""
    if not CHROMIUM.is_file():
        message = f"not measured: {CHROMIUM} is missing (bash tools/install_system_deps.sh)"
        print(f"pages: {message}")
        return PagesResult(NAME, f"## Pages\n\n{message.capitalize()}.\n", False)
    started = time.perf_counter()
    numbers = measure(runs)
    text, ok = section(numbers)
    medians, ratios = numbers["medians"], numbers["ratios"]
    for page in PAGES:
        print(f"pages: {page}: first mark {medians[f'real:{page}']['first']:.2f} s (bare "
              f"{medians['bare']['first']:.2f} s, at N = {SCALE} "
              f"{medians[f'n{SCALE}:{page}']['first']:.2f} s: ratio "
              f"{ratios['scale'][page]['first']:.2f}); re-draw "
              f"{medians[f'real:{page}']['redraw']:.2f} s (at N = {SCALE} "
              f"{medians[f'n{SCALE}:{page}']['redraw']:.2f} s: ratio "
              f"{ratios['scale'][page]['redraw']:.2f})")
    print(f"pages: {'ok' if ok else 'OVER BUDGET'} [{time.perf_counter() - started:.0f} s]")
    return PagesResult(NAME, text, ok, numbers)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS,
                        help=f"first marks per page ({RUNS}); re-draws: twice that, less one")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--page", action="append", choices=PAGES,
                        help="measure only these pages (repeatable; implies --no-write)")
    args = parser.parse_args(argv)
    if args.page:
        numbers = measure(args.runs, screenshots=None, pages_measured=tuple(args.page))
        for name, kinds in numbers["medians"].items():
            print(f"{name}: first {kinds['first']:.3f} s, re-draw {kinds['redraw']:.3f} s")
        return 0
    result = bench_pages(args.runs)
    if not args.no_write:
        write_section(REPORT, result.name, result.section)
        print(f"results written to {REPORT.relative_to(REPO)}")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
