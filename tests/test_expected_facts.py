"""The seed facts a careful reader finds, checked by hand against the articles.

Each row: (region, metric, value in canonical unit, value_high, unit, qualifier, status, period,
source). The values were worked out from the article text, not copied from a build: 85 exaflops is
85 EFLOPS, 1 billion yuan is 1e9 yuan, "one out of every four" is 25 percent, one-seventh is 100/7.
"""

import csv
import math
from pathlib import Path

import pytest

TIDY = Path(__file__).resolve().parents[1] / "data" / "tidy"

EXPECTED = [
    ("guizhou", "computing_power", 85, None, "EFLOPS", "exact", "actual", "", "s003"),
    ("shanghai", "computing_power", 100, None, "EFLOPS", "at_least", "target", "2025", "s003"),
    ("shanghai", "new_ai_data_centres", 5, None, "count", "exact", "target", "2025", "s003"),
    ("beijing", "ai_companies", 2400, None, "count", "at_least", "actual", "", "s003"),
    ("shenzhen", "ai_subsidies", 1e9, None, "yuan", "exact", "actual", "", "s003"),
    ("guangdong", "nev_output", 2_530_000, None, "vehicles", "exact", "actual", "2023", "s002"),
    ("guangdong", "nev_output_share", 25, None, "percent", "exact", "actual", "2023", "s002"),
    ("guangdong", "nev_output_share", 25, None, "percent", "exact", "actual", "2024", "s002"),
    ("guangdong", "nev_output_growth", 43, None, "percent", "exact", "actual", "2024", "s002"),
    ("guangdong", "large_industrial_enterprises", 73_900, None, "count", "exact", "actual", "",
     "s002"),
    ("guangdong", "large_industrial_enterprises_share", 100 / 7, None, "percent", "approx",
     "actual", "", "s002"),
    ("guangdong", "large_industrial_enterprises_rank", 1, None, "rank", "exact", "actual", "",
     "s002"),
    ("guangdong", "ai_core_industry_scale", 440e9, None, "yuan", "at_least", "target", "2027",
     "s002"),
    ("guangdong", "ai_application_scenarios", 500, None, "count", "at_least", "target", "2027",
     "s002"),
    ("guangdong", "rd_personnel", 1_350_000, None, "persons", "at_least", "actual", "2023", "s002"),
    ("guangdong", "skilled_personnel", 19_790_000, None, "persons", "at_least", "actual", "2023",
     "s002"),
    ("guangdong", "national_ai_pilot_zones", 2, None, "count", "exact", "actual", "", "s002"),
    ("guangdong", "low_altitude_enterprise_share", 30, None, "percent", "at_least", "actual", "",
     "s002"),
    ("guangdong", "industrial_transformation_per_year", 10_000, None, "count", "at_least",
     "target", "", "s002"),
    ("hangzhou", "computing_power_rank", 1, None, "rank", "exact", "actual", "2019", "s004"),
    ("shanghai", "computing_power_rank", 4, None, "rank", "exact", "actual", "2019", "s004"),
    ("hefei", "computing_power_rank", 5, None, "rank", "exact", "actual", "2019", "s004"),
    ("yangtze_river_delta", "top5_computing_power_cities", 3, None, "count", "exact", "actual",
     "2019", "s004"),
    ("yangtze_river_delta", "national_ai_open_platforms_share", 50, None, "percent", "exact",
     "actual", "", "s004"),
    ("shanghai", "waic_exhibits", 150, None, "count", "at_least", "actual", "", "s001"),
]


def _facts():
    with open(TIDY / "facts.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _num(text):
    return float(text) if text != "" else None


@pytest.mark.parametrize(
    ("region", "metric", "value", "value_high", "unit", "qualifier", "status", "period", "source"),
    EXPECTED,
    ids=[f"{e[0]}-{e[1]}-{e[7] or 'undated'}" for e in EXPECTED],
)
def test_expected_fact_is_in_facts_csv(
    region, metric, value, value_high, unit, qualifier, status, period, source
):
    rows = [
        r for r in _facts()
        if r["region_id"] == region and r["metric_id"] == metric and r["period"] == period
        and r["source_id"] == source
    ]
    assert rows, f"no {metric} fact for {region} ({period or 'undated'}) from {source}"
    matches = [
        r for r in rows
        if math.isclose(_num(r["value"]), value, rel_tol=1e-9)
        and r["unit"] == unit and r["qualifier"] == qualifier and r["status"] == status
        and (_num(r["value_high"]) == value_high)
    ]
    assert matches, f"found {rows} but none equal to {value} {unit} {qualifier} {status}"


def test_waic_host_claims_conflict_between_sources():
    hosts = {(r["region_id"], r["source_id"]) for r in _facts() if r["metric_id"] == "waic_host"}
    assert {("shanghai", "s001"), ("shanghai", "s004"), ("shenzhen", "s003")} <= hosts
    with open(TIDY / "conflicts.csv", encoding="utf-8", newline="") as f:
        conflicts = list(csv.DictReader(f))
    pairs = {
        frozenset((c["region_id_a"], c["region_id_b"]))
        for c in conflicts if c["metric_id"] == "waic_host"
    }
    assert frozenset(("shanghai", "shenzhen")) in pairs


def test_no_target_is_recorded_as_actual_for_2025_and_2027_goals():
    for r in _facts():
        if r["period"] in ("2025", "2027") and r["region_id"] in ("shanghai", "guangdong"):
            assert r["status"] == "target", r["fact_id"]


def test_every_quote_offset_points_at_the_quote():
    root = TIDY.parents[1]
    with open(TIDY / "sources.csv", encoding="utf-8", newline="") as f:
        files = {r["source_id"]: r["file"] for r in csv.DictReader(f)}
    for r in _facts():
        text = (root / "data" / "articles" / files[r["source_id"]]).read_bytes().decode("utf-8")
        assert text[int(r["quote_start"]):int(r["quote_end"])] == r["quote"], r["fact_id"]
        assert r["as_written"] in r["quote"], r["fact_id"]
