"""The suggester: candidates with the right region, value and unit; clean bad-input errors."""

import io
import json
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.__main__ import main
from extract.gazetteer import VocabularyError
from extract.suggest import (
    date_in_address,
    date_labelled,
    date_on_page,
    load_vocabulary,
    run_suggest,
    suggest_text,
)

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
        # "the province" looking back into a sentence is its subject, not the last place in it
        ("Zhejiang ranked third, behind Jiangsu and Guangdong. The province wants 500 billion "
         "yuan of AI output.\n",
         [("zhejiang", 3, "rank"), ("zhejiang", 500_000_000_000, "yuan")]),
        # ... and within its own sentence the nearest province
        ("Anhui grew fast while Jiangsu, the province next door, added 3,000 AI firms.\n",
         [("jiangsu", 3000, "count")]),
        # a figure each of several places has is a candidate for each; "each year" is not that
        ("Ningbo and Wenzhou have each set up AI funds of 2 billion yuan.\n",
         [("ningbo", 2_000_000_000, "yuan"), ("wenzhou", 2_000_000_000, "yuan")]),
        ("Both Beijing and Shanghai have more than 1,000 AI firms.\n",
         [("beijing", 1000, "count"), ("shanghai", 1000, "count")]),
        ("Beijing and Shanghai each year add 5 EFLOPS of computing power.\n", []),
        # "top" before money is a verb; before a count it is a ranking
        ("Zhejiang wants its AI revenue to top 1 trillion yuan.\n",
         [("zhejiang", 1_000_000_000_000, "yuan")]),
        ("Zhejiang is among the top 10 provinces.\n", []),
        # revenue that "exceeded" an amount is a figure reached; "revenue of" one is a bar
        ("Hangzhou's AI firms had combined revenue exceeded 330 billion yuan.\n",
         [("hangzhou", 330_000_000_000, "yuan")]),
        ("Hangzhou has 900 AI firms with annual revenue of 20 million yuan.\n",
         [("hangzhou", 900, "count")]),
        # ... but "a total investment of" one is what the projects add up to
        ("Zunyi signed 15 projects with a total investment of RMB 12.6 billion.\n",
         [("zunyi", 15, "count"), ("zunyi", 12_600_000_000, "yuan")]),
        # a prefecture the gazetteer does not hold, after a list marker, is nobody's
        ("Guizhou is growing.\n2. Qiannan Buyi and Miao Autonomous Prefecture built 30 "
         "intelligent computing centers.\n", []),
        ("Guizhou is growing.\n2. Gui'an New Area hosted 37 key data centers.\n", []),
        ("Beijing's AI industry generated revenue of 350 billion yuan.\n",
         [("beijing", 350_000_000_000, "yuan")]),
        # a dateline is where the story was filed: a national total after it is nobody's
        ("SOURCE: https://example.org/a\n\nBEIJING, Feb. 10 (Xinhua) -- China made 12.9 million "
         "NEVs, and Guangdong made 2.5 million.\n", [("guangdong", 2_500_000, "vehicles")]),
        # "the capital" is Beijing once Beijing was named; "the capital of" is an apposition
        ("Beijing leads. The capital's AI industry earned 350 billion yuan.\n",
         [("beijing", 350_000_000_000, "yuan")]),
        ("The capital's AI industry earned 350 billion yuan.\n", []),
        ("Xi'an, the capital of Shaanxi, made 1 million NEVs.\n",
         [("xian", 1_000_000, "vehicles")]),
        # "It" opening the sentence is its subject, not the places of a clause after the number
        ("Beijing has 2,400 AI firms. Its share fell to 28 percent, as Shanghai and Hangzhou "
         "grew.\n", [("beijing", 2400, "count"), ("beijing", 28, "percent")]),
        # a district the gazetteer does not hold is not the city named before
        ("Beijing has 2,400 AI firms. Haidian district alone hosts 1,300 AI firms.\n",
         [("beijing", 2400, "count")]),
        ("In Hangzhou's Binjiang district, 68 percent of firms are tech firms.\n", []),
        # a place in an aside between the subject and the number is not the subject
        ("Guangdong province, which includes Shenzhen, has 3,000 AI firms.\n",
         [("guangdong", 3000, "count")]),
        ("Guizhou, home to Guiyang's data centres, has 48 data centres.\n",
         [("guizhou", 48, "count")]),
        # amounts of energy or weight are out of scope, not counts
        ("Guangdong produced 1.1 trillion kWh of electricity.\n", []),
        # "respectively" pairs a bare count listed with a count of vehicles: both are vehicles
        ("Foshan and Zhaoqing, meanwhile, produced 300,000 and 150,000 vehicles respectively.\n",
         [("foshan", 300_000, "vehicles"), ("zhaoqing", 150_000, "vehicles")]),
        # a count is a whole number
        ("Data centres in Shanghai will reach a PUE of 1.25.\n", []),
        # a firm's figure, the firm based somewhere
        ("BYD, headquartered in Shenzhen, sold 4.27 million vehicles.\n", []),
        ("Hefei's NEV output exceeded 1.37 million units.\n", [("hefei", 1_370_000, "vehicles")]),
    ],
)
def test_suggest_reads_region_value_and_unit(text, expected, vocabulary):
    assert suggest(text, vocabulary) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a city described by its province, as wire copy does: the city's figure
        ("Hangzhou, capital of east China's Zhejiang Province, now has more than 1,500 AI "
         "enterprises.\n", [("hangzhou", 1500, "count")]),
        ("Hefei in east China's Anhui Province produced 1.4 million NEVs in 2024.\n",
         [("hefei", 1_400_000, "vehicles")]),
        ("In Shenzhen, south China's Guangdong Province, the AI industry reached 300 billion "
         "yuan.\n", [("shenzhen", 300_000_000_000, "yuan")]),
        ("Dongguan, a manufacturing hub in Guangdong, has 300 AI firms.\n",
         [("dongguan", 300, "count")]),
        ("Hangzhou in neighboring Zhejiang province has 1,200 AI firms.\n",
         [("hangzhou", 1200, "count")]),
        # the place a share of the province's firms is in
        ("Zhejiang is home to more than 2,000 AI enterprises, over 60 percent of which are in "
         "Hangzhou.\n", [("zhejiang", 2000, "count"), ("hangzhou", 60, "percent")]),
        # a city and its province written as an address are one place
        ("Wuhu City, Anhui Province, has 120 AI firms.\n", [("wuhu", 120, "count")]),
        ("Nanjing, Jiangsu has 700 AI firms.\n", [("nanjing", 700, "count")]),
        # "in southwest China" says where, it is not the nation's figure
        ("Chongqing Municipality in southwest China produced 500,000 NEVs.\n",
         [("chongqing", 500_000, "vehicles")]),
        # a firm's or an institution's figure, even where a place is in its name or after it
        ("Shenzhen-headquartered BYD sold 4.27 million NEVs in 2024.\n", []),
        ("Zhejiang University in Hangzhou has 3,000 AI researchers.\n", []),
        ("The University of Science and Technology of China in Hefei has 2,000 AI "
         "researchers.\n", []),
        # a city the gazetteer lacks, described as one, is not its province
        ("Yibin, a city in southwest China's Sichuan Province, produced 50,000 NEVs.\n", []),
        # the cities listed before their province, each with the figure
        ("Suzhou and Wuxi in Jiangsu each host over 500 AI firms.\n",
         [("suzhou", 500, "count"), ("wuxi", 500, "count")]),
        # "China's" describing a city does not make a list with it
        ("The output of Shenzhen, China's tech hub, topped 1.3 trillion yuan.\n",
         [("shenzhen", 1_300_000_000_000, "yuan")]),
        # a national total named right before its number is not the region's
        ("Beijing's AI industry grew to 350 billion yuan, about a third of China's total of "
         "1 trillion yuan.\n",
         [("beijing", 350_000_000_000, "yuan"), ("beijing", 100 / 3, "percent")]),
        # ... but a rank "in the country" is the region's
        ("Guangdong has 73,900 large-scale industrial enterprises, about one-seventh of the "
         "national total and ranking first in the country.\n",
         [("guangdong", 73_900, "count"), ("guangdong", 100 / 7, "percent"),
          ("guangdong", 1, "rank")]),
        # a name's age and a zone the gazetteer lacks are no figures of the region
        ('"We aim to build a world-class AI hub," said Wang Hua, 52, deputy director of the '
         "Shanghai commission, adding that some 200,000 AI professionals now work in the "
         "city.\n", [("shanghai", 200_000, "persons")]),
        ("Shanghai grew fast. Zhangjiang Science City alone has gathered over 600 AI firms.\n",
         []),
        # "the area", "the zone": a place the gazetteer does not hold, not the article's subject
        ("Guizhou hosts 48 data centres. Gui'an New Area alone has attracted 110 billion yuan. "
         "The area's intelligent computing accounts for about 97 percent of its capacity.\n",
         [("guizhou", 48, "count")]),
        ("Shanghai has 348 AI firms. The zone has 120 AI firms.\n",
         [("shanghai", 348, "count")]),
        # a firm told of as one ("a robot maker"), not the article's place, owns its figures
        ("Shenzhen has 2,600 AI companies. UBTech, a Shenzhen-listed robot maker, said it "
         "expects revenue to exceed 1 billion yuan in 2025.\n", [("shenzhen", 2600, "count")]),
        ("Hefei, a major carmaker, produced 1.2 million NEVs. Hefei, the city, has 300 AI "
         "firms.\n", [("hefei", 1_200_000, "vehicles"), ("hefei", 300, "count")]),
        # "China's AI capital spending" is the country's, not Beijing's
        ("Beijing has 2,400 AI firms. China's AI capital spending could reach 700 billion yuan "
         "in 2026.\n", [("beijing", 2400, "count")]),
        # "it" is the subject the sentence before opens with, not the place it ranks behind
        ("Guangdong had 8,500 AI companies, ranking second behind Beijing. Its new energy "
         "vehicle output reached 3.4 million units, about 26 percent of China's total.\n",
         [("guangdong", 8500, "count"), ("guangdong", 2, "rank"),
          ("guangdong", 3_400_000, "vehicles"), ("guangdong", 26, "percent")]),
        # a national story so far ("China's NEV output ...", after a dateline): a figure with no
        # place is the nation's, not the dateline's city's; a region named later is its own
        ("BEIJING, Jan. 14 (Xinhua) -- China's NEV output rose 34.4 percent to 12.89 million "
         "units in 2024.\n\nNEVs accounted for 40.9 percent of new vehicle sales.\n\n"
         "Guangdong made 3.53 million NEVs.\n\nIts output grew 10 percent.\n",
         [("guangdong", 3_530_000, "vehicles"), ("guangdong", 10, "percent")]),
        ("BEIJING, Jan. 14 (Xinhua) -- The city had 2,400 AI firms.\n\nComputing power "
         "reached 10 EFLOPS.\n", [("beijing", 2400, "count"), ("beijing", 10, "EFLOPS")]),
        # what an event counts (exhibitors, countries, forums) is no region's figure
        ("The expo opened in Guiyang, capital of Guizhou Province, drawing more than 400 "
         "exhibitors from 15 countries and regions. It features 3 forums. Guiyang has 1,200 "
         "big data firms.\n", [("guiyang", 1200, "count")]),
        # a unit a table or heading counts in is no figure
        ("Guangdong leads.\n\nNEV output by city (10,000 units)\nShenzhen 190.5\n\nRevenue of "
         "the AI industry (unit: 100 million yuan)\n\nGuizhou set aside subsidies (100 million "
         "yuan) for AI.\n", [("guizhou", 100_000_000, "yuan")]),
        # with no place in its paragraph, a figure is of the article's main subject, not of the
        # cities the paragraph before listed
        ("In 2024, Zhejiang had 1,378 AI firms.\n\nHangzhou was picked as a pilot zone, and "
         "Ningbo and Wenzhou each built an AI town.\n\nKey targets for 2025:\n1. Computing "
         "power: the total to exceed 25 EFLOPS\n",
         [("zhejiang", 1378, "count"), ("zhejiang", 25, "EFLOPS")]),
        # ... and a survey of several regions keeps to the latest
        ("Beijing has 2,400 AI firms.\n\nShanghai has 1,100 AI firms.\n\nGuizhou has 48 data "
         "centres.\n\nComputing power reached 80 EFLOPS.\n",
         [("beijing", 2400, "count"), ("shanghai", 1100, "count"), ("guizhou", 48, "count"),
          ("guizhou", 80, "EFLOPS")]),
        # "the area of" is a field, not a place
        ("Beijing leads. Investment in the area of AI reached 10 billion yuan.\n",
         [("beijing", 10_000_000_000, "yuan")]),
    ],
)
def test_suggest_wire_and_newspaper_descriptions_of_places(text, expected, vocabulary):
    rounded = [(region, round(value, 9), unit) for region, value, unit in expected]
    assert [(r, round(v, 9), u) for r, v, u in suggest(text, vocabulary)] == rounded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # plan wording of its own clause; a past "by the end of 2024" is no plan
        ("Shenzhen's intelligent computing capacity reached 36 EFLOPS by the end of 2024, and "
         "it aims for 80 EFLOPS in 2026.\n",
         [(36, "computing_power", "actual", "2024"), (80, "computing_power", "target", "2026")]),
        # plan wording; what is to be added is no level of computing power
        ("Guizhou intends to add 10 EFLOPS, and Hefei is on track to add 5 EFLOPS.\n",
         [(10, None, "target", None), (5, None, "target", None)]),
        # the end of a quotation ends its plan wording; "now" is what there is
        ('"We aim to lead," said Li Na, adding that Shanghai now has 348 AI enterprises.\n',
         [(348, "ai_companies", "actual", None)]),
        # a year compared with is not the figure's
        ("The number of AI firms in Guizhou exceeded 8,000, about 2.5 times that of 2020.\n",
         [(8000, "ai_companies", "actual", None)]),
        # the noun names the metric's own unit; firms, companies and enterprises are one
        ("Ningbo's NEV output was 450,000 vehicles.\n",
         [(450_000, "nev_output", "actual", None)]),
        ("Hangzhou ranked No. 2 nationwide in the number of AI enterprises, with 2,800 "
         "firms.\n", [(2, None, "actual", None), (2800, "ai_companies", "actual", None)]),
        # a year compared with is no figure's own: "the same period last year", "than in 2023"
        ("Guangdong produced 1.2 million NEVs in the first quarter, up 35 percent over the same "
         "period last year.\n",
         [(1_200_000, "nev_output", "actual", "2025"),
          (35, "nev_output_growth", "actual", "2025")]),
        ("Beijing had 2,400 AI firms in 2024, 300 more than in 2023.\n",
         [(2400, "ai_companies", "actual", "2024"), (300, None, "actual", "2024")]),
        ("Guizhou added 5 EFLOPS, 2 EFLOPS more than in the same period last year.\n",
         [(5, None, "actual", None), (2, None, "actual", None)]),
        # an increase over the start of the year is no level of the stock
        ("Hangzhou had 1,350 AI firms at the end of 2024, 120 more than at the start of the "
         "year.\n", [(1350, "ai_companies", "actual", "2024"), (120, None, "actual", "2024")]),
        # a total "since" a year before the article's is of no one year, not of that year;
        # since the article's own year, of that year
        ("Dongguan has deployed 1,200 industrial robots since 2023.\n",
         [(1200, None, "actual", None)]),
        ("Suzhou has built 6 new data centres since 2025.\n",
         [(6, "new_ai_data_centres", "actual", "2025")]),
        ("Since 2023, Shanghai has issued computing power vouchers worth 600 million yuan.\n",
         [(600_000_000, "ai_subsidies", "actual", None)]),
        # "nationwide" right after a rank says among what it ranks: the figure after it is
        # still the city's, not the nation's
        ("Hangzhou ranked second nationwide with 1,200 AI enterprises.\n",
         [(2, None, "actual", None), (1200, "ai_companies", "actual", None)]),
        ("Guangdong ranked first nationwide with 40 EFLOPS of computing power.\n",
         [(1, "computing_power_rank", "actual", None), (40, "computing_power", "actual", None)]),
        ("Shanghai ranked 3rd nationwide, with 1,100 AI firms, while nationwide the count "
         "reached 5,000.\n",
         [(3, None, "actual", None), (1100, "ai_companies", "actual", None)]),
        # a past verb with "by <year>" reports what was reached, with or without a date
        ("Guizhou's computing power reached 80 EFLOPS by the end of 2025, and will reach 100 "
         "EFLOPS by 2027.\n",
         [(80, "computing_power", "actual", "2025"), (100, "computing_power", "target", "2027")]),
        ("Guizhou reached a deal to build 100 EFLOPS by 2027.\n",
         [(100, "computing_power", "target", "2027")]),
        # a keyword inside another: "intelligent computing centers" are data centres
        ("By the end of 2024, Zhejiang had built 12 intelligent computing centers with a "
         "combined capacity of 18 EFLOPS.\n",
         [(12, "new_ai_data_centres", "actual", "2024"),
          (18, "computing_power", "actual", "2024")]),
        # "units" with no keyword: those counted in the sentence before, a paragraph apart
        ("China's NEV output exceeded 12.8 million units last year.\n\n"
         "Shenzhen contributed 2.8 million units.\n",
         [(2_800_000, "nev_output", "actual", None)]),
        ("Guizhou has 48 data centres.\n\nHefei sold 2.8 million units.\n",
         [(48, "new_ai_data_centres", "actual", None), (2_800_000, None, "actual", None)]),
        # "should reach" is plan wording; "should have" is not
        ("The number of AI firms in Beijing should reach 3,000, compared with about 2,400 "
         "now.\n",
         [(3000, "ai_companies", "target", None), (2400, "ai_companies", "actual", None)]),
        ("Beijing should have had 2,600 AI firms in 2024, officials said.\n",
         [(2600, "ai_companies", "actual", "2024")]),
        # "no later than 2027" is a deadline: the target's year, not a year compared with
        ("Shanghai aims to lift its computing capacity to 100 EFLOPS no later than 2027.\n",
         [(100, "computing_power", "target", "2027")]),
        # a cap for each firm, in its own clause or the whole sentence's, is no total; a cap on
        # the whole, with the firm's cap in another clause, is
        ("Beijing will issue computing vouchers worth up to 100 million yuan each "
         "year, and a single enterprise can receive no more than 5 million yuan.\n",
         [(100_000_000, "ai_subsidies", "target", None)]),
        ("Beijing will give up to 20 million yuan to any company whose model passes "
         "registration.\n", []),
        ("Each eligible company can receive subsidies of up to 10 million yuan in Beijing.\n",
         []),
        # a part of the whole the keyword before counts is no level of it ...
        ("Guizhou is home to 48 data centers, 23 of which are super-large.\n",
         [(48, "new_ai_data_centres", "actual", None), (23, None, "actual", None)]),
        ("Shenzhen has 900 AI firms, including more than 40 unicorns.\n",
         [(900, "ai_companies", "actual", None), (40, None, "actual", None)]),
        ("Beijing is home to 2,400 AI companies, and of them, 23 have released models.\n",
         [(2400, "ai_companies", "actual", None), (23, None, "actual", None)]),
        # ... but a place's part is the place's count, and a part the keyword names is its own
        ("Guangdong had 1,890 AI enterprises, of which 312 were in Guangzhou.\n",
         [(1890, "ai_companies", "actual", None), (312, "ai_companies", "actual", None)]),
        ("Guizhou issued bonds for computing, including 12 new data centers.\n",
         [(12, "new_ai_data_centres", "actual", None)]),
        # one facility's capacity is not the place's computing power; data centres' total is
        ("Zhengzhou's new intelligent computing center, with a capacity of 1,000P, opened. The "
         "Tianhe supercomputer in Tianjin has a peak performance of 4,700 TFLOPS.\n",
         [(1, None, "actual", None), (0.0047, None, "actual", None)]),
        ("Guizhou is home to 48 data centers with a total computing power of 80 EFLOPS.\n",
         [(48, "new_ai_data_centres", "actual", None), (80, "computing_power", "actual", None)]),
        ("The data center opened, and Shanghai's computing power reached 58 EFLOPS.\n",
         [(58, "computing_power", "actual", None)]),
        # a fund is set up, not an industry's scale; the plan's year is not the fund's
        ("Hangzhou set up a 10-billion-yuan AI industry fund and plans to train 50,000 AI "
         "talents by 2026.\n",
         [(10_000_000_000, None, "actual", None), (50_000, None, "target", "2026")]),
    ],
)
def test_suggest_metric_status_and_period_in_wire_copy(text, expected, vocabulary):
    rows = suggest_text(text, "a.txt", vocabulary, "2025-05-01")
    assert [(c["value"], c["metric"], c["status"], c["period"]) for c in rows] == expected


def test_suggest_a_figure_told_again_is_proposed_once_where_first_told(vocabulary):
    text = ("GUIYANG (Xinhua) -- Guizhou's computing power has topped 80 EFLOPS.\n"
            "Key figures:\n- Computing power: 80 EFLOPS\n- AI enterprises: 1,200\n"
            "Guizhou aims to keep 80 EFLOPS for AI in 2026.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-02")
    assert [(c["value"], c["status"], c["quote"][:7]) for c in rows] == [
        (80, "actual", "GUIYANG"), (1200, "actual", "- AI en"), (80, "target", "Guizhou")]
    # told again without its keyword, it is still the same figure; with another metric it is not
    text = ("Beijing had 2,400 AI firms and Shanghai had 1,900 AI firms.\n"
            "The top two were Beijing (2,400) and Shanghai (1,900).\n"
            "Shanghai has 1,900 data centres.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-02")
    assert [(c["region"], c["value"], c["metric"]) for c in rows] == [
        ("beijing", 2400, "ai_companies"), ("shanghai", 1900, "ai_companies"),
        ("shanghai", 1900, "new_ai_data_centres")]


@pytest.mark.parametrize(("url", "expected"), [
    ("https://english.news.cn/20250106/4d2f/c.html", "2025-01-06"),
    ("http://www.xinhuanet.com/english/2019-12/04/c_138605871.htm", "2019-12-04"),
    ("https://www.example.gov.cn/news/2024/05/17/art_1.html", "2024-05-17"),
    ("https://example.org/news/2024-05-17/a.html", "2024-05-17"),
    ("https://example.org/2025/02/30/a.html", None),  # no such day
    ("https://example.org/20251301/a.html", None),  # no such month
    ("https://example.org/p/1234567890", None),
    ("https://example.org/a/2025/0106", None),  # not a date this reads with confidence
])
def test_suggest_reads_a_date_from_an_articles_address(url, expected):
    assert date_in_address(url) == expected


def test_suggest_dates_an_article_without_a_date_by_its_address(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("SOURCE: https://english.news.cn/20250106/4d2f/c.html\nTITLE: Hub\n\n"
                       "Guizhou had 60 EFLOPS last year. Guizhou reached 80 EFLOPS by 2024.\n")
    code, rows, _ = run([article])
    assert code == 0
    assert [(c["value"], c["status"], c["period"]) for c in rows] == [
        (60, "actual", "2024"), (80, "actual", "2024")]
    assert "(the date in its address)" in rows[0]["why"]
    # a PUBLISHED line wins over the address
    article.write_text("SOURCE: https://english.news.cn/20250106/4d2f/c.html\nTITLE: Hub\n"
                       "PUBLISHED: 2023-03-01\n\nGuizhou had 60 EFLOPS last year.\n")
    assert [c["period"] for c in run([article])[1]] == ["2022"]


@pytest.mark.parametrize(("body", "expected"), [
    ("Updated: 2025-09-02 10:21 | By Ma Si | China Daily\n\nText.\n", "2025-09-02"),
    ("Home | News\nSource: Xinhua | 2025-1-6 19:41:30 | Editor: huaxia\n\nText.\n",
     "2025-01-06"),
    ("Date: 2024/05/17\nText.\n", "2024-05-17"),
    ("Date: 2025-02-30\nUpdated: 2025-03-01\n", "2025-03-01"),  # no such day: the next
    # a date in a story's long sentence is no date stamp, nor one far down the page
    ("Shanghai said the fund, set up on 2024-11-20 with 10 billion yuan, will back AI firms in "
     "the city for years to come, and that more measures would follow in the months ahead.\n",
     None),
    ("Text.\n" * 300 + "Updated: 2025-09-02\n", None),
    ("Release 2025-13-01\n", None),  # no such month
])
def test_suggest_reads_a_date_line_near_the_top_of_the_page(body, expected):
    assert date_on_page(body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("Text.\n\nPublished: 10:30am, 14 Mar 2025\n", "2025-03-14"),
    ("Text.\n" * 300 + "Updated: March 14, 2025\n", "2025-03-14"),  # anywhere, if the only one
    ("Date: Sept 3rd, 2024\n", "2024-09-03"),
    ("Release date: 2024/05/17\n", "2024-05-17"),
    # far down the page, several dates (a list of other stories) give none
    ("Text.\n" * 300 + "Published: 2025-03-14\nPosted: 2025-03-15\n", None),
    ("Posted on 30 Feb 2025\n", None),  # no such day
    ("Date: Mayo 3, 2025\n", None),  # no such month
    ("Published: yesterday\n", None),
    ("The update of 14 Mar 2025 was published.\n", None),  # no label opens the line
])
def test_suggest_reads_a_line_that_labels_the_pages_date(body, expected):
    assert date_labelled(body) == expected


def test_suggest_dates_an_article_by_a_labelled_line_at_its_foot(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("SOURCE: https://example.org/news/hub\nTITLE: Hub\n\n"
                       "Shenzhen counted 2,600 AI companies at the end of last year.\n\n"
                       "Published: 10:30am, 14 Mar 2025\n")
    code, rows, _ = run([article])
    assert code == 0
    assert [(c["value"], c["period"]) for c in rows] == [(2600, "2024")]
    assert "(the date in a date line of its page)" in rows[0]["why"]


def test_suggest_dates_an_article_without_a_date_by_its_pages_date_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("SOURCE: https://example.org/news/hub\nTITLE: Hub\n\n"
                       "Updated: 2025-09-02 10:21 | China Daily\n\n"
                       "Hangzhou had 1,840 AI companies at the end of June, and its core AI "
                       "industry grew to 269 billion yuan last year.\n")
    code, rows, _ = run([article])
    assert code == 0
    # the part of the year in the figure's own clause, not the other clause's "last year"
    assert [(c["value"], c["period"]) for c in rows] == [(1840, "2025"), (269e9, "2024")]
    assert "(the date in a date line of its page)" in rows[0]["why"]
    # the address's date wins over the page's
    article.write_text("SOURCE: https://english.news.cn/20230106/4d2f/c.html\nTITLE: Hub\n\n"
                       "Updated: 2025-09-02 10:21\n\nGuizhou had 60 EFLOPS last year.\n")
    assert [c["period"] for c in run([article])[1]] == ["2022"]


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


@pytest.mark.parametrize(("text", "region"), [
    ("The Zhejiang provincial capital counted 2,300 AI firms at the end of 2024.", "hangzhou"),
    ("Zhejiang's capital had 2,300 AI firms in 2024.", "hangzhou"),
    ("The capital of Guizhou had 2,300 AI firms in 2024.", "guiyang"),
    ("Guiyang, capital of southwest China's Guizhou Province, had 2,300 AI firms in 2024.",
     "guiyang"),
    ("Wuhan, the Hubei provincial capital, had 2,300 AI firms in 2024.", "wuhan"),
    ("Zhejiang had 9,000 AI firms in 2024. The provincial capital had 2,300 AI firms.",
     "hangzhou"),
    ("Hangzhou has grown fast. The provincial capital had 2,300 AI firms in 2024.", "hangzhou"),
    # what a province is known for is no city: Shenzhen is the subject
    ("Shenzhen, the tech capital of Guangdong, had 2,300 AI firms in 2024.", "shenzhen"),
    ("Guangdong capital markets raised 2,300 billion yuan for AI firms in 2024.", "guangdong"),
    # the country's capital is not a province's
    ("Beijing, the capital, had 2,300 AI firms in 2024.", "beijing"),
])
def test_suggest_a_provincial_capital_named_through_its_province(vocabulary, text, region):
    rows = suggest_text(text + "\n", "a.txt", vocabulary, "2025-03-01")
    assert [c["region"] for c in rows if c["value"] in (2300, 2.3e12)] == [region]


_GUIZHOU_PLAN = "Guizhou aims to lift its computing capacity to 80 EFLOPS by 2025.\n"


@pytest.mark.parametrize("sentence", [
    "Alibaba, which owns the Post, said last month it would spend at least 380 billion yuan on "
    "cloud and AI infrastructure over the next three years.",
    "In 2024, BYD sold 4.27 million new-energy vehicles.",
    "\"Huawei will invest 10 billion yuan in the hub,\" he said.",
    "Alibaba Group's cloud unit had 3,000 AI engineers there.",
])
def test_suggest_a_sentence_opening_with_a_firm_gives_the_firms_figures(vocabulary, sentence):
    """A firm of data/gazetteer/companies.yaml opening the sentence: its amount is no region's,
    though the paragraph before speaks of Guizhou."""
    rows = suggest_text(_GUIZHOU_PLAN + sentence + "\n", "a.txt", vocabulary, "2025-03-01")
    assert [(c["region"], c["value"]) for c in rows] == [("guizhou", 80)]


def test_suggest_a_firm_named_later_in_the_sentence_is_not_its_subject(vocabulary):
    text = (_GUIZHOU_PLAN + "The province said Apple, Huawei and Tencent run data centres with "
            "800,000 servers there.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-01")
    assert [(c["region"], c["value"]) for c in rows] == [("guizhou", 80), ("guizhou", 800_000)]


@pytest.fixture
def vocabulary_copy(tmp_path) -> Path:
    """A root holding copies of the vocabulary's folders, to break one of its files."""
    import shutil

    for folder in ("data/curation", "data/gazetteer"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


@pytest.mark.parametrize(("content", "problem"), [
    ("- Alibaba\n- 42\n", "entry 2: expected a firm's name of 2 to 100 characters, not 42"),
    ("- Alibaba\n- ' Alibaba '\n", "entry 2: 'Alibaba' is listed twice"),
    ("- Alibaba\n- '!!'\n", "entry 2: expected a firm's name of 2 to 100 characters, not '!!'"),
    ("Alibaba: 1\n", "expected a list of entries"),
])
def test_suggest_a_bad_companies_file_is_a_clear_error(vocabulary_copy, content, problem):
    from extract.gazetteer import VocabularyError

    (vocabulary_copy / "data/gazetteer/companies.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(VocabularyError) as error:
        load_vocabulary(vocabulary_copy)
    assert str(error.value) == f"data/gazetteer/companies.yaml: {problem}"


@pytest.mark.parametrize(("file", "old", "new"), [
    ("curation/regions.yaml", '  aliases: [Beijing, "China\'s AI capital"]', "  aliases: null"),
    ("curation/regions.yaml", '  aliases: [Beijing, "China\'s AI capital"]', "  aliases: 5"),
    ("curation/sources.yaml", '  published: "2025-02"', "  published: banana"),
    ("curation/sources.yaml", '  published: "2025-02"', "  published: [2024]"),
])
def test_suggest_reads_on_past_curation_entries_its_own_checks_refuse(vocabulary_copy, file,
                                                                        old, new):
    path = vocabulary_copy / "data" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    vocabulary = load_vocabulary(vocabulary_copy)  # `extract check` reports the entry
    assert suggest("Guizhou reached 85 EFLOPS in 2024.\n", vocabulary) == [
        ("guizhou", 85, "EFLOPS")]
    # the article the broken entry dates is read with no date
    out, err = io.StringIO(), io.StringIO()
    article = ARTICLES / "002_4f9067b6c7f9d6ba.txt"
    assert run_suggest([str(article)], vocabulary_copy, jobs=1, out=out, err=err) == 0
    assert err.getvalue() == "" and len(out.getvalue().splitlines()) > 5


def test_suggest_a_directory_for_the_companies_file_is_a_clear_error(vocabulary_copy):
    companies = vocabulary_copy / "data/gazetteer/companies.yaml"
    companies.unlink()
    companies.mkdir()
    out, err = io.StringIO(), io.StringIO()
    code = run_suggest([str(ARTICLES / "002_4f9067b6c7f9d6ba.txt")], vocabulary_copy, jobs=1,
                       out=out, err=err)
    assert (code, out.getvalue()) == (2, "")
    assert err.getvalue().startswith("data/gazetteer/companies.yaml: ")
    assert err.getvalue().count("\n") == 1


def test_suggest_places_in_an_appositive_describe_the_subject(vocabulary):
    text = ("Shenzhen, the southern tech hub bordering Hong Kong, said it had 2,600 AI firms at "
            "the end of 2024.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-14")
    assert [(c["region"], c["value"]) for c in rows] == [("shenzhen", 2600)]
    # after a list marker too
    text = ("Guangdong leads.\n2. Shenzhen, the southern tech hub bordering Hong Kong, had 2,600 "
            "AI firms at the end of 2024.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-14")
    assert [(c["region"], c["value"]) for c in rows] == [("shenzhen", 2600)]
    # only after the place that opens the sentence: here the appositive's place is the subject
    text = ("Like Beijing, the city of Shenzhen, which borders Hong Kong, had 2,600 AI firms at "
            "the end of 2024.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-14")
    assert [(c["region"], c["value"]) for c in rows] == [("shenzhen", 2600)]


def test_suggest_what_a_speaker_said_would_be_done_is_a_plan(vocabulary):
    text = ("Shenzhen said on Thursday it would hand out up to 1 billion yuan in computing "
            "vouchers this year.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-14")
    assert [(c["value"], c["status"], c["period"]) for c in rows] == [
        (1_000_000_000, "target", "2025")]
    assert "'would'" in rows[0]["why"]
    # "would" before a year already past says no more than "will" does
    text = "Guizhou said it would have 50 EFLOPS by 2023.\n"
    rows = suggest_text(text, "a.txt", vocabulary, "2025-01-01")
    assert [(c["status"], c["period"]) for c in rows] == [("actual", "2023")]


@pytest.mark.parametrize(("sentence", "published", "period"), [
    ("Guangdong had 1,500 AI firms by the end of September.", "2024-11-18", "2024"),
    ("From January to October, Guangdong produced 2.5 million NEVs.", "2024-11-18", "2024"),
    ("Guangdong produced 2.5 million NEVs in the January-October period.", "2024-11-18", "2024"),
    ("Guangdong had 1,500 AI firms as of October.", "2024-11-18", "2024"),
    ("Guangdong produced 2.5 million NEVs in the first 10 months.", "2024-11-18", "2024"),
    # a month still to come when the article appeared: last year's for a figure reached ...
    ("Guangdong produced 300,000 NEVs in December.", "2025-03-01", "2024"),
    # ... next year's for a plan
    ("Guangdong aims to have 1,500 AI firms by the end of March.", "2024-11-18", "2025"),
    # a date's year is its own; "may" is a verb
    ("Guangdong had 1,500 AI firms in October 2023.", "2024-11-18", "2023"),
    ("Guangdong output may reach 2.5 million NEVs.", "2024-11-18", None),
    # without the article's date a month says no year
    ("Guangdong had 1,500 AI firms by the end of September.", None, None),
])
def test_suggest_a_month_without_a_year_is_read_against_the_date(vocabulary, sentence,
                                                                  published, period):
    rows = suggest_text(sentence + "\n", "a.txt", vocabulary, published)
    assert [c["period"] for c in rows] == [period]
    if period is not None and published is not None and "2023" not in sentence:
        assert "in an article published in" in rows[0]["why"]


def test_suggest_a_list_takes_the_year_of_its_heading(vocabulary):
    text = ("Guizhou grew fast.\n\nKey achievements in 2024:\n\n1. Guizhou built 110,000 base "
            "stations.\n\n2. Guiyang had 5,800 big data firms.\n- Zunyi signed 15 projects.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-02-10")
    assert [(c["value"], c["period"]) for c in rows] == [(110_000, "2024"), (5800, "2024"),
                                                          (15, "2024")]
    assert rows[0]["why"].endswith("period: 'Key achievements in 2024:' heads the list")
    # an item's own year wins; a line that is no item has no heading; a heading is short
    text = ("Key achievements in 2024:\n1. Guizhou built 110,000 base stations in 2023.\n"
            "Guiyang had 5,800 big data firms.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-02-10")
    assert [(c["value"], c["period"]) for c in rows] == [(110_000, "2023"), (5800, None)]
    # a heading's year after the article's is no actual figure's
    text = "Plans for 2027:\n1. Guizhou has 110,000 base stations.\n"
    rows = suggest_text(text, "a.txt", vocabulary, "2025-02-10")
    assert [(c["value"], c["period"]) for c in rows] == [(110_000, None)]
    # a paragraph between the heading and the item ends the list
    text = ("Key achievements in 2024:\nThe province said much.\n1. Guizhou built 110,000 base "
            "stations.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-02-10")
    assert [(c["value"], c["period"]) for c in rows] == [(110_000, None)]


def test_suggest_a_year_belongs_to_the_amount_nearest_it(vocabulary):
    text = ("Guizhou aims to have 100 EFLOPS in 2025 and to attract 10 billion yuan of "
            "investment in AI applications by 2026.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-01")
    assert [(c["value"], c["period"]) for c in rows] == [(100, "2025"), (10_000_000_000, "2026")]
    # with no year of its own, a number takes the nearest one
    text = "In 2024, Guizhou had 80 EFLOPS and 1.2 million servers.\n"
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-01")
    assert [(c["value"], c["period"]) for c in rows] == [(80, "2024"), (1_200_000, "2024")]


def test_suggest_status_follows_the_numbers_own_clause(vocabulary):
    text = ("Shenzhen's intelligent computing capacity reached 20,000P last year and is "
            "expected to hit 40,000P by the end of 2025.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-06-18")
    assert [(c["value"], c["status"], c["period"]) for c in rows] == [
        (20, "actual", "2024"), (40, "target", "2025")]
    # a clause with no verb of its own keeps the sentence's plan
    text = "Guizhou will add 10 EFLOPS in 2026, and 20 EFLOPS in 2027.\n"
    rows = suggest_text(text, "a.txt", vocabulary, "2025-06-18")
    assert [(c["value"], c["status"]) for c in rows] == [(10, "target"), (20, "target")]


def test_suggest_a_clause_saying_what_there_is_now_is_actual(vocabulary):
    text = "Zhejiang currently has 40,000 base stations and plans to add 10,000 more in 2026.\n"
    rows = suggest_text(text, "a.txt", vocabulary, "2025-07-15")
    assert [(c["value"], c["status"]) for c in rows][:1] == [(40_000, "actual")]
    assert all(c["status"] == "target" for c in rows[1:])


def test_suggest_a_plans_baseline_is_actual_and_a_base_year_is_no_period(vocabulary):
    text = "Shanghai will have 5,000 AI firms by 2027, up from about 3,500 now.\n"
    rows = suggest_text(text, "a.txt", vocabulary, "2025-01-20")
    # the plan's year is not the baseline's: a year after the article's is no actual period
    assert [(c["value"], c["status"], c["period"]) for c in rows] == [
        (5000, "target", "2027"), (3500, "actual", None)]
    text = "Xi'an made about 1 million NEVs, nearly doubling from 2023.\n"
    rows = suggest_text(text, "a.txt", vocabulary, "2025-02-10")
    assert [(c["value"], c["period"]) for c in rows] == [(1_000_000, None)]


def test_suggest_part_of_the_year_is_the_published_year(vocabulary):
    text = "Guizhou added 5 EFLOPS in the first quarter.\n"
    rows = suggest_text(text, "a.txt", vocabulary, "2025-05-01")
    assert [(c["value"], c["period"]) for c in rows] == [(5, "2025")]
    assert [c["period"] for c in suggest_text(text, "a.txt", vocabulary)] == [None]


def test_suggest_a_year_of_a_base_compared_with_is_not_the_figures(vocabulary):
    # "up from 1.5 EFLOPS in 2021": 2021 is the base's; the month gives the figure's year
    text = ("As of the end of May, Inner Mongolia's computing power had reached 32 EFLOPS, up "
            "from 1.5 EFLOPS in 2021.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2024-06-20")
    assert [(c["value"], c["period"]) for c in rows] == [(32, "2024"), (1.5, "2021")]
    # a year before "up from" stays the figure's; a later amount takes the sentence's year
    text = ("Wuhan's AI core industry generated 70 billion yuan in revenue last year, up from 45 "
            "billion yuan in 2021, while the whole of Hubei reported 110 billion yuan.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2024-06-20")
    assert [(c["region"], c["value"], c["period"]) for c in rows] == [
        ("wuhan", 70e9, "2023"), ("wuhan", 45e9, "2021"), ("hubei", 110e9, "2023")]
    # a base anywhere in the sentence, not only next to the number
    text = ("Shandong's core AI industry scale exceeded 100 billion yuan, and the number of AI "
            "enterprises reached 1,860, up from 930 in 2022.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-01-20")
    assert [(c["value"], c["period"]) for c in rows] == [(100e9, None), (1860, None),
                                                          (930, "2022")]


def test_suggest_a_plans_year_in_a_later_clause_is_no_figure_reacheds(vocabulary):
    text = ("Mianyang has released 120 AI application scenarios, and it plans to open another "
            "200 next year.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2024-11-03")
    assert [(c["value"], c["status"], c["period"]) for c in rows][:1] == [
        (120, "actual", None)]
    # a year opening the sentence still holds for every clause
    text = "In 2024, Guizhou had 80 EFLOPS, and its data centres had 1.2 million servers.\n"
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-01")
    assert [(c["value"], c["period"]) for c in rows] == [(80, "2024"), (1_200_000, "2024")]


def test_suggest_the_end_of_the_year_is_the_published_year(vocabulary):
    for text in ("Guizhou aims to raise its computing power to 60 EFLOPS by the end of the year.\n",
                 "Guizhou aims to raise its computing power to 60 EFLOPS by year-end.\n"):
        rows = suggest_text(text, "a.txt", vocabulary, "2025-03-10")
        assert [(c["value"], c["status"], c["period"]) for c in rows] == [(60, "target", "2025")]
        assert "in an article published in 2025" in rows[0]["why"]


def test_suggest_a_figure_of_a_year_to_come_is_a_target(vocabulary):
    text = ("Ningxia has earmarked 800 million yuan in subsidies for green computing projects "
            "next year, up from RMB 500 million this year.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2024-08-01")
    assert [(c["value"], c["status"], c["period"]) for c in rows] == [
        (800e6, "target", "2025"), (500e6, "actual", "2024")]
    assert "a year to come" in rows[0]["why"]


def test_suggest_items_under_a_plans_heading_are_targets(vocabulary):
    text = ("Shandong released its AI plan on Monday.\n\nBy 2027, the province will:\n"
            "- raise total computing power to 40 EFLOPS;\n"
            "- foster more than 3,000 AI enterprises.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-03")
    assert [(c["region"], c["value"], c["status"], c["period"]) for c in rows] == [
        ("shandong", 40, "target", "2027"), ("shandong", 3000, "target", "2027")]
    assert "('By 2027' in the heading of the list)" in rows[0]["why"]
    # a heading of a year already past is no plan
    text = "By 2024, the province had:\n- 40 EFLOPS of computing power in Shandong.\n"
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-03")
    assert [(c["status"], c["period"]) for c in rows] == [("actual", "2024")]


def test_suggest_a_labelled_line_under_a_dated_heading_takes_its_year(vocabulary):
    text = ("Computing capacity by city (2024):\nJinan: 4.1 EFLOPS\nQingdao: 5.3 EFLOPS\n\n"
            "Jinan will add 2 EFLOPS.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-03")
    assert [(c["region"], c["value"], c["period"]) for c in rows] == [
        ("jinan", 4.1, "2024"), ("qingdao", 5.3, "2024"), ("jinan", 2, None)]


@pytest.mark.parametrize("sentence", [
    "NIO, which has its global headquarters in Hefei, delivered 221,970 NEVs last year.",
    "BYD, which has a plant in Chongqing, sold 4.27 million NEVs last year.",
    "Xiaomi, whose EV factory is in Beijing, has said it plans to invest 5 billion yuan.",
    "In Chongqing, Changan sold 734,000 NEVs in 2024, up 52.8 percent, while Seres delivered "
    "426,900 units.",
])
def test_suggest_a_firms_aside_naming_a_place_keeps_the_figure_the_firms(vocabulary, sentence):
    assert suggest(sentence + "\n", vocabulary, "2025-03-03") == []


def test_suggest_a_firms_kind_of_figure_holds_only_for_its_own_clause(vocabulary):
    text = ("Shenzhen's Huawei reported revenue of 800 billion yuan, while the city's AI industry "
            "reached 300 billion yuan in 2024.\n")
    assert suggest(text, vocabulary) == [("shenzhen", 300e9, "yuan")]
    text = ("Shenzhen's AI industry reached 300 billion yuan, while Huawei's net profit was 80 "
            "billion yuan.\n")
    assert suggest(text, vocabulary) == [("shenzhen", 300e9, "yuan")]
    # in the same clause, after the number: still the firm's
    assert suggest("In Hefei, iFlytek made 1 billion yuan in net profit.\n", vocabulary) == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Luo Qiang, 52, said Sichuan had 50 data centers.", [("sichuan", 50, "count")]),
    ("The two sides plan to jointly build 15 data centers in Chengdu by 2025.",
     [("chengdu", 15, "count")]),
    ("Nanjing will build 3 intelligent computing centers this year.", [("nanjing", 3, "count")]),
    ("The number of AI application scenarios in Wuxi exceeded 3,000 last year.",
     [("wuxi", 3000, "count")]),
    ("Anhui will offer subsidies of up to 5 million yuan to each eligible AI startup.", []),
    ("Jiangsu aims to grow the share of its NEV output in the national total to 12 percent.",
     [("jiangsu", 12, "percent")]),
])
def test_suggest_counts_ages_and_shares_in_wire_copy(vocabulary, sentence, expected):
    assert suggest(sentence + "\n", vocabulary, "2025-03-03") == expected


def test_suggest_topped_and_surpassed_are_at_least(vocabulary):
    text = ("The number of AI firms in Anhui has topped 1,000, and its computing power surpassed "
            "20 EFLOPS.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-03")
    assert [(c["value"], c["qualifier"], c["as_written"]) for c in rows] == [
        (1000, "at_least", "topped 1,000"), (20, "at_least", "surpassed 20 EFLOPS")]


def test_suggest_a_place_named_to_say_where_another_is_is_not_the_city(vocabulary):
    text = ("Hefei is the capital of Anhui.\n\nIn Wuhu, about 130 km south of Hefei, the city "
            "government handed out 200 million yuan in computing vouchers last year.\n")
    assert suggest(text, vocabulary, "2025-03-03") == [("wuhu", 200e6, "yuan")]


def test_suggest_a_city_the_gazetteer_lacks_described_by_its_province_is_no_provinces(
        vocabulary):
    text = ("Xiangyang, Hubei's second-largest city, has its own ambitions: it produced 210,000 "
            "NEVs last year.\n")
    assert suggest(text, vocabulary, "2025-03-03") == []
    # a city the gazetteer holds keeps its figures
    text = "Wuhan, Hubei's largest city, produced 410,000 NEVs last year.\n"
    assert suggest(text, vocabulary, "2025-03-03") == [("wuhan", 410_000, "vehicles")]


@pytest.mark.parametrize("sentence", [
    "Haier's smart factory in Qingdao employs 3,000 skilled workers.",
    "Qingdao is home to Haier. Haier's smart factory in the city employs 3,000 skilled workers.",
])
def test_suggest_a_firms_plant_in_a_place_has_the_firms_figures(vocabulary, sentence):
    assert suggest(sentence + "\n", vocabulary, "2025-03-03") == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Guangdong's NEV output fell 4.2 percent year on year.", ("nev_output_growth", -4.2, None)),
    ("Shenzhen's NEV output was down 6 percent.", ("nev_output_growth", -6, None)),
    ("Hubei's NEV output dropped by 3-5 percent.", ("nev_output_growth", -5, -3)),
    ("Chongqing made 655,000 NEVs (-3.5 percent).", ("nev_output_growth", -3.5, None)),
    ("Beijing's NEV output rose 8 percent.", ("nev_output_growth", 8, None)),
    ("Anhui's NEV output now makes up 12 percent of the national total.",
     ("nev_output_share", 12, None)),
])
def test_suggest_a_fall_is_a_negative_rate_and_make_up_is_no_rise(vocabulary, sentence,
                                                                   expected):
    rows = [c for c in suggest_text(sentence + "\n", "a.txt", vocabulary, "2025-03-03")
            if c["unit"] == "percent"]
    assert [(c["metric"], c["value"], c["value_high"]) for c in rows] == [expected]
    if expected[1] < 0:
        assert "value: negative, a fall" in rows[0]["why"]


@pytest.mark.parametrize("sentence", [
    "Guangdong wants NEVs to make up 60 percent of new car sales in the province by 2026.",
    "Shenzhen produced 60 percent of Guangdong's NEVs.",
])
def test_suggest_a_share_not_of_the_country_is_no_national_share(vocabulary, sentence):
    rows = suggest_text(sentence + "\n", "a.txt", vocabulary, "2025-03-03")
    assert [(c["unit"], c["metric"]) for c in rows if c["unit"] == "percent"] == [
        ("percent", None)]


@pytest.mark.parametrize("sentence", [
    "Nationwide, the digital economy accounted for about 10 percent of GDP in 2024.",
    "Beijing has set a national target of 300 EFLOPS of computing power by 2025.",
])
def test_suggest_a_national_figure_is_not_the_last_places(vocabulary, sentence):
    text = "Kunming is the capital of Yunnan.\n\n" + sentence + "\n"
    assert suggest(text, vocabulary, "2025-03-03") == []


def test_suggest_an_estimate_of_a_year_to_come_is_a_target(vocabulary):
    text = ("Shenzhen's AI core industry is estimated to hit 500 billion yuan in 2026. Its AI core "
            "industry is estimated to have reached 300 billion yuan in 2024.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-03")
    assert [(c["value"], c["status"], c["period"]) for c in rows] == [
        (500e9, "target", "2026"), (300e9, "actual", "2024")]


def test_suggest_items_under_a_heading_of_targets_for_this_year_are_targets(vocabulary):
    text = ("Major targets for 2025:\n- the number of AI companies in Hangzhou to exceed 2,000;\n"
            "- intelligent computing capacity of 15 EFLOPS.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-03")
    assert [(c["value"], c["status"], c["period"]) for c in rows] == [
        (2000, "target", "2025"), (15, "target", "2025")]


def test_suggest_a_province_then_its_city_opening_a_sentence_is_the_city(vocabulary):
    text = "In Zhejiang, Hangzhou had 1,780 AI companies at the end of 2024.\n"
    assert suggest(text, vocabulary, "2025-03-03") == [("hangzhou", 1780, "count")]


@pytest.mark.parametrize("sentence", [
    "Shanghai offers up to 100 million yuan for a single large-model project.",
    "Beijing will give a maximum of 20 million yuan in subsidies per company.",
    "Hangzhou will give each qualifying start-up a subsidy of up to 5 million yuan.",
    "Guangdong's subsidies are capped at 10 million yuan a year for each firm.",
])
def test_suggest_a_cap_for_each_firm_or_project_is_no_regional_figure(vocabulary, sentence):
    assert suggest(sentence + "\n", vocabulary, "2025-03-03") == []
    # the same wording without a cap per firm is the region's
    total = "Shenzhen will offer up to 1 billion yuan in AI subsidies this year.\n"
    assert suggest(total, vocabulary, "2025-03-03") == [("shenzhen", 1e9, "yuan")]


def test_suggest_persons_are_no_count_of_firms_and_a_voucher_is_a_subsidy(vocabulary):
    text = ("Guangzhou aims to train 50,000 AI engineers and attract 300 AI companies by 2027. "
            "Shenzhen's voucher scheme was worth 520 million yuan.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-03")
    assert [(c["value"], c["unit"], c["metric"]) for c in rows] == [
        (50_000, "persons", None), (300, "count", "ai_companies"),
        (520e6, "yuan", "ai_subsidies")]


def test_suggest_an_amount_added_is_no_level_except_of_what_counts_additions(vocabulary):
    text = ("Hangzhou added 1,250 industrial enterprises above designated size, bringing the "
            "total to 10,700. Beijing's computing power increased by 5,000P last year to 28 "
            "EFLOPS. Nanjing will add 3 new intelligent computing centers this year.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-03")
    assert [(c["region"], c["value"], c["metric"]) for c in rows] == [
        ("hangzhou", 1250, None), ("hangzhou", 10_700, "large_industrial_enterprises"),
        ("beijing", 5, None), ("beijing", 28, "computing_power"),
        ("nanjing", 3, "new_ai_data_centres")]


@pytest.mark.parametrize("written, bad, metric, problem", [
    ("  additions: true", "  additions: maybe", "new_ai_data_centres",
     "additions must be true or false"),
    ("  excluding: [", "  excluding: [7, ", "ai_core_industry_scale",
     "excluding must be a list of words"),
])
def test_suggest_a_metrics_suggester_fields_are_checked(vocabulary_copy, written, bad, metric,
                                                         problem):
    path = vocabulary_copy / "data" / "curation" / "metrics.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(written, bad, 1), encoding="utf-8")
    with pytest.raises(VocabularyError,
                       match=rf"metrics\.yaml: entry \d+ \(id {metric}\): {problem}"):
        load_vocabulary(vocabulary_copy)


def test_suggest_a_share_of_a_places_total_is_the_places_named_first(vocabulary):
    text = ("Guangdong had 8,500 AI companies. Shenzhen's share of the province's AI companies "
            "rose to 33.5 percent.\n")
    assert suggest(text, vocabulary, "2025-03-03") == [("guangdong", 8500, "count"),
                                                       ("shenzhen", 33.5, "percent")]


def test_suggest_a_rank_of_a_citys_size_is_no_figure(vocabulary):
    text = ("Zunyi, Guizhou's second-largest city, grew. Shenzhen is China's third-largest hub "
            "for AI.\n")
    assert suggest(text, vocabulary, "2025-03-03") == [("shenzhen", 3, "rank")]


def test_suggest_each_of_two_joined_phrases_keeps_its_own_time(vocabulary):
    text = ("Guizhou put 15,000 racks into use last year and signed 8 billion yuan of AI projects "
            "in the first quarter of 2025.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-06-03")
    assert [(c["value"], c["period"]) for c in rows] == [(15_000, "2024"), (8e9, "2025")]


def test_suggest_a_span_of_years_is_no_single_years_figure(vocabulary):
    text = "Beijing earmarked 2.5 billion yuan in AI subsidies for the 2023-2025 period.\n"
    rows = suggest_text(text, "a.txt", vocabulary, "2025-06-03")
    assert [(c["value"], c["period"]) for c in rows] == [(2.5e9, None)]


def test_suggest_a_verb_going_on_a_plan_is_no_figure_reached(vocabulary):
    text = ("Hangzhou will strive to foster 100 application scenarios in manufacturing, and set "
            "up a 10 billion yuan AI industry fund.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-06-03")
    assert [(c["value"], c["status"]) for c in rows] == [(100, "target"), (10e9, "target")]
    # with a subject of its own the clause says what was done, and a plan takes no past year
    text = ("Hangzhou will build 3 data centres, and it set up a 10 billion yuan AI industry fund "
            "last year.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-06-03")
    assert [(c["value"], c["status"], c["period"]) for c in rows] == [
        (3, "target", None), (10e9, "actual", "2024")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Guizhou's computing capacity could reach 100 EFLOPS by the end of this year.", "target"),
    ("Shanghai is likely to pass 25 EFLOPS in 2025, analysts say.", "target"),
    ("Organisers of the Shanghai expo expect more than 1,500 exhibits.", "target"),
    ("Hangzhou wants 10,000 AI companies.", "target"),
    ("Guizhou could have reached 100 EFLOPS.", "actual"),
    ("In May, Guizhou had 100 EFLOPS.", "actual"),
])
def test_suggest_a_forecast_or_a_wish_is_plan_wording(vocabulary, sentence, expected):
    rows = suggest_text(sentence + "\n", "a.txt", vocabulary, "2025-06-03")
    assert [c["status"] for c in rows] == [expected]


def test_suggest_a_part_of_the_sentence_saying_what_was_done_is_actual(vocabulary):
    text = ("Guangdong, which built about 3.1 million new energy vehicles in 2024, is projected to "
            "produce 3.6 million this year. Shenzhen reported a computing capacity of 14 EFLOPS, "
            "a figure the city said would climb to 20 EFLOPS by 2026. By 2027, Beijing will add "
            "10 data centres, bringing the total to 50.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-03")
    assert [(c["value"], c["status"]) for c in rows] == [
        (3_100_000, "actual"), (3_600_000, "target"), (14, "actual"), (20, "target"),
        (10, "target"), (50, "target")]


@pytest.mark.parametrize("sentence", [
    "Land-sale income of local governments fell 16 percent last year to 4.87 trillion yuan, "
    "according to the Ministry of Finance.",
    "In 2023, several provinces predicted they would reach a combined 300 EFLOPS by 2025.",
    "By the end of 2024, investment in the eight hubs had exceeded 435 billion yuan.",
    "Q: Some reports say there are more than 50 large data centers in Guizhou.",
    "Will Guizhou reach 100 EFLOPS by 2026?",
    "Its growth outpaced the national average of about 9 percent.",
])
def test_suggest_national_aggregate_and_asked_figures_are_no_regions(vocabulary, sentence):
    text = "Hangzhou is a tech hub.\n\n" + sentence + "\n"
    assert suggest(text, vocabulary, "2025-03-20") == []


def test_suggest_a_place_compared_with_is_not_the_figures(vocabulary):
    text = "Electricity costs in Guizhou are roughly 30 percent lower than in Shanghai.\n"
    assert suggest(text, vocabulary, "2025-03-20") == [("guizhou", 30, "percent")]


def test_suggest_the_country_as_a_rank_field_or_a_shares_whole_is_no_subject(vocabulary):
    text = ("Guangdong is an industrial province.\n\nThere were 72,480 industrial enterprises "
            "above designated size at year-end, 3,910 more than a year earlier, ranking first in "
            "the country. The output of new energy vehicles accounted for 25.1 percent of the "
            "national total.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-20")
    assert [(c["region"], c["value"], c["metric"], c["period"]) for c in rows] == [
        ("guangdong", 72_480, "large_industrial_enterprises", "2024"),
        # the 3,910 more: no level of the stock, so no metric, and no place the sentence names
        ("guangdong", 1, "large_industrial_enterprises_rank", "2024"),
        ("guangdong", 25.1, "nev_output_share", None)]
    assert "published in March 2025, after that year ended" in rows[0]["why"]
    # in December the year ending is the year; with no month known, no year is told
    rows = suggest_text(text, "a.txt", vocabulary, "2024-12-30")
    assert rows[0]["period"] == "2024"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("In Beijing, Haidian district had 1,300 AI firms.", []),
    ("Shenzhen had 2,600 AI enterprises, while its Nanshan district had 1,150.",
     [("shenzhen", 2600, "count")]),
])
def test_suggest_a_districts_figure_is_not_its_citys(vocabulary, sentence, expected):
    assert suggest(sentence + "\n", vocabulary, "2025-03-20") == expected


def test_suggest_a_years_own_figure_named_in_a_plan_is_actual(vocabulary):
    text = ("Shanghai will double last year's 500 million yuan in AI subsidies, and aims to lift "
            "its core AI industry past 450 billion yuan by 2027.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-20")
    assert [(c["value"], c["status"], c["period"]) for c in rows] == [
        (500e6, "actual", "2024"), (450e9, "target", "2027")]


def test_suggest_the_month_something_was_said_is_no_period(vocabulary):
    text = ("Guangdong said in March that it would raise its computing capacity to 60 EFLOPS "
            "within three years.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-04-20")
    assert [(c["value"], c["status"], c["period"]) for c in rows] == [(60, "target", None)]


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


def test_suggest_reads_windows_line_ends_and_tabs_as_white_space(tmp_path):
    # the same candidates as the file with \n line breaks and spaces, at the file's own
    # offsets, each quote and amount as the file writes it; other control characters refused
    plain = (FIXTURES / "wire_guizhou.txt").read_text(encoding="utf-8")
    spaced = (plain.replace("\n", "\r\n").replace("The province", "The\tprovince")
              .replace("100 EFLOPS", "100\tEFLOPS"))
    files = {"plain.txt": plain, "spaced.txt": spaced,
             "escape.txt": plain.replace("The province", "The\x1b[31mprovince"),
             "override.txt": spaced.replace("Guizhou", "\u202eGuizhou", 1)}
    for name, text in files.items():
        (tmp_path / name).write_bytes(text.encode("utf-8"))
    code, candidates, err = run([tmp_path / name for name in files])
    assert code == 2
    assert err.splitlines() == [
        f"{tmp_path / 'escape.txt'}: line 7, column 4: U+001B (escape); an article is plain "
        "text with \\n line breaks and no other control characters",
        f"{tmp_path / 'override.txt'}: line 2, column 8: U+202E (right-to-left override); an "
        "article is plain text with \\n line breaks and no other control characters",
    ]
    from_plain = [c for c in candidates if c["article"] == "plain.txt"]
    from_spaced = [c for c in candidates if c["article"] == "spaced.txt"]
    assert len(from_plain) == 9

    def facts(rows):
        return [(c["region"], c["metric"], c["value"], c["unit"], c["status"], c["period"])
                for c in rows]

    assert facts(from_spaced) == facts(from_plain)
    for c in from_spaced:
        assert c["quote"] == spaced[c["start"] : c["end"]]
        assert c["as_written"] == spaced[c["number_start"] : c["number_end"]]
    assert [c["quote"] for c in from_spaced if "\t" in c["quote"]] == [
        c["quote"].replace("The province", "The\tprovince").replace("100 EFLOPS", "100\tEFLOPS")
        for c in from_plain if "The province" in c["quote"] or "100 EFLOPS" in c["quote"]
    ]
    assert "100\tEFLOPS" in [c["as_written"] for c in from_spaced]


def test_suggest_refuses_a_named_pipe_and_a_device_without_reading_them(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # a reader would wait for a writer for ever
    good = tmp_path / "good.txt"
    good.write_text("Guizhou reached 85 EFLOPS in 2024.\n", encoding="utf-8")
    code, candidates, err = run([fifo, Path("/dev/zero"), good])
    assert code == 2
    assert err.splitlines() == [f"{fifo}: is a named pipe (FIFO), not an article file",
                                "/dev/zero: is a character device, not an article file"]
    assert [c["value"] for c in candidates] == [85]


def test_suggest_file_name_with_control_characters_is_escaped(tmp_path):
    path = tmp_path / "a\x1b[31mb.txt"
    code, _, err = run([path])
    assert code == 2
    assert "\x1b" not in err and "\\x1b" in err


def test_suggest_file_name_that_is_not_utf8_is_written_as_utf8(tmp_path):
    # A name of bytes that are not UTF-8 (b"\xff"), as Python holds it in a lone surrogate, is
    # given with the byte escaped: the lines are UTF-8 (and a UTF-8 terminal takes them)
    # instead of holding the raw byte, or failing with a traceback where output is strict UTF-8.
    import os
    import subprocess
    import sys

    path = tmp_path / os.fsdecode(b"hub\xff.txt")
    path.write_text("Guizhou reached 85 EFLOPS in 2024.\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "extract", "suggest", "--jobs", "1", str(path)],
        cwd=ROOT, capture_output=True, timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"})
    assert result.returncode == 0 and result.stderr == b"", result.stderr.decode(errors="replace")
    (line,) = result.stdout.decode("utf-8").splitlines()
    assert json.loads(line)["article"] == "hub\\xff.txt"
    assert json.loads(line)["value"] == 85


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
    "whole", "year", "will", "would", "aim", "aims", "aiming", "aimed", "to", "plan", "plans",
    "planning",
    "planned", "target", "targets", "targeted", "targeting", "strive", "striving", "goal", "goals",
    "expected", "is", "are", "set", "seek", "seeks", "2024", "1999", "2100", "x", "_", "9", " ",
    "  ", ",", ".", "-", "\u00e9", "beyond", "within", "thin", "byword", "the end of", "for",
    "intend", "intends", "projected", "on", "track", "pledged", "pledges", "pledge", "promised",
    "promise", "vowed", "vows", "vow", "first", "last", "three", "11", "quarter", "quarters",
    "half", "months", "the first three quarters of", "h1", "q3", "1h", "q5", "h1 2025",
    "shall", "shallow", "should",
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


@given(st.lists(st.sampled_from(_CUE_PIECES + ["By", "WILL", "In", "\t", "\n"]), max_size=30))
@settings(max_examples=600, deadline=None)
def test_property_cues_looked_for_where_a_word_opens_are_those_of_every_position(pieces):
    from extract.suggest import (
        ACHIEVED,
        PERIOD_CUE,
        PERIOD_CUE_LOWER,
        PERIOD_CUE_STARTS,
        TARGET_CUE,
        TARGET_CUE_LOWER,
        TARGET_CUE_STARTS,
        _achieved_words,
        _ascii_lower,
        _find_all,
    )

    text = "".join(pieces)
    lowered = _ascii_lower(text)
    for pattern, twin, starts in ((TARGET_CUE, TARGET_CUE_LOWER, TARGET_CUE_STARTS),
                                  (PERIOD_CUE, PERIOD_CUE_LOWER, PERIOD_CUE_STARTS)):
        assert starts is not None
        expected = [(m.span(), m.groupdict()) for m in _find_all(pattern, twin, text, lowered)]
        found = _find_all(pattern, twin, text, lowered, starts)
        assert [(m.span(), m.groupdict()) for m in found] == expected
    assert [m.span() for m in _achieved_words(text)] == [m.span() for m in ACHIEVED.finditer(text)]


def test_word_starts_are_the_fixed_letters_each_alternative_opens_with():
    from extract.suggest import _word_starts

    starts = _word_starts([r"aims?\s+to", r"striv(?:e|ing)", r"by", r"vow(?:s|ed)", r"plan+ed"])
    assert starts is not None
    for written in (b" aim to", b" aims", b" striving", b" by", b" vowed", b" planned"):
        assert starts.match(written), written
    assert not starts.match(b" am") and not starts.match(b"aim")
    assert _word_starts([r"x?y"]) is None  # no fixed letter to open with
    assert _word_starts([r"will|\d+"]) is None  # an alternation of its own
    assert _word_starts([r"(?:a|b)c"]) is None
    assert _word_starts([r"a[|]b", r"c(?:d|e)"]) is not None  # a "|" in a set or a group


def test_suggest_exports_sales_and_vehicles_on_the_road_are_no_output(vocabulary):
    # metrics.yaml: the vehicle metrics' `excluding:` words, looked for in the number's clause
    text = ("Guangdong produced 2.53 million NEVs in 2024, accounting for about 20 percent of the "
            "national total. The province exported 420,000 NEVs last year, nearly double the "
            "figure of 2023. By the end of 2024, the number of NEVs on Guangdong's roads had "
            "reached 3.1 million. Shenzhen's NEV sales made up 15 percent of the national total "
            "in 2024. Guangdong made 2.6 million NEVs in 2024, while NEV sales in the province "
            "reached 2.1 million. Guangdong plans to produce 4 million NEVs in 2026 and wants NEVs "
            "to make up 60 percent of new car sales by 2027.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-03")
    assert [(c["region"], c["value"], c["unit"], c["metric"]) for c in rows] == [
        ("guangdong", 2_530_000, "vehicles", "nev_output"),
        ("guangdong", 20, "percent", "nev_output_share"),
        ("guangdong", 420_000, "vehicles", None),
        ("guangdong", 3_100_000, "count", None),
        ("shenzhen", 15, "percent", None),
        ("guangdong", 2_600_000, "vehicles", "nev_output"),
        ("guangdong", 2_100_000, "count", None),
        ("guangdong", 4_000_000, "vehicles", "nev_output"),  # the sales are another clause's
        ("guangdong", 60, "percent", None),
    ]


def test_suggest_what_a_count_counts_is_read_past_new_and_more(vocabulary):
    # "500 new charging stations" counts stations, not the NEVs of the clause after it
    text = ('"We will build 500 new charging stations this year," said an official in '
            "Guangzhou, where 120,000 NEVs were made in the first half of 2024. Hefei will add "
            "3 new intelligent computing centers this year.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-03")
    assert [(c["region"], c["value"], c["unit"], c["metric"]) for c in rows] == [
        ("guangzhou", 500, "count", None),
        ("guangzhou", 120_000, "vehicles", "nev_output"),
        ("hefei", 3, "count", "new_ai_data_centres"),
    ]


def test_suggest_a_place_in_an_of_which_aside_is_not_the_subject(vocabulary):
    text = ("Zhejiang province, of which Hangzhou is the capital, had 2,100 AI enterprises by "
            "the end of 2024, accounting for 9.4 percent of the country's total. Guangdong, "
            "where Shenzhen lies, has 8,000 AI companies.\n")
    assert suggest(text, vocabulary, "2025-03-03") == [
        ("zhejiang", 2100, "count"), ("zhejiang", 9.4, "percent"), ("guangdong", 8000, "count")]


def test_suggest_a_verb_before_revenue_makes_it_a_figure_reached_not_a_bar(vocabulary):
    text = ("In 2024, the core AI industry of Hangzhou generated revenue of 365.6 billion yuan. "
            "Hangzhou has 1,200 enterprises with annual revenue of 20 million yuan or more.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-03")
    assert [(c["region"], c["value"], c["unit"], c["metric"]) for c in rows] == [
        ("hangzhou", 365.6e9, "yuan", "ai_core_industry_scale"),
        ("hangzhou", 1200, "count", None),
    ]


def test_suggest_a_bar_of_worth_needs_a_lower_bound(vocabulary):
    # "with an output value of over 10 billion yuan each" sorts firms; ", with an output value
    # of 450 billion yuan" is what the industry is worth
    text = ("By 2027, Guangdong strives to cultivate 10 AI companies with an output value of over "
            "10 billion yuan each. Shanghai's AI industry, with an output value of 450 billion "
            "yuan in 2024, grew fastest. In 2024, Beijing's AI output value reached 350 billion "
            "yuan.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-03")
    assert [(c["region"], c["value"], c["unit"], c["metric"]) for c in rows] == [
        ("guangdong", 10, "count", "ai_companies"),
        ("shanghai", 450e9, "yuan", "ai_core_industry_scale"),
        ("beijing", 350e9, "yuan", "ai_core_industry_scale"),
    ]


def test_suggest_a_base_a_year_earlier_is_of_the_year_before(vocabulary):
    text = ("Guizhou's intelligent computing capacity hit 25 EFLOPS at the end of June, up from "
            "10 EFLOPS a year earlier. In 2024, Shenzhen had 2,600 AI companies, against 2,100 in "
            "the previous year. Hangzhou had 1,200 AI firms at the end of 2024, up from 900 in "
            "2022.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-08-04")
    assert [(c["region"], c["value"], c["period"]) for c in rows] == [
        ("guizhou", 25, "2025"),
        ("guizhou", 10, "2024"),
        ("shenzhen", 2600, "2024"),
        ("shenzhen", 2100, "2023"),
        ("hangzhou", 1200, "2024"),
        ("hangzhou", 900, "2022"),
    ]
    assert "'a year earlier'" in rows[1]["why"]


def test_suggest_a_place_after_an_indefinite_article_is_no_subject(vocabulary):
    # "a Hong Kong brokerage" is a kind of firm: the figure stays the paragraph's
    text = ("Guizhou's computing capacity hit 25 EFLOPS in 2024. An analyst at a Hong Kong "
            "brokerage estimated that 35 percent of the capacity in the province is idle.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-08-04")
    assert [(c["region"], c["value"], c["unit"]) for c in rows] == [
        ("guizhou", 25, "EFLOPS"),
        ("guizhou", 35, "percent"),
    ]


def test_suggest_a_promise_is_a_target(vocabulary):
    text = ("Shanghai has promised more than 7 billion yuan in computing subsidies. Beijing "
            "pledged 10 billion yuan in AI subsidies. Hangzhou vowed to build 5 EFLOPS of "
            "computing power. Shenzhen gave out 3 billion yuan in AI subsidies in 2024.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-08-04")
    assert [(c["region"], c["value"], c["status"]) for c in rows] == [
        ("shanghai", 7e9, "target"),
        ("beijing", 10e9, "target"),
        ("hangzhou", 5, "target"),
        ("shenzhen", 3e9, "actual"),
    ]


def test_suggest_the_latest_place_of_a_survey_gives_no_keywordless_figure(vocabulary):
    # With no place in its sentence or paragraph and no metric, a figure goes to the article's
    # subject only where most place names before it name it or a place in it.
    survey = ("Beijing has 2,400 AI companies.\n\nShanghai has 1,500 AI companies.\n\n"
              "Guangdong made 5.4 million NEVs in 2024.\n\n"
              "Analysts estimated that 35 percent of the capacity is idle.\n")
    report = ("Zunyi hosts 20 large data centres.\n\nGuiyang hosts 35 large data centres.\n\n"
              "Guizhou reached 80 EFLOPS of computing power in 2024.\n\n"
              "The digital economy grew 12 percent in 2024.\n")
    rows = suggest_text(survey, "a.txt", vocabulary, "2025-03-03")
    assert [(c["region"], c["value"]) for c in rows] == [
        ("beijing", 2400), ("shanghai", 1500), ("guangdong", 5_400_000),
    ]
    rows = suggest_text(report, "b.txt", vocabulary, "2025-03-03")
    assert [(c["region"], c["value"], c["unit"]) for c in rows] == [
        ("zunyi", 20, "count"), ("guiyang", 35, "count"), ("guizhou", 80, "EFLOPS"),
        ("guizhou", 12, "percent"),  # its cities' names count as the province's
    ]
    interview = ("Shenzhen's deputy mayor spoke on Tuesday.\n\nA: We will add 10 EFLOPS by "
                 "2026.\n\nQ: And Guangzhou?\n\nA: Guangzhou is strong, with 1,800 AI firms.\n")
    rows = suggest_text(interview, "c.txt", vocabulary, "2025-03-03")
    assert [(c["region"], c["value"], c["unit"]) for c in rows] == [
        ("shenzhen", 10, "EFLOPS"),  # the names after it do not count
        ("guangzhou", 1800, "count"),
    ]


def test_suggest_reads_no_break_and_thin_spaces_as_spaces(vocabulary):
    # "RMB\xa0300\xa0billion" is yuan as "RMB 300 billion" is; amounts and quotes as written
    text = ("Beijing\u2019s core AI industry topped RMB\xa0300\xa0billion in 2024, up 20\u2009per "
            "cent.\u3000Shanghai had 1,500\u202fAI firms.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-03")
    assert [(c["region"], c["value"], c["unit"], c["metric"], c["as_written"]) for c in rows] == [
        ("beijing", 300e9, "yuan", "ai_core_industry_scale", "topped RMB\xa0300\xa0billion"),
        ("beijing", 20, "percent", None, "20\u2009per cent"),
        ("shanghai", 1500, "count", "ai_companies", "1,500"),
    ]
    assert [c["quote"] for c in rows] == [text[:text.index("\u3000")]] * 2 + [
        "Shanghai had 1,500\u202fAI firms."]
    for c in rows:
        assert text[c["number_start"] : c["number_end"]] == c["as_written"]
    # the ledger reads the same amounts
    from extract.mentions import number_mentions
    from extract.reader import segment_text

    assert [m.as_written for m in number_mentions(text, segment_text(text))] == [
        "topped RMB\xa0300\xa0billion", "20\u2009per cent", "1,500"]  # hedge words included


def test_suggest_money_put_into_an_industry_is_not_its_scale(vocabulary):
    # metrics.yaml: the industry-scale metric's `excluding:` words (investment, funds, spending)
    text = ("Venture capital investment in Beijing's AI industry reached 50 billion yuan in 2024. "
            "Shenzhen's AI industry raised 12 billion yuan in financing in 2024. Suzhou set up a "
            "5 billion yuan fund for its AI industry. Guangzhou's core AI industry scale reached "
            "150 billion yuan in 2024, with investment growing 20 percent.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-03")
    assert [(c["region"], c["value"], c["metric"]) for c in rows] == [
        ("beijing", 50e9, None),
        ("shenzhen", 12e9, None),
        ("suzhou", 5e9, None),
        ("guangzhou", 150e9, "ai_core_industry_scale"),  # the investment is another part's
        ("guangzhou", 20, None),
    ]


def test_suggest_a_spaced_p_ending_a_sentence_is_computing_power(vocabulary):
    text = ("Hangzhou's intelligent computing power has reached 10,000 P. Shanghai had 1,500 AI "
            "firms in 2024.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-03")
    assert [(c["region"], c["value"], c["unit"], c["period"]) for c in rows] == [
        ("hangzhou", 10, "EFLOPS", None),  # not the next sentence's year
        ("shanghai", 1500, "count", "2024"),
    ]


def test_suggest_respectively_aligns_the_list_of_amounts_the_number_stands_in(vocabulary):
    # an amount before the list ("2,400") is not one of the listed places' figures; the second
    # of "up 20 percent and 15 percent" is a rate of growth as the first is
    text = ("Beijing has 2,400 AI enterprises, while Shanghai and Shenzhen have 1,600 and 1,500 "
            "respectively. Guangdong and Jiangsu produced 3 million and 2 million NEVs in 2024, "
            "up 20 percent and 15 percent respectively.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-03")
    assert [(c["region"], c["value"], c["metric"]) for c in rows] == [
        ("beijing", 2400, "ai_companies"),
        ("shanghai", 1600, "ai_companies"),
        ("shenzhen", 1500, "ai_companies"),
        ("guangdong", 3_000_000, "nev_output"),
        ("jiangsu", 2_000_000, "nev_output"),
        ("guangdong", 20, "nev_output_growth"),
        ("jiangsu", 15, "nev_output_growth"),
    ]


def test_suggest_a_part_of_a_year_that_names_its_year_is_of_that_year(vocabulary):
    # "In the first three quarters of 2024" in an article of 2025 is of 2024, not of 2025
    text = ("In the first three quarters of 2024, Anhui produced 1.2 million NEVs. In H1 2025, "
            "Shanghai made 600,000 NEVs. In the first five months of 2024, Guangdong made 900,000 "
            "NEVs. In the first quarter, Hefei made 100,000 NEVs. In Q3 2024, Chongqing made "
            "300,000 NEVs.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-06-12")
    assert [(c["region"], c["period"]) for c in rows] == [
        ("anhui", "2024"), ("shanghai", "2025"), ("guangdong", "2024"), ("hefei", "2025"),
        ("chongqing", "2024"),
    ]


def test_suggest_a_share_held_by_several_places_named_after_it_is_nobodys(vocabulary):
    # with no place named in the sentence, "in the eight hubs" after the number makes it a
    # figure of several places, not the paragraph's Shanghai's
    text = ("Shanghai accounts for two-fifths of the nation's AI chip output. More than half of "
            "the nation's computing power is in the eight hubs. Guizhou, one of the eight hubs, "
            "has 80 EFLOPS.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-06-12")
    assert [(c["region"], c["value"], c["unit"]) for c in rows] == [
        ("shanghai", 40, "percent"), ("guizhou", 80, "EFLOPS"),
    ]


def test_suggest_a_plans_baseline_is_of_its_own_time_not_the_plans_year(vocabulary):
    text = ("Under the plan, Hunan's AI enterprises will number 1,000 by 2025, up from about 600 "
            "now. Hubei aims for 2,000 AI firms by 2027, up from 1,200 in 2024. Jiangsu will "
            "have 3,000 AI firms by 2027, up from 1,800. Anhui will make 1 million NEVs by 2027, "
            "up from 420,000 this year.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-06-12")
    assert [(c["region"], c["value"], c["status"], c["period"], c["metric"]) for c in rows] == [
        ("hunan", 1000, "target", "2025", "ai_companies"),
        ("hunan", 600, "actual", None, "ai_companies"),  # "now": a day, no year's figure
        ("hubei", 2000, "target", "2027", "ai_companies"),
        ("hubei", 1200, "actual", "2024", "ai_companies"),
        ("jiangsu", 3000, "target", "2027", "ai_companies"),
        ("jiangsu", 1800, "actual", None, "ai_companies"),  # not of 2027
        ("anhui", 1_000_000, "target", "2027", "nev_output"),
        ("anhui", 420_000, "actual", "2025", "nev_output"),
    ]


def test_suggest_what_a_count_counts_is_read_past_ai(vocabulary):
    # "45 AI unicorns" counts unicorns, not the AI enterprises the sentence names after them
    text = ("Shenzhen has 45 AI unicorns and 1,200 national high-tech AI enterprises. Hefei has "
            "300 AI companies and 12 AI pilot zones.\n")
    rows = suggest_text(text, "a.txt", vocabulary, "2025-03-03")
    assert [(c["region"], c["value"], c["metric"]) for c in rows] == [
        ("shenzhen", 45, None),
        ("shenzhen", 1200, "ai_companies"),
        ("hefei", 300, "ai_companies"),
        ("hefei", 12, "national_ai_pilot_zones"),
    ]


def test_suggest_says_why_a_facility_capacity_gets_no_metric(vocabulary):
    rows = suggest_text("Wuxi's Sunway supercomputer reached 125 petaflops.\n", "a.txt",
                        vocabulary, "2025-05-01")
    assert [(c["region"], c["value"], c["metric"]) for c in rows] == [("wuxi", 0.125, None)]
    assert "metric: none (one facility's capacity" in rows[0]["why"]


def test_suggest_a_hostile_sentence_of_thousands_of_numbers_takes_time_in_proportion(vocabulary):
    # One sentence (no full stop) of firm cues, places, keywords and numbers: each number's
    # places, keywords and firm cues are read within a reach of it, not through the whole
    # sentence, so four times the text takes about four times as long, not sixteen. Timed as a
    # ratio of two runs in this process, so the machine's speed cancels out.
    piece = ("UBTech, a robot maker, said Beijing has 5,000 data centers, 23 of which are big, "
             "with 1 EFLOPS and China's AI capital spending of 500 million yuan; ")

    def seconds(copies: int) -> float:
        text = piece * copies + "\n"
        started = time.perf_counter()
        suggest_text(text, "a.txt", vocabulary, "2025-05-01")
        return time.perf_counter() - started

    seconds(20)  # warm up
    small = min(seconds(150) for _ in range(2))
    large = min(seconds(600) for _ in range(2))
    assert large / small < 9


def _facts(text: str, vocabulary, published="2025-06-12") -> list[tuple]:
    """(region, metric, value, unit, status, period) of each candidate."""
    return [(c["region"], c["metric"], c["value"], c["unit"], c["status"], c["period"])
            for c in suggest_text(text, "a.txt", vocabulary, published)]


@pytest.mark.parametrize(("text", "expected"), [
    # a share of each firm's bill a voucher pays is no figure of the place
    ("Firms in Shanghai can claim computing vouchers worth no more than 30 percent of the "
     "rental cost.\n", []),
    ("The voucher scheme in Hangzhou covers up to 30 percent of the cost of renting computing "
     "power.\n", []),
    ("In Guizhou, subsidies cover 30 percent of computing costs.\n", []),
    # ... but a share of a whole is
    ("AI made up 12 percent of Guangdong's total investment.\n",
     [("guangdong", None, 12, "percent", "actual", None)]),
    # a cap for each of the things counted before
    ("Shenzhen will pick 50 leading research teams, each of which can receive up to 100 million "
     "yuan in funding.\n", [("shenzhen", None, 50, "count", "target", None)]),
    # a place in an appositive describes the place before it
    ("Beijing has 2,400 AI firms. Computing power in Zhangjiakou, a national hub node serving "
     "the capital, reached 18 EFLOPS.\n",
     [("beijing", "ai_companies", 2400, "count", "actual", None),
      ("zhangjiakou", "computing_power", 18, "EFLOPS", "actual", None)]),
    # "top" after "to" or a modal is a verb, not "the top five"
    ("The number of AI enterprises in Shanghai will top 1,500.\n",
     [("shanghai", "ai_companies", 1500, "count", "target", None)]),
    ("Analysts expect Guangdong's NEV output to top 3.6 million units.\n",
     [("guangdong", "nev_output", 3_600_000, "vehicles", "target", None)]),
    ("Shanghai is among the top 5 cities for AI firms.\n", []),
    # a rank within a province, or in the world, is none among the country's places
    ("Shenzhen's computing capacity stood at 42 EFLOPS, ranking first in Guangdong province.\n",
     [("shenzhen", "computing_power", 42, "EFLOPS", "actual", None),
      ("shenzhen", None, 1, "rank", "actual", None)]),
    ("Beijing ranks third globally in computing power.\n",
     [("beijing", None, 3, "rank", "actual", None)]),
    ("Beijing ranks first among Chinese cities for computing power.\n",
     [("beijing", "computing_power_rank", 1, "rank", "actual", None)]),
    # ... and the country's rank in the world is the country's
    ("Shanghai's push comes as China's computing power ranked second in the world.\n", []),
    # a group the place is one of
    ("Hangzhou is one of 18 national AI innovation application pilot zones.\n", []),
    ("Guizhou is one of the eight national computing hubs and has 20 EFLOPS of computing "
     "power.\n", [("guizhou", "computing_power", 20, "EFLOPS", "actual", None)]),
    # a place told of by where it lies: "the southern province", "the eastern city's"
    ("Guangdong leads. The southern province turned out 2.65 million NEVs, accounting for 23.6 "
     "percent of the national total.\n",
     [("guangdong", "nev_output", 2_650_000, "vehicles", "actual", None),
      ("guangdong", "nev_output_share", 23.6, "percent", "actual", None)]),
    ("Hangzhou leads. The eastern city's core AI industry was worth 370 billion yuan, half of "
     "Zhejiang's total.\n",
     [("hangzhou", "ai_core_industry_scale", 370_000_000_000, "yuan", "actual", None),
      ("hangzhou", None, 50, "percent", "actual", None)]),
    # the country's figure, with places in a phrase after a comma
    ("China made 11 million NEVs, up 35 percent, with Guangdong accounting for a quarter.\n",
     []),
    ("Nationally, China's NEV output hit 6.97 million units, up 41.4 percent year on year, with "
     "Anhui, Guangdong and Shaanxi together making more than half of them.\n", []),
    # several places together, told of by their number
    ("Beijing, Tianjin and Hebei signed a pact. The three places jointly released 800 "
     "application scenarios.\n", []),
    ("Guizhou leads. The eight national hub nodes together account for over 60 percent of new "
     "computing capacity.\n", []),
    # "the city" looks back to the place a sentence calls "the city", not one named in passing
    ("Hangzhou is not standing still. The city plans a fund for embodied intelligence, the "
     "label Beijing uses for robots. The eastern city's core AI industry was worth 370 billion "
     "yuan.\n", [("hangzhou", "ai_core_industry_scale", 370_000_000_000, "yuan", "actual", None)]),
])
def test_suggest_policy_and_press_phrasings(text, expected, vocabulary):
    assert _facts(text, vocabulary) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a document's number is no rank
    ("Guangdong Provincial People's Government Office\nYue Fu Ban [2025] No. 6\n\nBeijing is "
     "No. 1 in AI.\n", [("beijing", None, 1, "rank", "actual", None)]),
    ("Notice No. 12 of the Guangdong government sets out the rules.\n", []),
    # an amount for each of the things counted before it is no total
    ("Hangzhou offers startups computing vouchers worth up to 3 million yuan each, and it spent "
     "250 million yuan on such vouchers in 2024.\n",
     [("hangzhou", "ai_subsidies", 250_000_000, "yuan", "actual", "2024")]),
    ("Shenzhen gives 5 billion yuan each year in subsidies.\n",
     [("shenzhen", "ai_subsidies", 5_000_000_000, "yuan", "actual", None)]),
    # a paragraph that names two places together is about neither: the article's subject
    ("Guangdong issued new measures for AI.\n\nSupport Guangzhou and Shenzhen in building "
     "national AI computing hubs. Issue computing vouchers of no more than 500 million yuan in "
     "total each year.\n", [("guangdong", "ai_subsidies", 500_000_000, "yuan", "target", None)]),
    # a measure ordered, and "shall", are plans
    ("(2) Build 10 data centers in Guangdong.\n",
     [("guangdong", "new_ai_data_centres", 10, "count", "target", None)]),
    ("Guangdong shall build 20 data centers.\n",
     [("guangdong", "new_ai_data_centres", 20, "count", "target", None)]),
    # ... but not a noun that opens a sentence
    ("Support for AI firms in Guangdong reached 5 billion yuan.\n",
     [("guangdong", None, 5_000_000_000, "yuan", "actual", None)]),
    # what recipients of a kind told of in the clause receive is no total; a special fund is
    ("Ningxia plans to offer special funds of 1 billion yuan annually, and enterprises that "
     "build large intelligent computing centers can receive a one-time subsidy of up to 10 "
     "million yuan.\n",
     [("ningxia", "ai_subsidies", 1_000_000_000, "yuan", "target", None)]),
    # the runners of a race and a half marathon are no figures of a place
    ("Twenty-one robots lined up beside nearly 10,000 human runners in Beijing's Yizhuang for "
     "a 21-kilometer half marathon.\n", []),
    # a development area named after its city is not the city ("also known as" names it again)
    ("Beijing Economic-Technological Development Area, also known as Beijing E-Town, is home to "
     "more than 100 robotics companies, with an industrial output of 10 billion yuan.\n", []),
    # ... but a city named in full is no part of a name
    ("Ulanqab, a city in Nei Mongol, runs 1.5 million servers.\n",
     [("ulanqab", None, 1_500_000, "count", "actual", None)]),
    # a cap for major projects is for each of them
    ("Beijing will provide subsidies of up to 50 million yuan for major projects.\n", []),
    # a span still to come is a plan's; a span past is not
    ("Chongqing earmarked 2 billion yuan for AI subsidies over the next three years.\n",
     [("chongqing", "ai_subsidies", 2_000_000_000, "yuan", "target", None)]),
    ("Chongqing handed out 2 billion yuan in AI subsidies over the past three years.\n",
     [("chongqing", "ai_subsidies", 2_000_000_000, "yuan", "actual", None)]),
    # an area named where a place lies holds it: no list of the two
    ("Elsewhere in the Greater Bay Area, Guangzhou said it would offer 300 million yuan in "
     "subsidies.\n", [("guangzhou", "ai_subsidies", 300_000_000, "yuan", "target", None)]),
    # a firm told of as the maker of something
    ("UBTech Robotics, the Shenzhen-listed maker of Walker humanoid robots, said it expected to "
     "deliver 500 to 1,000 units this year.\n", []),
    # a clause that names what it measures takes no keyword of a clause before it
    ("In Zhejiang, the output of new energy vehicles was 1.30 million, up 20.3 percent; the "
     "output of industrial robots grew 25.6 percent; the output of integrated circuits was 35.1 "
     "billion pieces, an increase of 12.8 percent.\n",
     [("zhejiang", "nev_output", 1_300_000, "vehicles", "actual", None),
      ("zhejiang", "nev_output_growth", 20.3, "percent", "actual", None),
      ("zhejiang", None, 25.6, "percent", "actual", None),
      ("zhejiang", None, 35_100_000_000, "count", "actual", None),
      ("zhejiang", None, 12.8, "percent", "actual", None)]),
    # a change from a base: the base's year is not the figure's, and "today" is no year
    ("Guizhou's computing power has grown from 3 EFLOPS in 2021 to 80 EFLOPS today.\n",
     [("guizhou", "computing_power", 3, "EFLOPS", "actual", "2021"),
      ("guizhou", "computing_power", 80, "EFLOPS", "actual", None)]),
    ("Guizhou's computing power grew from 3 EFLOPS in 2021 to 80 EFLOPS.\n",
     [("guizhou", "computing_power", 3, "EFLOPS", "actual", "2021"),
      ("guizhou", "computing_power", 80, "EFLOPS", "actual", None)]),
    # a place in a ranking reached by a climb
    ("Zhejiang rose two places to fourth.\n", [("zhejiang", None, 4, "rank", "actual", None)]),
    # a keyword past the next amount is that amount's
    ("Shanghai added 1,000 new 5G base stations and built 6 intelligent computing centers.\n",
     [("shanghai", None, 1000, "count", "actual", None),
      ("shanghai", "new_ai_data_centres", 6, "count", "actual", None)]),
    # ... unless the two stand in one list
    ("Beijing and Shanghai have 1,600 and 1,500 AI firms respectively.\n",
     [("beijing", "ai_companies", 1600, "count", "actual", None),
      ("shanghai", "ai_companies", 1500, "count", "actual", None)]),
    # firms counted are no vehicles; the automobile industry's growth is no NEV output's
    ("Anhui now has more than 1,400 companies in the NEV supply chain, and the added value of "
     "its automobile industry grew by 25.7 percent.\n",
     [("anhui", None, 1400, "count", "actual", None),
      ("anhui", None, 25.7, "percent", "actual", None)]),
    # a share of its own after a rate in a list
    ("Anhui made 1.68 million NEVs, up 60.5 percent, about 13 percent of the national NEV "
     "total.\n",
     [("anhui", "nev_output", 1_680_000, "vehicles", "actual", None),
      ("anhui", "nev_output_growth", 60.5, "percent", "actual", None),
      ("anhui", "nev_output_share", 13, "percent", "actual", None)]),
    # a heading numbered in roman numerals heads its list
    ("Shanghai's work report.\n\nII. Main targets for 2025\n\n- Computing power of 70 "
     "EFLOPS;\n- AI industry scale of 500 billion yuan.\n",
     [("shanghai", "computing_power", 70, "EFLOPS", "target", "2025"),
      ("shanghai", "ai_core_industry_scale", 500_000_000_000, "yuan", "target", "2025")]),
])
def test_suggest_policy_documents_and_rankings(text, expected, vocabulary):
    assert _facts(text, vocabulary) == expected


def test_suggest_a_place_the_title_names_is_the_subject_of_figures_before_any_other(vocabulary):
    text = ("SOURCE: https://example.org/gz\nTITLE: Guizhou's digital economy: key figures\n"
            "PUBLISHED: 2025-04-15\n\nKey data\n\nComputing power: 55 EFLOPS\n"
            "AI enterprises: 1,100\n\nGuiyang, the provincial capital, hosts most of the "
            "data centers.\n\nTargets for 2025: total computing power above 80 EFLOPS.\n")
    assert _facts(text, vocabulary, "2025-04-15") == [
        ("guizhou", "computing_power", 55, "EFLOPS", "actual", None),
        ("guizhou", "ai_companies", 1100, "count", "actual", None),
        # the title's place holds the city named last: still the article's subject
        ("guizhou", "computing_power", 80, "EFLOPS", "target", "2025"),
    ]
    rows = suggest_text(text, "a.txt", vocabulary, "2025-04-15")
    assert "the article's title names Guizhou" in rows[0]["why"]
    # a title that names two places names no subject
    two = text.replace("Guizhou's digital economy", "Guizhou and Guangdong")
    assert [f[0] for f in _facts(two, vocabulary, "2025-04-15")] == ["guiyang"]


@pytest.mark.parametrize(("text", "expected"), [
    # a pronoun before the second verb: two clauses
    ("Shenzhen's computing capacity reached 16 EFLOPS by the end of 2024 and we expect it to "
     "hit 25 EFLOPS this year.\n",
     [("shenzhen", "computing_power", 16, "EFLOPS", "actual", "2024"),
      ("shenzhen", "computing_power", 25, "EFLOPS", "target", "2025")]),
    # a later clause's keyword and year, of a place it names, are its own amount's
    ("Shanghai has pledged 3 billion yuan in support for models, while Beijing said its AI core "
     "industry was worth about 300 billion yuan in 2024.\n",
     [("shanghai", None, 3_000_000_000, "yuan", "target", None),
      ("beijing", "ai_core_industry_scale", 300_000_000_000, "yuan", "actual", "2024")]),
    # ... but a later clause of the same subject tells the sentence's year
    ("The capital has about 2,400 AI companies, and its core AI industry was worth some 300 "
     "billion yuan in 2024.\n",
     [("beijing", "ai_companies", 2400, "count", "actual", "2024"),
      ("beijing", "ai_core_industry_scale", 300_000_000_000, "yuan", "actual", "2024")]),
])
def test_suggest_reads_each_clause_of_two_subjects_on_its_own(text, expected, vocabulary):
    assert _facts("Beijing is the capital.\n\n" + text, vocabulary) == expected



@pytest.mark.parametrize(("text", "expected"), [
    # a part of the year in the number's clause, with a base's year after it
    ("Guangdong produced 3.1 million NEVs in the first 11 months, exceeding the full-year total "
     "of 2024.\n", [("guangdong", "nev_output", 3_100_000, "vehicles", "actual", "2025")]),
    # a part of the year its clause names
    ("In 2024, Guangdong produced 1.2 million NEVs in the first half.\n",
     [("guangdong", "nev_output", 1_200_000, "vehicles", "actual", "2024")]),
    # things added are no level of a stock; "new energy vehicles" are not new things
    ("Hangzhou registered 300 new AI companies in the first half, bringing the total to "
     "1,900.\n", [("hangzhou", None, 300, "count", "actual", "2025"),
                  ("hangzhou", "ai_companies", 1900, "count", "actual", "2025")]),
    ("Beijing has a total of 900 new AI firms. Guangdong produced 5.4 million new energy "
     "vehicles.\n", [("beijing", "ai_companies", 900, "count", "actual", None),
                     ("guangdong", "nev_output", 5_400_000, "vehicles", "actual", None)]),
])
def test_suggest_parts_of_the_year_and_things_added(text, expected, vocabulary):
    assert _facts(text, vocabulary, "2025-12-20") == expected


def test_suggest_a_heading_numbered_in_unicode_roman_numerals(vocabulary):
    text = ("Shanghai's work report.\n\n\u2161. Main targets for 2025\n\n- Computing power of 70 "
            "EFLOPS;\n")
    assert _facts(text, vocabulary) == [
        ("shanghai", "computing_power", 70, "EFLOPS", "target", "2025")]


@pytest.mark.parametrize(("text", "expected"), [
    # the year of an aside about something else is not the figure's
    ("Guiyang leads, while Zunyi and Anshun, two cities that only began building large "
     "facilities in 2022, contribute 9.2 EFLOPS and 4.8 EFLOPS of computing power, "
     "respectively.\n",
     [("zunyi", "computing_power", 9.2, "EFLOPS", "actual", None),
      ("anshun", "computing_power", 4.8, "EFLOPS", "actual", None)]),
    ("Hefei is home to 1,540 AI enterprises, many of them clustered around iFlytek, the "
     "company founded in the city in 1999.\n",
     [("hefei", "ai_companies", 1540, "count", "actual", None)]),
    ("Shanghai, which has hosted the conference since 2018, had 15 EFLOPS of computing "
     "power last year.\n", [("shanghai", "computing_power", 15, "EFLOPS", "actual", "2024")]),
    # ... but an aside's own figure keeps it
    ("Guangdong, which built 3.1 million NEVs in 2024, is projected to produce 3.6 million "
     "this year.\n",
     [("guangdong", "nev_output", 3_100_000, "vehicles", "actual", "2024"),
      ("guangdong", "nev_output", 3_600_000, "vehicles", "target", "2025")]),
    # a handed-out sum in a clause of its own is reached, whatever the next clause plans
    ("Guizhou handed out 520 million yuan in computing vouchers in 2024, and it plans to raise "
     "the annual sum to 1 billion yuan by 2027.\n",
     [("guizhou", "ai_subsidies", 520_000_000, "yuan", "actual", "2024"),
      ("guizhou", "ai_subsidies", 1_000_000_000, "yuan", "target", "2027")]),
    # a facility that lifts the place's capacity: the place's computing power
    ("Nanjing is building a computing center which will bring the city's capacity to 8 EFLOPS "
     "next year.\n", [("nanjing", "computing_power", 8, "EFLOPS", "target", "2026")]),
    ("The Guiyang supercomputer has a peak performance of 4.7 EFLOPS.\n",
     [("guiyang", None, 4.7, "EFLOPS", "actual", None)]),
    # a period told in the sentence before
    ("Guangdong produced 2.5 million NEVs in 2024. Shanghai followed with 1.2 million NEVs "
     "over the same period.\n",
     [("guangdong", "nev_output", 2_500_000, "vehicles", "actual", "2024"),
      ("shanghai", "nev_output", 1_200_000, "vehicles", "actual", "2024")]),
    ("In the first half, Guangdong made 1.2 million NEVs. Shanghai made 600,000 NEVs in the same "
     "period.\n",
     [("guangdong", "nev_output", 1_200_000, "vehicles", "actual", "2025"),
      ("shanghai", "nev_output", 600_000, "vehicles", "actual", "2025")]),
    ("Suzhou aims to reach 30 EFLOPS by 2027. By then, its core AI industry will be worth 200 "
     "billion yuan.\n",
     [("suzhou", "computing_power", 30, "EFLOPS", "target", "2027"),
      ("suzhou", "ai_core_industry_scale", 200_000_000_000, "yuan", "target", "2027")]),
    # ... only when it names one year
    ("Guangdong produced 2.5 million NEVs in 2024, against 2 million in 2023. Shanghai made "
     "1.2 million NEVs in the same period.\n",
     [("guangdong", "nev_output", 2_500_000, "vehicles", "actual", "2024"),
      ("guangdong", "nev_output", 2_000_000, "vehicles", "actual", "2023"),
      ("shanghai", "nev_output", 1_200_000, "vehicles", "actual", None)]),
    # ... and not a period compared with
    ("Guangdong made 2.5 million NEVs in the first half, up 30 percent over the same period last "
     "year.\n",
     [("guangdong", "nev_output", 2_500_000, "vehicles", "actual", "2025"),
      ("guangdong", "nev_output_growth", 30, "percent", "actual", "2025")]),
])
def test_suggest_years_and_status_by_clause_and_sentence(text, expected, vocabulary):
    assert _facts(text, vocabulary) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # exports named in the clause's subject, before the number's own part
    ("Hefei leads. The city's NEV exports, however, remain modest at 146,000 units.\n",
     [("hefei", None, 146_000, "count", "actual", None)]),
    ("Hefei leads. The city's NEV exports reached 156,000 units, up 120 percent from a year "
     "earlier.\n",
     [("hefei", None, 156_000, "count", "actual", None),
      ("hefei", None, 120, "percent", "actual", None)]),
    ("Shanghai, whose NEV exports soared, made 1.2 million NEVs.\n",
     [("shanghai", "nev_output", 1_200_000, "vehicles", "actual", None)]),
    # durations are no counts
    ("The link gives a latency of about 20 milliseconds to Shanghai.\n", []),
    # "its" opening a later clause is the sentence's subject
    ("Jiangsu has 1.15 million R&D personnel, second only to Guangdong, and its 60,000 "
     "industrial enterprises above designated size account for about 12 percent of the "
     "country's total.\n",
     [("jiangsu", "rd_personnel", 1_150_000, "persons", "actual", None),
      ("jiangsu", "large_industrial_enterprises", 60_000, "count", "actual", None),
      ("jiangsu", "large_industrial_enterprises_share", 12, "percent", "actual", None)]),
    # a firm's plant named after its place gives the firm's figures
    ("NIO delivered 114,150 vehicles, while BYD's Hefei plant churned out more than 300,000 "
     "units.\n", []),
    ("China Mobile's Guizhou data center alone provides 12 EFLOPS of computing power.\n", []),
    ("Tesla's Shanghai Gigafactory delivered 950,000 cars.\n", []),
    ("Guangdong's Shenzhen plant made 300,000 NEVs.\n",
     [("shenzhen", "nev_output", 300_000, "vehicles", "actual", None)]),
    # what a subject has, told before the plan, is no plan's
    ("Hangzhou's talent pool, with 42,000 AI R&D personnel, will keep the next DeepSeek at "
     "home.\n", [("hangzhou", "rd_personnel", 42_000, "persons", "actual", None)]),
    ("Hangzhou will build a new park, with 500 million yuan in subsidies for firms.\n",
     [("hangzhou", "ai_subsidies", 500_000_000, "yuan", "target", None)]),
    # a population is no metric's figure
    ("Changzhou, a city of 5.4 million people, has a population of 5.4 million and is home to "
     "5 million residents; 120,000 people work in its AI firms.\n",
     [("changzhou", None, 120_000, "persons", "actual", None)]),
    # "plans" before what is planned
    ("Shenzhen plans new subsidies worth 1 billion yuan.\n",
     [("shenzhen", "ai_subsidies", 1_000_000_000, "yuan", "target", None)]),
])
def test_suggest_exports_firms_plants_and_references(text, expected, vocabulary):
    assert _facts(text, vocabulary) == expected


def test_suggest_a_titled_heading_and_one_of_this_years_targets_head_their_lists(vocabulary):
    text = ("Beijing reviewed its work.\n\nKey figures of 2024\n- Core AI industry: nearly 350 "
            "billion yuan\n- Intelligent computing power: 33 EFLOPS\n\nThe main targets for "
            "economic development this year are:\n- intelligent computing power of over 45 "
            "EFLOPS;\n- NEV output of 500,000 vehicles.\n")
    assert _facts(text, vocabulary, "2025-01-21") == [
        ("beijing", "ai_core_industry_scale", 350_000_000_000, "yuan", "actual", "2024"),
        ("beijing", "computing_power", 33, "EFLOPS", "actual", "2024"),
        ("beijing", "computing_power", 45, "EFLOPS", "target", "2025"),
        ("beijing", "nev_output", 500_000, "vehicles", "target", "2025"),
    ]
    # a line of prose above a list, with a full stop, heads nothing
    text = ("Beijing's computing power reached 4.5 EFLOPS in 2024.\n- Core AI industry: 350 "
            "billion yuan\n")
    assert _facts(text, vocabulary, "2025-01-21")[1][-1] is None


def test_suggest_a_figure_told_again_under_a_dated_heading_takes_its_year(vocabulary):
    text = ("Beijing's intelligent computing power rose to 33 EFLOPS.\n\nKey figures of 2024\n"
            "- Intelligent computing power: 33 EFLOPS\n")
    found = suggest_text(text, "a.txt", vocabulary, "2025-01-21")
    assert [(c["region"], c["value"], c["period"], c["quote"][:7]) for c in found] == [
        ("beijing", 33, "2024", "Beijing")]
    assert found[0]["why"].endswith(
        "period: 2024, as where it is told again ('Key figures of 2024' heads the list)")
    # ... but a later sentence with a year of its own is another telling
    text = ("Beijing's intelligent computing power rose to 33 EFLOPS. Beijing's computing power "
            "reached 33 EFLOPS in 2024.\n")
    assert [c["period"] for c in suggest_text(text, "a.txt", vocabulary, "2025-01-21")] == [
        None, "2024"]
    # ... and one told again with no year is the one told before with it
    text = ("Beijing's computing power reached 33 EFLOPS in 2024. Beijing's intelligent "
            "computing power stands at 33 EFLOPS.\n")
    assert [c["period"] for c in suggest_text(text, "a.txt", vocabulary, "2025-01-21")] == [
        "2024"]


def test_suggest_a_level_that_stands_at_a_figure_is_reached_beside_a_plan(vocabulary):
    text = ("Hangzhou's intelligent computing scale stands at about 11,500 PFLOPS, and the city "
            "plans an industry fund of 3 billion yuan.\n")
    assert _facts(text, vocabulary) == [
        ("hangzhou", "computing_power", 11.5, "EFLOPS", "actual", None),
        ("hangzhou", None, 3_000_000_000, "yuan", "target", None)]


class _FailingOut(io.StringIO):
    def __init__(self, error: OSError):
        super().__init__()
        self.error = error

    def write(self, text):
        raise self.error


@pytest.mark.parametrize("jobs", [1, 2])
def test_suggest_a_reader_that_stops_reading_ends_it_quietly(jobs):
    err = io.StringIO()
    code = run_suggest([str(p) for p in sorted(ARTICLES.glob("*.txt"))], ROOT, jobs=jobs,
                       out=_FailingOut(BrokenPipeError(32, "Broken pipe")), err=err)
    assert (code, err.getvalue()) == (0, "")


def test_suggest_output_that_cannot_be_written_is_one_line_and_exit_2():
    err = io.StringIO()
    code = run_suggest([str(p) for p in sorted(ARTICLES.glob("*.txt"))], ROOT, jobs=1,
                       out=_FailingOut(OSError(28, "No space left on device")), err=err)
    assert code == 2
    assert err.getvalue() == ("extract suggest: cannot write the candidates: No space left on "
                              "device\n")


@pytest.mark.parametrize(("text", "expected"), [
    # a district the gazetteer holds, named bare, gives no figure of its city
    ("Shanghai leads. In Minhang, the Dazero AI park plans to add 2 EFLOPS of computing "
     "capacity by the end of the year.\n", []),
    ("Shenzhen leads. Nanshan will receive an additional 300 million yuan to build an AI town.\n",
     []),
    ("Haidian is home to 1,300 AI firms.\n", []),
    ("Beijing has 2,400 AI firms, with 1,300 in Haidian.\n",
     [("beijing", "ai_companies", 2400, "count", "actual", None)]),
    # ... but districts listed as where in the city named: the city's figure
    ("Shenzhen will build three new computing centres in Qianhai, Nanshan and Longgang by 2026, "
     "adding 20 EFLOPS of capacity.\n",
     [("shenzhen", "new_ai_data_centres", 3, "count", "target", "2026"),
      ("shenzhen", None, 20, "EFLOPS", "target", "2026")]),
    # "its" before a district the place names is the district's
    ("Shenzhen had 2,600 AI enterprises, while its Nanshan district had 1,150.\n",
     [("shenzhen", "ai_companies", 2600, "count", "actual", None)]),
])
def test_suggest_districts_of_the_largest_cities(text, expected, vocabulary):
    assert _facts(text, vocabulary) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # ", with ... output of" tells the subject's own figure, not a bar that sorts firms
    ("Within Guangdong, Shenzhen was the largest producer, with NEV output of 1.82 million "
     "units in 2024.\n", [("shenzhen", "nev_output", 1_820_000, "vehicles", "actual", "2024")]),
    ("Zhejiang has 3,000 enterprises with annual revenue of 20 million yuan or more.\n",
     [("zhejiang", None, 3000, "count", "actual", None)]),
    # a reference to nothing named is no subject
    ("Hangzhou leads the province, with core AI industry revenue of 330 billion yuan.\n",
     [("hangzhou", "ai_core_industry_scale", 330_000_000_000, "yuan", "actual", None)]),
    # "is home to" tells what there is, whatever the next clause plans
    ("Zhejiang is home to two national AI innovation application pilot zones and will seek "
     "approval for a third.\n",
     [("zhejiang", "national_ai_pilot_zones", 2, "count", "actual", None)]),
    # a national rate compared with
    ("In Shanghai the share stood at 62 percent, compared with a national rate of 54 percent.\n",
     [("shanghai", None, 62, "percent", "actual", None)]),
    # what one recipient will receive
    ("A developer that completes national registration in Zhejiang will receive a one-off "
     "reward of 1 million yuan.\n", []),
    ("A total of 5 billion yuan will be spent in Shenzhen.\n",
     [("shenzhen", None, 5_000_000_000, "yuan", "target", None)]),
    # all the cars made, not the NEVs; a subject's exports past a comment or before a rate
    ("NEVs accounted for 37.7 percent of Chongqing's total automobile output of 2.54 million "
     "vehicles.\n",
     [("chongqing", None, 37.7, "percent", "actual", None),
      ("chongqing", None, 2_540_000, "vehicles", "actual", None)]),
    ("Chongqing's automobile output reached 2.54 million vehicles, including 950,000 NEVs.\n",
     [("chongqing", None, 2_540_000, "vehicles", "actual", None),
      ("chongqing", "nev_output", 950_000, "vehicles", "actual", None)]),
    # "making up" a share is no rise
    ("Chongqing's total automobile output was 2.54 million vehicles, with NEVs making up 37.7 "
     "percent.\n",
     [("chongqing", None, 2_540_000, "vehicles", "actual", None),
      ("chongqing", None, 37.7, "percent", "actual", None)]),
    ("Guangdong sold 3 million NEVs, producing 3.2 million.\n",
     [("guangdong", None, 3_000_000, "vehicles", "actual", None),
      ("guangdong", "nev_output", 3_200_000, "vehicles", "actual", None)]),
    # a firm's funding round
    ("The Beijing start-up raised 80 million yuan in a funding round led by a state fund.\n", []),
    # measures joined to the number by a hyphen
    ("Qingyang opened a new 800-km fiber link, a 1,200-kilometer cable and a 300-mu park.\n",
     []),
])
def test_suggest_bars_references_recipients_and_measures(text, expected, vocabulary):
    assert _facts(text, vocabulary) == expected


def test_suggest_a_baseline_under_a_plans_heading_is_reached(vocabulary):
    text = ("Zhejiang released a plan.\n\nBy 2027, the province will:\n- raise its intelligent "
            "computing capacity to 50 EFLOPS, from 18.5 EFLOPS at the end of 2024;\n- increase "
            "the number of AI enterprises to 5,000 from 3,100 in 2024.\n")
    assert _facts(text, vocabulary) == [
        ("zhejiang", "computing_power", 50, "EFLOPS", "target", "2027"),
        ("zhejiang", "computing_power", 18.5, "EFLOPS", "actual", "2024"),
        ("zhejiang", "ai_companies", 5000, "count", "target", "2027"),
        ("zhejiang", "ai_companies", 3100, "count", "actual", "2024"),
    ]
    # ", from" after a figure reached: the base's year is not the figure's
    assert _facts("Guizhou's computing power rose to 50 EFLOPS, from 18.5 EFLOPS in 2023.\n",
                  vocabulary) == [
        ("guizhou", "computing_power", 50, "EFLOPS", "actual", None),
        ("guizhou", "computing_power", 18.5, "EFLOPS", "actual", "2023"),
    ]
