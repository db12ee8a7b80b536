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
    from tools.bench_pages import section

    pages = ("side_by_side", "compare", "bare")
    medians = {"side_by_side": {"first": 1.2, "redraw": 0.1},
               "compare": {"first": 1.5, "redraw": 0.1}, "bare": {"first": 1.0, "redraw": 0.1}}
    numbers = {
        "medians": medians,
        "ratios": {page: {kind: medians[page][kind] / medians["bare"][kind]
                          for kind in ("first", "redraw")} for page in pages[:2]},
        "samples": {page: {"first": [medians[page]["first"]], "redraw": [0.1]}
                    for page in pages},
        "metrics": ("AI computing power", "R&D personnel"),
        "thresholds": ("1 of the picked regions", "2 of the picked regions"),
        "runs": 1, "load": [0.5, 0.7],
    }
    text, ok = section(numbers)
    assert not ok
    assert "| Side by side | first mark | 1.200 | 1.000 | **1.20** | 1.3 (met) |" in text
    assert "| Compare | first mark | 1.500 | 1.000 | **1.50** | 1.3 (NOT met) |" in text
    assert "0.5 at the start and 0.7 at the end" in text
