"""Write a synthetic corpus of regional AI news articles for the suggester's speed benchmark.

    python tools/synth_articles.py OUT_DIR --mb 100 [--seed 8]

The articles look like the ones the suggester reads (a SOURCE/TITLE/PUBLISHED header, a
dateline, paragraphs mixing figures with plain prose, a related-articles list at the foot), built
from varied sentence templates with random places, amounts, years and firms, so no two articles
are alike and number density is close to real wire copy. Deterministic for a seed; never
committed (it is written to a temporary folder by tools/bench.py).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

PLACES = [
    ("Guizhou", "the province"), ("Guangdong", "the province"), ("Zhejiang", "the province"),
    ("Jiangsu", "the province"), ("Anhui", "the province"), ("Sichuan", "the province"),
    ("Beijing", "the city"), ("Shanghai", "the municipality"), ("Shenzhen", "the city"),
    ("Hangzhou", "the city"), ("Guiyang", "the city"), ("Hefei", "the city"),
    ("Inner Mongolia", "the region"), ("Ningxia Hui Autonomous Region", "the region"),
    ("Suzhou", "the city"), ("Wuxi", "the city"), ("Chengdu", "the city"), ("Wuhan", "the city"),
]
FIRMS = ["Huawei", "Alibaba Cloud", "Tencent", "iFlytek", "Baidu", "SenseTime", "Inspur"]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct."]
FIGURE_TEMPLATES = [
    "{place}'s total computing power reached {eflops} EFLOPS by the end of {year}, up {pct} "
    "percent year-on-year.",
    "{anaphor} now has more than {count:,} artificial intelligence companies, according to the "
    "local bureau of industry and information technology.",
    "By {future}, {place} aims to raise its intelligent computing capacity to {pflops:,} PFLOPS.",
    "The core AI industry in {place} was worth {bn} billion yuan (${usd} billion) in {year}.",
    "{place} will hand out {bn} billion yuan in computing vouchers to small firms this year.",
    "Output of new energy vehicles in {place} rose {pct} percent to {vehicles} million units in "
    "{year}, accounting for nearly a third of the national total.",
    "Some {count:,} R&D personnel work in {place}'s AI sector, ranking {ordinal} in the country.",
    "{place} has built {small} new data centres since {year}, with a combined {p_units}P of "
    "computing power.",
    "The number of AI application scenarios in {place} exceeded {count:,} last year.",
    "{firm} said on {month} {day} that its revenue grew {pct}% to {bn} billion yuan, and its "
    "Kunpeng {model} chips shipped to {count:,} customers.",
    "Call the hotline at 010-6523 {day:02d}{day:02d} or visit No. {day} Kexue Road for details.",
    "Under the 14th Five-Year Plan, {place} plans to build {small} national AI pilot zones.",
    "Between {lo} and {hi} percent of {place}'s large-scale industrial enterprises have adopted "
    "AI tools, the report said.",
]
PROSE = [
    "Officials said the measures would help local firms adopt large models in manufacturing.",
    "The forum drew researchers, investors and officials from across the country.",
    "Analysts cautioned that overinvestment without a clear strategy could backfire.",
    "Local universities are training engineers for the new computing centres.",
    "The plan covers healthcare, education, transport and public services.",
    "Executives called for better access to advanced chips and open data.",
    "The city government said more details would be announced later in the year.",
    "Companies in the industrial park share a public computing platform and a data exchange.",
    "The provincial government has listed artificial intelligence as a pillar of its economy.",
    "Experts at the conference discussed how large models could serve farmers and factories.",
    "Start-ups said cheaper computing had shortened the time needed to train their models.",
    "The measures also encourage universities to open their laboratories to private firms.",
    "Residents can already book hospital appointments through an AI assistant on their phones.",
    "Local officials described the new data centres as the backbone of the digital economy.",
]
# Share of sentences that carry figures. The default gives the seed articles' density (about one
# amount per 470 characters); DENSE_SHARE about one per 210, like figure-heavy wire copy.
FIGURE_SHARE = 0.13
DENSE_SHARE = 0.3
RELATED = ["Related Articles", "AI chips power a new wave of data centres",
           "Robotaxis expand to three more cities", "Province unveils computing voucher scheme"]


def article_text(rng: random.Random, number: int, figure_share: float = FIGURE_SHARE) -> str:
    place, anaphor = rng.choice(PLACES)
    year = rng.randint(2019, 2025)
    lines = [
        f"SOURCE: https://news.example.cn/{year}/{number:06d}.html",
        f"TITLE: {place} steps up artificial intelligence push ({number})",
        f"PUBLISHED: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "",
        f"{place.upper()}, {rng.choice(MONTHS)} {rng.randint(1, 28)} (Xinhua) -- "
        + rng.choice(PROSE),
    ]
    for _ in range(rng.randint(8, 14)):
        sentences = []
        for _ in range(rng.randint(3, 6)):
            if rng.random() < figure_share:
                sentences.append(_figure(rng, year))
            else:
                sentences.append(rng.choice(PROSE))
        lines.append(" ".join(sentences))
    lines.extend(["", *RELATED, ""])
    return "\n".join(lines)


def _figure(rng: random.Random, year: int) -> str:
    place, anaphor = rng.choice(PLACES)
    lo = rng.randint(5, 40)
    return rng.choice(FIGURE_TEMPLATES).format(
        place=place, anaphor=anaphor.capitalize(), firm=rng.choice(FIRMS),
        eflops=round(rng.uniform(1, 120), 1), pct=round(rng.uniform(1, 60), 1),
        count=rng.randint(120, 90000), pflops=rng.randint(500, 40000),
        bn=round(rng.uniform(0.5, 900), 2), usd=round(rng.uniform(0.1, 120), 1),
        vehicles=round(rng.uniform(0.2, 3.5), 2), ordinal=rng.choice(["first", "second", "third"]),
        small=rng.randint(2, 9), p_units=rng.randint(1000, 20000), year=year,
        future=rng.randint(2025, 2030), month=rng.choice(MONTHS), day=rng.randint(1, 28),
        model=rng.randint(900, 990), lo=lo, hi=lo + rng.randint(5, 30),
    )


def write_corpus(
    folder: Path, megabytes: float, seed: int = 8, figure_share: float = FIGURE_SHARE
) -> tuple[int, int]:
    """Write articles into `folder` until they hold `megabytes` MB; (files, bytes) written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total, count = 0, 0
    while total < megabytes * 1_000_000:
        data = article_text(rng, count, figure_share).encode("utf-8")
        (folder / f"article_{count:06d}.txt").write_bytes(data)
        total += len(data)
        count += 1
    return count, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--mb", type=float, default=100)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--figure-share", type=float, default=FIGURE_SHARE,
                        help=f"share of sentences with figures (default {FIGURE_SHARE})")
    args = parser.parse_args(argv)
    files, size = write_corpus(args.out, args.mb, args.seed, args.figure_share)
    print(f"{args.out}: {files} articles, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
