"""The page-speed baseline: a bare Streamlit page with one plotly bar chart and one selectbox.

`tools/bench_pages.py` serves it next to the dashboard and compares the two in the same run.
Run it alone with `streamlit run tools/bare_app.py`.
"""

import plotly.graph_objects as go
import streamlit as st

DATA = {
    "first": {"Beijing": 12.0, "Shanghai": 9.5, "Guizhou": 7.2, "Guangdong": 11.1},
    "second": {"Beijing": 3.0, "Shanghai": 6.5, "Guizhou": 2.2, "Guangdong": 4.8},
}

choice = st.selectbox("Data set", list(DATA), key="dataset")
values = DATA[choice]
fig = go.Figure(go.Bar(x=list(values), y=list(values.values())))
st.plotly_chart(fig, key="chart")
