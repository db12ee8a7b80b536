"""The ledger as the Sources page shows it: counts per article, the hover text of each number."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

import pandas as pd

DISPOSITIONS = ("curated", "dismissed", "unreviewed")


def ledger_counts(ledger: pd.DataFrame, source_ids: Iterable[str]) -> dict[str, Counter]:
    """How many numbers of each article are curated, dismissed and unreviewed (zeros included)."""
    counts = {source_id: Counter(dict.fromkeys(DISPOSITIONS, 0)) for source_id in source_ids}
    for (source_id, disposition), count in ledger.groupby(
        ["source_id", "disposition"]
    ).size().items():
        if source_id in counts:
            counts[source_id][disposition] = int(count)
    return counts


def source_option(source_id: str, title: str, counts: Mapping[str, int]) -> str:
    """An article in the picker: id and title, and a warning when numbers await review."""
    label = f"{source_id} · {title}"
    unreviewed = counts.get("unreviewed", 0)
    if unreviewed:
        label += f" · ⚠ {unreviewed} unreviewed"
    return label


def reason_label(reason: str) -> str:
    """A dismissal reason in words: company_figure -> company figure."""
    return str(reason).replace("_", " ")


def ledger_title(row: Mapping) -> str:
    """The hover text of a number: which facts curate it, why it was dismissed, or that nobody
    has reviewed it."""
    disposition = row["disposition"]
    if disposition == "curated":
        return f"curated: {row['fact_ids']}"
    if disposition == "dismissed":
        note = f" — {row['note']}" if row.get("note") else ""
        return f"dismissed: {reason_label(row['reason'])}{note}"
    return "unreviewed: no fact curates this number and no entry of dismissed.yaml dismisses it"
