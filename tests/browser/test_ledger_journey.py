"""A curator reads an article on the Sources page: every number of its body is marked by its
place in the ledger, each kind of mark looks different, and hovering one says why.

The page runs on a copy of the data in which one dismissed number is made unreviewed, so all
three marks are on screen. Runs after test_journeys.py, so it checks for offsite requests itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from dashboard.data import DATA_ENV
from tests.browser.helpers import (
    ARTIFACTS,
    DIALOGS,
    OFFSITE,
    copy_of_data,
    open_page,
    read_table,
    save_screenshot,
    write_table,
)
from tools.streamlit_server import StreamlitServer

pytestmark = pytest.mark.browser

MARK_STYLE_JS = """() => [...document.querySelectorAll('[data-ledger]')].map(e => ({
    kind: e.dataset.ledger, text: e.textContent, title: e.title,
    background: getComputedStyle(e).backgroundColor, colour: getComputedStyle(e).color,
    border: getComputedStyle(e).borderBottomStyle, weight: getComputedStyle(e).fontWeight}))"""


@pytest.fixture(scope="module")
def unreviewed_app(chromium_executable: str, data_root: Path,
                   tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """A server on a copy of the data where one of an article's dismissed numbers is
    unreviewed."""
    root = copy_of_data(data_root, tmp_path_factory.mktemp("data-with-unreviewed"))
    rows = read_table(root / "tidy" / "ledger.csv")
    dismissed: dict[str, list[dict]] = {}
    for row in rows:
        if row["disposition"] == "dismissed":
            dismissed.setdefault(row["source_id"], []).append(row)
    pairs = [found for found in dismissed.values() if len(found) >= 2]
    assert pairs, "the data needs an article with two dismissed numbers for this journey"
    flipped, kept = pairs[0][:2]
    flipped.update(disposition="unreviewed", reason="", note="")
    write_table(root / "tidy" / "ledger.csv", rows)
    server = StreamlitServer("dashboard/app.py", env={DATA_ENV: str(root)})
    server.start()
    try:
        yield {"url": server.url, "unreviewed": flipped, "dismissed": kept}
    finally:
        server.stop()


def test_sources_marks_curated_dismissed_and_unreviewed_numbers(page: Page,
                                                                unreviewed_app: dict):
    flipped, kept = unreviewed_app["unreviewed"], unreviewed_app["dismissed"]
    open_page(page, f"{unreviewed_app['url']}/sources?source={flipped['source_id']}")
    main = page.locator("[data-testid=stMain]")
    expect(main.get_by_text("nobody has reviewed yet")).to_be_visible()
    metrics = main.locator("[data-testid=stMetric]")
    expect(metrics).to_have_count(4)
    assert "Unreviewed" in metrics.nth(3).inner_text() and "1" in metrics.nth(3).inner_text()
    # The picker flags the article; the overview lists every article's counts.
    picked = page.get_by_role("combobox", name="Article", exact=True).input_value()
    assert picked.startswith(f"{flipped['source_id']} · ⚠ 1 unreviewed · "), picked
    main.get_by_text("The ledger of every article").click()
    expect(main.locator("[data-testid=stDataFrame]").first).to_be_visible()
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "test_sources_ledger_top.png"))

    marks = page.evaluate(MARK_STYLE_JS)
    by_kind: dict[str, list[dict]] = {}
    for mark in marks:
        by_kind.setdefault(mark["kind"], []).append(mark)
    assert set(by_kind) == {"curated", "dismissed", "unreviewed"}, by_kind.keys()
    (unreviewed,) = by_kind["unreviewed"]
    assert unreviewed["text"] == flipped["as_written"]
    assert unreviewed["title"].startswith("unreviewed")
    looks = {kind: (m[0]["background"], m[0]["colour"], m[0]["border"], m[0]["weight"])
             for kind, m in by_kind.items()}
    assert len(set(looks.values())) == 3, f"two kinds of number look the same: {looks}"
    assert looks["unreviewed"][0] == "rgb(220, 38, 38)", "the unreviewed number is not red"

    # Hovering a dismissed number gives its reason.
    dismissed = next(m for m in by_kind["dismissed"] if m["text"] == kept["as_written"])
    assert dismissed["title"].startswith(f"dismissed: {kept['reason'].replace('_', ' ')}")
    if kept["note"]:
        assert kept["note"] in dismissed["title"]
    target = page.locator("[data-ledger=dismissed]").filter(has_text=kept["as_written"]).first
    target.scroll_into_view_if_needed()
    target.hover()
    save_screenshot(page, "test_sources_marks_curated_dismissed_and_unreviewed_numbers")
    # The whole page is tall: a viewport's worth around the unreviewed number, as a reader sees.
    page.locator("[data-ledger=unreviewed]").scroll_into_view_if_needed()
    page.mouse.wheel(0, -250)
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "test_sources_ledger_marks_close_up.png"))

    # The dismissed numbers are listed with their reasons too, for those who cannot hover.
    main.get_by_text("Numbers dismissed, with the reason").click()
    expect(main.get_by_text(kept["note"] or kept["reason"].replace("_", " ")).first
           ).to_be_visible()
    assert OFFSITE == [], "requests to other hosts:\n" + "\n".join(sorted(set(OFFSITE)))
    assert DIALOGS == [], f"dialogs opened: {DIALOGS}"
