"""Markdown to the plain text Weibo shows, with a map from every output character back
to the Markdown source.

Weibo shows plain text: emphasis is dropped, a link becomes ``text URL`` (or the URL),
list items become lines, images become attached pictures. Headings, tables, code
blocks and raw HTML cannot be shown; their text is kept and they are listed in
``unsupported`` for WB504. HTML comments (notes and lint directives) vanish.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import unquote

from weibo_lint.errors import known

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_COMMENT = re.compile(r"^\s*<!--.*?-->\s*$", re.DOTALL)
_COMMENTS = re.compile(r"<!--.*?-->", re.DOTALL)
# A character Weibo's URL pattern would swallow into a URL it follows (counting.URL_RE's tail).
_URL_CHAR = re.compile(r"[-A-Za-z0-9_$.+!*()/,:;@&=?~#%]")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Imported here: most posts are plain text and never need the parser, whose import costs
    # about 50 ms, more than checking the post.
    from markdown_it import MarkdownIt

    # text_join off: entities and backslash escapes stay separate ``text_special`` tokens, so
    # the text around them is still found in the source and maps exactly.
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).disable("text_join")


@dataclass(frozen=True)
class Picture:
    src: str
    alt: str
    offset: int  # in the body source


@dataclass(frozen=True)
class Unsupported:
    kind: str  # heading | table | code block | HTML
    offset: int


@dataclass
class SourceMap:
    """Output offset → source offset, stored as runs so a 10 MB post stays cheap.

    A run is ``(out_start, src_start, exact)``: an exact run maps character by
    character; an inexact one (synthesised separators) maps every character to
    ``src_start``.
    """

    starts: list[int] = field(default_factory=list)
    runs: list[tuple[int, bool]] = field(default_factory=list)

    def add(self, out_start: int, src_start: int, exact: bool) -> None:
        self.starts.append(out_start)
        self.runs.append((src_start, exact))

    def source(self, out_offset: int) -> int:
        index = bisect.bisect_right(self.starts, out_offset) - 1
        if index < 0:
            return 0
        src_start, exact = self.runs[index]
        return src_start + (out_offset - self.starts[index]) if exact else src_start


@dataclass
class Flat:
    text: str
    map: SourceMap
    pictures: list[Picture]
    unsupported: list[Unsupported]
    code: list[tuple[int, int]] = field(default_factory=list)  # spans of ``text`` copied from code


class _Writer:
    def __init__(self, source: str) -> None:
        self.source = source
        self.parts: list[str] = []
        self.length = 0
        self.cursor = 0  # how far into the source we have matched
        self.map = SourceMap()
        self.code: list[tuple[int, int]] = []  # output spans copied from code: ``fix`` leaves them alone

    def synth(self, text: str) -> None:
        """Text we make up (separators, bullets): maps to where we are."""
        if text:
            self.map.add(self.length, self.cursor, False)
            self._append(text)

    def copy(self, text: str, limit: int) -> None:
        """Text that stands in the source: find it and map it exactly."""
        if not text:
            return
        found = self.source.find(text, self.cursor, limit) if limit > self.cursor else -1
        if found < 0:
            self.map.add(self.length, self.cursor, False)
        else:
            self.map.add(self.length, found, True)
            self.cursor = found + len(text)
        self._append(text)

    def stand_in(self, text: str, markup: str, limit: int) -> None:
        """Text written differently in the source (``&amp;`` for ``&``, ``\\*`` for ``*``):
        maps to where its markup starts."""
        found = self.source.find(markup, self.cursor, limit) if markup and limit > self.cursor else -1
        if found < 0:
            self.synth(text)
            return
        self.map.add(self.length, found, False)
        self.cursor = found + len(markup)
        self._append(text)

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def ends_with_newline(self) -> bool:
        return not self.parts or self.parts[-1].endswith("\n")


# Text that markdown-it would read as plain paragraphs only: no inline syntax characters
# (a lone '[哈哈]' is fine, '](' is not), no block syntax at a line start, no indentation.
_SYNTAX_CHARS = re.compile(r"[*_`\\<>&|~!=\t\r\x00]|\]\(|\]\[|\]:|\[\]")
# The last alternative is a thematic break spaced out: "-- -", "- - -" (found by hypothesis).
_BLOCK_START = re.compile(r"^(?:[ \t\f\v\u00a0]|#{1,6}(?:[ \t]|$)|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|-+[ \t]*$"
                          r"|-(?:[ \t]*-){2,}[ \t]*$)", re.MULTILINE)


# Lines that start a block other than a paragraph, beyond _BLOCK_START: HTML, quotes,
# fences, thematic breaks, setext underlines; and tables or reference definitions anywhere.
_OTHER_BLOCKS = re.compile(r"^(?:[<>]|```|~~~|([*_])(?:[ \t]*\1){2,}[ \t]*$|=+[ \t]*$)|\||\]:", re.MULTILINE)


# A body this long can never be posted (the longest Weibo post is 2000 characters), and
# markdown-it-py needs minutes for megabytes of dense Markdown (emphasis runs are worse
# than linear). Such a body is taken as plain text: still counted, still over every limit.
MAX_MARKDOWN_CHARS = 200_000


def flatten(source: str) -> Flat:
    """Flatten Markdown ``source`` (a post body) to Weibo text."""
    if len(source) > MAX_MARKDOWN_CHARS:
        return _verbatim(source)
    fast_path = _fast_path(source)
    flat = fast_path(source) if fast_path is not None else None
    return flat if flat is not None else _flatten_markdown(source)


def _fast_path(source: str) -> Callable[[str], Flat | None] | None:
    """The fast path that may read ``source`` (it may still refuse it, answering None), or
    None when only markdown-it reads it right."""
    if not _BLOCK_START.search(source) and not _SYNTAX_CHARS.search(source):
        return _flatten_plain
    if "\r" not in source and "\x00" not in source and not _OTHER_BLOCKS.search(source):
        return _flatten_blocks
    return None


def _verbatim(source: str) -> Flat:
    source_map = SourceMap()
    source_map.add(0, 0, True)
    return Flat(text=source, map=source_map, pictures=[], unsupported=[])


def _flatten_plain(source: str) -> Flat | None:
    """The fast path for bodies that are only paragraphs: what markdown-it would produce,
    without parsing (most posts are plain text, and parsing dominates a check's cost).
    None when a line has leading or trailing white space, which only the parser reads right."""
    writer = _Writer(source)
    offset = 0
    new_paragraph = True
    for line in source.split("\n"):
        if not line:
            new_paragraph = True
        else:
            if line[0].isspace() or line[-1].isspace():
                return None
            if new_paragraph:  # a paragraph break maps where the paragraph starts, as the parser does
                writer.cursor = offset
            new_paragraph = False
            if writer.parts:
                writer.synth("\n")
            writer.map.add(writer.length, offset, True)
            writer._append(line)
            writer.cursor = offset + len(line)
        offset += len(line) + 1
    return Flat(text="".join(writer.parts), map=writer.map, pictures=[], unsupported=[])


# A simple list item: "- " or "1. " then its text (one space, then no white space first).
_LIST_ITEM = re.compile(r"(?:(-)|(\d{1,9})\.) (?=\S)")


def _flatten_blocks(source: str) -> Flat | None:
    """Bodies of paragraphs with inline Markdown and simple tight lists ("- 一" or "1. 一"
    lines, each item one line plus lazy continuation lines): the blocks are read here, each
    one's inline part is parsed alone (the block parser is most of markdown-it's time), and
    the writer is driven as ``_flatten_markdown`` drives it for the tokens markdown-it would
    make. None for anything else (a nested, loose or indented list, a block that is not a
    paragraph, white space at either end of a line)."""
    lines = source.split("\n")
    blocks = _simple_blocks(lines)
    if blocks is None:
        return None
    starts = _line_starts(source)

    def offset(line: int) -> int:  # where ``_flatten_markdown`` puts a block's end
        return starts[line] if line < len(starts) else len(source)

    writer = _Writer(source)
    pictures: list[Picture] = []
    unsupported: list[Unsupported] = []
    listed: str | None = None  # the marker of the list the previous block belongs to
    count = 0
    for first, end, marker, value in blocks:
        writer.cursor = max(writer.cursor, starts[first])
        if marker is None:
            _block_break(writer)
            listed = None
        else:
            if listed != marker:
                count = (value or 1) if marker == "." else 0  # a new list; "0." starts at 1 there too
            _block_break(writer)
            writer.synth(f"{count}. " if marker == "." else "· ")
            count += 1
            listed = marker
        text = "\n".join(lines[first:end])
        if marker is not None:
            text = text[known(_LIST_ITEM.match(text), "a list item's marker").end():]
        _inline(_inline_tokens(text), writer, offset(end), pictures, unsupported)
    return Flat(text="".join(writer.parts), map=writer.map, pictures=pictures, unsupported=unsupported,
                code=writer.code)


_Block = tuple[int, int, "str | None", int]  # (first line, end line, list marker or None, number)


def _simple_blocks(lines: list[str]) -> list[_Block] | None:
    """The paragraphs and simple tight list items of ``lines``, in order; None when a line
    holds anything else (see ``_flatten_blocks``)."""
    blocks: list[_Block] = []
    after_list_gap = False  # a blank line since the last list item
    for number, line in enumerate(lines):
        if not line:
            if blocks and blocks[-1][1] == number and blocks[-1][2] is not None:
                after_list_gap = True
            continue
        if line[0].isspace() or line[-1].isspace():
            return None
        item = _LIST_ITEM.match(line)
        content = line[item.end():] if item else line
        if _BLOCK_START.match(content) or _OTHER_BLOCKS.match(content):
            return None
        last = blocks[-1] if blocks and blocks[-1][1] == number else None  # the block this line touches
        if item:
            marker = item.group(1) or "."
            if after_list_gap and last is None and blocks and blocks[-1][2] == marker:
                return None  # a blank line inside a list: a loose list
            if last is not None and last[2] is None and marker == "." and int(item.group(2)) != 1:
                return None  # only "1." interrupts a paragraph; otherwise the line continues it
            value = int(item.group(2)) if item.group(2) else 0
            blocks.append((number, number + 1, marker, value))
            after_list_gap = False
        elif last is not None:  # a paragraph's next line, or a list item's lazy continuation
            blocks[-1] = (last[0], number + 1, last[2], last[3])
        else:
            blocks.append((number, number + 1, None, 0))
            after_list_gap = False
    return blocks


def _line_starts(source: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", source)]


def _inline_tokens(text: str) -> list[Token]:
    """markdown-it's inline tokens of a paragraph's ``text`` (lines without white space at
    either end); without inline syntax those are its lines and the breaks between them,
    made here without the parser."""
    if _SYNTAX_CHARS.search(text):
        return _parser().parseInline(text)[0].children or []
    from markdown_it.token import Token  # the blocks path: a body with Markdown or a list in it

    tokens: list[Token] = []
    for line in text.split("\n"):
        if tokens:
            tokens.append(Token("softbreak", "br", 0))
        tokens.append(Token("text", "", 0, content=line))
    return tokens


def _flatten_markdown(source: str) -> Flat:
    tokens = _parser().parse(source)
    line_starts = _line_starts(source)
    writer = _Writer(source)
    pictures: list[Picture] = []
    unsupported: list[Unsupported] = []
    list_stack: list[list] = []  # [ordered, next number]
    block_end = len(source)
    marker_end = -1  # output length right after the last list marker

    def line_offset(line: int) -> int:
        return line_starts[min(line, len(line_starts) - 1)]

    for token in tokens:
        if token.map:
            start = line_offset(token.map[0])
            writer.cursor = max(writer.cursor, start)
            block_end = line_offset(token.map[1]) if token.map[1] < len(line_starts) else len(source)
        kind = token.type
        if kind in ("heading_open", "table_open", "fence", "code_block", "html_block"):
            if kind == "html_block" and _COMMENT.match(token.content):
                continue
            rest = _COMMENTS.sub("", token.content) if kind == "html_block" else ""
            if rest.strip() and "<" not in rest:
                # A comment that opens a line makes the whole line an HTML block, yet the text after
                # it (`<!-- weibo-lint disable-line WB501 -->最好的`) is meant to be posted.
                _block_break(writer)
                _inline(_parser().parseInline(rest.strip())[0].children or [], writer, block_end, pictures,
                        unsupported)
                continue
            label = {"heading_open": "heading", "table_open": "table", "html_block": "HTML"}.get(kind, "code block")
            unsupported.append(Unsupported(label, line_offset(token.map[0]) if token.map else writer.cursor))
            if kind in ("fence", "code_block"):
                _block_break(writer)
                start = writer.length
                writer.copy(token.content.rstrip("\n"), block_end)
                writer.code.append((start, writer.length))
            elif kind == "heading_open":
                _block_break(writer)  # its text is kept: on a line of its own
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            list_stack.append([kind == "ordered_list_open", int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
        elif kind == "list_item_open":
            _block_break(writer)
            ordered, number = list_stack[-1]
            writer.synth(f"{number}. " if ordered else "· ")
            list_stack[-1][1] += 1
            marker_end = writer.length
        elif kind in ("paragraph_open", "th_open", "td_open"):
            if kind == "paragraph_open" and (token.hidden or (list_stack and writer.length == marker_end)):
                continue  # a list item's first paragraph: the marker already started the line
            if kind == "paragraph_open":
                _block_break(writer)
            elif not writer.ends_with_newline():
                writer.synth(" ")
        elif kind == "tr_open":
            _block_break(writer)
        elif kind == "inline":
            _inline(token.children or [], writer, block_end, pictures, unsupported)
    text = "".join(writer.parts)
    return Flat(text=text, map=writer.map, pictures=pictures, unsupported=unsupported, code=writer.code)


def _block_break(writer: _Writer) -> None:
    if not writer.ends_with_newline():
        writer.synth("\n")


def _inline(children: list[Token], writer: _Writer, limit: int, pictures: list[Picture],
            unsupported: list[Unsupported]) -> None:
    link_stack: list[tuple[str, int, bool]] = []  # (href, len(writer.parts) when it opened, autolink)
    after_url = False  # the output ends with a URL: text glued to it would become part of it
    for child in children:
        kind = child.type
        if after_url and kind in ("text", "code_inline", "text_special") and _URL_CHAR.match(child.content):
            writer.synth(" ")
        after_url = False
        if kind == "text":
            writer.copy(child.content, limit)
        elif kind == "code_inline":
            start = writer.length
            writer.copy(child.content, limit)
            writer.code.append((start, writer.length))
        elif kind == "text_special":
            writer.stand_in(child.content, child.markup, limit)
        elif kind in ("softbreak", "hardbreak"):
            writer.synth("\n")
        elif kind == "link_open":
            link_stack.append((str(child.attrGet("href") or ""), len(writer.parts), child.markup == "autolink"))
        elif kind == "link_close" and link_stack:
            href, opened_at, autolink = link_stack.pop()
            shown = "".join(writer.parts[opened_at:]).strip()  # the link's own text only: no quadratic join
            if autolink or not href or shown in (href, unquote(href)):
                after_url = autolink or bool(href and shown)
            else:
                writer.synth(" ")
                writer.copy(href, limit)
                after_url = True
        elif kind == "image":
            src = str(child.attrGet("src") or "")
            at = writer.source.find(src, writer.cursor, limit) if src else -1
            pictures.append(Picture(src=src, alt=child.content, offset=at if at >= 0 else writer.cursor))
            if at >= 0:
                writer.cursor = at + len(src)
        elif kind == "html_inline" and not _COMMENT.match(child.content) and not child.content.startswith("</"):
            at = writer.source.find(child.content, writer.cursor, limit)
            unsupported.append(Unsupported("HTML", at if at >= 0 else writer.cursor))
