"""Shared pieces of the browser journeys: offline guard, waiting for the app, screenshots."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image
from playwright.sync_api import BrowserContext, Dialog, Locator, Page, Request, Route

from tools.streamlit_server import REPO

ARTIFACTS = REPO / "artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"

# Every request to another host seen by any context in this session: "METHOD url".
OFFSITE: list[str] = []
# Every JavaScript dialog (alert, confirm, prompt) any page opened: "type: message".
DIALOGS: list[str] = []
# The app paths opened with `open_page` in this session ("/", "/map", ...).
VISITED: set[str] = set()
# Browser console errors and uncaught page errors, newest last: "url: message".
CONSOLE_ERRORS: list[str] = []

# Counts finished script runs and notes when the document last changed, so a wait can also let
# lazily loaded widgets finish drawing. A run is counted when the server's "script finished"
# message arrives: a ForwardMsg whose top-level field 6 (script_finished) is set, with any status
# but 2 ("stopped early for a rerun", which another run follows). The stApp element's script
# state alone is not enough: a fast run can go from "running" back to "notRunning" within one
# React render and never show in the document.
_RUN_COUNTER = """
(() => {
  if (window.__stRunsDone !== undefined) return;
  window.__stRunsDone = 0;
  window.__stLastChange = performance.now();
  // The value of top-level varint field 6 of a protobuf message, or null.
  const finishedStatus = (bytes) => {
    let i = 0;
    const varint = () => {
      let value = 0, shift = 0, byte;
      do { byte = bytes[i++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; }
      while (byte & 0x80 && i < bytes.length);
      return value;
    };
    while (i < bytes.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag % 8;
      if (wire === 0) { const value = varint(); if (field === 6) return value; }
      else if (wire === 2) { const length = varint(); i += length; }
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return null;
    }
    return null;
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (!(event.data instanceof ArrayBuffer)) return;
        const status = finishedStatus(new Uint8Array(event.data));
        if (status !== null && status !== 2) window.__stRunsDone += 1;
      });
    }
  };
  new MutationObserver(() => { window.__stLastChange = performance.now(); })
    .observe(document, {attributes: true, subtree: true, childList: true, characterData: true});
})();
"""


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-error"):
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


def guard_context(context: BrowserContext) -> None:
    """Abort and record every request to a host other than the app's own."""

    def record(entry: str) -> None:
        if entry not in OFFSITE:
            OFFSITE.append(entry)

    def route(route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            record(f"{route.request.method} {route.request.url}")
            route.abort()

    def seen(request: Request) -> None:
        # Requests the router does not see (e.g. served from cache) are still recorded.
        if not is_local(request.url):
            record(f"{request.method} {request.url}")

    def websocket(ws) -> None:
        if not is_local(ws.url.replace("ws://", "http://").replace("wss://", "https://")):
            record(f"WEBSOCKET {ws.url}")

    def dialog(dialog: Dialog) -> None:
        DIALOGS.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def console(message) -> None:
        if message.type == "error":
            CONSOLE_ERRORS.append(f"{message.location.get('url', '')}: {message.text}")

    def page_error(error) -> None:
        CONSOLE_ERRORS.append(f"uncaught: {error}")

    def watch(page: Page) -> None:
        page.on("websocket", websocket)
        page.on("dialog", dialog)
        page.on("console", console)
        page.on("pageerror", page_error)

    context.route("**/*", route)
    context.on("request", seen)
    context.on("page", watch)
    context.add_init_script(_RUN_COUNTER)


def wait_idle(page: Page, timeout: float = 30_000, quiet_ms: int = 400) -> None:
    """Wait until the app's script has finished running and the page stopped changing."""
    page.wait_for_selector(IDLE, timeout=timeout, state="attached")
    settle(page, quiet_ms, timeout)


def settle(page: Page, quiet_ms: int = 400, timeout: float = 30_000) -> None:
    """Wait until the document has not changed for `quiet_ms` (widgets drawn, charts laid out)."""
    page.wait_for_function(
        f"""() => performance.now() - window.__stLastChange > {quiet_ms} && document.querySelector(
              '[data-testid=stApp]')?.getAttribute('data-test-script-state') === 'notRunning'""",
        timeout=timeout, polling=100)


def open_page(page: Page, url: str, timeout: float = 45_000) -> None:
    """Navigate and wait for the first script run to finish."""
    VISITED.add(urlsplit(url).path or "/")
    page.goto(url, wait_until="domcontentloaded", timeout=timeout)
    page.wait_for_function("() => window.__stRunsDone >= 1", timeout=timeout)
    wait_idle(page, timeout)


def runs_done(page: Page) -> int:
    return page.evaluate("() => window.__stRunsDone")


@contextmanager
def rerun(page: Page, timeout: float = 30_000) -> Iterator[None]:
    """Wrap an interaction that must make the script run again; waits until that run finished."""
    before = runs_done(page)
    yield
    page.wait_for_function(
        f"""() => window.__stRunsDone > {before} && document.querySelector(
              '[data-testid=stApp]')?.getAttribute('data-test-script-state') === 'notRunning'""",
        timeout=timeout)
    settle(page, timeout=timeout)


def save_screenshot(page: Page, name: str) -> Path:
    """Full-page screenshot of the app: the viewport grows to the main area's scroll height."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"
    size = page.viewport_size or {"width": 1366, "height": 900}
    try:
        height = page.evaluate(
            """() => Math.max(document.documentElement.scrollHeight,
                 ...[...document.querySelectorAll('[data-testid=stMain], section.main, .main')]
                     .map(e => e.scrollHeight))""")
        height = int(min(max(height, size["height"]), 8000))
        if height > size["height"]:
            page.set_viewport_size({"width": size["width"], "height": height})
            page.wait_for_timeout(600)
        page.screenshot(path=str(path), full_page=True)
    finally:
        if page.viewport_size != size:
            page.set_viewport_size(size)
    return path


def canvas_pixels(locator: Locator) -> Image.Image:
    """What the element shows on screen, as an RGB image."""
    return Image.open(io.BytesIO(locator.screenshot())).convert("RGB")


def copy_of_data(data_root: Path, root: Path) -> Path:
    """`root` holding a copy of the tidy tables and the map, for a server on altered data."""
    shutil.copytree(data_root / "tidy", root / "tidy")
    shutil.copytree(data_root / "geo", root / "geo")
    return root


def read_table(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_table(path: Path, rows: list[dict]) -> None:
    """Rows back into a tidy CSV, in its own column order and line ends."""
    text = path.read_text(encoding="utf-8")
    fieldnames = next(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=fieldnames,
                            lineterminator="\r\n" if "\r\n" in text else "\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
