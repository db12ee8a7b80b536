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


def counts_table(counts: Mapping[str, Counter], titles: Mapping[str, str]) -> pd.DataFrame:
    """One row per article: its id, title, and how many numbers have each disposition."""
    return pd.DataFrame(
        [{"article": source_id, "title": titles[source_id],
          "numbers": sum(count.values()), **{d: count[d] for d in DISPOSITIONS}}
         for source_id, count in counts.items()],
        columns=["article", "title", "numbers", *DISPOSITIONS],
    )


def source_option(source_id: str, title: str, counts: Mapping[str, int]) -> str:
    """An article in the picker: id and title, and a warning when numbers await review (before
    the title, which a narrow picker cuts short)."""
    unreviewed = counts.get("unreviewed", 0)
    warning = f"⚠ {unreviewed} unreviewed · " if unreviewed else ""
    return f"{source_id} · {warning}{title}"


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
