"""Load and memory: ten visitors at once against one alone, and the server's memory over 200 loads.

The visitors are light clients (tools/light_client.py) speaking Streamlit's websocket protocol,
not browsers: ten Chromium instances would measure the browsers, not the server. For each data
size N (N = 1: the repository's `data/`; N = 100: a folder written by `tools/synth_data.py
--scale 100`, when that script exists), one server is started and:

1. memory after start (VmRSS of the server process, after `/_stcore/health`, before any session);
2. one warm-up visitor, then ALONE_RUNS visitors one after the other, then VISITORS visitors at
   once (connected first, then released together). A visitor opens
   `/compare?metric=<first>` and changes the metric twice. Per action: seconds from the rerun
   request to the plotly chart's delta (the first mark) and to `script_finished`. Every action
   is checked: no exception element, no compilation error, no disconnect, the chart drawn is the
   requested metric's (its title) and the URL the app writes names it (no lost update);
3. memory after the ten, then after PAGE_LOADS page loads (or as many as LOADS_SECONDS
   allow; sessions opened and closed in batches of VISITORS, cycling over every page), then
   after the disconnected sessions that Streamlit keeps for a reconnect have expired
   (`server.disconnectedSessionTTL`, set to SESSION_TTL s here instead of the default 120 s
   so that the bench can wait for it).

The server's CPU seconds (utime + stime from /proc/PID/stat) are read around each phase.
Targets: p95 of the per-action latency with ten at once at most LATENCY_BUDGET times the p95
alone; the memory after the loads at most MEMORY_BUDGET times the memory after the ten.

    python tools/bench_load.py              # measure, print, write docs/benchmarks.md
    python tools/bench_load.py --no-write   # measure and print only
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import csv
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tools` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.bench_report import REPORT, write_section  # noqa: E402
from tools.light_client import LightSession, RunResult  # noqa: E402
from tools.streamlit_server import REPO, StreamlitServer  # noqa: E402

NAME = "load"
TITLE = "## Load: ten visitors and memory"
APP = "dashboard/app.py"
VISITORS = 10
ALONE_RUNS = 5
PAGE_LOADS = 200
# url paths of the pages of dashboard/app.py's st.navigation ("" is the default page, `/`)
PAGES = ("", "compare", "map", "region", "sources", "data")
RSS_TRACE_AT = (10, 50, 100, 150, 200)  # page loads after which VmRSS is read too
LOADS_SECONDS = 60.0  # page loads stop after this long even short of PAGE_LOADS
SESSION_TTL = 5  # seconds a disconnected session is kept for a reconnect (default 120)
LATENCY_BUDGET = 3.0
MEMORY_BUDGET = 1.2
SCALES = (1, 100)
SYNTH = REPO / "tools" / "synth_data.py"
BARE_APP = REPO / "tools" / "bare_app.py"  # the one-chart page the page benchmark compares with
BARE_PICKER = "Data set"
PREFERRED_METRIC = "computing_power"  # the Compare page's default metric


# Small pure helpers (unit-tested) ----------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between closest ranks."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} outside 0-100")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def read_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process `pid` (all its threads), from /proc/PID/stat."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2:].split()  # the name may hold spaces; fields from 3
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5)
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def read_rss_bytes(pid: int) -> int:
    """Resident memory (VmRSS) of process `pid`, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            value, unit = line.split()[1:3]
            assert unit == "kB", unit
            return int(value) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def compare_metrics(data_root: Path, count: int = 3) -> list[tuple[str, str]]:
    """`count` (metric_id, label) whose Compare chart is a bar chart over the default regions.

    The page's default metric first, then the bar metrics with the most figures for the focus
    regions.
    """
    tidy = data_root / "tidy"
    metrics = {row["metric_id"]: row for row in _rows(tidy / "metrics.csv")}
    focus = {row["region_id"] for row in _rows(tidy / "regions.csv") if row["focus"] == "true"}
    counts: dict[str, int] = {}
    for fact in _rows(tidy / "facts.csv"):
        metric = metrics[fact["metric_id"]]
        if fact["region_id"] in focus and metric["kind"] != "categorical" and fact["value"]:
            counts[fact["metric_id"]] = counts.get(fact["metric_id"], 0) + 1
    first = PREFERRED_METRIC if PREFERRED_METRIC in counts else max(counts, key=counts.get)
    others = sorted((m for m in counts if m != first), key=lambda m: (-counts[m], m))
    chosen = [first, *others[:count - 1]]
    if len(chosen) < count:
        raise RuntimeError(f"only {len(chosen)} metrics draw a chart on the Compare page")
    return [(metric_id, metrics[metric_id]["label"]) for metric_id in chosen]


def check_action(result: RunResult, metric_id: str, label: str, default_metric: str
                 ) -> list[str]:
    """What went wrong in one action: errors, or a chart or URL for another metric."""
    problems = list(result.errors)
    if result.finished_at is None:
        problems.append("no script_finished")
    titles = result.chart_titles()
    if titles != [label]:
        problems.append(f"lost update: asked for {label!r}, chart(s) drawn: {titles}")
    wanted = "" if metric_id == default_metric else f"metric={metric_id}"
    query = result.query_string or ""
    if wanted and wanted not in query.split("&"):
        problems.append(f"lost update: asked for {metric_id!r}, URL written: {query!r}")
    if not wanted and "metric=" in query:
        problems.append(f"lost update: asked for the default metric, URL written: {query!r}")
    return problems


# One visitor -------------------------------------------------------------------------------


@dataclass
class Action:
    kind: str  # "open" or "change"
    chart: float | None
    finished: float | None
    problems: list[str]


@dataclass
class Visit:
    actions: list[Action] = field(default_factory=list)
    total: float = 0.0  # from the connect to the last script_finished
    connect: float = 0.0
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Scenario:
    """What one visitor does: open `page?query` on the first of `steps`, then pick each of the
    others in the selectbox `picker`; `check(result, id, label)` lists what went wrong."""

    page: str
    query: str
    picker: str
    steps: tuple[tuple[str, str], ...]  # (id, label of the option)
    check: Callable[[RunResult, str, str], list[str]]


def compare_scenario(metrics: Sequence[tuple[str, str]]) -> Scenario:
    """Open Compare on the first metric, then pick the second and the third."""
    default = metrics[0][0]
    return Scenario("compare", f"metric={default}", "Metric", tuple(metrics),
                    lambda result, metric_id, label: check_action(result, metric_id, label,
                                                                  default))


def bare_data(path: Path = BARE_APP) -> dict[str, dict[str, float]]:
    """The bare page's data sets, read from its source (importing it would run the page)."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets
                                             if isinstance(t, ast.Name)] == ["DATA"]:
            return ast.literal_eval(node.value)
    raise RuntimeError(f"{path}: no DATA = {{...}}")


def check_bare(result: RunResult, choice: str, data: Mapping[str, Mapping[str, float]]
               ) -> list[str]:
    """What went wrong in one action on the bare page: errors, or a chart of the other set."""
    problems = list(result.errors)
    if result.finished_at is None:
        problems.append("no script_finished")
    drawn = [json.loads(spec).get("data", [{}])[0].get("y") for spec in result.charts]
    if drawn != [list(data[choice].values())]:
        problems.append(f"lost update: asked for {choice!r}, chart(s) drawn: {drawn}")
    return problems


def bare_scenario() -> Scenario:
    """Open the bare page (its first data set), then pick the second and the first again."""
    data = bare_data()
    first, second = list(data)[:2]
    return Scenario("", "", BARE_PICKER, ((first, first), (second, second), (first, first)),
                    lambda result, choice, _: check_bare(result, choice, data))


async def visit(port: int, scenario: Scenario, start: asyncio.Event | None = None,
                timeout: float = 120.0, ready: asyncio.Event | None = None) -> Visit:
    """One visitor's `scenario`.

    With `start`: connect, set `ready`, and wait for `start` before the first request.
    """
    result = Visit()
    began = time.perf_counter()
    session = LightSession(port, timeout=timeout)
    try:
        try:
            await session.connect()
        finally:
            if ready is not None:
                ready.set()
        result.connect = session.connect_seconds or 0.0
        if start is not None:
            await start.wait()
            began = time.perf_counter() - result.connect
        first_id, first_label = scenario.steps[0]
        run = await session.open(scenario.page, scenario.query)
        result.actions.append(Action("open", run.chart_seconds, run.finished_seconds,
                                     scenario.check(run, first_id, first_label)))
        for step_id, label in scenario.steps[1:]:
            if not run.ok:
                break
            box = session.widget(scenario.picker, "selectbox")
            if label not in box.options:
                result.problems.append(f"{label!r} is not an option of {scenario.picker!r}")
                break
            run = await session.set_widget(box, label)
            result.actions.append(Action("change", run.chart_seconds, run.finished_seconds,
                                         scenario.check(run, step_id, label)))
    except Exception as exc:  # a refused connection, a protocol surprise: counted, not raised
        result.problems.append(f"{type(exc).__name__}: {exc}")
    finally:
        await session.close()
    result.total = time.perf_counter() - began
    for action in result.actions:
        result.problems.extend(action.problems)
    if len(result.actions) != len(scenario.steps) and not result.problems:
        result.problems.append("not every action ran")
    return result


async def visit_together(port: int, scenario: Scenario, count: int) -> list[Visit]:
    """`count` visitors connected first, then started at the same moment."""
    start = asyncio.Event()
    ready = [asyncio.Event() for _ in range(count)]
    tasks = [asyncio.create_task(visit(port, scenario, start, ready=event)) for event in ready]
    try:
        async with asyncio.timeout(60):
            for event in ready:
                await event.wait()
    except TimeoutError:
        pass  # the visitors still waiting report their own problem
    start.set()
    return list(await asyncio.gather(*tasks))


async def load_page(port: int, page: str, timeout: float = 120.0) -> tuple[float, list[str]]:
    """Open one page in a new session and close it: (seconds to script_finished, problems)."""
    began = time.perf_counter()
    try:
        async with LightSession(port, timeout=timeout) as session:
            run = await session.open(page)
        problems = list(run.errors) + ([] if run.finished_at else ["no script_finished"])
    except Exception as exc:
        problems = [f"{type(exc).__name__}: {exc}"]
    return time.perf_counter() - began, [f"/{page}: {p}" for p in problems]


# One data size -----------------------------------------------------------------------------


def _mib(value: int) -> float:
    return value / 2**20


def alone_and_ten(pid: int, port: int, scenario: Scenario, numbers: dict) -> None:
    """ALONE_RUNS visitors one after the other, then VISITORS at once: their visits, the
    server's CPU seconds per visit and every problem, into `numbers`."""
    cpu = read_cpu_seconds(pid)
    alone = [asyncio.run(visit(port, scenario)) for _ in range(ALONE_RUNS)]
    numbers["cpu_alone"] = (read_cpu_seconds(pid) - cpu) / ALONE_RUNS
    cpu = read_cpu_seconds(pid)
    together = asyncio.run(visit_together(port, scenario, VISITORS))
    numbers["cpu_together"] = (read_cpu_seconds(pid) - cpu) / VISITORS
    time.sleep(0.5)  # let the server finish closing the ten sessions
    numbers["alone"], numbers["together"] = alone, together
    for one in (*alone, *together):
        numbers["problems"] += one.problems


def measure_bare() -> dict:
    """The bare one-chart page (tools/bare_app.py) under the same visitors: what Streamlit
    itself costs on this machine, the floor under the dashboard's figures."""
    server = StreamlitServer(BARE_APP.relative_to(REPO))
    numbers: dict = {"problems": []}
    server.start()
    try:
        scenario = bare_scenario()
        numbers["problems"] += asyncio.run(visit(server.port, scenario)).problems  # warm-up
        alone_and_ten(server.proc.pid, server.port, scenario, numbers)
    finally:
        server.stop()
    return numbers


def measure_scale(data_root: Path | None, label: str) -> dict:
    """Start the app on `data_root` (None: the repository's data/) and run every phase."""
    env = {"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(SESSION_TTL)}
    if data_root is not None:
        env["CHINA_AI_REGIONS_DATA"] = str(data_root)
    metrics = compare_metrics(data_root or REPO / "data")
    server = StreamlitServer(APP, env=env)
    numbers: dict = {"label": label, "metrics": metrics, "problems": []}
    started = time.perf_counter()
    server.start()
    try:
        pid, port = server.proc.pid, server.port
        numbers["rss_start"] = read_rss_bytes(pid)

        scenario = compare_scenario(metrics)
        warm = asyncio.run(visit(port, scenario))
        numbers["problems"] += warm.problems
        for page in PAGES:  # every page drawn once: its code loaded, its caches filled
            _, problems = asyncio.run(load_page(port, page))
            numbers["problems"] += problems

        alone_and_ten(pid, port, scenario, numbers)
        numbers["rss_after_ten"] = read_rss_bytes(pid)

        cpu = read_cpu_seconds(pid)
        loads_started = time.perf_counter()
        page_times: dict[str, list[float]] = {page: [] for page in PAGES}
        rss_trace: dict[int, int] = {}
        done = 0

        async def batch(pages: list[str]) -> list[tuple[float, list[str]]]:
            return list(await asyncio.gather(*(load_page(port, page) for page in pages)))

        for first in range(0, PAGE_LOADS, VISITORS):
            if time.perf_counter() - loads_started > LOADS_SECONDS:
                break
            pages = [PAGES[i % len(PAGES)] for i in range(first, min(first + VISITORS,
                                                                      PAGE_LOADS))]
            for page, (seconds, problems) in zip(pages, asyncio.run(batch(pages)), strict=True):
                page_times[page].append(seconds)
                numbers["problems"] += problems
            done = first + len(pages)
            if done in RSS_TRACE_AT:
                rss_trace[done] = read_rss_bytes(pid)
        numbers["loads"] = done
        if done not in rss_trace:
            rss_trace[done] = read_rss_bytes(pid)
        numbers["rss_trace"] = rss_trace
        numbers["loads_seconds"] = time.perf_counter() - loads_started
        numbers["cpu_per_load"] = (read_cpu_seconds(pid) - cpu) / done
        numbers["page_times"] = page_times
        time.sleep(0.5)
        numbers["rss_after_loads"] = read_rss_bytes(pid)

        # Disconnected sessions are dropped lazily, on the next write to the session store:
        # wait out the TTL, then one more page load (its disconnect is that write).
        time.sleep(SESSION_TTL + 1)
        for _ in range(2):
            _, problems = asyncio.run(load_page(port, "sources"))
            numbers["problems"] += problems
        time.sleep(0.5)
        numbers["rss_after_expiry"] = read_rss_bytes(pid)
        numbers["cpu_total"] = read_cpu_seconds(pid)
    finally:
        server.stop()
    numbers["seconds"] = time.perf_counter() - started
    return numbers


def synth_folder(scale: int, out: Path) -> tuple[Path | None, str]:
    """Write the synthetic data folder of size `scale`; (folder, note) or (None, why not)."""
    if not SYNTH.is_file():
        return None, f"not measured: {SYNTH.relative_to(REPO)} missing"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(SYNTH), "--scale", str(scale), "--out", str(out)],
                          cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return None, f"not measured: {SYNTH.name} failed ({' / '.join(tail)})"
    return out, f"written by `{SYNTH.relative_to(REPO)} --scale {scale}` in " \
                f"{time.perf_counter() - started:.0f} s"


def measure(scales: Sequence[int] = SCALES) -> dict:
    numbers: dict = {"scales": {}, "load": [os.getloadavg()]}
    started = time.perf_counter()
    numbers["bare"] = measure_bare()
    for scale in scales:
        if scale == 1:
            numbers["scales"][scale] = measure_scale(None, "the repository's `data/`")
            continue
        with tempfile.TemporaryDirectory(prefix=f"bench-load-{scale}-") as folder:
            root, note = synth_folder(scale, Path(folder) / "data")
            if root is None:
                numbers["scales"][scale] = {"skipped": note}
                continue
            numbers["scales"][scale] = measure_scale(root, f"a synthetic folder, {note}")
    numbers["load"].append(os.getloadavg())
    numbers["seconds"] = time.perf_counter() - started
    return numbers


# Figures and the report --------------------------------------------------------------------


def latencies(visits: Sequence[Visit], kind: str | None, measure_: str) -> list[float]:
    values = []
    for one in visits:
        for action in one.actions:
            if kind is None or action.kind == kind:
                value = getattr(action, measure_)
                if value is not None:
                    values.append(value)
    return values


def latency_rows(alone: Sequence[Visit], together: Sequence[Visit]) -> dict:
    """p50/p95 alone and ten at once, and the p95 ratio, per action kind and end point."""
    rows = {}
    for kind in ("open", "change", None):
        for what in ("chart", "finished"):
            one, ten = latencies(alone, kind, what), latencies(together, kind, what)
            if not one or not ten:
                continue
            rows[(kind, what)] = {
                "one": (percentile(one, 50), percentile(one, 95), len(one)),
                "ten": (percentile(ten, 50), percentile(ten, 95), len(ten)),
                "ratio": percentile(ten, 95) / percentile(one, 95),
            }
    return rows


def summary(numbers: dict) -> dict:
    """p50/p95 per action kind, ratios and verdicts of one data size."""
    rows = latency_rows(numbers["alone"], numbers["together"])
    latency_ratio = rows.get((None, "chart"), {}).get("ratio", math.inf)
    memory_ratio = numbers["rss_after_expiry"] / numbers["rss_after_ten"]
    return {
        "rows": rows,
        "latency_ratio": latency_ratio,
        "latency_ok": latency_ratio <= LATENCY_BUDGET,
        "memory_ratio": memory_ratio,
        "memory_ratio_before_expiry": numbers["rss_after_loads"] / numbers["rss_after_ten"],
        "memory_ok": memory_ratio <= MEMORY_BUDGET,
        "memory_ratio_after_first_batch":
            numbers["rss_after_expiry"] / next(iter(numbers["rss_trace"].values())),
        "clean": not numbers["problems"],
    }


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


KIND_TITLES = {"open": "open Compare", "change": "change the metric", None: "every action"}
WHAT_TITLES = {"chart": "chart arrives", "finished": "script finished"}


BARE_KIND_TITLES = {"open": "open the page", "change": "change the data set",
                    None: "every action"}


def latency_lines(rows: dict, kind_titles: Mapping) -> list[str]:
    """The rows of a latency table, the ratio the target is on in bold."""
    lines = []
    for (kind, what), row in rows.items():
        one, ten = row["one"], row["ten"]
        ratio = f"**{row['ratio']:.2f}**" if (kind, what) == (None, "chart") else \
            f"{row['ratio']:.2f}"
        lines.append(f"| {kind_titles[kind]} | {WHAT_TITLES[what]} | {one[0]:.3f} | {one[1]:.3f}"
                     f" | {ten[0]:.3f} | {ten[1]:.3f} | {ratio} |")
    return lines


LATENCY_HEAD = """| action | until | alone p50 | alone p95 | ten p50 | ten p95 | p95 ten / alone |
|---|---|---|---|---|---|---|"""


def bare_ratio(numbers: dict) -> float:
    """The bare page's p95 ten / alone (every action, chart), or NaN if it was not measured."""
    bare = numbers.get("bare")
    if not bare or not bare.get("alone"):
        return math.nan
    return latency_rows(bare["alone"], bare["together"]).get((None, "chart"), {}).get(
        "ratio", math.nan)


def bare_section(bare: dict) -> str:
    """The bare page under the same visitors: the floor the framework and machine set."""
    rows = latency_rows(bare["alone"], bare["together"])
    problems = bare["problems"]
    shown = "".join(f"\n  - {p}" for p in problems[:10])
    ratio = rows.get((None, "chart"), {}).get("ratio", math.nan)
    return f"""### The floor: a bare page under the same visitors

`tools/bare_app.py` (one selectbox and one plotly bar chart, the page benchmark's baseline),
served the same way and visited the same way in this run: opened, then its data set changed
twice, {ALONE_RUNS} visitors alone and {VISITORS} at once; \
{'no error and no lost update' if not problems else f'**{len(problems)} problem(s)**'}.{shown}

{LATENCY_HEAD}
{chr(10).join(latency_lines(rows, BARE_KIND_TITLES))}

- **p95 ten / alone, every action, chart: {ratio:.2f}**. Server CPU per visit:
  {bare['cpu_alone']:.3f} s alone, {bare['cpu_together']:.3f} s with ten at once (more than
  the Compare page's: plotly builds and checks the figure at every run, and nothing of the
  bare page is kept out of the collection Streamlit runs after each run).
- Why both pages land near ten: a Streamlit server is one Python process, whose script runs
  and sending hold Python's lock in turn, so ten requests that arrive together are served one
  after another, and the last ends about ten times one request's CPU time after they arrived.
  Alone, a visitor on this machine waits for nothing but that CPU time (no network to cross,
  no disk), so the p95 with ten at once tends to ten times the p95 alone, however fast or
  slow the page. Within 3x, the ten would have to run about four at a time; one process runs
  one, and a second process on this 2-core machine, which also runs the ten clients, could at
  best halve the queue.
"""


def scale_section(scale: int, numbers: dict, bare: float = math.nan) -> tuple[str, bool]:
    if "skipped" in numbers:
        return f"### N = {scale}\n\n{numbers['skipped'].capitalize()}.\n", True
    s = summary(numbers)
    lines = latency_lines(s["rows"], KIND_TITLES)
    alone_totals = [v.total for v in numbers["alone"]]
    ten_totals = [v.total for v in numbers["together"]]
    changes = sum(1 for v in numbers["together"] + numbers["alone"] for a in v.actions
                  if a.kind == "change")
    problems = numbers["problems"]
    shown = "".join(f"\n  - {p}" for p in problems[:10])
    page_rows = "\n".join(
        f"| `/{page}` | {len(times)} | {statistics.median(times):.2f} | {max(times):.2f} |"
        for page, times in numbers["page_times"].items() if times)
    rss = [("after start (health, no session yet)", numbers["rss_start"]),
           (f"after the warm-up (one visitor, one load of each page), {ALONE_RUNS} single and "
            f"{VISITORS} simultaneous visitors",
            numbers["rss_after_ten"]),
           (f"after {numbers['loads']} more page loads (the last {SESSION_TTL} s of sessions "
            "still kept for a reconnect)", numbers["rss_after_loads"]),
           (f"after those expired ({SESSION_TTL + 1} s later, two more loads)",
            numbers["rss_after_expiry"])]
    trace = ", ".join(f"{_mib(value):.0f} after {done}" for done, value in
                      numbers["rss_trace"].items())
    rss_rows = "\n".join(f"| {what} | {_mib(value):.0f} | "
                         f"{value / numbers['rss_after_ten']:.2f} |" for what, value in rss)
    ok = s["latency_ok"] and s["memory_ok"] and s["clean"]
    bare_note = ("" if math.isnan(bare) else
                 f"; the bare page's in the same run: {bare:.2f}, so the dashboard's own share "
                 f"is {s['latency_ratio'] / bare:.2f}x that floor")
    metrics = ", ".join(f"\"{label}\"" for _, label in numbers["metrics"])
    text = f"""### N = {scale}

Data: {numbers['label']}. Metrics: {metrics}. Every action of every visitor checked: \
{'no error and no lost update' if not problems else f'**{len(problems)} problem(s)**'} \
({changes} metric changes, {numbers['loads'] + 2} page loads).{shown}

Seconds from the rerun request (the first message of a visit, or the metric pick) to the
plotly chart's delta and to `script_finished`: p50 and p95 over {ALONE_RUNS} visitors one after
the other ("alone", after one warm-up visitor not counted) and {VISITORS} at once.

{LATENCY_HEAD}
{chr(10).join(lines)}

- **p95 ten / alone, every action, chart: {s['latency_ratio']:.2f}** (target
  {LATENCY_BUDGET:g} or less: {_verdict(s['latency_ok'])}){bare_note}.
- One visit (connect, open, two changes): alone median {statistics.median(alone_totals):.2f} s;
  ten at once median {statistics.median(ten_totals):.2f} s, slowest {max(ten_totals):.2f} s.
  Every visit (s): alone {_seconds(alone_totals)}; ten at once {_seconds(ten_totals)}.
- Server CPU per visit: {numbers['cpu_alone']:.2f} s alone, {numbers['cpu_together']:.2f} s
  with ten at once; {numbers['cpu_per_load']:.2f} s per page load.

{numbers['loads']} page loads ({PAGE_LOADS}, or as many as {LOADS_SECONDS:.0f} s allow), \
{VISITORS} at a time, cycling over the pages, in {numbers['loads_seconds']:.0f} s (seconds from
connect to `script_finished`):

| page | loads | median (s) | slowest (s) |
|---|---|---|---|
{page_rows}

Server memory (VmRSS):

| when | MiB | / after the ten |
|---|---|---|
{rss_rows}

- During the loads (MiB, right after a batch): {trace}.
- **After the loads, sessions expired / after the ten: {s['memory_ratio']:.2f}** (target
  {MEMORY_BUDGET:g} or less: {_verdict(s['memory_ok'])}); before they expired:
  {s['memory_ratio_before_expiry']:.2f}. Against the first batch of loads (every page drawn
  once, so every page's cache filled): {s['memory_ratio_after_first_batch']:.2f}.
- This data size took {numbers['seconds']:.0f} s, server start included.
"""
    return text, ok


def section(numbers: dict) -> tuple[str, bool]:
    parts, ok = [], True
    floor = bare_ratio(numbers)
    for scale, scale_numbers in numbers["scales"].items():
        text, scale_ok = scale_section(scale, scale_numbers, floor)
        parts.append(text)
        ok = ok and scale_ok
    if numbers.get("bare"):
        parts.append(bare_section(numbers["bare"]))
        ok = ok and not numbers["bare"]["problems"]
    before, after = numbers["load"][0], numbers["load"][-1]
    settings = {k: v for k, v in os.environ.items() if k.startswith("STREAMLIT_")}
    settings_note = ("Streamlit settings from the environment: " + ", ".join(
        f"`{k}={v}`" for k, v in sorted(settings.items())) + ".\n") if settings else ""
    text = f"""{TITLE}

The server (`python -m dashboard.serve run {APP}`, one process, as `make run` serves it) visited
by light clients that speak
Streamlit's websocket protocol (`tools/light_client.py`): each sends the `rerun_script` messages
a browser sends and reads the `ForwardMsg`s, so ten of them load the server, not the machine.
A visitor opens `/compare?metric=…` and changes the metric twice (a fragment rerun, as a pick
in the browser). `server.disconnectedSessionTTL` is {SESSION_TTL} s for this run (default
120 s) so that the memory after the kept sessions expire can be read within the run.
{settings_note}
{chr(10).join(parts)}
Python {platform.python_version()} on {platform.system()} {platform.machine()}, \
{os.cpu_count()} CPUs; load average (1, 5, 15 min) {_load(before)} at the start and \
{_load(after)} at the end (the machine is shared with other work); {numbers['seconds']:.0f} s in
all.
"""
    return text, ok


def _seconds(values: Sequence[float]) -> str:
    return ", ".join(f"{value:.2f}" for value in values)


def _load(values: Sequence[float]) -> str:
    return "/".join(f"{value:.1f}" for value in values)


@dataclass
class LoadResult:
    """Same fields as tools/bench.py's Result, so its writer can place the section."""

    name: str
    section: str
    ok: bool
    numbers: dict = field(default_factory=dict)


def bench_load(scales: Sequence[int] = SCALES) -> LoadResult:
    """The load benchmark as a section for docs/benchmarks.md (see tools/bench.py)."""
    numbers = measure(scales)
    text, ok = section(numbers)
    bare = numbers.get("bare")
    if bare:
        print(f"load: bare page: p95 ten / alone {bare_ratio(numbers):.2f}; CPU per visit "
              f"{bare['cpu_alone']:.3f} s alone, {bare['cpu_together']:.3f} s of ten; problems "
              f"{len(bare['problems'])}")
    for scale, one in numbers["scales"].items():
        if "skipped" in one:
            print(f"load: N = {scale}: {one['skipped']}")
            continue
        s = summary(one)
        print(f"load: N = {scale}: p95 ten / alone {s['latency_ratio']:.2f} "
              f"(target {LATENCY_BUDGET:g}: {_verdict(s['latency_ok'])}); memory after loads / "
              f"after ten {s['memory_ratio']:.2f} (target {MEMORY_BUDGET:g}: "
              f"{_verdict(s['memory_ok'])}); CPU per visit {one['cpu_alone']:.2f} s alone, "
              f"{one['cpu_together']:.2f} s of ten; problems {len(one['problems'])}")
        for problem in one["problems"][:10]:
            print(f"load:   {problem}")
    print(f"load: {'ok' if ok else 'TARGET MISSED'} [{numbers['seconds']:.0f} s]")
    return LoadResult(NAME, text, ok, numbers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, action="append",
                        help=f"data sizes to measure (default: {', '.join(map(str, SCALES))})")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    result = bench_load(tuple(args.scale or SCALES))
    if args.no_write:
        print(result.section)
    else:
        write_section(REPORT, result.name, result.section)
        print(f"results written to {REPORT.relative_to(REPO)}")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
