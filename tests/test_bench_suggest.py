"""The suggester benchmark's scoring and its synthetic corpus."""

from tools.bench_suggest import score, seed_expectations
from tools.synth_articles import write_corpus


def candidate(region, value, unit):
    return {"region": region, "value": value, "unit": unit}


def test_bench_score_matches_each_fact_at_most_once():
    expected = [("guangdong", 25.0, "percent")] * 3 + [("guangdong", 73900.0, "count")]
    candidates = [candidate("guangdong", 25, "percent"), candidate("guangdong", 73900, "count"),
                  candidate("guangdong", 73900, "count"), candidate("shenzhen", 25, "percent")]
    assert score(candidates, expected) == (2, 4, 4)


def test_bench_score_needs_region_unit_and_value():
    expected = [("guizhou", 85.0, "EFLOPS")]
    assert score([candidate("guizhou", 85, "count")], expected) == (0, 1, 1)
    assert score([candidate("guiyang", 85, "EFLOPS")], expected) == (0, 1, 1)
    assert score([candidate("guizhou", 85.0000000001, "EFLOPS")], expected) == (1, 1, 1)


def test_bench_seed_expectations_are_the_numeric_curated_facts():
    expected = seed_expectations()
    assert sum(map(len, expected.values())) == 27  # 30 facts, 3 of them categorical
    assert expected["000_9a91fb4ee3b4c1c5.txt"] == []


def test_bench_synthetic_corpus_is_deterministic(tmp_path):
    first = write_corpus(tmp_path / "a", 0.05, seed=3)
    second = write_corpus(tmp_path / "b", 0.05, seed=3)
    assert first == second and first[1] >= 50_000
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (tmp_path / "a" / names[0]).read_text().startswith("SOURCE: ")
