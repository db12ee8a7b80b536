"""Fixtures for the real-browser journeys: the app server, Debian's chromium, offline guard, shots.

- `app_url`: the dashboard served by `python -m dashboard.serve run dashboard/app.py` on a free port
  from the repo root (so `.streamlit/config.toml` applies); stopped by its PID afterwards.
- `browser_type_launch_args` / `browser_context_args`: pytest-playwright drives /usr/bin/chromium
  (never a downloaded browser); downloads are accepted.
- Every browser context routes every request: anything not addressed to 127.0.0.1/localhost is
  aborted and recorded in `OFFSITE`, which the last journey asserts empty.
- The `page` fixture saves a full-page screenshot to `artifacts/<test name>.png` after each test.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.helpers import (
    copy_of_data,
    guard_context,
    read_table,
    save_screenshot,
    write_table,
)
from tools.chromium import CHROMIUM, CHROMIUM_ARGS
from tools.streamlit_server import REPO, StreamlitServer

# ---------------------------------------------------------------------------------------------
# Browser

# A web-first assertion waits up to 15 s, not Playwright's 5 s: the machine running the journeys
# may be busy, and an element that never comes still fails.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Debian's chromium: a failure under CI (CI=true), otherwise the journeys are skipped."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return str(CHROMIUM)
    message = (f"{CHROMIUM} is missing: install Debian's chromium, fonts-wqy-microhei and "
               "fonts-noto-color-emoji (bash tools/install_system_deps.sh, as root)")
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser journeys cannot run under CI: {message}", pytrace=False)
    pytest.skip(f"browser journeys skipped: {message}")


@pytest.fixture(scope="session")
def browser_type_launch_args(chromium_executable: str) -> dict:
    return {"executable_path": chromium_executable, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {
        **browser_context_args,
        "accept_downloads": True,
        "viewport": {"width": 1366, "height": 900},
        "locale": "en-US",
    }


@pytest.fixture
def new_context(new_context: Callable[..., BrowserContext]) -> Callable[..., BrowserContext]:
    """pytest-playwright's context factory, with the offline guard installed on each context."""

    def make(**kwargs) -> BrowserContext:
        context = new_context(**kwargs)
        guard_context(context)
        return context

    return make


@pytest.fixture
def page(context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[Page]:
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    if not page.is_closed():
        save_screenshot(page, getattr(request.node, "originalname", None) or request.node.name)


# ---------------------------------------------------------------------------------------------
# Servers and data

# The dashboard reads its data root (tidy/ and geo/) from this variable; see dashboard/data.py.
DATA_ENV = "CHINA_AI_REGIONS_DATA"
# Read when the tests are collected, before any other test can change the environment.
CONFIGURED_DATA = os.environ.get(DATA_ENV, "").strip()
PLANTED_FORMULA = "=SUM(1)"
# A source URL with characters that could end a Markdown link early.
PLANTED_URL = "https://example.com/report(2024)?id=1&lang=en"


@pytest.fixture(scope="session")
def data_root() -> Path:
    """The data the app under test reads: $CHINA_AI_REGIONS_DATA, else the repository's data/."""
    return Path(CONFIGURED_DATA) if CONFIGURED_DATA else REPO / "data"


@pytest.fixture(scope="session")
def tidy_dir(data_root: Path) -> Path:
    return data_root / "tidy"


@pytest.fixture(scope="session")
def app_url(chromium_executable: str, data_root: Path) -> Iterator[str]:
    """The dashboard on the configured data, served from the repo root on a free port."""
    server = StreamlitServer("dashboard/app.py", env={DATA_ENV: str(data_root)})
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def formula_app(chromium_executable: str, data_root: Path,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """A second server on a copy of the data where one fact's note starts with "=".

    The note of the first Guangdong fact (else the first fact) becomes `=SUM(1)`, so the CSV
    download has a cell a spreadsheet would run as a formula; that fact's source gets a URL
    with parentheses and an ampersand (PLANTED_URL).
    """
    root = copy_of_data(data_root, tmp_path_factory.mktemp("data-with-formula"))
    rows = read_table(root / "tidy" / "facts.csv")
    row = next((r for r in rows if r["region_id"] == "guangdong"), rows[0])
    row["note"] = PLANTED_FORMULA
    write_table(root / "tidy" / "facts.csv", rows)
    _set_cell(root / "tidy" / "sources.csv", "source_id", row["source_id"], "url", PLANTED_URL)
    server = StreamlitServer("dashboard/app.py", env={DATA_ENV: str(root)})
    server.start()
    try:
        yield {"url": server.url, "fact_id": row["fact_id"], "text": PLANTED_FORMULA,
               "tidy": root / "tidy", "source_id": row["source_id"], "source_url": PLANTED_URL}
    finally:
        server.stop()


def _set_cell(path: Path, key: str, key_value: str, column: str, value: str) -> None:
    """Set one cell of a tidy CSV, in the rows whose `key` column holds `key_value`."""
    rows = read_table(path)
    for row in rows:
        if row[key] == key_value:
            row[column] = value
    write_table(path, rows)
