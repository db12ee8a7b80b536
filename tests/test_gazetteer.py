"""The gazetteer: every provincial-level unit and the required cities, with consistent codes."""

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from extract.gazetteer import VocabularyError, load_gazetteer

ROOT = Path(__file__).resolve().parents[1]
ENTRIES = yaml.safe_load((ROOT / "data/gazetteer/regions.yaml").read_text(encoding="utf-8"))
BY_ID = {e["id"]: e for e in ENTRIES}
PROVINCIAL = {"municipality", "province", "autonomous_region", "sar"}
# Prefecture-level cities (地级市) per province, counted from the 2021 division list.
PREFECTURE_CITIES = {"guangdong": 21, "zhejiang": 11, "jiangsu": 13, "guizhou": 6}
CAPITALS = {
    "hebei": "shijiazhuang", "shanxi": "taiyuan", "inner_mongolia": "hohhot",
    "liaoning": "shenyang", "jilin": "changchun", "heilongjiang": "harbin", "jiangsu": "nanjing",
    "zhejiang": "hangzhou", "anhui": "hefei", "fujian": "fuzhou", "jiangxi": "nanchang",
    "shandong": "jinan", "henan": "zhengzhou", "hubei": "wuhan", "hunan": "changsha",
    "guangdong": "guangzhou", "guangxi": "nanning", "hainan": "haikou", "sichuan": "chengdu",
    "guizhou": "guiyang", "yunnan": "kunming", "tibet": "lhasa", "shaanxi": "xian",
    "gansu": "lanzhou", "qinghai": "xining", "ningxia": "yinchuan", "xinjiang": "urumqi",
}


def test_gazetteer_matches_its_schema_and_ids_are_unique():
    schema = json.loads((ROOT / "extract/schemas/gazetteer.schema.json").read_text())
    assert list(Draft202012Validator(schema).iter_errors(ENTRIES)) == []
    assert len(BY_ID) == len(ENTRIES)


def test_gazetteer_holds_the_34_provincial_level_units():
    provincial = [e for e in ENTRIES if e["level"] in PROVINCIAL]
    assert len(provincial) == 34
    assert all(e["parent"] == "china" and e["adcode"] % 10000 == 0 for e in provincial)


@pytest.mark.parametrize(("province", "count"), sorted(PREFECTURE_CITIES.items()))
def test_gazetteer_holds_every_prefecture_city_of(province, count):
    cities = [e for e in ENTRIES if e["parent"] == province and e["level"] == "prefecture_city"]
    assert len(cities) == count


def test_gazetteer_holds_every_provincial_capital_and_the_named_cities():
    for province, capital in CAPITALS.items():
        assert BY_ID[capital]["parent"] == province
        assert BY_ID[province]["capital"] == capital
    assert [e["id"] for e in ENTRIES if "capital" in e] == list(
        p for p in BY_ID if p in CAPITALS)
    for city in ("shenzhen", "suzhou", "wuxi", "ningbo", "qingdao", "xiamen", "dalian", "xiongan"):
        assert city in BY_ID
    assert sum(e["level"] == "prefecture_city" for e in ENTRIES) >= 60


def test_gazetteer_codes_and_seats_agree_with_the_hierarchy():
    for entry in ENTRIES:
        if entry["level"] == "prefecture_city":
            parent = BY_ID[entry["parent"]]
            assert str(entry["adcode"])[:2] == str(parent["adcode"])[:2], entry["id"]
            assert entry["adcode"] % 100 == 0 and entry["name_zh"].endswith("市"), entry["id"]
        if entry["adcode"] is not None and entry["level"] != "country":
            # China's seats lie within its bounding box
            assert 73 < entry["lon"] < 136 and 3 < entry["lat"] < 54, entry["id"]


def test_gazetteer_shares_only_declared_spellings():
    spellings = Counter(
        name for e in ENTRIES for name in {e["name_en"], *e["aliases"], e["name_zh"]}
    )
    assert [name for name, count in spellings.items() if count > 1] == ["Taizhou"]


def test_gazetteer_curation_regions_keep_their_ids():
    regions = yaml.safe_load((ROOT / "data/curation/regions.yaml").read_text(encoding="utf-8"))
    for region in regions:
        if region["level"] in PROVINCIAL | {"prefecture_city"}:
            assert BY_ID[region["id"]]["adcode"] == region["adcode"], region["id"]


def test_gazetteer_finds_english_news_spellings():
    gazetteer = load_gazetteer(ROOT)
    text = (
        "Nei Mongol, Xizang, Macau, Guangxi Zhuang Autonomous Region, Hong Kong SAR, Xi'an, "
        "Guangdong Province and 深圳 but not Beijingers."
    )
    found = [(text[m.start : m.end], m.ids) for m in gazetteer.find(text)]
    assert found == [
        ("Nei Mongol", ("inner_mongolia",)),
        ("Xizang", ("tibet",)),
        ("Macau", ("macao",)),
        ("Guangxi Zhuang Autonomous Region", ("guangxi",)),
        ("Hong Kong SAR", ("hong_kong",)),
        ("Xi'an", ("xian",)),
        ("Guangdong Province", ("guangdong",)),
        ("深圳", ("shenzhen",)),
    ]


def test_gazetteer_bad_file_is_a_clear_error(tmp_path):
    folder = tmp_path / "data" / "gazetteer"
    folder.mkdir(parents=True)
    (folder / "regions.yaml").write_text("- id: x\n  name_en: X\n", encoding="utf-8")
    with pytest.raises(VocabularyError) as error:
        load_gazetteer(tmp_path)
    assert str(error.value).startswith("data/gazetteer/regions.yaml: entry 1: ")


@pytest.mark.parametrize("capital", ["hangzhou_nowhere", "shenzhen", "zhejiang"])
def test_gazetteer_a_capital_outside_its_province_is_a_clear_error(tmp_path, capital):
    folder = tmp_path / "data" / "gazetteer"
    folder.mkdir(parents=True)
    text = (ROOT / "data/gazetteer/regions.yaml").read_text(encoding="utf-8")
    (folder / "regions.yaml").write_text(
        text.replace("  capital: hangzhou\n", f"  capital: {capital}\n"), encoding="utf-8")
    with pytest.raises(VocabularyError) as error:
        load_gazetteer(tmp_path)
    position = next(i for i, e in enumerate(ENTRIES) if e["id"] == "zhejiang") + 1
    assert str(error.value) == (
        f"data/gazetteer/regions.yaml: entry {position}: capital {capital!r} is not a place "
        "whose parent is 'zhejiang'")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the epithet's last word modifies the next noun: the shorter name still stands
        ("China's AI capital spending rose.", [("China", ("china",))]),
        ("China's AI capital-intensive firms.", [("China", ("china",))]),
        ("China's AI capital, Beijing, leads.",
         [("China's AI capital", ("beijing",)), ("Beijing", ("beijing",))]),
        ("China's AI capital has 2,400 AI firms.", [("China's AI capital", ("beijing",))]),
        ("The Yangtze River Delta region market grew.",
         [("Yangtze River Delta", ("yangtze_river_delta",))]),
    ],
)
def test_gazetteer_a_name_whose_last_noun_modifies_the_next_names_no_place(text, expected):
    gazetteer = load_gazetteer(ROOT)
    assert [(text[m.start : m.end], m.ids) for m in gazetteer.find(text)] == expected


def test_places_in_ascii_text_are_found_as_by_the_pattern_of_every_name():
    gazetteer = load_gazetteer(ROOT)
    assert gazetteer.ascii_pattern is not None
    articles = sorted((ROOT / "data/articles").glob("*"))
    texts = [path.read_text(encoding="utf-8") for path in articles]
    texts.append("GUIYANG, Jan. 6 -- Guizhou Province and Beijingers in XGuangdong, Inner Mongolia")
    for text in texts:
        if not text.isascii():
            continue
        def spans(found):
            return [(m.start, m.end, m.ids) for m in found]

        fast = spans(gazetteer.find(text))
        assert fast  # the check below compares something
        gazetteer.ascii_pattern, saved = None, gazetteer.ascii_pattern
        try:
            assert fast == spans(gazetteer.find(text))  # by the pattern with the Chinese names too
        finally:
            gazetteer.ascii_pattern = saved


_NAME_PIECES = [
    "Beijing", "BEIJING", "Beijing-Tianjin-Hebei", "Hebei", "Bei", "Shanghai", "SHANG", "Xi'an",
    "Inner Mongolia", "Inner", "Mongolia", "Nei Mongol", "Guangdong", "Guangzhou", "Guang",
    "The", "A", "AI", "B", "X", "Zhejiang Province", "province", " ", "  ", "-", "'", ",", ".",
    "5", "\x01", "ers", "s", "Hangzhou", "Shenzhen", "SHENZHEN", "Guiyang", "Gui'an",
]


@given(st.lists(st.sampled_from(_NAME_PIECES), max_size=14), st.integers(0, 60),
       st.integers(0, 60))
@settings(max_examples=1500, deadline=None)
def test_property_ascii_names_through_the_marked_copy_are_what_the_names_pattern_finds(
    pieces, lo, hi
):
    gazetteer = _gazetteer()
    text = "".join(pieces)
    start, end = min(lo, len(text)), min(max(lo, hi), len(text))
    expected = list(gazetteer.ascii_pattern.finditer(text, start, end))
    found = gazetteer._ascii_matches(text, start, end)
    assert [m.span() for m in found] == [m.span() for m in expected]


def test_ascii_names_through_the_marked_copy_at_each_offset():
    gazetteer = _gazetteer()
    text = "In BEIJING-Tianjin, Beijingers and XGuangdong's Xi'an met Inner  Mongolia."
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            expected = [m.span() for m in gazetteer.ascii_pattern.finditer(text, start, end)]
            assert [m.span() for m in gazetteer._ascii_matches(text, start, end)] == expected


_GAZETTEER = []


def _gazetteer():
    if not _GAZETTEER:
        _GAZETTEER.append(load_gazetteer(ROOT))
    return _GAZETTEER[0]
