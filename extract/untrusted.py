"""Read what a curator controls as untrusted input: bounded files, strict YAML, plain text.

PyYAML's safe loader still accepts what a careless or hostile edit can turn against the build:
aliases (a few hundred bytes of nested anchors expand to gigabytes once anything walks the data),
duplicate keys (the last one silently wins), YAML 1.1 surprises (an unquoted `no:` key is a
boolean, an unquoted `2019-13-45` a date that cannot exist, `33:44`, `02024` and `0x7E8` whole
numbers in base 60, 8 and 16), explicit tags whose text is no value of their type (`!!int "x"`,
which PyYAML's constructors answer with a ValueError) and control characters written as escapes
(`"a\\rb"`, which the CSV readers downstream take for a line end). `load_yaml` counts the values of
the document before composing it (a file of a million one-character entries would take gigabytes
as nodes), composes it into nodes, checks every node, and only then builds Python values, so each
refusal carries the line and column of the node at fault and nothing is ever expanded.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
import unicodedata
from collections.abc import Collection
from pathlib import Path

import yaml

# The whole curation is about 30 KB; a file 250 times that is still read in well under a second.
MAX_YAML_BYTES = 8 * 1024 * 1024
# A list of entries holding mappings holding lists is three levels; ten leaves room, no more.
MAX_DEPTH = 10
# Digits in a number written in YAML; a plain yuan figure in the trillions has 13.
MAX_NUMBER_DIGITS = 20
# Values (texts, numbers, lists, mappings) in one file: the real curation holds under 1,000 per
# file, the benchmark's hundredfold one about 85,000 in facts.yaml. A file at the limit is read,
# checked and built in about two seconds and 150 MB; a million values would take ten and a GB.
MAX_VALUES = 250_000
# Items in one list or mapping: facts.yaml holds 30 entries, the hundredfold curation 3,000.
MAX_ITEMS = 20_000
# Problems reported per file: the first ones say what is wrong; a thousand more would not.
MAX_PROBLEMS = 20
# Characters of untrusted text an error message quotes, and the longest line a problem prints.
QUOTE_LIMIT = 60
MAX_LINE_CHARS = 400

# Characters no text field may hold: C0 and C1 controls (the line break excepted, see
# `control_character`), DEL, the Unicode line and paragraph separators (str.splitlines and some
# readers end a line there) and the bidirectional overrides and isolates, which make text display
# in another order than it reads.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
LINE_BREAK = "\n"
CHARACTER_NAMES = {
    "\t": "tab", "\n": "line break", "\r": "carriage return", "\x00": "NUL", "\x1b": "escape",
    "\x7f": "delete", "\x85": "next line", "\u2028": "line separator",
    "\u2029": "paragraph separator",
}

# Tags a curation file may hold: text, numbers, true/false, null, lists and mappings. Anything
# else (!!binary, !!set, !!timestamp, a merge key `<<`, a custom tag) is refused.
_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null"))
SEQ, MAP, MERGE = f"{_TAG}seq", f"{_TAG}map", f"{_TAG}merge"
ALLOWED_TAGS = {STR, INT, FLOAT, BOOL, NULL, SEQ, MAP}

try:  # the C parser is several times faster; fall back where libyaml is missing
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _BaseLoader = yaml.SafeLoader


# The plain scalars read as numbers: decimal digits only. YAML 1.1 also reads octal (`02024`),
# hex (`0x7E8`), binary, base 60 (`33:44`) and digits grouped with `_`; these stay text, so a
# period or value written so is refused by the schema instead of silently becoming another number.
DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
DECIMAL_FLOAT = re.compile(r"""[-+]?[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?
    |\.[0-9]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)""", re.X)
NULL_WORDS = ("", "~", "null", "Null", "NULL")
# Implicit types a plain scalar does not get: timestamps (a date stays the text it was written as,
# checked later as a real calendar date, instead of failing in datetime.date), YAML 1.1's
# numbers (replaced below), and `=` and `<<`, which are text as values (a `<<` key is still
# refused as a merge key).
_NOT_IMPLICIT = {f"{_TAG}{name}" for name in ("timestamp", "int", "float", "value", "merge")}


def _decimal_resolvers() -> dict:
    resolvers = {
        first: [(tag, pattern) for tag, pattern in pairs if tag not in _NOT_IMPLICIT]
        for first, pairs in _BaseLoader.yaml_implicit_resolvers.items()
    }
    for tag, pattern, firsts in ((INT, DECIMAL_INT, "-+0123456789"),
                                 (FLOAT, DECIMAL_FLOAT, "-+0123456789.")):
        anchored = re.compile(rf"^(?:{pattern.pattern})$", pattern.flags)
        for first in firsts:
            resolvers.setdefault(first, []).append((tag, anchored))
    return {first: pairs for first, pairs in resolvers.items() if pairs}


class _Loader(_BaseLoader):
    """The safe loader with numbers in decimal digits only and no implicit timestamps, merge
    keys or `=` values (see `_decimal_resolvers`)."""

    yaml_implicit_resolvers = _decimal_resolvers()


class InputError(ValueError):
    """A file cannot be used; `problems` holds one (entry, message) pair per problem, where
    entry is None or (position in the top-level list, id or None)."""

    def __init__(self, problems: list[tuple[tuple[int, str | None] | None, str]]):
        super().__init__("; ".join(message for _, message in problems))
        self.problems = problems

    @classmethod
    def single(cls, message: str) -> InputError:
        return cls([(None, message)])


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """repr() of untrusted text, cut after `limit` characters so a message stays one short line."""
    text = repr(value)
    if len(text) <= limit:
        return text
    length = f" ({len(value)} characters)" if isinstance(value, str) else ""
    return f"{text[:limit]}…{length}"


def one_line(message: str, limit: int = MAX_LINE_CHARS) -> str:
    """A message as one printable line: control characters escaped, length capped."""
    line = CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def describe_character(char: str) -> str:
    """`U+000D (carriage return)`: a character named so a person can find it."""
    name = CHARACTER_NAMES.get(char) or unicodedata.name(char, "control character").lower()
    return f"U+{ord(char):04X} ({name})"


# The ASCII characters a text may hold when line breaks are allowed: a text of these alone
# needs no regex scan (`control_character`).
ASCII_ALLOWED = bytes([ord(LINE_BREAK), *range(0x20, 0x7F)])


def control_character(text: str, allow_line_break: bool = False) -> tuple[int, str] | None:
    """The (index, character) of the first character `text` may not hold, or None."""
    if allow_line_break and text.isascii():
        # Deleting the allowed bytes is a fast C loop; only a text with something left over
        # is scanned for where the first control character stands.
        if not text.encode("ascii").translate(None, ASCII_ALLOWED):
            return None
    for match in CONTROL.finditer(text):
        if not (allow_line_break and match.group() == LINE_BREAK):
            return match.start(), match.group()
    return None


def read_limited(path: Path, limit: int, link: str | None = None) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them; else InputError.

    `link`: a symbolic link is refused, with this message (the link is not followed, even if
    the file is swapped for one between the look and the read); None follows links.
    """
    try:
        info = path.stat() if link is None else path.lstat()
    except FileNotFoundError:
        broken = path.is_symlink()
        raise InputError.single("is a symbolic link to a missing file" if broken
                                else "is missing") from None
    except OSError as error:
        raise InputError.single(f"cannot be read ({error.strerror})") from None
    if stat.S_ISLNK(info.st_mode):
        raise InputError.single(str(link))
    if stat.S_ISDIR(info.st_mode):
        raise InputError.single("is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):  # a FIFO would block, /dev/zero never end
        raise InputError.single("is not a regular file")
    if info.st_size > limit:
        raise InputError.single(f"is {info.st_size} bytes; the limit is {limit} bytes")
    try:
        if link is None:
            with open(path, "rb") as handle:
                data = handle.read(limit + 1)
        else:
            with os.fdopen(os.open(path, os.O_RDONLY | os.O_NOFOLLOW), "rb") as handle:
                data = handle.read(limit + 1)
    except OSError as error:
        if error.errno == errno.ELOOP and link is not None:  # made a link since the look
            raise InputError.single(link) from None
        raise InputError.single(f"cannot be read ({error.strerror})") from None
    if len(data) > limit:  # grew since stat
        raise InputError.single(f"is larger than the limit of {limit} bytes")
    return data


def load_yaml_file(path: Path, multiline_keys: Collection[str] = ()):
    """Read and parse one curation file (see `load_yaml`); InputError says what is wrong."""
    try:
        data = read_limited(path, MAX_YAML_BYTES)
    except InputError as error:
        raise InputError.single(f"file {error}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError.single(f"not valid UTF-8 (byte {error.start})") from None
    return load_yaml(text, multiline_keys)


def load_yaml(text: str, multiline_keys: Collection[str] = ()):
    """The Python value of a one-document YAML text, or InputError listing what is wrong.

    Refused: more than MAX_VALUES values, a list or mapping of more than MAX_ITEMS items,
    aliases, duplicate keys, keys that are not text, tags other than plain text, numbers,
    booleans, null, lists and mappings, a tag whose text is no value of its type, nesting deeper
    than MAX_DEPTH, numbers longer than MAX_NUMBER_DIGITS digits or not finite, and text holding
    a control character. A line break is allowed only in the values of `multiline_keys`.
    """
    _count_values(text)
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as error:
            raise InputError.single(f"malformed YAML: {_yaml_error(error, text)}") from None
        if node is None:
            return None
        problems = _NodeChecker(loader, frozenset(multiline_keys)).check(node)
        if problems:
            raise InputError(problems)
        try:
            return loader.construct_document(node)
        except yaml.YAMLError as error:
            raise InputError.single(f"malformed YAML: {_yaml_error(error, text)}") from None
    finally:
        loader.dispose()


def _count_values(text: str) -> None:
    """InputError if the document holds more than MAX_VALUES values. The parser's events cost
    little and are not kept; only a document within the limit is composed into nodes. A syntax
    error is left for the composer to report."""
    values = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.NodeEvent):
                values += 1
                if values > MAX_VALUES:
                    raise InputError.single(
                        f"line {event.start_mark.line + 1}: more than {MAX_VALUES} values "
                        "(texts, numbers, lists and mappings), the most one file may hold")
    except yaml.YAMLError:
        return


def _yaml_error(error: yaml.YAMLError, text: str) -> str:
    if isinstance(error, yaml.reader.ReaderError) and isinstance(error.character, int):
        # A raw control character in the file; libyaml names only its offset in UTF-8 bytes
        # (the pure-Python reader counts characters).
        at = error.position
        if _BaseLoader is not yaml.SafeLoader:
            at = len(text.encode("utf-8")[:at].decode("utf-8", errors="ignore"))
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        return (f"line {line}, column {column}: {describe_character(chr(error.character))}; "
                "text may not hold control characters")
    if not isinstance(error, yaml.MarkedYAMLError):
        return " ".join(str(error).split())[:200]
    mark = error.problem_mark or error.context_mark
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
    context = ""
    if error.context and error.context_mark and error.problem_mark:
        start = error.context_mark
        context = f" ({error.context} started at line {start.line + 1}, column {start.column + 1})"
    return f"{where}{error.problem or error.context}{context}"


_TAGS_OF = {yaml.ScalarNode: {STR, INT, FLOAT, BOOL, NULL}, yaml.SequenceNode: {SEQ},
            yaml.MappingNode: {MAP}}
_KIND_NAMES = {yaml.ScalarNode: "a scalar", yaml.SequenceNode: "a list",
               yaml.MappingNode: "a mapping"}


def _wrong_scalar(tag: str, value: str) -> str | None:
    """What a scalar tagged `tag` should be, when its text is no value of that type; else None."""
    if tag == INT and not DECIMAL_INT.fullmatch(value):
        return "a whole number in decimal digits"
    if tag == FLOAT and not (DECIMAL_FLOAT.fullmatch(value) or DECIMAL_INT.fullmatch(value)):
        return "a number in decimal digits"
    if tag == BOOL and value.lower() not in _BaseLoader.bool_values:
        return "true or false"
    if tag == NULL and value not in NULL_WORDS:
        return "null (written null, ~ or nothing)"
    return None


def _at(node: yaml.Node) -> str:
    return f"line {node.start_mark.line + 1}, column {node.start_mark.column + 1}"


class _NodeChecker:
    """Walks the composed node graph once (iteratively, each node once) and collects problems."""

    def __init__(self, loader, multiline_keys: frozenset[str]):
        self.loader = loader
        self.multiline_keys = multiline_keys
        self.problems: list[tuple[tuple[int, str | None] | None, str]] = []

    def check(self, root: yaml.Node):
        seen: set[int] = set()
        aliases = 0
        # (node, depth, key whose value it is or lies in, the key or list it hangs from, entry)
        stack = [(root, 1, None, root, None)]
        while stack and len(self.problems) < MAX_PROBLEMS:
            node, depth, key, parent, entry = stack.pop()
            if id(node) in seen:
                # The C composer hands an alias back as the very node its anchor names. The
                # first alias is reported; a bomb holds hundreds, and one line says enough.
                aliases += 1
                if aliases == 1:
                    first_alias = len(self.problems)
                    self._add(entry, f"{_at(parent)}: an alias (*name) repeats the value "
                              f"anchored at {_at(node)}; aliases are not allowed, write the "
                              "value out")
                continue
            seen.add(id(node))
            if depth > MAX_DEPTH:
                self._add(entry, f"{_at(node)}: nested deeper than {MAX_DEPTH} levels")
                continue
            if node.tag not in ALLOWED_TAGS:
                self._add(entry, f"{_at(node)}: {self._tag_name(node.tag)} is not allowed; "
                          "only text, numbers, true/false, null, lists and mappings")
                continue
            if node.tag not in _TAGS_OF[type(node)]:
                self._add(entry, f"{_at(node)}: {key or 'value'}: {_KIND_NAMES[type(node)]} "
                          f"cannot have {self._tag_name(node.tag)}")
                continue
            if not isinstance(node, yaml.ScalarNode) and len(node.value) > MAX_ITEMS:
                self._add(entry, f"{_at(node)}: {_KIND_NAMES[type(node)]} of "
                          f"{len(node.value)} items; at most {MAX_ITEMS} are allowed")
                continue
            if isinstance(node, yaml.ScalarNode):
                self._check_scalar(node, key, entry)
            elif isinstance(node, yaml.SequenceNode):
                for position, item in reversed(list(enumerate(node.value))):
                    item_entry = (position, self._entry_id(item)) if depth == 1 else entry
                    stack.append((item, depth + 1, key, node, item_entry))
            else:
                stack.extend(reversed(self._mapping_children(node, depth, entry)))
        if aliases > 1:
            where, message = self.problems[first_alias]
            self.problems[first_alias] = (where, f"{message} ({aliases} aliases in the file)")
        return self.problems

    def _mapping_children(self, node: yaml.MappingNode, depth: int, entry):
        first_at: dict[str, yaml.Node] = {}
        children = []
        for key_node, value_node in node.value:
            if key_node.tag == MERGE or (isinstance(key_node, yaml.ScalarNode)
                                         and key_node.value == "<<" and not key_node.style):
                self._add(entry, f"{_at(key_node)}: merge keys (<<) are not allowed")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != STR:
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "a " + (
                    "list" if isinstance(key_node, yaml.SequenceNode) else "mapping")
                self._add(entry, f"{_at(key_node)}: key {quoted(shown)} is not text "
                          f"({self._tag_name(key_node.tag)}); write keys as plain names")
                continue
            name = key_node.value
            self._check_text(key_node, name, False, entry, "key")
            if name in first_at:
                self._add(entry, f"{_at(key_node)}: duplicate key {quoted(name)} (first at "
                          f"line {first_at[name].start_mark.line + 1}); a key is given once")
                continue
            first_at[name] = key_node
            children.append((value_node, depth + 1, name, key_node, entry))
        return children

    def _check_scalar(self, node: yaml.ScalarNode, key: str | None, entry) -> None:
        value = node.value
        if node.tag == STR:
            what = key or "text"
            self._check_text(node, value, key in self.multiline_keys, entry, what)
        elif (wrong := _wrong_scalar(node.tag, value)) is not None:
            # Only an explicit tag gets here (`!!int "x"`); a plain scalar got its type from
            # its text. PyYAML would fail on it with a ValueError, IndexError or KeyError.
            self._add(entry, f"{_at(node)}: {key or 'value'}: {self._tag_name(node.tag)}, but "
                      f"{quoted(value)} is not {wrong}")
        elif node.tag in (INT, FLOAT):
            digits = sum(char.isalnum() for char in value)  # exponents too
            if digits > MAX_NUMBER_DIGITS:
                self._add(entry, f"{_at(node)}: {key or 'number'}: a number of {digits} digits; "
                          f"at most {MAX_NUMBER_DIGITS} are allowed")
            elif node.tag == FLOAT and not math.isfinite(self.loader.construct_yaml_float(node)):
                self._add(entry, f"{_at(node)}: {key or 'number'}: {quoted(value)} is not a "
                          "finite number")

    def _check_text(self, node, text: str, allow_line_break: bool, entry, what: str) -> None:
        found = control_character(text, allow_line_break)
        if found is None:
            return
        index, char = found
        if char != LINE_BREAK:
            hint = "text may not hold control characters"
        elif self.multiline_keys:
            hint = f"a line break is allowed only in {', '.join(sorted(self.multiline_keys))}"
        else:
            hint = "a line break is not allowed here"
        self._add(entry, f"{_at(node)}: {what}: holds {describe_character(char)} at character "
                  f"{index + 1}; {hint}")

    def _entry_id(self, node: yaml.Node) -> str | None:
        if not isinstance(node, yaml.MappingNode):
            return None
        for key_node, value_node in node.value:
            if (isinstance(key_node, yaml.ScalarNode) and key_node.value == "id"
                    and isinstance(value_node, yaml.ScalarNode)):
                return value_node.value
        return None

    @staticmethod
    def _tag_name(tag: str) -> str:
        if tag.startswith(_TAG):
            return f"type !!{tag[len(_TAG):]}"
        return f"tag {quoted(tag)}"

    def _add(self, entry, message: str) -> None:
        if (entry, message) not in self.problems:  # an alias used nine times is one problem
            self.problems.append((entry, message))
