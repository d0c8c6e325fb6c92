"""Split a post into YAML front matter and Markdown body, and read the YAML safely.

Failures are raised as :class:`SourceError` with a line and column, so the engine can
report them as findings (WB001, WB002) and go on with the other files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast

import yaml

from weibo_lint.errors import known
from weibo_lint.i18n import _

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SourceError(Exception):
    """A file that cannot be read as a post; ``code`` is WB001 or WB002."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.code, self.message, self.line, self.column = code, message, line, column


def _without_timestamps(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    # Dates stay strings: we parse them ourselves so that an offset-less time is read in the
    # configured zone, and a bad date is reported with its text instead of YAML's guess.
    resolvers = {
        key: [(tag, regexp) for tag, regexp in entries if tag != "tag:yaml.org,2002:timestamp"]
        for key, entries in base.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node, deep=False):  # PyYAML's signature
        _refuse_duplicate_keys(node)
        return super(loader, self).construct_mapping(node, deep)

    # type() with three arguments makes a subclass of ``base``; mypy sees only ``type``.
    loader = cast("type[yaml.SafeLoader]", type(base.__name__ + "NoDates", (base,), {
        "yaml_implicit_resolvers": resolvers, "construct_mapping": construct_mapping}))
    return loader


class DuplicateKeyError(yaml.MarkedYAMLError):
    """A mapping names a key twice: YAML would keep the last one silently (``status: draft``
    then ``status: approved`` reads as approved), so it is refused instead."""

    def __init__(self, key: str, first_line: int, mark) -> None:  # a PyYAML mark
        super().__init__(problem=f"duplicate key {key!r}", problem_mark=mark)
        self.key, self.first_line = key, first_line


def _refuse_duplicate_keys(node) -> None:  # a PyYAML node
    if isinstance(node, yaml.MappingNode):
        seen: dict[tuple[str, str], int] = {}
        for key_node, _value in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                continue  # '<<' merges and then overrides keys on purpose
            key = (key_node.tag, key_node.value)
            if key in seen:
                raise DuplicateKeyError(key_node.value, seen[key], key_node.start_mark)
            seen[key] = key_node.start_mark.line


class _StrictLoader(_without_timestamps(yaml.SafeLoader)):  # type: ignore[misc]  # a base made at run time
    """Pure-Python loader that refuses aliases: front matter has no use for them, and a
    billion-laughs bomb is made of them."""

    def compose_node(self, parent, index):  # PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "YAML aliases (*name) are not allowed in front matter", event.start_mark
            )
        return super().compose_node(parent, index)


_FastLoader = _without_timestamps(_Loader)
_ALIAS_HINT = re.compile(r"[&*][^\s,\[\]{}]")
# libyaml's composer recurses in C without a depth check: some 20,000 nested '[' or
# indented nodes overflow an 8 MB C stack and kill the process (a segfault, not an
# exception). YAML that could nest deeper than _C_MAX_NESTING goes to the pure-Python
# loader instead, where such a depth is a RecursionError we report. Block nesting needs a
# longer line at each level (indentation, or '- - -'); flow nesting one more open bracket.
_BRACKETS = re.compile(r"[\[\]{}]")
_C_MAX_NESTING = 1000
_MAX_DEPTH = 64  # deeper than any post or setting needs: rejected after loading


def _may_nest_deeply(text: str) -> bool:
    if len(text) > _C_MAX_NESTING and max(map(len, text.split("\n"))) > _C_MAX_NESTING:
        return True
    depth = 0
    for bracket in _BRACKETS.findall(text):  # quoted brackets count too: then we only lose speed
        depth = depth + 1 if bracket in "[{" else max(depth - 1, 0)
        if depth > _C_MAX_NESTING:
            return True
    return False


_HUGE_NUMBER = re.compile(r"[0-9][0-9_]{4000,}")
_SIMPLE_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?")
# Characters PyYAML refuses, or that start YAML syntax when they lead a plain scalar.
# PyYAML's printable set is [\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]; its
# complement written out compiles in half a millisecond, the negated set in nine (every run).
_NON_PRINTABLE = "[\x00-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
_NOT_PLAIN = re.compile(_NON_PRINTABLE + "| #|: |:$")
_UNREADABLE = re.compile(_NON_PRINTABLE)
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# YAML 1.1 also ends a line at NEL, LS and PS, where split("\n") does not.
_YAML_BREAKS = re.compile("[\x85\u2028\u2029]")


def _plain(value: str) -> bool:
    """True when YAML would read ``value`` as a plain text scalar, exactly as written."""
    if not value or value != value.strip(" ") or value[0] in _INDICATORS or _NOT_PLAIN.search(value):
        return False
    resolvers = _FastLoader.yaml_implicit_resolvers.get(value[0], ())
    return not any(regexp.match(value) for _tag, regexp in resolvers)


def _simple_mapping(text: str) -> dict[str, str] | None:
    """Front matter made only of ``key: plain text`` lines, read without the YAML machinery
    (most posts; constructing YAML nodes is most of a check's parsing cost). None for
    anything else, which then goes to the real parser."""
    if _YAML_BREAKS.search(text):
        return None
    data: dict[str, str] = {}
    for line in text.split("\n"):
        if not line or line.startswith("#"):
            if _UNREADABLE.search(line):
                return None
            continue
        match = _SIMPLE_LINE.fullmatch(line)
        if not match or match.group(2) is None or not _plain(match.group(1)) or not _plain(match.group(2)):
            return None
        if match.group(1) in data:
            return None  # duplicate keys: let YAML decide
        data[match.group(1)] = match.group(2)
    return data or None


def _too_deep(data: Any) -> bool:
    """Nesting deeper than any post or setting needs: the checks, templates and messages
    that walk or print a value recurse, and a thousand levels would overflow them."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > _MAX_DEPTH:
                return True
            stack.extend((item, depth + 1) for item in (value.values() if isinstance(value, dict) else value))
    return False


# A key followed by a full-width colon (a Chinese input method's ':'): YAML reads the line as
# text, continuing the value above or failing with a message that names neither.
_FULL_WIDTH_KEY = re.compile(r"^([ \t]*)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*：", re.MULTILINE)
_KEY_VALUE = re.compile(r"[ \t]*(?:-[ \t]+)?([^\s:#'\"][^:#]*?)[ \t]*:[ \t]+(.*?)[ \t]*$")


def _full_width_colon(text: str, first_line: int, indented: bool) -> SourceError | None:
    """The first key written with '：' (at the top level only, unless ``indented``: a nested
    one may be text of a block scalar, and is only named when the YAML fails)."""
    if "：" not in text:
        return None
    for match in _FULL_WIDTH_KEY.finditer(text):
        if match.group(1) and not indented:
            continue
        line = first_line + text.count("\n", 0, match.start())
        return SourceError("WB002", _("full-width colon ： after {key}: use a half-width ':' followed by a space "
                                      "({example})").format(key=_shown(match.group(2)),
                                                            example=f"{match.group(2)}: …"),
                           line, match.end(2) + 1 - match.start())
    return None


def _quote_hint(text: str, mark_line: int) -> str:
    """For 'mapping values are not allowed': the line's value holds ': ', so say to quote it."""
    lines = text.split("\n")
    match = _KEY_VALUE.fullmatch(lines[mark_line]) if 0 <= mark_line < len(lines) else None
    if not match or ": " not in match.group(2):
        return ""
    value = match.group(2).replace("\\", "\\\\").replace('"', '\\"')
    return _(": the value of {key} holds ': ', which YAML reads as a new key; put the value in quotes: "
             "{example}").format(key=_shown(match.group(1)), example=f'{match.group(1)}: "{value}"')


def load_yaml(text: str, first_line: int = 1) -> Any:
    """Parse YAML; errors become :class:`SourceError` at their line in the file."""
    full_width = _full_width_colon(text, first_line, indented=False)
    if full_width is not None:
        raise full_width
    simple = _simple_mapping(text) if text else None
    if simple:
        return simple
    loader = _StrictLoader if _ALIAS_HINT.search(text) or _may_nest_deeply(text) else _FastLoader
    try:
        data = yaml.load(text, Loader=loader)  # both loaders are safe loaders
        if _too_deep(data):
            raise RecursionError
        return data
    except DuplicateKeyError as exc:
        place = known(exc.problem_mark, "a duplicate key's place")
        line = first_line + place.line
        raise SourceError("WB002", _("duplicate key {key} (first on line {line}): YAML would silently keep the "
                                     "last one; remove one").format(key=_shown(exc.key),
                                                                    line=first_line + exc.first_line), line,
                          place.column + 1) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # an unclosed quote or bracket: where it opened, not the YAML's end
        line = first_line + (mark.line if mark else 0)
        column = (mark.column + 1) if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        nested = _full_width_colon(text, first_line, indented=True)
        if nested is not None:
            raise nested from None
        if mark and "mapping values are not allowed" in problem:
            problem += _quote_hint(text, mark.line)
        raise SourceError("WB002", _("YAML syntax error: {problem}").format(problem=problem), line, column) from None
    except yaml.YAMLError as exc:
        raise SourceError("WB002", _("YAML error: {error}").format(error=exc), first_line) from None
    except RecursionError:
        raise SourceError("WB002", _("YAML nesting is too deep"), first_line) from None
    except ValueError:  # Python refuses to read an int of more than sys.get_int_max_str_digits() digits
        huge = _HUGE_NUMBER.search(text)
        line = first_line + (text.count("\n", 0, huge.start()) if huge else 0)
        raise SourceError("WB002", _("a number too long to read (thousands of digits)"), line) from None


def _shown(key: str) -> str:
    return repr(key) if len(key) <= 60 else repr(key[:57] + "...")


def decode(raw: bytes) -> str:
    """Bytes to text: UTF-8 (a BOM is fine), CRLF and CR read as LF."""
    if b"\x00" in raw[:8192]:
        raise SourceError("WB001", _("binary file (contains NUL bytes), not a Markdown post"))
    try:
        text = raw.decode("utf-8")  # not utf-8-sig: its error offsets would not count the BOM
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start:exc.start].decode("utf-8", "replace").lstrip("\ufeff")) + 1
        raise SourceError(
            "WB001", _("not valid UTF-8: byte {byte} at line {line}, column {column}").format(
                byte=f"0x{raw[exc.start]:02x}", line=line, column=column),
            line, column,
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


@dataclass(frozen=True)
class FrontMatter:
    data: dict[str, Any]
    key_lines: dict[str, int]  # top-level key -> its 1-based line in the file
    body: str
    body_offset: int  # where the body starts in the file text
    body_line: int  # the 1-based line of the body's first character

_DELIMITER = re.compile(r"^---[ \t]*$", re.MULTILINE)
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
KEY_LINE = re.compile(r"^([^\s#:'\"-][^:\n]*?|'[^'\n]*'|\"[^\"\n]*\")[ \t]*:(?:[ \t]|$)", re.MULTILINE)


def top_level_key_lines(yaml_text: str) -> dict[str, int]:
    """The 1-based line of each top-level ``key:`` in ``yaml_text`` (its first, if repeated)."""
    key_lines: dict[str, int] = {}
    line, counted = 1, 0
    for match in KEY_LINE.finditer(yaml_text):
        line += yaml_text.count("\n", counted, match.start())  # counted once: linear in the text
        counted = match.start()
        key_lines.setdefault(match.group(1).strip("'\""), line)
    return key_lines


def split(text: str) -> FrontMatter:
    """Separate ``---`` delimited front matter from the body and parse it as a mapping."""
    opening = _DELIMITER.match(text)
    if not opening:
        raise SourceError("WB002", _("no front matter: a post starts with a line '---', then YAML, then '---'"))
    start = opening.end() + 1
    closing = _CLOSING.search(text, start - 1 if start - 1 == opening.end() else start)
    if not closing or closing.start() < start - 1:
        raise SourceError("WB002", _("front matter is not closed: add a line '---' after the YAML"))
    yaml_text = text[start:closing.start()] if closing.start() >= start else ""
    data = load_yaml(yaml_text, first_line=2)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        kind = type(data).__name__ if not isinstance(data, list) else "a list"
        raise SourceError("WB002", _("front matter must be a mapping of keys to values, not {kind}").format(kind=kind),
                          2)
    key_lines = {k: line + 1 for k, line in top_level_key_lines(yaml_text).items()}
    body_offset = min(closing.end() + 1, len(text))
    return FrontMatter(
        data={str(k): v for k, v in data.items()},
        key_lines=key_lines,
        body=text[body_offset:],
        body_offset=body_offset,
        body_line=text.count("\n", 0, body_offset) + 1,
    )
