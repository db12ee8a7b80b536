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


@st.cache_resource(show_spinner=False, max_entries=1)
def freeze_loaded_objects(data_signature: str) -> None:
    """Exempt what is loaded once (modules, tables, lookups, map) from garbage collection.

    Streamlit runs a full collection after every script run (`runner.postScriptGC`). Walking
    every object of pandas, plotly and the tables took longer than all the rest of a Compare
    re-draw; frozen, they are skipped, and only what a run creates is walked. Frozen objects are
    still freed by reference counting; run again for each version of the data.
    """
    data.lookups()
    try:
        data.province_geojson()  # 50,000 objects; walked on every run once loaded
    except data.DataError:
        pass  # the Map page says what is wrong with the file
    gc.collect()
    gc.freeze()


@st.cache_resource(show_spinner=False, max_entries=64)
def freeze_after_first_draw(page: str, data_signature: str) -> None:
    """Freeze again once a page has been drawn for the first time with this data.

    A page's first run imports what Streamlit and the libraries load on first use, and fills
    the page's views; frozen, a collection after a later run skips them. What else is alive at
    that moment (this session's state) is frozen too: a few hundred objects, once per page.
    """
    gc.collect()
    gc.freeze()


navigation = st.navigation(render.navigation_pages())
tables = render.tables_or_stop()
signature = data.signature()
freeze_loaded_objects(signature)
with st.sidebar:
    st.caption(
        f"{len(tables.facts)} figures on {tables.facts['region_id'].nunique()} regions from "
        f"{len(tables.sources)} news articles. Every figure links to the sentence it comes from."
    )
navigation.run()
freeze_after_first_draw(navigation.url_path, signature)
