"""Load the tidy tables and the province map: typed, checked, cached; a broken file raises."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

DATA_ENV = "CHINA_AI_REGIONS_DATA"
REPO_ROOT = Path(__file__).resolve().parent.parent
REBUILD_TIDY = "Run `make data` to rebuild data/tidy/."
REBUILD_GEO = "Run `make geo` to regenerate data/geo/ (or restore the file from the repository)."
GEO_FILE = "china_provinces.geojson"

COLUMNS = {
    "facts": ("fact_id", "source_id", "region_id", "metric_id", "value", "value_high",
              "value_text", "unit", "as_written", "qualifier", "status", "period", "quote",
              "quote_start", "quote_end", "note"),
    "sources": ("source_id", "file", "title", "publisher", "url", "published",
                "published_basis", "sha256", "chars", "note"),
    "regions": ("region_id", "name_en", "name_zh", "level", "parent_id", "adcode", "lon",
                "lat", "focus", "aliases", "focus_position"),
    "metrics": ("metric_id", "label", "unit", "kind", "description", "higher_is_better",
                "exclusive", "theme", "theme_label", "theme_position", "position"),
    "segments": ("source_id", "segment_no", "start", "end", "kind", "reason", "text"),
    "conflicts": ("conflict_id", "kind", "metric_id", "period", "fact_id_a", "fact_id_b",
                  "region_id_a", "region_id_b", "source_id_a", "source_id_b", "description"),
    "ledger": ("source_id", "mention_no", "start", "end", "as_written", "value", "value_high",
               "unit", "qualifier", "sentence_start", "sentence_end", "disposition", "fact_ids",
               "reason", "note"),
}
ALLOWED = {
    ("facts", "qualifier"): {"exact", "at_least", "at_most", "approx", "range"},
    ("facts", "status"): {"actual", "target"},
    ("regions", "level"): {"municipality", "province", "autonomous_region", "prefecture_city",
                           "district", "sar", "country", "area"},
    ("segments", "kind"): {"body", "junk", "duplicate"},
    ("ledger", "disposition"): {"curated", "dismissed", "unreviewed"},
}
TRUE_FALSE = {"true": True, "false": False}


class DataError(Exception):
    """A data file is missing or cannot be used; names the file and how to rebuild it."""

    def __init__(self, path: Path, problem: str, hint: str = REBUILD_TIDY):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
        self.hint = hint


@dataclass(frozen=True)
class Tables:
    facts: pd.DataFrame
    sources: pd.DataFrame
    regions: pd.DataFrame
    metrics: pd.DataFrame
    segments: pd.DataFrame
    conflicts: pd.DataFrame
    ledger: pd.DataFrame
    tidy_dir: Path


def data_dir() -> Path:
    """The data root: $CHINA_AI_REGIONS_DATA if set (tests point it at fixtures), else data/."""
    configured = os.environ.get(DATA_ENV, "").strip()
    return Path(configured) if configured else REPO_ROOT / "data"


def read_table(tidy_dir: Path, name: str) -> pd.DataFrame:
    """One tidy CSV as text columns, after checking it exists and has the contract's columns."""
    path = tidy_dir / f"{name}.csv"
    if not path.is_file():
        raise DataError(path, "is missing.")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise DataError(path, f"cannot be read as UTF-8 CSV ({error}).") from error
    missing = [column for column in COLUMNS[name] if column not in frame.columns]
    if missing:
        raise DataError(path, f"lacks the column(s) {', '.join(missing)}.")
    for (table, column), allowed in ALLOWED.items():
        if table == name:
            bad = frame.index[~frame[column].isin(allowed)]
            if len(bad):
                row = bad[0]
                raise DataError(path, f"row {row + 2}: {column} {frame.at[row, column]!r} "
                                f"is not one of {', '.join(sorted(allowed))}.")
    return frame


def _numbers(frame: pd.DataFrame, column: str, path: Path, *, required: bool,
             integer: bool = False) -> pd.Series:
    text = frame[column].str.strip()
    numbers = pd.to_numeric(text.where(text != ""), errors="coerce")
    broken = frame.index[(text != "") & numbers.isna()]
    if len(broken):
        row = broken[0]
        raise DataError(path, f"row {row + 2}: {column} {frame.at[row, column]!r} "
                        "is not a number.")
    if required and (text == "").any():
        row = frame.index[text == ""][0]
        raise DataError(path, f"row {row + 2}: {column} is empty.")
    if integer:
        return numbers.astype("Int64")
    return numbers.astype("float64")


def _flags(frame: pd.DataFrame, column: str, path: Path, *, required: bool) -> pd.Series:
    text = frame[column].str.strip().str.lower()
    allowed = set(TRUE_FALSE) if required else {*TRUE_FALSE, ""}
    bad = frame.index[~text.isin(allowed)]
    if len(bad):
        row = bad[0]
        raise DataError(path, f"row {row + 2}: {column} {frame.at[row, column]!r} "
                        "is not true/false.")
    return text.map(lambda flag: TRUE_FALSE.get(flag)).astype("boolean")


def _check_keys(frame: pd.DataFrame, column: str, known: pd.Series, path: Path, what: str,
                *, allow_empty: bool = False) -> None:
    values = frame[column]
    bad = frame.index[~values.isin(set(known)) & ~(allow_empty & (values == ""))]
    if len(bad):
        row = bad[0]
        raise DataError(path, f"row {row + 2}: {column} {values[row]!r} is not in {what}.")


def _check_unique(frame: pd.DataFrame, column: str, path: Path) -> None:
    repeated = frame[column][frame[column].duplicated()]
    if len(repeated):
        raise DataError(path, f"{column} {repeated.iloc[0]!r} appears more than once.")


def read_tables(tidy_dir: Path) -> Tables:
    """Read, type and cross-check every tidy table; raise DataError naming the broken file."""
    raw = {name: read_table(tidy_dir, name) for name in COLUMNS}
    paths = {name: tidy_dir / f"{name}.csv" for name in COLUMNS}

    regions = raw["regions"].copy()
    _check_unique(regions, "region_id", paths["regions"])
    regions["adcode"] = _numbers(regions, "adcode", paths["regions"], required=False,
                                 integer=True)
    regions["lon"] = _numbers(regions, "lon", paths["regions"], required=False)
    regions["lat"] = _numbers(regions, "lat", paths["regions"], required=False)
    regions["focus"] = _flags(regions, "focus", paths["regions"], required=True)
    regions["focus_position"] = _numbers(regions, "focus_position", paths["regions"],
                                         required=False, integer=True)
    _check_keys(regions, "parent_id", regions["region_id"], paths["regions"], "regions.csv",
                allow_empty=True)

    metrics = raw["metrics"].copy()
    _check_unique(metrics, "metric_id", paths["metrics"])
    metrics["higher_is_better"] = _flags(metrics, "higher_is_better", paths["metrics"],
                                         required=False)
    metrics["exclusive"] = _flags(metrics, "exclusive", paths["metrics"], required=False)
    for column in ("theme_position", "position"):
        metrics[column] = _numbers(metrics, column, paths["metrics"], required=True,
                                   integer=True)
    # The curated order (themes, then metrics.yaml's order), not the file's order by id.
    metrics = metrics.sort_values(["theme_position", "position", "metric_id"],
                                  ignore_index=True)

    sources = raw["sources"].copy()
    _check_unique(sources, "source_id", paths["sources"])
    sources["chars"] = _numbers(sources, "chars", paths["sources"], required=False,
                                integer=True)
    sources["published_year"] = pd.to_numeric(
        sources["published"].str.extract(r"^(\d{4})", expand=False), errors="coerce"
    ).astype("Int64")

    facts = raw["facts"].copy()
    path = paths["facts"]
    _check_unique(facts, "fact_id", path)
    _check_keys(facts, "region_id", regions["region_id"], path, "regions.csv")
    _check_keys(facts, "metric_id", metrics["metric_id"], path, "metrics.csv")
    _check_keys(facts, "source_id", sources["source_id"], path, "sources.csv")
    facts["value"] = _numbers(facts, "value", path, required=False)
    facts["value_high"] = _numbers(facts, "value_high", path, required=False)
    facts["quote_start"] = _numbers(facts, "quote_start", path, required=True, integer=True)
    facts["quote_end"] = _numbers(facts, "quote_end", path, required=True, integer=True)
    categorical = facts["metric_id"].map(metrics.set_index("metric_id")["kind"]) == "categorical"
    no_value = facts.index[~categorical & facts["value"].isna()]
    if len(no_value):
        row = no_value[0]
        raise DataError(path, f"row {row + 2}: value is empty for the quantity metric "
                        f"{facts.at[row, 'metric_id']!r}.")
    facts["year"] = pd.to_numeric(
        facts["period"].str.extract(r"^(\d{4})", expand=False), errors="coerce"
    ).astype("Int64")

    segments = raw["segments"].copy()
    for column in ("segment_no", "start", "end"):
        segments[column] = _numbers(segments, column, paths["segments"], required=True,
                                    integer=True)
    _check_keys(segments, "source_id", sources["source_id"], paths["segments"], "sources.csv")
    segments = segments.sort_values(["source_id", "segment_no"], ignore_index=True)

    conflicts = raw["conflicts"].copy()
    for column in ("fact_id_a", "fact_id_b"):
        _check_keys(conflicts, column, facts["fact_id"], paths["conflicts"], "facts.csv")

    ledger = _ledger(raw["ledger"], paths["ledger"], sources, facts)
    return Tables(facts=facts, sources=sources, regions=regions, metrics=metrics,
                  segments=segments, conflicts=conflicts, ledger=ledger, tidy_dir=tidy_dir)


def _ledger(raw: pd.DataFrame, path: Path, sources: pd.DataFrame,
            facts: pd.DataFrame) -> pd.DataFrame:
    """ledger.csv typed: offsets as integers, every source and curating fact known."""
    ledger = raw.copy()
    for column in ("mention_no", "start", "end", "sentence_start", "sentence_end"):
        ledger[column] = _numbers(ledger, column, path, required=True, integer=True)
    _check_keys(ledger, "source_id", sources["source_id"], path, "sources.csv")
    known = set(facts["fact_id"])
    for row, fact_ids in ledger["fact_ids"].items():
        unknown = [f for f in fact_ids.split("; ") if f and f not in known]
        if unknown:
            raise DataError(path, f"row {row + 2}: fact_ids {unknown[0]!r} is not in facts.csv.")
    return ledger.sort_values(["source_id", "mention_no"], ignore_index=True)


def _stamp(folder: Path, names: tuple[str, ...]) -> str:
    """Modification times and sizes, so a rebuilt file is read again without a restart."""
    stamp = []
    for name in names:
        try:
            stat = (folder / name).stat()
            stamp.append(f"{name}:{stat.st_mtime_ns}:{stat.st_size}")
        except OSError:
            stamp.append(f"{name}:absent")
    return "|".join(stamp)


TIDY_FILES = tuple(f"{name}.csv" for name in COLUMNS)


# A resource, not data: every page reads the same frames without a copy, so they are read-only.
@st.cache_resource(show_spinner=False, max_entries=16)
def _cached_tables(tidy_dir: str, stamp: str) -> Tables:
    # `stamp` only keys the cache: a rebuilt file is read again without a restart.
    return read_tables(Path(tidy_dir))


def tables() -> Tables:
    """The tidy tables of the configured data directory (cached until a file changes; the
    frames are shared, so never modify them in place)."""
    tidy_dir = data_dir() / "tidy"
    return _cached_tables(str(tidy_dir), _stamp(tidy_dir, TIDY_FILES))


def signature() -> str:
    """Changes whenever a tidy or map file changes: a cache key for things built from both."""
    root = data_dir()
    return f"{root}|{_stamp(root / 'tidy', TIDY_FILES)}|{_stamp(root / 'geo', (GEO_FILE,))}"


@dataclass(frozen=True)
class Lookups:
    """Names, colours and orders every page uses, worked out once per version of the data."""

    region_labels: dict[str, str]
    region_colours: dict[str, str]
    region_order: list[str]
    focus: tuple[str, ...]
    reported_regions: list[str]  # the regions with at least one fact, in picker order
    reported_focus: tuple[str, ...]  # the focus regions among them: the default selection
    metrics: dict[str, dict]
    metric_labels: dict[str, str]
    themes: dict[str, str]  # theme id -> label, in the curated order
    sources: dict[str, dict]
    source_titles: dict[str, str]
    fact_ids: frozenset[str]  # for checking a fact named in a link


@st.cache_resource(show_spinner=False, max_entries=8)
def _cached_lookups(signature_key: str) -> Lookups:
    from dashboard import figures  # figures is pure; imported here to keep data.py a loader

    loaded = tables()
    order = figures.region_order(loaded.regions)
    focus = figures.focus_regions(loaded.regions)
    reported = set(loaded.facts["region_id"])
    return Lookups(
        region_labels=figures.region_labels(loaded.regions),
        region_colours=figures.region_colours(loaded.regions),
        region_order=order,
        focus=focus,
        reported_regions=[region for region in order if region in reported],
        reported_focus=tuple(region for region in focus if region in reported),
        metrics={row["metric_id"]: row for row in loaded.metrics.to_dict("records")},
        metric_labels=dict(zip(loaded.metrics["metric_id"], loaded.metrics["label"],
                               strict=True)),
        themes=dict(zip(loaded.metrics["theme"], loaded.metrics["theme_label"], strict=True)),
        sources={row["source_id"]: row for row in loaded.sources.to_dict("records")},
        source_titles=dict(zip(loaded.sources["source_id"], loaded.sources["title"],
                               strict=True)),
        fact_ids=frozenset(loaded.facts["fact_id"]),
    )


def lookups() -> Lookups:
    """The shared lookups of the current data (cached; treat as read-only)."""
    return _cached_lookups(signature())


def read_geojson(path: Path) -> dict:
    """The provinces FeatureCollection, checked for the properties the map joins on."""
    if not path.is_file():
        raise DataError(path, "is missing.", hint=REBUILD_GEO)
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
        features = collection["features"]
        for feature in features:
            int(feature["properties"]["adcode"])
            feature["properties"]["name_en"]
            feature["geometry"]["coordinates"]
    except (ValueError, KeyError, TypeError) as error:
        raise DataError(path, f"is not the expected GeoJSON ({error!r}).",
                        hint=REBUILD_GEO) from error
    return collection


@st.cache_resource(show_spinner=False)
def _cached_geojson(path: str, stamp: str) -> dict:
    return read_geojson(Path(path))


def province_geojson() -> dict:
    """The province shapes from data/geo/ (cached; treat as read-only)."""
    geo_dir = data_dir() / "geo"
    return _cached_geojson(str(geo_dir / GEO_FILE), _stamp(geo_dir, (GEO_FILE,)))


def data_package_files() -> list[Path]:
    """The files of the data package: datapackage.json and every tidy CSV."""
    tidy_dir = data_dir() / "tidy"
    return [tidy_dir / "datapackage.json", *(tidy_dir / f"{name}.csv" for name in COLUMNS)]
