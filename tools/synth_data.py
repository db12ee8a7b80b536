"""Write a complete synthetic data folder N times the size of the real one, for scale tests.

    python tools/synth_data.py --scale 100 --out /tmp/synth100 [--seed 10]
    CHINA_AI_REGIONS_DATA=/tmp/synth100 make run

The folder has the layout of `data/`: `articles/` (generated news copy), `curation/` (sources,
regions, metrics, facts and dismissed numbers, each fact with its verbatim quote), `geo/` (the
shipped province map) and `tidy/`, written by the real `python -m extract build`, so the tables
and `datapackage.json` are exactly what the build would write and are checked the same way.

What grows with N: 30 N facts (the real curation has 30) in 5 N articles, on all 34
provincial-level units and 3 N + 5 cities (the gazetteer's 90, then invented ones with Chinese
names inside a real province), every metric, ten years of actual figures (2016-2025), targets for
2025-2030, ranges, hedged amounts, conflicting sources, long quotes, and one article of about
200 KB. At N = 100 every region reports AI computing power, so one metric has 300+ regions.
Deterministic for a seed; written to a folder outside the repository, never into `data/`.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

if __package__ in (None, ""):  # run as a script: make `tools` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from extract.numbers import parse_amount  # noqa: E402
from tools.synth_articles import PROSE  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
GAZETTEER = REPO / "data" / "gazetteer" / "regions.yaml"
FOCUS = ("beijing", "shanghai", "guizhou", "shenzhen", "hangzhou", "guangdong")
PROVINCIAL = ("municipality", "province", "autonomous_region", "sar")
FACTS_PER_SCALE = 30
ARTICLES_PER_SCALE = 5
ACTUAL_YEARS = tuple(range(2016, 2026))
TARGET_YEARS = (2025, 2026, 2027, 2028, 2030)
LONG_ARTICLE_CHARS = 200_000
LONG_ARTICLE_SHARE = 0.04  # of the figures, in the long report
ARTICLE_CHARS = (4_000, 16_000)
PUBLISHERS = ("Xinhua", "China Daily", "Southern Metropolis Daily", "Shanghai Daily",
              "Guizhou Daily", "Provincial Government Information Office", "Global Times")

# Syllables for invented city names, each with its character, so every place has a Chinese name.
SYLLABLES = (
    ("Long", "龙"), ("Bai", "白"), ("Shan", "山"), ("He", "河"), ("Ning", "宁"), ("An", "安"),
    ("Qing", "青"), ("Feng", "丰"), ("Yun", "云"), ("Jin", "金"), ("Hua", "华"), ("Xing", "兴"),
    ("Ping", "平"), ("Yang", "阳"), ("Dong", "东"), ("Xi", "溪"), ("Nan", "南"), ("Lin", "林"),
    ("Chang", "昌"), ("Tai", "泰"), ("Mei", "梅"), ("Song", "松"),
)

# as_written patterns per unit: (format, kind of amount). {a} is a decimal, {n} a count with
# commas, {b} the upper end of a range. The build parses each one, so value, qualifier and
# value_high always agree with the text.
AMOUNTS = {
    "EFLOPS": ("{a} EFLOPS", "more than {a} exaflops", "about {a} EFLOPS", "{n} PFLOPS",
               "between {a} and {b} EFLOPS", "at least {a} EFLOPS"),
    "yuan": ("{a} billion yuan", "more than {a} billion yuan", "about {a} million yuan",
             "{a} billion yuan", "at least {a} billion yuan"),
    "percent": ("{p} percent", "{p}%", "about {p} percent", "more than {p} percent",
                "between {p} and {q} percent"),
    "count": ("{n}", "more than {n}", "about {n}", "nearly {n}", "over {n}"),
    "persons": ("{n}", "more than {n}", "{a} million", "over {a} million"),
    "vehicles": ("{a} million", "more than {a} million", "{n}", "about {a} million"),
    "rank": ("No. {r}", "ranked {ordinal}", "ranking {ordinal}"),
}
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth")
# What the sentence says the amount is: a phrase per metric (after the amount for counts).
PHRASES = {
    "computing_power": "of AI computing power",
    "computing_power_rank": "among Chinese cities for AI computing power",
    "top5_computing_power_cities": "cities in the national top tier for computing power",
    "new_ai_data_centres": "new AI data centres",
    "ai_companies": "artificial intelligence companies",
    "ai_subsidies": "in AI subsidies and computing vouchers",
    "ai_core_industry_scale": "as the scale of its core AI industry",
    "ai_application_scenarios": "AI application scenarios",
    "national_ai_pilot_zones": "national AI pilot zones",
    "nev_output": "new energy vehicles produced",
    "nev_output_share": "of the national output of new energy vehicles",
    "nev_output_growth": "growth in new energy vehicle output",
    "large_industrial_enterprises": "large-scale industrial enterprises",
    "large_industrial_enterprises_share": "of the country's large-scale industrial enterprises",
    "large_industrial_enterprises_rank": "in the country for large-scale industrial enterprises",
    "industrial_transformation_per_year": "industrial enterprises transformed each year",
    "rd_personnel": "R&D personnel",
    "rd_personnel_rank": "in the country for R&D personnel",
    "skilled_personnel": "skilled personnel",
    "low_altitude_enterprise_share": "of the country's low-altitude economy enterprises",
    "national_ai_open_platforms_share": "of the national AI open innovation platforms",
    "waic_exhibits": "AI products shown at the World AI Conference",
}
ACTUAL_FRAMES = (
    "In {year}, {place} reported {amount} {phrase}, according to the local bureau of industry "
    "and information technology.",
    "Official figures show that {place} recorded {amount} {phrase} in {year}.",
    "{place} had {amount} {phrase} at the end of {year}, the provincial statistics office said.",
)
TARGET_FRAMES = (
    "By {year}, {place} aims to reach {amount} {phrase}, under a plan released by the local "
    "government.",
    "{place} plans to achieve {amount} {phrase} by {year}, officials said.",
)
LONG_TAIL = (
    " The figure, which officials described as a milestone for the region's digital economy, "
    "takes in public computing platforms, the data centres of state-owned operators and the "
    "clusters that private firms have built in industrial parks, and it was cited repeatedly at "
    "a press conference where representatives of universities, research institutes, chip "
    "designers, cloud providers and manufacturers discussed how large models could be put to "
    "work in factories, hospitals, schools, ports and government services across the region"
)
RELATED = ("Related Articles", "AI firms gather for the annual computing forum",
           "Data centre operators expand in the west", "New rules for generative AI services")
HOSTS = ("World AI Conference (WAIC)",)


def _load_gazetteer() -> list[dict]:
    return yaml.safe_load(GAZETTEER.read_text(encoding="utf-8"))


def _invented_cities(provinces: list[dict], needed: int, taken: set[str], rng: random.Random,
                     used_codes: set[int]) -> list[dict]:
    """`needed` cities with made-up names, each inside (near the seat of) a real province."""
    names = [(a + b.lower(), ca + cb) for a, ca in SYLLABLES for b, cb in SYLLABLES if a != b]
    rng.shuffle(names)
    cities = []
    for name_en, name_zh in names:
        if len(cities) == needed:
            break
        region_id = name_en.lower()
        if region_id in taken:
            continue
        province = rng.choice([p for p in provinces
                               if p["level"] in ("province", "autonomous_region")])
        prefix = province["adcode"] // 10000
        code = next(prefix * 10000 + k * 100 for k in range(51, 100)
                    if prefix * 10000 + k * 100 not in used_codes)
        used_codes.add(code)
        taken.add(region_id)
        cities.append({
            "id": region_id, "name_en": name_en, "name_zh": f"{name_zh}市",
            "level": "prefecture_city", "parent": province["id"], "adcode": code,
            "lon": round(province["lon"] + rng.uniform(-1.5, 1.5), 4),
            "lat": round(province["lat"] + rng.uniform(-1.0, 1.0), 4),
            "aliases": [name_en], "note": "An invented city for scale tests.",
        })
    if len(cities) < needed:
        raise SystemExit(f"synth_data: only {len(cities)} invented city names for {needed}")
    return cities


def make_regions(scale: int, rng: random.Random) -> list[dict]:
    """China, the 34 provincial-level units and 3 N + 5 cities (real ones first)."""
    gazetteer = _load_gazetteer()
    provinces = [p for p in gazetteer if p["level"] in PROVINCIAL]
    real_cities = [p for p in gazetteer if p["level"] == "prefecture_city"]
    wanted = 3 * scale + 5
    focus_cities = [c for c in real_cities if c["id"] in FOCUS]
    others = [c for c in real_cities if c["id"] not in FOCUS]
    cities = (focus_cities + others)[:max(wanted, len(focus_cities))]
    taken = {p["id"] for p in gazetteer}
    used_codes = {p["adcode"] for p in gazetteer if p["adcode"]}
    cities += _invented_cities(provinces, wanted - len(cities), taken, rng, used_codes)
    china = next(p for p in gazetteer if p["level"] == "country")
    regions = []
    for place in [china, *provinces, *cities]:
        entry = {key: place[key] for key in ("id", "name_en", "name_zh", "level", "parent",
                                             "adcode", "lon", "lat")}
        entry["focus"] = place["id"] in FOCUS
        entry["aliases"] = sorted({place["name_en"], *place.get("aliases", [])})
        if place.get("note"):
            entry["note"] = place["note"]
        regions.append(entry)
    # The focus regions first, in their order: the dashboard shows them in this file's order.
    regions.sort(key=lambda r: FOCUS.index(r["id"]) if r["id"] in FOCUS else len(FOCUS))
    return regions


def _amount(unit: str, rng: random.Random, *, exact: bool = False) -> str:
    """An amount as an article writes it; `exact` takes the unit's first, unhedged pattern."""
    pattern = AMOUNTS[unit][0] if exact else rng.choice(AMOUNTS[unit])
    low = rng.choice((rng.uniform(0.5, 20), rng.uniform(20, 400)))
    count = rng.choice((rng.randint(3, 90), rng.randint(100, 9_000), rng.randint(10_000, 900_000)))
    percent = round(rng.uniform(1, 60), 1)
    rank = rng.randint(1, 10)
    return pattern.format(
        a=f"{low:.1f}", b=f"{low * rng.uniform(1.1, 1.6):.1f}", n=f"{count:,}",
        p=f"{percent:g}", q=f"{percent + rng.randint(2, 15):g}", r=rank,
        ordinal=ORDINALS[rank - 1],
    )


class Corpus:
    """Facts and the sentences that state them, article by article."""

    def __init__(self, scale: int, regions: list[dict], metrics: list[dict], rng: random.Random):
        self.rng = rng
        self.scale = scale
        self.regions = [r for r in regions if r["level"] != "country"]
        self.metrics = {m["id"]: m for m in metrics}
        self.n_articles = ARTICLES_PER_SCALE * scale
        self.articles: list[list[dict]] = [[] for _ in range(self.n_articles)]
        self.quotes: set[str] = set()
        # One long report (about 200 KB) that carries a share of the figures, spread through it.
        self.long_article = self.n_articles // 2 if scale >= 10 else None

    def _region_weights(self) -> list[float]:
        return [30.0 if r["id"] in FOCUS else 3.0 if r["level"] in PROVINCIAL else 1.0
                for r in self.regions]

    def build(self) -> None:
        total = FACTS_PER_SCALE * self.scale
        plan: list[tuple[dict, str]] = []
        if self.scale >= 10:  # one metric with a figure for every region: 300+ at N = 100
            plan += [(region, "computing_power") for region in self.regions]
        numeric = [m for m in self.metrics if self.metrics[m]["kind"] != "categorical"]
        weights = self._region_weights()
        while len(plan) < total - max(2, self.scale // 5):
            region = self.rng.choices(self.regions, weights)[0]
            plan.append((region, self.rng.choice(numeric)))
        for region, metric_id in plan:
            self._add_numeric(region, metric_id)
        self._add_conflicts(max(1, self.scale // 2))
        for _ in range(max(2, self.scale // 5)):
            self._add_host_claim()

    def _add(self, article: int, fact: dict) -> None:
        self.articles[article].append(fact)

    def _unique(self, sentence: str) -> str | None:
        if sentence in self.quotes:
            return None
        self.quotes.add(sentence)
        return sentence

    def _add_numeric(self, region: dict, metric_id: str, *, year: int | None = None,
                     target: bool | None = None, article: int | None = None,
                     exact: bool = False) -> dict | None:
        metric = self.metrics[metric_id]
        target = self.rng.random() < 0.2 if target is None else target
        for _ in range(20):
            amount = _amount(metric["unit"], self.rng, exact=exact)
            this_year = year or self.rng.choice(TARGET_YEARS if target else ACTUAL_YEARS)
            frame = self.rng.choice(TARGET_FRAMES if target else ACTUAL_FRAMES)
            sentence = frame.format(year=this_year, place=region["name_en"], amount=amount,
                                    phrase=PHRASES[metric_id])
            if self.rng.random() < 0.05:  # a long quote
                sentence = sentence[:-1] + LONG_TAIL + "."
            sentence = sentence[0].upper() + sentence[1:]
            if self._unique(sentence):
                break
        else:
            return None
        fact = {
            "id": None, "source": None, "region": region["id"], "metric": metric_id,
            "as_written": amount, "value": None, "value_high": None, "value_text": None,
            "qualifier": None, "status": "target" if target else "actual",
            "period": str(this_year), "quote": sentence, "note": None,
        }
        if article is None:
            article = self.long_article if (self.long_article is not None
                                            and self.rng.random() < LONG_ARTICLE_SHARE) \
                else self.rng.randrange(self.n_articles)
        self._add(article, fact)
        return fact

    def _add_conflicts(self, count: int) -> None:
        """Pairs of exact figures from two articles on one region, metric and year."""
        numeric = [m for m in self.metrics if self.metrics[m]["kind"] != "categorical"]
        for _ in range(count):
            region = self.rng.choice(self.regions)
            metric_id, year = self.rng.choice(numeric), self.rng.choice(ACTUAL_YEARS)
            first = self.rng.randrange(self.n_articles)
            second = (first + 1 + self.rng.randrange(max(self.n_articles - 1, 1))) \
                % self.n_articles
            for article in (first, second):
                self._add_numeric(region, metric_id, year=year, target=False, article=article,
                                  exact=True)

    def _add_host_claim(self) -> None:
        region = self.rng.choice([r for r in self.regions if r["id"] in FOCUS])
        year = self.rng.choice(ACTUAL_YEARS)
        sentence = self._unique(f"The World AI Conference held in {region['name_en']} in "
                                f"{year} drew exhibitors from across the industry.")
        if sentence is None:
            return
        self._add(self.rng.randrange(self.n_articles), {
            "id": None, "source": None, "region": region["id"], "metric": "waic_host",
            "as_written": f"World AI Conference held in {region['name_en']}", "value": None,
            "value_high": None, "value_text": HOSTS[0], "qualifier": "exact",
            "status": "actual", "period": str(year), "quote": sentence, "note": None,
        })


def _paragraphs(sentences: list[str], rng: random.Random) -> list[str]:
    paragraphs, current = [], []
    for sentence in sentences:
        current.append(sentence)
        if rng.random() < 0.35:
            current.append(rng.choice(PROSE))
        if len(current) >= rng.randint(2, 4):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _dismissable(rng: random.Random) -> tuple[str, str]:
    """A company figure, which the ledger shows dismissed, not curated."""
    firm = rng.choice(("Huawei", "Alibaba Cloud", "Tencent", "iFlytek", "Baidu", "Inspur"))
    growth = f"{rng.randint(3, 60)} percent"
    return f"{firm} said its cloud revenue in the region grew {growth} on the year.", growth


def write_articles(corpus: Corpus, out: Path, rng: random.Random) -> tuple[list, list, list]:
    """The article files, their sources.yaml entries, the facts and the dismissed numbers."""
    articles_dir = out / "articles"
    articles_dir.mkdir(parents=True)
    sources, facts, dismissed = [], [], []
    for number, entries in enumerate(corpus.articles):
        source_id = f"s{number:04d}"
        title = f"AI industry report {_letters(number)}: computing, subsidies and vehicles"
        sentences = [fact["quote"] for fact in entries]
        extra, extra_written = _dismissable(rng)
        sentences.insert(rng.randint(0, len(sentences)), extra)
        paragraphs = _paragraphs(sentences, rng)
        # Padded with figure-free prose to the length of real articles (the seeds average
        # about 10 KB), and one long report to about 200 KB.
        paragraphs = _padded(paragraphs, rng, LONG_ARTICLE_CHARS if number == corpus.long_article
                             else rng.randint(*ARTICLE_CHARS))
        text = "\n".join([title, *paragraphs, "", *RELATED]) + "\n"
        data = text.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        file_name = f"{number:04d}_{digest[:16]}.txt"
        (articles_dir / file_name).write_bytes(data)
        year = rng.choice(ACTUAL_YEARS[-4:])
        sources.append({
            "id": source_id, "file": file_name, "title": title,
            "publisher": rng.choice(PUBLISHERS), "url": f"https://example.org/news/{number}",
            "published": f"{year + 1}-0{rng.randint(1, 9)}",
            "published_basis": "inferred: synthetic article for scale tests",
            "sha256": digest, "note": "Synthetic.",
        })
        dismissed.append({"source": source_id, "as_written": extra_written, "quote": extra,
                          "reason": "company_figure", "note": "A firm's own figure."})
        for k, fact in enumerate(entries, start=1):
            fact = dict(fact, id=f"{source_id}-{fact['region']}-{fact['metric']}-{k}"
                        .replace("_", "-"), source=source_id)
            facts.append(fact)
    return sources, facts, dismissed


def _padded(paragraphs: list[str], rng: random.Random, length: int) -> list[str]:
    """The paragraphs with figure-free filler between them, to about `length` characters."""
    filler_length = 6 * sum(map(len, PROSE)) / len(PROSE) + 30
    missing = max(0, length - sum(map(len, paragraphs)))
    per_gap = math.ceil(missing / filler_length / max(len(paragraphs), 1))
    padded, label = [], 0
    for paragraph in paragraphs:
        padded.append(paragraph)
        for _ in range(per_gap):
            label += 1
            padded.append(f"Section {_letters(label)} of the report. "
                          + " ".join(rng.sample(PROSE, 6)))
    return padded


def _letters(n: int) -> str:
    """A label for filler paragraph n written in letters ("BCA" for 120), so every paragraph is
    unique (a repeated one reads as a copy) and adds no number for the ledger to review."""
    return "".join(chr(ord("A") + int(digit)) for digit in str(n))


def read_amounts(facts: list[dict], metrics: dict[str, dict]) -> None:
    """Fill value, value_high and qualifier from as_written, with the parser the build uses."""
    for fact in facts:
        if metrics[fact["metric"]]["kind"] == "categorical":
            continue
        parsed = parse_amount(fact["as_written"])
        fact["value"] = parsed.value
        fact["value_high"] = parsed.value_high
        fact["qualifier"] = parsed.qualifier


def dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100),
                    encoding="utf-8")


def write_curation(out: Path, scale: int, seed: int) -> None:
    rng = random.Random(seed)
    regions = make_regions(scale, rng)
    metrics_file = yaml.safe_load((REPO / "data/curation/metrics.yaml").read_text("utf-8"))
    corpus = Corpus(scale, regions, metrics_file["metrics"], rng)
    corpus.build()
    sources, facts, dismissed = write_articles(corpus, out, rng)
    read_amounts(facts, corpus.metrics)
    curation = out / "curation"
    curation.mkdir()
    dump(curation / "regions.yaml", regions)
    shutil.copyfile(REPO / "data/curation/metrics.yaml", curation / "metrics.yaml")
    dump(curation / "sources.yaml", sources)
    dump(curation / "facts.yaml", facts)
    dump(curation / "dismissed.yaml", dismissed)
    shutil.copytree(REPO / "data" / "geo", out / "geo")
    shutil.copytree(REPO / "data" / "gazetteer", out / "gazetteer")


def build(out: Path) -> None:
    """`python -m extract build` on the folder: the build expects `<root>/data/`."""
    with tempfile.TemporaryDirectory(prefix="synth-root-") as root:
        (Path(root) / "data").symlink_to(out.resolve(), target_is_directory=True)
        subprocess.run([sys.executable, "-m", "extract", "build", "--root", root],
                       cwd=REPO, check=True, stdout=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, required=True, help="N: N times the real data")
    parser.add_argument("--out", type=Path, required=True,
                        help="the data folder to write (must not exist or be empty)")
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--no-build", action="store_true",
                        help="write articles/ and curation/ only (for the build benchmark)")
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    out = args.out
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        parser.error(f"{out} exists and is not an empty folder")
    if out.resolve().is_relative_to((REPO / "data").resolve()):
        parser.error("the synthetic folder never goes into data/")
    out.mkdir(parents=True, exist_ok=True)
    write_curation(out, args.scale, args.seed)
    if not args.no_build:
        build(out)
    print(f"wrote {out} (scale {args.scale})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
