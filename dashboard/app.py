"""China AI Regions dashboard: `streamlit run dashboard/app.py`."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the repository root.
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from dashboard import render  # noqa: E402

st.set_page_config(page_title="China AI Regions", page_icon="🗺️", layout="wide")

PAGES = [
    st.Page("views/compare.py", title="Compare", icon="📊", default=True),
    st.Page("views/map.py", title="Map", icon="🗺️", url_path="map"),
    st.Page("views/region.py", title="Region", icon="📍", url_path="region"),
    st.Page("views/sources.py", title="Sources", icon="📄", url_path="sources"),
    st.Page("views/data.py", title="Data", icon="⬇️", url_path="data"),
]

navigation = st.navigation(PAGES)
tables = render.tables_or_stop()
with st.sidebar:
    st.caption(
        f"{len(tables.facts)} figures on {tables.facts['region_id'].nunique()} regions from "
        f"{len(tables.sources)} news articles. Every figure links to the sentence it comes from."
    )
navigation.run()
