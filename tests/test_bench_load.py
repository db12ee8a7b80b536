"""The load benchmark's parts: percentiles, /proc readers, the light client's protocol helpers,
and one real session against the app (open Compare, change the metric once)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tools import bench_load
from tools.bench_load import check_action, compare_metrics, percentile
from tools.light_client import (
    FINISHED,
    LightSession,
    RunResult,
    plotly_title,
    rerun_message,
    widget_from_element,
)
from tools.streamlit_server import REPO, StreamlitServer

# percentile --------------------------------------------------------------------------------


def test_percentile_interpolates_between_ranks():
    values = [5.0, 1.0, 3.0, 2.0, 4.0]  # unsorted on purpose
    assert percentile(values, 0) == 1.0
    assert percentile(values, 50) == 3.0
    assert percentile(values, 100) == 5.0
    assert percentile(values, 95) == pytest.approx(4.8)
    assert percentile([1.0, 2.0], 50) == pytest.approx(1.5)
    assert percentile([7.0], 95) == 7.0


def test_percentile_refuses_nonsense():
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_proc_readers_read_this_process():
    assert bench_load.read_rss_bytes(os.getpid()) > 1_000_000
    assert bench_load.read_cpu_seconds(os.getpid()) > 0


# encoding ----------------------------------------------------------------------------------


def test_rerun_message_carries_page_query_and_widget_states():
    msg = rerun_message(query_string="metric=ai_companies&regions=beijing", page_name="compare",
                        page_script_hash="abc", fragment_id="frag",
                        widgets={"sel": ("string_value", "Registered AI companies"),
                                 "multi": ("string_array_value", ["Beijing 北京", "Guizhou 贵州"])},
                        url="http://127.0.0.1:1/compare")
    parsed = BackMsg()
    parsed.ParseFromString(msg.SerializeToString())
    assert parsed.WhichOneof("type") == "rerun_script"
    state = parsed.rerun_script
    assert state.query_string == "metric=ai_companies&regions=beijing"
    assert (state.page_name, state.page_script_hash, state.fragment_id) == ("compare", "abc",
                                                                           "frag")
    assert state.context_info.url == "http://127.0.0.1:1/compare"
    widgets = {w.id: w for w in state.widget_states.widgets}
    assert widgets["sel"].WhichOneof("value") == "string_value"
    assert widgets["sel"].string_value == "Registered AI companies"
    assert list(widgets["multi"].string_array_value.data) == ["Beijing 北京", "Guizhou 贵州"]


def test_first_rerun_has_empty_widget_states():
    state = rerun_message(page_name="map").rerun_script
    assert state.HasField("widget_states") and len(state.widget_states.widgets) == 0
    assert state.page_name == "map" and state.page_script_hash == "" and state.fragment_id == ""


# decoding ----------------------------------------------------------------------------------


def _selectbox(value: str | None = None) -> Element:
    element = Element()
    box = element.selectbox
    box.id, box.label = "$$ID-1-compare_metric", "Metric"
    box.options.extend(["AI computing power", "Registered AI companies"])
    box.default = 0
    if value is not None:
        box.raw_value, box.set_value = value, True
    return element


def test_selectbox_value_from_server_default_or_reader():
    fresh = widget_from_element(_selectbox(), "frag")
    assert (fresh.kind, fresh.value, fresh.value_field, fresh.fragment_id) == (
        "selectbox", "AI computing power", "string_value", "frag")
    set_by_server = widget_from_element(_selectbox("Registered AI companies"), "frag")
    assert set_by_server.value == "Registered AI companies"
    # Drawn again without set_value: the reader's pick stays, as in the browser.
    fresh.value = "Registered AI companies"
    assert widget_from_element(_selectbox(), "frag", previous=fresh).value == \
        "Registered AI companies"


def test_multiselect_value_from_defaults():
    element = Element()
    box = element.multiselect
    box.id, box.label = "m", "Regions"
    box.options.extend(["a", "b", "c"])
    box.default.extend([0, 2])
    widget = widget_from_element(element, "")
    assert (widget.value_field, widget.value) == ("string_array_value", ["a", "c"])
    assert widget_from_element(Element(), "") is None


def _delta(element: Element, fragment_id: str = "") -> ForwardMsg:
    msg = ForwardMsg()
    msg.delta.new_element.CopyFrom(element)
    msg.delta.fragment_id = fragment_id
    return msg


def _feed(session: LightSession, messages: list[ForwardMsg]) -> RunResult:
    result = RunResult(sent_at=0.0)
    for msg in messages:
        data = msg.SerializeToString()
        session._take(ForwardMsg.FromString(data), len(data), result)
    return result


def _chart(title: str) -> Element:
    element = Element()
    element.plotly_chart.id = "chart"
    element.plotly_chart.spec = json.dumps({"data": [], "layout": {"title": {"text": title}}})
    return element


def test_session_reads_chart_widgets_url_and_finish():
    session = LightSession(1)
    navigation = ForwardMsg()
    navigation.navigation.page_script_hash = "page-hash"
    page_info = ForwardMsg()
    page_info.page_info_changed.query_string = "metric=ai_companies"
    finished = ForwardMsg()
    finished.script_finished = FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
    result = _feed(session, [navigation, _delta(_selectbox(), "frag"),
                             _delta(_chart("R&amp;D personnel")), page_info, finished])
    assert result.ok and result.errors == []
    assert result.chart_titles() == ["R&D personnel"]
    assert result.chart_at is not None and result.finished_at is not None
    assert session.page_script_hash == "page-hash"
    assert session.query_string == result.query_string == "metric=ai_companies"
    assert session.widget("Metric").fragment_id == "frag"


def test_session_reports_exception_element_and_bad_finish():
    element = Element()
    element.exception.type = "KeyError"
    element.exception.message = "'computing_power'"
    finished = ForwardMsg()
    finished.script_finished = FINISHED.FINISHED_WITH_COMPILE_ERROR
    result = _feed(LightSession(1), [_delta(element), finished])
    assert not result.ok
    assert any("KeyError" in error for error in result.errors)
    assert any("FINISHED_WITH_COMPILE_ERROR" in error for error in result.errors)


def test_session_reports_cached_reference_and_missing_page():
    reference = ForwardMsg()
    reference.ref_hash = "0123"
    missing = ForwardMsg()
    missing.page_not_found.page_name = "nope"
    result = _feed(LightSession(1), [reference, missing])
    assert len(result.errors) == 2 and not result.ok  # and never finished


def test_plotly_title_reads_plain_and_dict_titles():
    assert plotly_title('{"layout": {"title": {"text": "A &lt; B"}}}') == "A < B"
    assert plotly_title({"layout": {"title": "Plain"}}) == "Plain"
    assert plotly_title({"layout": {}}) == ""


def test_check_action_flags_lost_updates():
    good = RunResult(sent_at=0.0, finished_at=1.0, finished_status=0,
                     charts=[_chart("Registered AI companies").plotly_chart.spec],
                     query_string="metric=ai_companies")
    assert check_action(good, "ai_companies", "Registered AI companies", "computing_power") == []
    stale_chart = RunResult(sent_at=0.0, finished_at=1.0, finished_status=0,
                            charts=[_chart("AI computing power").plotly_chart.spec],
                            query_string="metric=ai_companies")
    assert any("lost update" in p for p in check_action(
        stale_chart, "ai_companies", "Registered AI companies", "computing_power"))
    stale_url = RunResult(sent_at=0.0, finished_at=1.0, finished_status=0,
                          charts=good.charts, query_string="metric=computing_power")
    assert any("URL" in p for p in check_action(
        stale_url, "ai_companies", "Registered AI companies", "computing_power"))
    no_chart = RunResult(sent_at=0.0, finished_at=None)
    assert len(check_action(no_chart, "computing_power", "AI computing power",
                            "computing_power")) == 2


def test_compare_metrics_on_the_real_data():
    metrics = compare_metrics(REPO / "data")
    assert metrics[0] == ("computing_power", "AI computing power")
    assert len({metric_id for metric_id, _ in metrics}) == 3


def test_bare_data_is_read_from_the_bare_page_source():
    data = bench_load.bare_data()
    assert list(data) == ["first", "second"]
    assert data["first"]["Beijing"] == 12.0 and data["second"]["Guangdong"] == 4.8


def test_check_bare_flags_the_other_data_set_and_missing_runs():
    data = {"first": {"a": 1.0, "b": 2.0}, "second": {"a": 3.0, "b": 4.0}}

    def drawn(values):
        return json.dumps({"data": [{"type": "bar", "x": ["a", "b"], "y": values}]})

    good = RunResult(sent_at=0.0, finished_at=1.0, finished_status=0, charts=[drawn([3.0, 4.0])])
    assert bench_load.check_bare(good, "second", data) == []
    stale = RunResult(sent_at=0.0, finished_at=1.0, finished_status=0, charts=[drawn([1.0, 2.0])])
    assert any("lost update" in p for p in bench_load.check_bare(stale, "second", data))
    twice = RunResult(sent_at=0.0, finished_at=1.0, finished_status=0,
                      charts=[drawn([3.0, 4.0])] * 2)
    assert any("lost update" in p for p in bench_load.check_bare(twice, "second", data))
    unfinished = RunResult(sent_at=0.0, finished_at=None, charts=[drawn([3.0, 4.0])])
    assert bench_load.check_bare(unfinished, "second", data) == ["no script_finished"]


# one real session --------------------------------------------------------------------------


@pytest.mark.live_server
def test_one_light_session_opens_compare_and_changes_the_metric():
    (first_id, first_label), (second_id, second_label), _ = compare_metrics(REPO / "data")

    async def session(port: int) -> tuple:
        async with LightSession(port, timeout=90) as client:
            opened = await client.open("compare", f"metric={first_id}")
            box = client.widget("Metric", "selectbox")
            changed = await client.set_widget(box, second_label)
            return opened, changed, box

    with StreamlitServer("dashboard/app.py") as server:
        # In a thread of its own: after the browser tests, Playwright's synchronous API leaves
        # an event loop running in this one, where asyncio.run() refuses to start another.
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            opened, changed, box = pool.submit(asyncio.run, session(server.port)).result()
    assert opened.ok, opened.errors
    assert opened.chart_titles() == [first_label]
    assert second_label in box.options and box.fragment_id  # the picker lives in a fragment
    assert changed.ok, changed.errors
    assert changed.finished_status == FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
    assert changed.chart_titles() == [second_label]
    assert f"metric={second_id}" in (changed.query_string or "").split("&")
    assert check_action(changed, second_id, second_label, first_id) == []


@pytest.mark.live_server
def test_one_light_visitor_on_the_bare_page_checks_every_action():
    with StreamlitServer(bench_load.BARE_APP.relative_to(REPO)) as server:
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            visit = pool.submit(asyncio.run, bench_load.visit(
                server.port, bench_load.bare_scenario(), timeout=90)).result()
    assert visit.problems == []
    assert [action.kind for action in visit.actions] == ["open", "change", "change"]
    assert all(action.chart is not None and action.finished >= action.chart
               for action in visit.actions)


# the report --------------------------------------------------------------------------------


def _visit(open_s: float, change_s: float) -> bench_load.Visit:
    actions = [bench_load.Action("open", open_s, open_s + 0.01, []),
               bench_load.Action("change", change_s, change_s, []),
               bench_load.Action("change", change_s, change_s, [])]
    return bench_load.Visit(actions=actions, total=open_s + 2 * change_s)


def _numbers(ten_open: float, rss_end: int, problems: list[str] | None = None) -> dict:
    mib = 2**20
    return {
        "label": "test data", "metrics": [("a", "A"), ("b", "B"), ("c", "C")],
        "problems": problems or [],
        "alone": [_visit(0.1, 0.05) for _ in range(5)],
        "together": [_visit(ten_open, 0.1) for _ in range(10)],
        "cpu_alone": 0.2, "cpu_together": 0.2, "cpu_per_load": 0.2,
        "loads": 200, "loads_seconds": 50.0, "seconds": 60.0,
        "page_times": {page: [1.0, 2.0] for page in bench_load.PAGES},
        "rss_start": 70 * mib, "rss_after_ten": 200 * mib,
        "rss_trace": {10: 210 * mib, 200: rss_end}, "rss_after_loads": rss_end,
        "rss_after_expiry": rss_end,
    }


def test_section_verdicts_follow_the_figures():
    good, ok = bench_load.scale_section(1, _numbers(0.2, 220 * 2**20))
    assert ok
    assert "p95 ten / alone, every action, chart: 2.00**" in good
    assert "met)" in good and "NOT met" not in good
    bad, ok = bench_load.scale_section(1, _numbers(0.5, 300 * 2**20))
    assert not ok
    assert "p95 ten / alone, every action, chart: 5.00**" in bad
    assert bad.count("NOT met") == 2
    broken, ok = bench_load.scale_section(1, _numbers(0.2, 220 * 2**20, ["/map: disconnected"]))
    assert not ok and "1 problem(s)" in broken and "/map: disconnected" in broken


def test_section_puts_the_bare_page_floor_next_to_each_size():
    bare = {"problems": [], "cpu_alone": 0.1, "cpu_together": 0.1,
            "alone": [_visit(0.1, 0.05) for _ in range(5)],
            "together": [_visit(0.4, 0.1) for _ in range(10)]}
    numbers = {"scales": {1: _numbers(0.5, 220 * 2**20)}, "bare": bare,
               "load": [(1.0, 1.0, 1.0), (2.0, 2.0, 2.0)], "seconds": 1.0}
    # p95 of the actions: ten at once 0.5 (Compare) and 0.4 (bare) against 0.1 alone.
    assert bench_load.bare_ratio(numbers) == pytest.approx(4.0)
    text, ok = bench_load.section(numbers)
    assert not ok  # the dashboard's own 5.00 misses the target, whatever the floor
    assert "the bare page's in the same run: 4.00, so the dashboard's own share is 1.25x" in text
    assert "### The floor: a bare page under the same visitors" in text
    assert "| change the data set | chart arrives |" in text
    numbers["bare"]["problems"] = ["lost update"]
    assert "**1 problem(s)**" in bench_load.section(numbers)[0]


def test_section_says_when_a_size_was_not_measured():
    text, ok = bench_load.section({"scales": {100: {"skipped": "not measured: x missing"}},
                                   "load": [(1.0, 1.0, 1.0), (2.0, 2.0, 2.0)], "seconds": 1.0})
    assert ok and "Not measured: x missing." in text and text.startswith(bench_load.TITLE)
