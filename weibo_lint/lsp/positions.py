"""Where things are, three ways: offsets into the text the linter read, offsets into the
editor's buffer, and LSP positions (line, character in the negotiated encoding).

The linter reads a post without its byte-order mark and with CR and CRLF as LF
(``frontmatter.decode``); the editor's buffer keeps both. An LSP ``character`` counts
UTF-16 code units by default, or UTF-8 bytes or code points when client and server agree on
it: an emoji or 𠀀 is 2 UTF-16 units, 4 UTF-8 bytes and 1 code point; a ZWJ sequence is
several code points; a CJK character is 1 unit, 3 bytes, 1 code point. Pure functions.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_LINE_END = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str) -> int:
    """How many code units of ``encoding`` ``text`` takes."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def index_of_units(line: str, count: int, encoding: str) -> int:
    """The code-point index in ``line`` that ``count`` code units reach: a count inside a
    character (half a surrogate pair) stands for that character's start; past the end, the end."""
    if encoding == UTF32:
        return min(max(count, 0), len(line))
    used = 0
    for index, char in enumerate(line):
        width = units(char, encoding)
        if used + width > count:
            return index
        used += width
    return len(line)


@dataclass(frozen=True)
class Position:
    line: int  # 0-based
    character: int  # in code units of the encoding


class Buffer:
    """An editor buffer's text, its lines, and the linter's reading of it (no BOM, LF)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]  # buffer offset of each line's first character
        self.ends: list[int] = []  # buffer offset of each line's end (before its line break)
        for match in _LINE_END.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))
        self.bom = 1 if text.startswith("\ufeff") else 0
        self.read_starts = [0]  # offset of each line's first character in the linter's text
        for number in range(len(self.starts) - 1):
            self.read_starts.append(self.read_starts[-1] + len(self.read_line(number)) + 1)

    @property
    def read(self) -> str:
        """The text as the linter reads it."""
        return "\n".join(self.read_line(number) for number in range(len(self.starts)))

    def line(self, number: int) -> str:
        """Buffer line ``number`` (0-based), without its line break."""
        return self.text[self.starts[number]:self.ends[number]]

    def read_line(self, number: int) -> str:
        return self.line(number)[self.bom if number == 0 else 0:]

    def _shift(self, line: int) -> int:
        return self.bom if line == 0 else 0

    def position(self, line: int, column: int, encoding: str) -> Position:
        """The LSP position of code-point ``column`` of buffer ``line`` (both 0-based; clamped)."""
        line = min(max(line, 0), len(self.starts) - 1)
        text = self.line(line)
        column = min(max(column, 0), len(text))
        return Position(line, units(text[:column], encoding))

    def column_of(self, line: int, character: int, encoding: str) -> int:
        """The code-point column of an LSP ``character`` on buffer ``line``."""
        return index_of_units(self.line(line), character, encoding)

    def position_of(self, offset: int, encoding: str) -> Position:
        """The LSP position of an offset into the buffer (inside a line break: the line's end)."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return self.position(line, min(offset, self.ends[line]) - self.starts[line], encoding)

    def position_of_read(self, offset: int, encoding: str) -> Position:
        """The LSP position of an offset into the linter's text."""
        line = bisect.bisect_right(self.read_starts, offset) - 1
        return self.position(line, offset - self.read_starts[line] + self._shift(line), encoding)

    def position_of_problem(self, line: int, column: int, encoding: str) -> Position:
        """The LSP position of a problem's 1-based ``line`` and code-point ``column`` (as
        ``check`` reports them: on the linter's text)."""
        return self.position(line - 1, column - 1 + self._shift(line - 1), encoding)

    def read_offset_of(self, position: Position, encoding: str) -> int:
        """The offset into the linter's text an LSP position stands for (clamped to its line)."""
        if position.line >= len(self.starts):
            return self.read_starts[-1] + len(self.read_line(len(self.starts) - 1))
        line = max(position.line, 0)
        column = index_of_units(self.line(line), position.character, encoding)
        return self.read_starts[line] + max(column - self._shift(line), 0)

    def read_to_buffer(self, offset: int) -> int:
        """An offset into the linter's text to the buffer offset of the same character."""
        line = bisect.bisect_right(self.read_starts, offset) - 1
        return self.starts[line] + offset - self.read_starts[line] + self._shift(line)


def encoding_of(kind: str | None) -> str:
    """An LSP ``PositionEncodingKind`` value to one of ours (UTF-16 unless said)."""
    return kind if kind in (UTF8, UTF16, UTF32) else UTF16
