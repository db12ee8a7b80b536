"""Every number in the seed articles' bodies, read by hand, and what became of it.

Each row: (source, the number as the article writes it, the words its sentence starts with,
disposition, the fact id or the dismissal reason). The list was made by reading the five articles
(page junk, the related-article list of 000 and the repeated copy in 002 left out), not from the
ledger's output; dates and years ("June 30, 2024", "in 2013") are not numbers here.
"""

import csv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TIDY = REPO / "data" / "tidy"

SEED_NUMBERS = [
    ("s000", "two", "The discussions zeroed in", "dismissed", "out_of_scope"),
    ("s001", "More than 150", "More than 150 AI-related", "curated", "s001-shanghai-waic-exhibits"),
    ("s002", "Every 4", "Every 4 new energy", "curated", "s002-guangdong-nev-share"),
    ("s002", "more than 30%", "Guangzhou, Shenzhen, Zhuhai", "curated",
     "s002-guangdong-low-altitude-share"),
    ("s002", "3100", "As of June 30, 2024", "dismissed", "company_figure"),
    ("s002", "73,900", "The data shows", "curated", "s002-guangdong-large-industrial-enterprises"),
    ("s002", "one-seventh", "The data shows", "curated", "s002-guangdong-large-industrial-share"),
    ("s002", "first", "The data shows", "curated", "s002-guangdong-large-industrial-rank"),
    ("s002", "four", "Midea, a technology giant", "dismissed", "company_figure"),
    ("s002", "30", "This enterprise, with a history", "dismissed", "company_figure"),
    ("s002", "150 million", "On January 26, Baiyun", "dismissed", "company_figure"),
    ("s002", "40.36 million", "On January 26, Baiyun", "dismissed", "company_figure"),
    ("s002", "36.82%", "On January 26, Baiyun", "dismissed", "company_figure"),
    ("s002", "10,000", "“Strive to promote", "curated", "s002-guangdong-industrial-transformation"),
    ("s002", "2 yuan", "“In Guangzhou, you can ride", "dismissed", "out_of_scope"),
    ("s002", "43%", "This year’s Guangdong", "curated", "s002-guangdong-nev-growth-2024"),
    ("s002", "one-fourth", "This year’s Guangdong", "curated", "s002-guangdong-nev-share-2024"),
    ("s002", "2.53 million", "Nandu reporters found", "curated", "s002-guangdong-nev-output-2023"),
    ("s002", "one out of every four", "Nandu reporters found", "curated",
     "s002-guangdong-nev-share-2023"),
    ("s002", "six", "The flying body", "dismissed", "company_figure"),
    ("s002", "2 million yuan", "The flying body", "dismissed", "company_figure"),
    ("s002", "1,400", "Under the strong industrial", "dismissed", "company_figure"),
    ("s002", "85%", "Under the strong industrial", "dismissed", "company_figure"),
    ("s002", "4,000", "The ‘land aircraft carrier’", "dismissed", "company_figure"),
    ("s002", "10,000", "It officially started", "dismissed", "company_figure"),
    ("s002", "100 times", "From DeepSeek V2", "dismissed", "company_figure"),
    ("s002", "8", "From DeepSeek V2", "dismissed", "company_figure"),
    ("s002", "two national-level", "According to Southern", "curated",
     "s002-guangdong-ai-pilot-zones"),
    ("s002", "two pilot zones", "According to Southern", "curated",
     "s002-guangdong-ai-pilot-zones"),
    ("s002", "440 billion yuan", "According to the “Guangdong", "curated",
     "s002-guangdong-ai-core-industry-2027"),
    ("s002", "500", "According to the “Guangdong", "curated", "s002-guangdong-ai-scenarios-2027"),
    ("s002", "1.35 million", "Data shows that by 2023", "curated",
     "s002-guangdong-rd-personnel-2023"),
    ("s002", "leading the country", "Data shows that by 2023", "curated",
     "s002-guangdong-rd-personnel-rank-2023"),
    ("s002", "seven", "Data shows that by 2023", "dismissed", "other"),
    ("s002", "19.79 million", "Data shows that by 2023", "curated",
     "s002-guangdong-skilled-personnel-2023"),
    ("s002", "two major fields", "The provincial high-quality development conference proposed",
     "dismissed", "out_of_scope"),
    ("s003", "2,400", "The city's ecosystem", "curated", "s003-beijing-ai-companies"),
    ("s003", "five", "The city is expanding", "curated", "s003-shanghai-data-centres-2025"),
    ("s003", "100 exaflops", "The city is expanding", "curated",
     "s003-shanghai-computing-power-2025"),
    ("s003", "85 exaflops", "Guizhou has quickly", "curated", "s003-guizhou-computing-power"),
    ("s003", "1 billion yuan", "The city hosts", "curated", "s003-shenzhen-ai-subsidies"),
    ("s004", "Three", "Three cities in the Yangtze", "curated",
     "s004-yangtze-river-delta-top5-cities-2019"),
    ("s004", "five", "Three cities in the Yangtze", "dismissed", "other"),
    ("s004", "first", "Hangzhou, Shanghai", "curated", "s004-hangzhou-computing-power-rank-2019"),
    ("s004", "fourth", "Hangzhou, Shanghai", "curated", "s004-shanghai-computing-power-rank-2019"),
    ("s004", "fifth", "Hangzhou, Shanghai", "curated", "s004-hefei-computing-power-rank-2019"),
    ("s004", "three", "Boasting a relatively", "dismissed", "out_of_scope"),
    ("s004", "Half", "Half of the five", "curated",
     "s004-yangtze-river-delta-ai-open-platforms-share"),
]


def rows(name: str) -> list[dict]:
    with open(TIDY / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def texts() -> dict[str, str]:
    return {s["source_id"]: (REPO / "data" / "articles" / s["file"]).read_text(encoding="utf-8")
            for s in rows("sources.csv")}


def located(text: str, number: str, sentence_start: str, ledger: list[dict]) -> dict:
    """The ledger row over the first place of `number` in the body sentence starting so."""
    candidates = []
    for row in ledger:
        sentence = text[int(row["sentence_start"]):int(row["sentence_end"])]
        if not sentence.startswith(sentence_start):
            continue
        at = sentence.find(number)
        if at < 0:
            continue
        lo = int(row["sentence_start"]) + at
        if lo < int(row["end"]) and int(row["start"]) < lo + len(number):
            candidates.append(row)
    assert len(candidates) == 1, (number, sentence_start, candidates)
    return candidates[0]


@pytest.mark.parametrize(("source", "number", "sentence", "disposition", "detail"), SEED_NUMBERS,
                         ids=[f"{r[0]}-{r[1]}" for r in SEED_NUMBERS])
def test_seed_number_has_its_disposition(source, number, sentence, disposition, detail):
    ledger = [r for r in rows("ledger.csv") if r["source_id"] == source]
    row = located(texts()[source], number, sentence, ledger)
    assert row["disposition"] == disposition
    if disposition == "curated":
        assert detail in row["fact_ids"].split("; ")
    else:
        assert row["reason"] == detail


def test_seed_ledger_holds_exactly_the_numbers_read_by_hand():
    counts: dict[str, int] = {}
    for source, *_ in SEED_NUMBERS:
        counts[source] = counts.get(source, 0) + 1
    ledger = rows("ledger.csv")
    assert {s: sum(r["source_id"] == s for r in ledger) for s in counts} == counts
    assert len(ledger) == len(SEED_NUMBERS)


def test_seed_ledger_has_nothing_unreviewed():
    assert [r for r in rows("ledger.csv") if r["disposition"] == "unreviewed"] == []


def test_every_curated_fact_with_a_number_curates_a_ledger_row():
    curated = {fid for r in rows("ledger.csv") for fid in r["fact_ids"].split("; ") if fid}
    numeric = {f["fact_id"] for f in rows("facts.csv") if f["value"] != ""}
    assert numeric - curated == set()
