"""The page state in the URL: validate every parameter, fall back to defaults, say what was ignored.

Widgets are not bound with `bind="query-params"`: a bound widget with `format_func` writes the
*label* ("Guizhou 贵州") into the URL and silently drops ids, so `?regions=guizhou` would not
restore a view. Here the URL carries ids, the widgets show labels, and bad values get a notice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

# Longest value accepted; every id in the data is far shorter.
MAX_VALUE_LENGTH = 200
# Streamlit's own parameters (embedding options) are left alone.
PASSTHROUGH = frozenset({"embed", "embed_options"})


@dataclass(frozen=True)
class Param:
    """One URL parameter of a page: its valid ids and its default."""

    name: str
    noun: str
    options: tuple[str, ...] | frozenset[str]
    default: Any = None
    multiple: bool = False
    widget: bool = True


# Why a value is ignored, said of one value and of several.
EMPTY, TOO_LONG, UNKNOWN, REPEATED = "empty", "too long", "unknown", "repeated"


def _reason(value: str, options: tuple[str, ...] | frozenset[str]) -> str | None:
    if value.strip() == "":
        return EMPTY
    if len(value) > MAX_VALUE_LENGTH:
        return TOO_LONG
    if value not in options:
        return UNKNOWN
    return None


def _plural(noun: str) -> str:
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def _said(reason: str, noun: str, count: int = 1) -> str:
    """`is not a known region` for one value, `are not known regions` for several."""
    if count == 1:
        return f"is not a known {noun}" if reason == UNKNOWN else f"is {reason}"
    return f"are not known {_plural(noun)}" if reason == UNKNOWN else f"are {reason}"


def parse_query(query: Mapping[str, Sequence[str]], spec: Sequence[Param]
                ) -> tuple[dict[str, Any], list[str]]:
    """Valid values for every parameter of `spec` (default where absent or bad) and the problems.

    Problems name only parameters of `spec`, never echo a value from the URL.
    """
    values: dict[str, Any] = {}
    problems: list[str] = []
    known = {param.name for param in spec}
    unknown = [name for name in query if name not in known and name not in PASSTHROUGH]
    if unknown:
        problems.append(f"{len(unknown)} unknown parameter{'s' if len(unknown) > 1 else ''}")
    for param in spec:
        raw = [str(value) for value in query.get(param.name, ())]
        values[param.name] = param.default
        if not raw:
            continue
        if not param.multiple:
            if len(raw) > 1:
                problems.append(f"`{param.name}` is given more than once")
                continue
            reason = _reason(raw[0], param.options)
            if reason:
                problems.append(f"`{param.name}` {_said(reason, param.noun)}")
            else:
                values[param.name] = raw[0]
            continue
        kept: list[str] = []
        reasons: dict[str, int] = {}
        for value in raw:
            reason = _reason(value, param.options)
            if reason is None and value in kept:
                reason = REPEATED
            if reason:
                reasons[reason] = reasons.get(reason, 0) + 1
            else:
                kept.append(value)
        for reason, count in reasons.items():
            problems.append(
                f"`{param.name}`: {count} value{'s' if count > 1 else ''} "
                f"{_said(reason, param.noun, count)}"
            )
        if kept:
            values[param.name] = tuple(kept)
    return values, problems


def notice_text(problems: Sequence[str]) -> str:
    """The short notice shown above a page whose link had bad parameters."""
    return (
        "Part of the link was not understood and is ignored ("
        + "; ".join(problems)
        + "). Showing the default view for it."
    )


def canonical_query(values: Mapping[str, Any], spec: Sequence[Param]) -> dict[str, list[str]]:
    """The URL parameters that express `values`: defaults and empty selections are left out."""
    query: dict[str, list[str]] = {}
    for param in spec:
        value = values.get(param.name)
        if value is None or value == param.default:
            continue
        if param.multiple:
            listed = [str(item) for item in value]
            if listed and tuple(listed) != tuple(param.default or ()):
                query[param.name] = listed
        else:
            query[param.name] = [str(value)]
    return query


def widget_key(page: str, name: str) -> str:
    """Session-state key of the widget that shows parameter `name` on `page`."""
    return f"{page}_{name}"


def _seen_key(page: str, name: str) -> str:
    return f"_url_seen_{page}_{name}"


def read_url(page: str, spec: Sequence[Param]) -> dict[str, Any]:
    """Validate the URL for `page`, show a notice for what is ignored, seed the widgets.

    A widget is seeded from the URL when the URL changed since this page last wrote it (a
    shared link, the browser's back button) or the widget has no state yet; otherwise the
    widget keeps what the reader just picked.
    """
    query = {name: st.query_params.get_all(name) for name in st.query_params}
    values, problems = parse_query(query, spec)
    if problems:
        st.warning(notice_text(problems), icon="⚠️")
    for param in spec:
        if not param.widget:
            continue
        key = widget_key(page, param.name)
        seen = tuple(query.get(param.name, ()))
        if st.session_state.get(_seen_key(page, param.name)) != seen or key not in st.session_state:
            value = values[param.name]
            st.session_state[key] = list(value or ()) if param.multiple else value
            st.session_state[_seen_key(page, param.name)] = seen
    return values


def write_url(page: str, spec: Sequence[Param], values: Mapping[str, Any]) -> None:
    """Put the page state into the URL (ids only, defaults left out).

    Written on every run, even when st.query_params already holds it: after a st.page_link to
    the page itself the script gets the link's parameters but the browser's address bar keeps
    the old ones until the app writes them.
    """
    wanted = canonical_query(values, spec)
    st.query_params.from_dict(wanted)
    for param in spec:
        st.session_state[_seen_key(page, param.name)] = tuple(wanted.get(param.name, ()))
