"""Find facts from different sources that cannot both be true.

Two kinds: an exclusive categorical claim (only one city hosts the World AI Conference) that two
sources give to different regions, and numeric figures for the same region, metric, status and
period whose intervals do not overlap once their qualifiers are taken into account.

Only the pairs that disagree are formed (figures whose intervals are apart, claims naming
different regions), so a group of a thousand facts that agree costs no million comparisons. A
pair from one source is no conflict; pairs that disagree are at most MAX_DISAGREEING.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterator
from itertools import combinations

from extract.numbers import format_number

# "about 100" is read as 90 to 110: wide enough that rounding is not a conflict.
APPROX_TOLERANCE = 0.10
# Pairs of facts that disagree, conflicts and pairs from one source alike. The real curation
# has 2 conflicts, the hundredfold synthetic one 198; a curation of 200,000 would take a GB.
MAX_DISAGREEING = 20_000


class ConflictLimitError(ValueError):
    """More than MAX_DISAGREEING pairs of facts disagree; the message names the first group."""


def find_conflicts(facts: list[dict], metrics: dict[str, dict]) -> list[dict]:
    """Conflict rows (see datapackage.CONFLICTS), sorted by conflict_id; ConflictLimitError
    when more than MAX_DISAGREEING pairs of facts disagree."""
    conflicts = []
    # Only facts of one group can conflict, so pairs are formed within groups: a curation of
    # thousands of facts stays far from comparing every fact with every other.
    groups: dict[tuple, list[dict]] = {}
    for fact in sorted(facts, key=lambda f: f["id"]):
        groups.setdefault(_group(fact, metrics[fact["metric"]]), []).append(fact)
    disagreeing = 0
    for group in groups.values():
        metric = metrics[group[0]["metric"]]
        if metric["kind"] == "categorical":
            pairs, conflict = _claims_apart(group, metric), _categorical_conflict
        else:
            pairs, conflict = _figures_apart(group), _numeric_conflict
        for a, b in pairs:
            disagreeing += 1
            if disagreeing > MAX_DISAGREEING:
                raise ConflictLimitError(
                    f"more than {MAX_DISAGREEING} pairs of facts disagree, among them the facts "
                    f"of {metric['id']!r} {a['id']!r} and {b['id']!r}")
            if a["source"] == b["source"]:
                continue
            if a["id"] > b["id"]:
                a, b = b, a
            row = conflict(a, b, metric)
            if row is not None:
                conflicts.append(row)
    return sorted(conflicts, key=lambda row: row["conflict_id"])


def _figures_apart(group: list[dict]) -> Iterator[tuple[dict, dict]]:
    """Each pair of the group whose intervals do not overlap, once: for each fact, the facts
    whose interval ends below its own start (in order of their ends, a prefix)."""
    by_high = sorted(group, key=lambda fact: interval(fact)[1])
    highs = [interval(fact)[1] for fact in by_high]
    for b in group:
        below = bisect_left(highs, interval(b)[0])
        for index in range(below):
            yield by_high[index], b


def _claims_apart(group: list[dict], metric: dict) -> Iterator[tuple[dict, dict]]:
    """Each pair of the group that gives an exclusive claim to two regions for periods that
    can be the same (equal, or one of them unstated), once."""
    if not metric.get("exclusive"):
        return
    by_period: dict[str | None, dict[str, list[dict]]] = {}
    for fact in group:
        by_period.setdefault(fact.get("period") or None, {}).setdefault(
            fact["region"], []).append(fact)
    periods = list(by_period)
    for first, second in [(p, p) for p in periods] + [
            (p, q) for p, q in combinations(periods, 2) if p is None or q is None]:
        for region_a, facts_a in by_period[first].items():
            for region_b, facts_b in by_period[second].items():
                if region_a == region_b or (first == second and region_a > region_b):
                    continue
                for a in facts_a:
                    yield from ((a, b) for b in facts_b)


def _group(fact: dict, metric: dict) -> tuple:
    """What two facts must share to be compared: the metric, and for a figure also the region,
    status and period (a categorical claim conflicts across regions)."""
    if metric["kind"] == "categorical":
        return (fact["metric"],)
    return fact["metric"], fact["region"], fact["status"], fact.get("period")


def interval(fact: dict) -> tuple[float, float]:
    """The values a fact allows, as a closed interval."""
    value, qualifier = fact["value"], fact["qualifier"]
    if qualifier == "at_least":
        return value, math.inf
    if qualifier == "at_most":
        return -math.inf, value
    if qualifier == "approx":
        spread = abs(value) * APPROX_TOLERANCE
        return value - spread, value + spread
    if qualifier == "range":
        return value, fact["value_high"]
    return value, value


def _categorical_conflict(a: dict, b: dict, metric: dict) -> dict | None:
    if not metric.get("exclusive") or a["region"] == b["region"]:
        return None
    if a.get("period") and b.get("period") and a["period"] != b["period"]:
        return None
    return _row(
        "categorical",
        a,
        b,
        f"{metric['label']}: {a['source']} names {a['region']}, {b['source']} names "
        f"{b['region']}; only one region can hold this claim",
    )


def _numeric_conflict(a: dict, b: dict, metric: dict) -> dict | None:
    if (a["region"], a["status"], a.get("period")) != (b["region"], b["status"], b.get("period")):
        return None
    low_a, high_a = interval(a)
    low_b, high_b = interval(b)
    if low_a <= high_b and low_b <= high_a:
        return None
    return _row(
        "numeric",
        a,
        b,
        f"{metric['label']} for {a['region']} ({a.get('period') or 'no period'}, {a['status']}): "
        f"{a['source']} says {_reading(a)}, {b['source']} says {_reading(b)} {metric['unit']}; "
        "the figures cannot both hold",
    )


def _reading(fact: dict) -> str:
    value = format_number(fact["value"])
    return {
        "at_least": f"at least {value}",
        "at_most": f"at most {value}",
        "approx": f"about {value}",
        "range": f"{value} to {format_number(fact['value_high'])}",
    }.get(fact["qualifier"], value)


def _row(kind: str, a: dict, b: dict, description: str) -> dict:
    return {
        "conflict_id": f"{a['id']}--{b['id']}",
        "kind": kind,
        "metric_id": a["metric"],
        # equal for numeric conflicts; a categorical claim may leave one of them unstated
        "period": a.get("period") or b.get("period"),
        "fact_id_a": a["id"],
        "fact_id_b": b["id"],
        "region_id_a": a["region"],
        "region_id_b": b["region"],
        "source_id_a": a["source"],
        "source_id_b": b["source"],
        "description": description,
    }
