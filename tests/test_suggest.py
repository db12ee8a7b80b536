"""The suggester: candidates with the right region, value and unit; clean bad-input errors."""

import io
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.__main__ import main
from extract.suggest import load_vocabulary, run_suggest, suggest_text

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "suggest"
ARTICLES = ROOT / "data" / "articles"
FIELDS = [
    "article", "region", "metric", "value", "value_high", "unit", "as_written", "qualifier",
    "status", "period", "quote", "start", "end", "number_start", "number_end", "why",
]


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary(ROOT)


def suggest(text: str, vocabulary, published=None) -> list[tuple]:
    return [
        (c["region"], c["value"], c["unit"])
        for c in suggest_text(text, "a.txt", vocabulary, published)
    ]


def run(paths, jobs=1) -> tuple[int, list[dict], str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_suggest([str(p) for p in paths], ROOT, jobs=jobs, out=out, err=err)
    return code, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


@pytest.mark.parametrize("name", sorted(yaml.safe_load((FIXTURES / "expected.yaml").read_text())))
def test_suggest_test_articles_give_exactly_the_hand_checked_candidates(name, vocabulary):
    expected = yaml.safe_load((FIXTURES / "expected.yaml").read_text(encoding="utf-8"))[name]
    code, candidates, err = run([FIXTURES / name])
    assert (code, err) == (0, "")
    assert [[c["region"], c["value"], c["unit"]] for c in candidates] == expected


def test_suggest_seed_articles_find_every_curated_numeric_fact(vocabulary):
    def load(name):
        return yaml.safe_load((ROOT / "data" / "curation" / name).read_text(encoding="utf-8"))

    facts = load("facts.yaml")
    units = {m["id"]: m["unit"] for m in load("metrics.yaml")["metrics"]}
    sources = {s["id"]: s["file"] for s in load("sources.yaml")}
    code, candidates, _ = run(sorted(ARTICLES.glob("*.txt")))
    assert code == 0
    found = [(c["article"], c["region"], c["value"], c["unit"]) for c in candidates]
    for fact in facts:
        if fact["value"] is None:
            continue  # a categorical claim has no amount
        key = (sources[fact["source"]], fact["region"], fact["value"], units[fact["metric"]])
        assert any(
            f[:2] == key[:2] and f[2] == pytest.approx(key[2]) and f[3] == key[3] for f in found
        ), fact["id"]


def test_suggest_candidate_fields_and_offsets(vocabulary):
    text = (
        "SOURCE: https://x.example/a\nTITLE: T\nPUBLISHED: 2025-02-01\n\n"
        "GUIYANG, Feb. 1 (Xinhua) -- Guizhou reached 80 EFLOPS by the end of 2024.\n"
    )
    (candidate,) = suggest_text(text, "a.txt", vocabulary, "2025-02-01")
    assert list(candidate) == FIELDS
    assert candidate["quote"] == text[candidate["start"] : candidate["end"]]
    assert text[candidate["number_start"] : candidate["number_end"]] == candidate["as_written"]
    assert candidate["as_written"] == "80 EFLOPS"
    assert (candidate["region"], candidate["metric"], candidate["status"], candidate["period"]) == (
        "guizhou", "computing_power", "actual", "2024"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the dateline gives the region when the sentence names none
        ("HEFEI, May 3 (Xinhua) -- Computing power reached 12 EFLOPS.\n",
         [("hefei", 12, "EFLOPS")]),
        # "the province" is the nearest earlier province, not the nearer city
        ("Anhui grew fast. Hefei led. The province has 3,000 AI firms.\n",
         [("anhui", 3000, "count")]),
        # a city's figure stays the city's
        ("Shenzhen, in Guangdong, has 2,600 AI companies.\n", [("shenzhen", 2600, "count")]),
        # "respectively" pairs places and numbers in order
        ("Beijing and Shanghai have 2,400 and 1,900 AI companies respectively.\n",
         [("beijing", 2400, "count"), ("shanghai", 1900, "count")]),
        # a list of cities "and other places" is their province
        ("Foshan, Dongguan and other places make 40 percent of the province's appliances.\n",
         [("guangdong", 40, "percent")]),
        # a dollar restatement is not a second candidate; a dollar-only amount is one in USD
        ("Beijing will spend 10 billion yuan ($1.4 billion) and Shanghai $2 billion.\n",
         [("beijing", 10_000_000_000, "yuan"), ("shanghai", 2_000_000_000, "USD")]),
        # national totals and company figures are not regional candidates
        ("China's computing power reached 230 EFLOPS.\n", []),
        ("Huawei, a Shenzhen-based firm, had 900 billion yuan in sales.\n", []),
        # a multiple needs its base
        ("Hangzhou doubled its computing power.\n", []),
        ("Hangzhou doubled its computing power from 4 EFLOPS.\n",
         [("hangzhou", 8, "EFLOPS"), ("hangzhou", 4, "EFLOPS")]),
        # a place right after the number names it, in a comparison too
        ("Guangdong's share rose to 25 percent, compared with 18 percent in Jiangsu.\n",
         [("guangdong", 25, "percent"), ("jiangsu", 18, "percent")]),
        # a firm's own figures are not the region's
        ("In Hefei, iFlytek's revenue rose 20 percent to 23 billion yuan.\n", []),
        # Chinese names and "Nei Mongol"
        ("深圳 has 1,200 AI firms and Nei Mongol has 300 data centres.\n",
         [("shenzhen", 1200, "count"), ("inner_mongolia", 300, "count")]),
    ],
)
def test_suggest_reads_region_value_and_unit(text, expected, vocabulary):
    assert suggest(text, vocabulary) == expected


def test_suggest_status_and_period_from_the_published_date(vocabulary):
    text = "Guizhou will reach 100 EFLOPS by 2027. Guizhou had 60 EFLOPS last year.\n"
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-01")
    assert [(c["value"], c["status"], c["period"]) for c in rows] == [
        (100, "target", "2027"), (60, "actual", "2024")
    ]
    # a year already past when the article appeared is not a target
    text = "By 2023, Guizhou will have 50 EFLOPS.\n"
    past = suggest_text(text, "a.txt", vocabulary, "2025-01-01")
    assert [(c["status"], c["period"]) for c in past] == [("actual", "2023")]


def test_suggest_part_of_the_year_is_the_published_year(vocabulary):
    text = "Guizhou added 5 EFLOPS in the first quarter.\n"
    rows = suggest_text(text, "a.txt", vocabulary, "2025-05-01")
    assert [(c["value"], c["period"]) for c in rows] == [(5, "2025")]
    assert [c["period"] for c in suggest_text(text, "a.txt", vocabulary)] == [None]


def test_suggest_absurd_numbers_are_mentions_without_a_value(vocabulary):
    text = "Guizhou has 1" + "0" * 400 + " servers and reached 85 EFLOPS.\n"
    assert suggest(text, vocabulary) == [("guizhou", 85, "EFLOPS")]


def test_suggest_gazetteer_places_do_not_reach_the_dashboard_regions():
    tidy = (ROOT / "data" / "tidy" / "regions.csv").read_text(encoding="utf-8")
    assert "ulanqab" not in tidy and "inner_mongolia" not in tidy


def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "good.txt"
    good.write_text("Guizhou reached 85 EFLOPS.\n", encoding="utf-8")
    files = {
        "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "latin1": "Guizhou reached 85 EFLOPS at caf\xe9.\n".encode("latin-1"),
        "empty": b"",
        "long_line": b"Guizhou " + b"x" * 300_000 + b"\n",
        "bad_date": b"SOURCE: x\nPUBLISHED: 2025-02-30\n\nGuizhou reached 85 EFLOPS.\n",
    }
    paths = {"good": good}
    for name, data in files.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(data)
        paths[name] = path
    paths["directory"] = tmp_path / "folder.txt"
    paths["directory"].mkdir()
    paths["missing"] = tmp_path / "missing.txt"
    return paths


@pytest.mark.parametrize("jobs", [1, 2])
def test_suggest_bad_input_one_line_per_file_exit_2_others_processed(tmp_path, jobs):
    paths = bad_inputs(tmp_path)
    order = ["binary", "good", "latin1", "empty", "long_line", "directory", "missing", "bad_date"]
    code, candidates, err = run([paths[n] for n in order], jobs=jobs)
    assert code == 2
    assert [(c["article"], c["value"]) for c in candidates] == [("good.txt", 85)]
    lines = err.splitlines()
    assert lines == [
        f"{paths['binary']}: a binary file, not text (NUL byte at offset 8)",
        f"{paths['latin1']}: not valid UTF-8 (byte 32: b'\\xe9')",
        f"{paths['empty']}: empty file",
        f"{paths['long_line']}: a line of 300,008 characters (the limit is 200,000): "
        "not article text",
        f"{paths['directory']}: is a directory, not an article file",
        f"{paths['missing']}: no such file",
        f"{paths['bad_date']}: header PUBLISHED '2025-02-30' is not a real date",
    ]


def test_suggest_file_name_with_control_characters_is_escaped(tmp_path):
    path = tmp_path / "a\x1b[31mb.txt"
    code, _, err = run([path])
    assert code == 2
    assert "\x1b" not in err and "\\x1b" in err


def test_suggest_two_workers_give_the_same_lines_as_one(tmp_path):
    paths = sorted(FIXTURES.glob("*.txt")) + sorted(ARTICLES.glob("*.txt"))
    assert run(paths, jobs=1) == run(paths, jobs=2)


def test_suggest_command_line_prints_json_lines(capsys):
    code = main(["suggest", str(FIXTURES / "wire_west_hubs.txt")])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert json.loads(lines[0])["as_written"] == "10,000-plus"


@pytest.mark.parametrize("opening, expected", [
    ("Jiangsu province is building AI parks.\n\n", "taizhou_jiangsu"),
    ("Zhejiang province is building AI parks.\n\n", "taizhou_zhejiang"),
    ("The parks are growing.\n\n", None),
])
def test_suggest_shared_city_name_is_the_one_in_the_province_named_before(opening, expected,
                                                                         vocabulary):
    # "Taizhou" names a city in Jiangsu and one in Zhejiang. With no province named before it,
    # the figure has no region and is not proposed; it once crashed the whole run.
    text = opening + "Taizhou has 120 AI companies, officials said.\n"
    rows = suggest_text(text, "a.txt", vocabulary)
    assert [(c["region"], c["value"]) for c in rows] == ([(expected, 120)] if expected else [])


_CUE_PIECES = [
    "in", "by", "for", "during", "as of", "until", "through", "since", "at", "the", "end", "of",
    "whole", "year", "will", "aim", "aims", "aiming", "aimed", "to", "plan", "plans", "planning",
    "planned", "target", "targets", "targeted", "targeting", "strive", "striving", "goal", "goals",
    "expected", "is", "are", "set", "seek", "seeks", "2024", "1999", "2100", "x", "_", "9", " ",
    "  ", ",", ".", "-", "\u00e9", "beyond", "within", "thin", "byword", "the end of",
]


@given(st.lists(st.sampled_from(_CUE_PIECES), max_size=30))
@settings(max_examples=400, deadline=None)
def test_property_word_opening_twins_find_what_the_lower_case_twins_find(pieces):
    from extract.suggest import (
        PERIOD_CUE,
        PERIOD_CUE_LOWER,
        TARGET_CUE,
        TARGET_CUE_LOWER,
        _lower_case_twin,
    )

    text = "".join(pieces).lower()
    for pattern, twin in ((TARGET_CUE, TARGET_CUE_LOWER), (PERIOD_CUE, PERIOD_CUE_LOWER)):
        expected = [(m.span(), m.groupdict()) for m in _lower_case_twin(pattern).finditer(text)]
        assert [(m.span(), m.groupdict()) for m in twin.finditer(text)] == expected
