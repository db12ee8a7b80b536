"""A light Streamlit client: one visitor's session over the app's own websocket protocol.

A browser tab costs a Chromium process; this costs a websocket and a few protobuf messages, so
ten of them load the server and not the machine. It speaks what the 1.67 frontend speaks:

- connect to `ws://HOST:PORT/_stcore/stream` with the subprotocol `streamlit` (the frontend
  also sends an XSRF token and a session id to resume in that header; a new visitor has
  neither, and without an `Origin` header the server skips the XSRF check);
- send `BackMsg.rerun_script` (a `ClientState`): the first run names the page by its url path
  (`page_name`, "" for the default page) and carries the URL's query string; later runs name
  the page by the `page_script_hash` the server sent in its `navigation` message, carry the
  query string the app last wrote (`page_info_changed`), every widget's current value, and the
  fragment id of the widget that changed (a widget inside `@st.fragment` reruns only that part);
- read `ForwardMsg`s until `script_finished`.

Cached messages: the server replaces a large element by a `ref_hash` reference only when the
client lists that hash in `ClientState.cached_message_hashes`. This client lists none, so every
element arrives whole; a reference arriving anyway is reported as a protocol error.

A selectbox's value travels as `string_value` holding the option's *label* (its formatted
text); a multiselect's as `string_array_value` of labels.
"""

from __future__ import annotations

import asyncio
import html
import json
import time
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

STREAM_PATH = "/_stcore/stream"
SUBPROTOCOL = "streamlit"
FINISHED = ForwardMsg.ScriptFinishedStatus
FINISHED_OK = (FINISHED.FINISHED_SUCCESSFULLY, FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


class ProtocolError(RuntimeError):
    """The server said something this client does not expect (or closed the connection)."""


# Encoding ----------------------------------------------------------------------------------


def rerun_message(*, query_string: str = "", page_name: str = "", page_script_hash: str = "",
                  widgets: dict[str, tuple[str, Any]] | None = None, fragment_id: str = "",
                  url: str = "") -> BackMsg:
    """The `BackMsg` asking the server to run the page.

    `widgets` maps a widget id to `(field, value)`, the `WidgetState` value field that widget
    uses: `("string_value", "AI computing power")` for a selectbox,
    `("string_array_value", ["Beijing 北京"])` for a multiselect.
    """
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query_string
    state.page_name = page_name
    state.page_script_hash = page_script_hash
    state.fragment_id = fragment_id
    state.widget_states.SetInParent()  # present even when empty, as the frontend sends it
    for widget_id, (kind, value) in (widgets or {}).items():
        widget = state.widget_states.widgets.add()
        widget.id = widget_id
        if kind == "string_array_value":
            widget.string_array_value.data.extend(value)
        elif kind == "int_array_value":
            widget.int_array_value.data.extend(value)
        elif kind == "double_array_value":
            widget.double_array_value.data.extend(value)
        else:
            setattr(widget, kind, value)
    if url:
        state.context_info.url = url
    state.context_info.timezone = "UTC"
    state.context_info.locale = "en-US"
    return msg


# Decoding ----------------------------------------------------------------------------------


@dataclass
class Widget:
    """A widget the server drew: what is needed to send its value back."""

    id: str
    kind: str  # the Element field: "selectbox", "multiselect", ...
    label: str
    options: list[str]
    fragment_id: str
    value_field: str
    value: Any


def widget_from_element(element, fragment_id: str, previous: Widget | None = None
                        ) -> Widget | None:
    """A `Widget` for a selectbox or multiselect element (others are not needed here).

    As in the frontend, a widget drawn again keeps the value the reader gave it unless the
    server sets one (`set_value`, from `st.session_state`); a new widget starts from the
    server's value or its default.
    """
    kind = element.WhichOneof("type")
    if kind not in ("selectbox", "multiselect"):
        return None
    box = getattr(element, kind)
    if kind == "selectbox":
        if box.set_value or box.HasField("raw_value"):
            value = box.raw_value if box.HasField("raw_value") else None
        elif previous is not None:
            value = previous.value
        elif box.HasField("default") and 0 <= box.default < len(box.options):
            value = box.options[box.default]
        else:
            value = None
        value_field = "string_value"
    else:
        if box.set_value:
            value = list(box.raw_values)
        elif previous is not None:
            value = previous.value
        else:
            value = [box.options[i] for i in box.default if 0 <= i < len(box.options)]
        value_field = "string_array_value"
    return Widget(box.id, kind, box.label, list(box.options), fragment_id, value_field, value)


def plotly_title(spec: str | dict) -> str:
    """The chart's title text as a reader sees it (plotly's HTML entities decoded)."""
    figure = json.loads(spec) if isinstance(spec, str) else spec
    title = figure.get("layout", {}).get("title", {})
    text = title.get("text", "") if isinstance(title, dict) else str(title)
    return html.unescape(text)


@dataclass
class RunResult:
    """What one script run sent, with arrival times counted from the rerun request."""

    sent_at: float
    chart_at: float | None = None  # first plotly chart delta
    finished_at: float | None = None
    finished_status: int | None = None
    charts: list[str] = field(default_factory=list)  # plotly specs (JSON)
    elements: dict[str, int] = field(default_factory=dict)  # element kind -> count
    errors: list[str] = field(default_factory=list)
    query_string: str | None = None  # the last `page_info_changed`
    messages: int = 0
    bytes: int = 0

    @property
    def chart_seconds(self) -> float | None:
        return None if self.chart_at is None else self.chart_at - self.sent_at

    @property
    def finished_seconds(self) -> float | None:
        return None if self.finished_at is None else self.finished_at - self.sent_at

    @property
    def ok(self) -> bool:
        return not self.errors and self.finished_status in FINISHED_OK

    def chart_titles(self) -> list[str]:
        return [plotly_title(spec) for spec in self.charts]


def read_forward(data: bytes) -> ForwardMsg:
    msg = ForwardMsg()
    msg.ParseFromString(data)
    return msg


def element_errors(element) -> list[str]:
    """The error an element shows: an exception box (a traceback or `st.exception`)."""
    if element.WhichOneof("type") == "exception":
        exc = element.exception
        return [f"exception element: {exc.type}: {exc.message}"[:500]]
    return []


# The session -------------------------------------------------------------------------------


class LightSession:
    """One visitor: a websocket to the app, the page it shows and its widgets' values."""

    def __init__(self, port: int, *, host: str = "127.0.0.1", timeout: float = 120.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.ws = None
        self.page_name = ""
        self.page_script_hash = ""
        self.query_string = ""
        self.widgets: dict[str, Widget] = {}
        self.connect_seconds: float | None = None
        self.session_id = ""

    @property
    def stream_url(self) -> str:
        return f"ws://{self.host}:{self.port}{STREAM_PATH}"

    def page_url(self) -> str:
        query = f"?{self.query_string}" if self.query_string else ""
        return f"http://{self.host}:{self.port}/{self.page_name}{query}"

    async def connect(self) -> None:
        start = time.perf_counter()
        self.ws = await connect(self.stream_url, subprotocols=[SUBPROTOCOL], max_size=None,
                                open_timeout=self.timeout, compression=None, proxy=None)
        self.connect_seconds = time.perf_counter() - start

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    async def __aenter__(self) -> LightSession:
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def open(self, page_name: str = "", query_string: str = "") -> RunResult:
        """The first run of a page, as a browser opening `/<page_name>?<query_string>`."""
        self.page_name, self.query_string = page_name, query_string
        self.widgets.clear()
        msg = rerun_message(query_string=query_string, page_name=page_name, url=self.page_url())
        return await self._run(msg)

    def widget(self, label: str, kind: str | None = None) -> Widget:
        found = [w for w in self.widgets.values()
                 if w.label == label and (kind is None or w.kind == kind)]
        if len(found) != 1:
            raise ProtocolError(f"{len(found)} widgets labelled {label!r} on the page")
        return found[0]

    async def set_widget(self, widget: Widget, value: Any) -> RunResult:
        """Change one widget, as the reader picking `value`: rerun its fragment (or the page)."""
        widget = self.widgets.get(widget.id)
        if widget is None:
            raise ProtocolError("that widget is no longer on the page")
        widget.value = value
        states = {w.id: (w.value_field, w.value) for w in self.widgets.values()
                  if w.value is not None}
        msg = rerun_message(query_string=self.query_string, page_script_hash=self.page_script_hash,
                            widgets=states, fragment_id=widget.fragment_id, url=self.page_url())
        return await self._run(msg)

    async def _run(self, msg: BackMsg) -> RunResult:
        if self.ws is None:
            raise ProtocolError("not connected")
        result = RunResult(sent_at=time.perf_counter())
        try:
            await self.ws.send(msg.SerializeToString())
            async with asyncio.timeout(self.timeout):
                while result.finished_at is None:
                    data = await self.ws.recv()
                    self._take(read_forward(data), len(data), result)
        except ConnectionClosed as exc:
            result.errors.append(f"disconnected: {exc}")
        except TimeoutError:
            result.errors.append(f"no script_finished within {self.timeout:.0f} s")
        return result

    @staticmethod
    def _element_id(element) -> str:
        kind = element.WhichOneof("type")
        return getattr(getattr(element, kind), "id", "") if kind else ""

    def _take(self, msg: ForwardMsg, size: int, result: RunResult) -> None:
        now = time.perf_counter()
        result.messages += 1
        result.bytes += size
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.session_id = msg.new_session.initialize.session_id or self.session_id
        elif kind == "navigation":
            self.page_script_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
            result.query_string = self.query_string
        elif kind == "page_not_found":
            result.errors.append(f"page not found: {msg.page_not_found.page_name!r}")
        elif kind == "session_event":
            event = msg.session_event
            if event.WhichOneof("type") == "script_compilation_exception":
                exc = event.script_compilation_exception
                result.errors.append(f"compilation error: {exc.type}: {exc.message}"[:500])
        elif kind == "ref_hash":
            result.errors.append("cached reference received though no cache was advertised")
        elif kind == "delta":
            delta = msg.delta
            if delta.WhichOneof("type") == "new_element":
                element = delta.new_element
                element_kind = element.WhichOneof("type")
                result.elements[element_kind] = result.elements.get(element_kind, 0) + 1
                result.errors.extend(element_errors(element))
                if element_kind == "plotly_chart":
                    result.charts.append(element.plotly_chart.spec)
                    if result.chart_at is None:
                        result.chart_at = now
                widget = widget_from_element(element, delta.fragment_id,
                                             self.widgets.get(self._element_id(element)))
                if widget is not None:
                    self.widgets[widget.id] = widget
        elif kind == "script_finished":
            result.finished_at = now
            result.finished_status = msg.script_finished
            if msg.script_finished not in FINISHED_OK:
                name = FINISHED.Name(msg.script_finished)
                result.errors.append(f"script finished with {name}")
