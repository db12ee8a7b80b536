"""Debian's chromium, as the browser journeys and the page benchmark drive it (never a
downloaded browser): its path and the flags of a headless, offline, GPU-less run."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
