"""Regex building blocks shared by the text scanners."""

from __future__ import annotations

import re


def literal_alternation(words) -> str:
    """A regex matching any of `words`, longest alternative first, sharing common prefixes.

    Python's regex engine tries the branches of a plain alternation one after another at every
    position; a trie of the words starts with a single set of first characters, which the engine
    can skip ahead to, so a scan over hundreds of words runs at the speed of one.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
