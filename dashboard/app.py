"""China AI Regions dashboard: `python -m dashboard.serve run dashboard/app.py` (see serve.py)."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the repository root.
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

# views_cache imports every module the pages use (pandas, plotly, pydeck), so they load here.
from dashboard import data, render, views_cache  # noqa: E402, F401

st.set_page_config(page_title="China AI Regions", page_icon="🗺️", layout="wide")


@st.cache_resource(show_spinner=False, max_entries=64)
def freeze_after_first_draw(page: str, data_signature: str) -> None:
    """Exempt from garbage collection what a page's first draw with this data loaded.

    Streamlit runs a full collection after every script run (`runner.postScriptGC`). Walking
    every object of pandas, plotly, the tables, the province shapes and the cached views took
    longer than all the rest of a Compare re-draw. A page's first run loads what it needs
    (modules Streamlit imports on first use, the tables, the map, its views); frozen after it,
    they are skipped, and only what a later run creates is walked. Frozen objects are still
    freed by reference counting. What else is alive at that moment (this session's state) is
    frozen too: a few hundred objects, once per page and version of the data.
    """
    gc.collect()
    gc.freeze()


navigation = st.navigation(render.navigation_pages())
tables = render.tables_or_stop()
with st.sidebar:
    st.caption(
        f"{len(tables.facts)} figures on {tables.facts['region_id'].nunique()} regions from "
        f"{len(tables.sources)} news articles. Every figure links to the sentence it comes from."
    )
navigation.run()
freeze_after_first_draw(navigation.url_path, data.signature())
