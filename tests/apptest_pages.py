"""What the AppTest page tests share: opening a page as a shared link would, reading chart specs."""

from __future__ import annotations

import base64
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[1]
APP = str(REPO / "dashboard" / "app.py")


def plain(value):
    """A plotly array from a chart spec: plotly writes numeric arrays as base64 typed arrays."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return value


LANDING_PAGE = "views/side_by_side.py"


def open_page(page: str = "views/compare.py", /, *, timeout: float = 30, **params) -> AppTest:
    """The app opened on `page` with `params` in the URL, as a shared link would."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    if page == LANDING_PAGE:
        at.query_params.update(params)
        return at.run()
    at.run()
    at.query_params.clear()
    at.query_params.update(params)
    return at.switch_page(page).run()
