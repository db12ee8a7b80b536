"""Data: the facts with their provenance, filtered; download as CSV or the whole data package."""

from __future__ import annotations

import streamlit as st

from dashboard import data, export, figures, render, views_cache
from dashboard.params import Param, read_url, widget_key, write_url

PAGE = "data"
STATUSES = ("actual", "target")

tables = render.tables_or_stop()
facts, regions, metrics, sources = tables.facts, tables.regions, tables.metrics, tables.sources
labels = figures.region_labels(regions)
metric_labels = dict(zip(metrics["metric_id"], metrics["label"], strict=True))
titles = dict(zip(sources["source_id"], sources["title"], strict=True))
region_options = data.lookups().reported_regions
FILTERS = {
    # URL name: (label, options, how an option is shown, column filtered)
    "region": ("Region", region_options, labels.get, "region_id"),
    "metric": ("Metric", list(metrics["metric_id"]), metric_labels.get, "metric_id"),
    "status": ("Status", list(STATUSES), str.capitalize, "status"),
    "source": ("Source", list(sources["source_id"]), lambda s: f"{s} · {titles[s]}",
               "source_id"),
}
SPEC = [Param(name, name, tuple(options), (), multiple=True)
        for name, (_, options, _, _) in FILTERS.items()]

st.title("Data")
st.caption("Every figure with its provenance. Filters left empty keep everything.")
render.empty_notice(tables, ("regions", "metrics", "sources", "facts"), stop=False)
read_url(PAGE, SPEC)
chosen = {}
for column, (name, (label, options, shown_as, _)) in zip(st.columns(4), FILTERS.items(),
                                                         strict=True):
    chosen[name] = column.multiselect(label, options, key=widget_key(PAGE, name),
                                      format_func=shown_as, placeholder="All")
write_url(PAGE, SPEC, {name: tuple(values) for name, values in chosen.items()})

table = views_cache.facts_with_provenance(data.signature())
keep = table.index == table.index
for name, (_, _, _, column) in FILTERS.items():
    if chosen[name]:
        keep &= table[column].isin(chosen[name])
filtered = table[keep].reset_index(drop=True)

st.markdown(f"**{len(filtered)}** of {len(table)} facts")
st.dataframe(filtered, hide_index=True, key="facts_table")

left, right = st.columns(2)
left.download_button(
    # Built on the click, not on every run: a large table would cost each filter change.
    "Download these rows (CSV)", data=lambda: export.csv_bytes(filtered),
    file_name="china-ai-regions-facts.csv", mime="text/csv", on_click="ignore", icon="⬇️",
)
package_files = data.data_package_files()
absent = [path.name for path in package_files if not path.is_file()]
if absent:
    right.warning(f"The data package is incomplete ({', '.join(absent)} missing). "
                  "Run `make data` to rebuild data/tidy/.")
else:
    right.download_button(
        "Download the data package (zip)", data=lambda: export.zip_bytes(package_files),
        file_name="china-ai-regions-data-package.zip", mime="application/zip",
        on_click="ignore", icon="📦",
    )
st.caption(f"{export.DOWNLOAD_RULE} The rows CSV is UTF-8 with a byte-order mark so "
           "spreadsheets read the Chinese names. The package holds datapackage.json (field "
           "descriptions, units, keys, licences) and every table, UTF-8 as the descriptor says; "
           "the repository's data/tidy/ holds the same tables without the apostrophes.")
