"""URL parameters: valid ids restore a view, anything else falls back with a notice."""

from __future__ import annotations

import pytest

from dashboard.params import Param, canonical_query, notice_text, parse_query

SPEC = [
    Param("metric", "metric", ("computing_power", "ai_companies"), "computing_power"),
    Param("regions", "region", ("beijing", "guizhou", "shanghai"), ("beijing",), multiple=True),
    Param("fact", "fact", ("f001",), None, widget=False),
]
DEFAULTS = {"metric": "computing_power", "regions": ("beijing",), "fact": None}


def test_valid_parameters_are_taken():
    values, problems = parse_query(
        {"metric": ["ai_companies"], "regions": ["guizhou", "shanghai"], "fact": ["f001"]}, SPEC)
    assert values == {"metric": "ai_companies", "regions": ("guizhou", "shanghai"),
                      "fact": "f001"}
    assert problems == []


def test_no_parameters_give_the_defaults():
    assert parse_query({}, SPEC) == (DEFAULTS, [])


@pytest.mark.parametrize(("query", "problem"), [
    ({"metric": ["gdp"]}, "`metric` is not a known metric"),
    ({"metric": [""]}, "`metric` is empty"),
    ({"metric": ["x" * 10_000]}, "`metric` is too long"),
    ({"metric": ["<script>alert(1)</script>"]}, "`metric` is not a known metric"),
    ({"metric": ["ai_companies", "ai_companies"]}, "`metric` is given more than once"),
    ({"regions": ["<script>alert(1)</script>"]}, "`regions`: 1 value is not a known region"),
    ({"regions": ["", ""]}, "`regions`: 2 values are empty"),
    ({"regions": ["a", "b", "c"]}, "`regions`: 3 values are not known regions"),
    ({"regions": ["z" * 201, "z" * 202]}, "`regions`: 2 values are too long"),
    ({"fact": ["f999"]}, "`fact` is not a known fact"),
    ({"utm": ["x"], "other": ["y"]}, "2 unknown parameters"),
])
def test_bad_parameters_fall_back_to_the_default_with_a_problem(query, problem):
    values, problems = parse_query(query, SPEC)
    assert values == DEFAULTS
    assert problems == [problem]


def test_plural_of_a_noun_ending_in_s():
    spec = [Param("status", "status", ("actual", "target"), (), multiple=True)]
    assert parse_query({"status": ["done", "planned"]}, spec)[1] == [
        "`status`: 2 values are not known statuses"]


def test_repeated_values_are_counted():
    values, problems = parse_query({"regions": ["guizhou"] * 3}, SPEC)
    assert values["regions"] == ("guizhou",)
    assert problems == ["`regions`: 2 values are repeated"]


def test_bad_values_among_good_ones_are_dropped():
    values, problems = parse_query(
        {"regions": ["guizhou", "nowhere", "guizhou", "shanghai"]}, SPEC)
    assert values["regions"] == ("guizhou", "shanghai")
    assert problems == ["`regions`: 1 value is not a known region",
                        "`regions`: 1 value is repeated"]


def test_problems_never_echo_the_url():
    _, problems = parse_query({"<script>": ["x"], "metric": ["<img src=x>"]}, SPEC)
    text = notice_text(problems)
    assert "<" not in text and "script" not in text and "img" not in text
    assert text.startswith("Part of the link was not understood")


def test_streamlit_embedding_parameters_are_not_unknown():
    assert parse_query({"embed": ["true"]}, SPEC) == (DEFAULTS, [])


def test_canonical_query_leaves_defaults_out():
    assert canonical_query(DEFAULTS, SPEC) == {}
    assert canonical_query({"metric": "ai_companies", "regions": ("guizhou", "shanghai"),
                            "fact": "f001"}, SPEC) == {
        "metric": ["ai_companies"], "regions": ["guizhou", "shanghai"], "fact": ["f001"]}
    assert canonical_query({"metric": "computing_power", "regions": (), "fact": None},
                           SPEC) == {}
