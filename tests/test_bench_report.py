"""docs/benchmarks.md is rewritten one section at a time; text outside the markers stays."""

from __future__ import annotations

from tools.bench_report import REPORT_HEADER, write_section


def test_write_section_replaces_only_its_own_block(tmp_path):
    report = tmp_path / "benchmarks.md"
    report.write_text("# B\n\n<!-- bench:pages:start -->\nold\n<!-- bench:pages:end -->\n\n"
                      "## Notes written by hand\n", encoding="utf-8")
    write_section(report, "pages", "new figures\n")
    assert report.read_text(encoding="utf-8") == (
        "# B\n\n<!-- bench:pages:start -->\nnew figures\n<!-- bench:pages:end -->\n\n"
        "## Notes written by hand\n")


def test_write_section_appends_a_missing_block_and_creates_the_file(tmp_path):
    report = tmp_path / "docs" / "benchmarks.md"
    write_section(report, "build", "ratio 0.4")
    write_section(report, "pages", "ratio 1.2")
    text = report.read_text(encoding="utf-8")
    assert text.startswith(REPORT_HEADER)
    assert text.index("<!-- bench:build:end -->") < text.index("<!-- bench:pages:start -->")
    assert "<!-- bench:build:start -->\nratio 0.4\n<!-- bench:build:end -->" in text


def test_page_section_gives_each_page_its_ratios_and_flags_a_missed_budget():
    from tools.bench_pages import PAGES, section

    medians = {"bare": {"first": 1.0, "redraw": 0.1}}
    for page in PAGES:
        medians[f"real:{page}"] = {"first": 1.2, "redraw": 0.1}
        medians[f"n100:{page}"] = {"first": 1.2, "redraw": 0.1}
    medians["real:compare"] = {"first": 1.5, "redraw": 0.1}  # over 1.3 against the bare page
    medians["n100:map"] = {"first": 1.2, "redraw": 0.2}  # twice the real re-draw: over 1.5
    ratios = {
        "real": {page: {kind: medians[f"real:{page}"][kind] / medians["bare"][kind]
                        for kind in ("first", "redraw")} for page in PAGES},
        "scale": {page: {kind: medians[f"n100:{page}"][kind] / medians[f"real:{page}"][kind]
                         for kind in ("first", "redraw")} for page in PAGES},
    }
    numbers = {
        "medians": medians, "ratios": ratios,
        "samples": {name: {"first": [m["first"]], "redraw": [m["redraw"]]}
                    for name, m in medians.items()},
        "picks": {page: ['"a"', '"b"'] for page in (*PAGES, "bare")},
        "runs": 1, "load": [0.5, 0.7], "synthetic": {"facts": 3000, "regions": 340},
    }
    text, ok = section(numbers)
    assert not ok
    assert "| Side by side | first mark | 1.200 | 1.000 | **1.20** | 1.3 (met) |" in text
    assert "| Compare | first mark | 1.500 | 1.000 | **1.50** | 1.3 (NOT met) |" in text
    assert "| Map | first mark | 1.200 | 1.000 | **1.20** | – |" in text
    assert "| Map | re-draw | 0.200 | 0.100 | **2.00** | 1.5 (NOT met) |" in text
    assert "| Region | re-draw | 0.100 | 0.100 | **1.00** | 1.5 (met) |" in text
    assert "3000 facts on 340 regions" in text
    assert "0.5 at the start and 0.7 at the end" in text
