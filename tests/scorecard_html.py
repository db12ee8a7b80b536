"""Read the Side by side table back from its HTML, as a reader sees it (popovers left out)."""

from __future__ import annotations

from html.parser import HTMLParser

VISIBLE = ("sbs-figure", "sbs-when", "sbs-more", "sbs-conflict")
KINDS = {"sbs-actual": "actual", "sbs-target": "target", "sbs-none": "none"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.columns: list[str] = []
        self.rows: list[tuple[str, list[tuple[str, str]]]] = []
        self._cell: list[str] | None = None
        self._kind = ""
        self._part: str | None = None
        self._tip_depth = 0
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        self._depth += 1
        if tag == "th" and "data-region" in attrs:
            self.columns.append(attrs["data-region"])
        elif tag == "tr" and "data-metric" in attrs:
            self.rows.append((attrs["data-metric"], []))
        elif tag == "td":
            self._cell = []
            self._kind = next(KINDS[c] for c in classes if c in KINDS)
        elif self._cell is not None and "sbs-tip" in classes:
            self._tip_depth = self._depth
        elif self._cell is not None and not self._tip_depth:
            self._part = next((c for c in classes if c in VISIBLE), self._part)
            if self._part:
                self._cell.append("")

    def handle_endtag(self, tag):
        if self._tip_depth == self._depth:
            self._tip_depth = 0
        self._depth -= 1
        if tag == "td" and self._cell is not None:
            text = "|".join(part for part in self._cell if part) if self._kind != "none" \
                else "not reported"
            self.rows[-1][1].append((self._kind, text))
            self._cell = None
        elif tag == "span":
            self._part = None

    def handle_data(self, data):
        if self._cell is not None and self._part and not self._tip_depth:
            self._cell[-1] += data


def _read(body: str) -> _Reader:
    reader = _Reader()
    reader.feed(body)
    return reader


def column_heads(body: str) -> list[str]:
    """The region ids of the columns, left to right."""
    return _read(body).columns


def row_ids(body: str) -> list[str]:
    """The metric ids of the rows, top to bottom."""
    return [metric for metric, _ in _read(body).rows]


def cells(body: str) -> dict[str, dict[str, tuple[str, str]]]:
    """metric -> region -> (actual | target | none, the visible text joined by "|")."""
    reader = _read(body)
    return {metric: dict(zip(reader.columns, row, strict=True)) for metric, row in reader.rows}
