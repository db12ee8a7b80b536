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
