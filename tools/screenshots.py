"""Screenshots of every page of the dashboard on a data folder, for looking at it as a visitor.

    python tools/screenshots.py --data /tmp/synth100 --out artifacts/scale100 [--prefix n100]

Serves `dashboard/app.py` on a free local port with CHINA_AI_REGIONS_DATA=DATA, opens each page
in headless Chromium (Debian's /usr/bin/chromium), waits until the page's script has finished and
its main element is drawn, and saves a full-page PNG per page. Also records how long each page
took to its main element.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from playwright.sync_api import sync_playwright  # noqa: E402

from tools.streamlit_server import StreamlitServer  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
# Each page, the address it opens and the element that shows its main content.
PAGES = {
    "side_by_side": ("/", "table.sbs td"),
    "compare": ("/compare", ".js-plotly-plot .bars path, .js-plotly-plot .points path"),
    "compare_all": ("/compare?scope=all", ".js-plotly-plot .bars path, "
                    ".js-plotly-plot .points path"),
    "map": ("/map", "[data-testid=stDeckGlJsonChart] canvas"),
    "region": ("/region?region=guangdong", "[data-testid=stMarkdownContainer] mark, "
               "[data-testid=stExpander]"),
    "sources": ("/sources", ".article-text, [data-testid=stHtml]"),
    "data": ("/data", "[data-testid=stDataFrame] canvas, [data-testid=stDataFrame]"),
}


def shoot(base: str, out: Path, prefix: str, pages: dict[str, tuple[str, str]],
          height: int = 1000) -> dict[str, float]:
    """A PNG of each page (name -> (address, main element)); seconds to each main element."""
    times = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": height})
        for name, (path, selector) in pages.items():
            start = time.perf_counter()
            page.goto(base + path)
            page.wait_for_selector(selector, timeout=120_000, state="attached")
            times[name] = time.perf_counter() - start
            page.wait_for_selector(IDLE, timeout=120_000)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(out / f"{prefix}_{name}.png"), full_page=True)
            print(f"{name}: {times[name]:.2f} s", flush=True)
        browser.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="data folder (default: data/)")
    parser.add_argument("--out", type=Path, default=REPO / "artifacts")
    parser.add_argument("--prefix", default="page")
    parser.add_argument("--height", type=int, default=1000, help="viewport height in pixels")
    parser.add_argument("--page", action="append", default=[],
                        help="only these pages (names from PAGES); repeatable")
    parser.add_argument("--url", action="append", default=[], metavar="NAME=PATH",
                        help="also shoot this address, e.g. sources_long=/sources?source=s0060")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    env = {"CHINA_AI_REGIONS_DATA": str(args.data.resolve())} if args.data else {}
    pages = {name: PAGES[name] for name in (args.page or PAGES)}
    for item in args.url:
        name, path = item.split("=", 1)
        pages[name] = (path, "body")
    with StreamlitServer(REPO / "dashboard" / "app.py", env=env) as server:
        shoot(server.url, args.out, args.prefix, pages, args.height)
    return 0


if __name__ == "__main__":
    sys.exit(main())
