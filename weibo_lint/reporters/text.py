"""The human reporter: problems grouped by file, with the source line and a caret.

::

    posts/2024/hello.md:3:5: error WB101 post-too-long The post is 150 characters; the limit is 140.
        中文中文最好
                ^

    2 problems (1 error, 1 warning) in 2 files

Columns are 1-based counts of Unicode code points; the caret is placed by *display*
width, so a CJK (East Asian wide or fullwidth) character counts two terminal cells,
a combining mark none, an emoji sequence (a heart with VS16, a ZWJ family) one wide glyph (``wcwidth``),
and a tab runs to the next multiple of :data:`TAB_SIZE`.
The source line is printed with its tabs already expanded, so the caret lines up
whatever the terminal's tab stops are.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import groupby

from weibo_lint.i18n import _, ngettext
from weibo_lint.problem import Level, Problem
from weibo_lint.reporters import reportable
from weibo_lint.terminal import UNSAFE_BUT_TABS, no_workflow_command, safe, width

TAB_SIZE = 4
INDENT = "    "  # before the source line and the caret line

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
LEVEL_COLORS = {
    Level.ERROR: "\x1b[31m",  # red
    Level.WARNING: "\x1b[33m",  # yellow
    Level.INFO: "\x1b[34m",  # blue
}


def char_width(ch: str) -> int:
    """Terminal cells one code point takes on its own (tabs are handled by the caller)."""
    return width(ch)


def _clean(ch: str) -> str:
    """A control character from a post must not reach the terminal as is (nor a bidi
    override that reorders the line, nor an unprintable lone surrogate)."""
    return "\N{REPLACEMENT CHARACTER}" if UNSAFE_BUT_TABS.match(ch) else ch


#: Source lines longer than this are shown as a window around the column (a 10 MB
#: one-line post must not put 10 MB in the report).
MAX_SHOWN = 160


def window(line: str, column: int) -> tuple[str, int]:
    """``line`` cut to at most MAX_SHOWN characters around ``column`` (1-based), with '…'
    where it was cut, and the column within the cut line."""
    line = line.rstrip("\r\n")
    if len(line) <= MAX_SHOWN:
        return line, column
    start = max(0, min(column - 1 - MAX_SHOWN // 2, len(line) - MAX_SHOWN))
    end = start + MAX_SHOWN
    cut = ("…" if start else "") + line[start:end] + ("…" if end < len(line) else "")
    return cut, column - start + (1 if start else 0)


def expand_line(line: str, column: int | None = None) -> tuple[str, int]:
    """The line as displayed (tabs expanded, controls replaced) and the display
    offset of code point ``column`` (1-based; past the end means just after it), measured
    on the text before it as a terminal shows it (an emoji sequence is one glyph)."""
    line = line.rstrip("\r\n")
    if "\t" in line:
        return _expand_each(line, column)
    # One character for one, so the column still counts code points: a regular expression
    # rather than a loop over the characters, which took most of a text report's time.
    shown = UNSAFE_BUT_TABS.sub("\N{REPLACEMENT CHARACTER}", line)
    if column is None or column < 1:
        return shown, 0
    return shown, width(shown[:column - 1] if column <= len(line) else shown)


def _expand_each(line: str, column: int | None) -> tuple[str, int]:
    """``expand_line`` character by character, the way a line with tabs takes (each tab runs to
    the next multiple of TAB_SIZE cells); any line gives what ``expand_line`` gives (tested)."""
    out: list[str] = []
    before = None  # pieces of ``out`` before ``column``
    for index, ch in enumerate(line, start=1):
        if column is not None and index == column:
            before = len(out)
        if ch == "\t":
            out.append(" " * (TAB_SIZE - width("".join(out)) % TAB_SIZE))
            continue
        out.append(_clean(ch))
    shown = "".join(out)
    if before is not None:
        return shown, width("".join(out[:before]))
    return shown, width(shown) if column is not None and column > len(line) else 0


def display_width(text: str) -> int:
    """Terminal cells ``text`` takes, with tabs expanded from its start."""
    return expand_line(text, len(text) + 1)[1]


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{RESET}" if color else text


def summary_line(problems: Iterable[Problem]) -> str:
    """``12 problems (3 errors, 8 warnings, 1 info) in 5 files`` or ``No problems.``

    Levels with no problem are left out of the parentheses.
    """
    shown = reportable(problems)
    if not shown:
        return _("No problems.")
    errors = sum(p.level is Level.ERROR for p in shown)
    warnings = sum(p.level is Level.WARNING for p in shown)
    infos = sum(p.level is Level.INFO for p in shown)
    parts = []
    if errors:
        parts.append(ngettext("{count} error", "{count} errors", errors).format(count=errors))
    if warnings:
        parts.append(ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings))
    if infos:
        parts.append(_("{count} info").format(count=infos))
    files = len({p.path for p in shown})
    return ngettext("{problems} ({levels}) in {files} file", "{problems} ({levels}) in {files} files", files).format(
        problems=ngettext("{count} problem", "{count} problems", len(shown)).format(count=len(shown)),
        levels=_(", ").join(parts), files=files)


def format_problem(problem: Problem, *, color: bool = False) -> str:
    """One problem's heading line: ``path:line:col: level CODE name message``."""
    location = _paint(safe(problem.path), BOLD, color) + f":{problem.line}:{problem.column}:"
    level = _paint(problem.level.value, LEVEL_COLORS.get(problem.level, ""), color)
    text = f"{location} {level} {problem.code} {problem.name} {safe(problem.message)}"
    if problem.related:
        text += _(" (related: {paths})").format(paths=safe(", ".join(problem.related)))
    return text


def format_text(
    problems: Iterable[Problem],
    *,
    source_line: Callable[[str, int], str | None],
    color: bool,
) -> str:
    """The text report; ``source_line(path, line)`` gives a file's line (or None)."""
    shown = reportable(problems)
    blocks: list[str] = []
    for path, group in groupby(shown, key=lambda p: p.path):
        lines: list[str] = []
        ordered = sorted(group, key=lambda p: (p.line, p.column, p.level.rank, p.code, p.name))
        for problem in ordered:
            lines.append(format_problem(problem, color=color))
            source = source_line(path, problem.line) if problem.line >= 1 else None
            if source is None:
                continue
            source, column = window(source, max(problem.column, 1))
            shown_line, offset = expand_line(source, column)
            if no_workflow_command(shown_line) != shown_line:  # a line that a CI runner would obey
                start = len(shown_line) - len(shown_line.lstrip())
                shown_line = no_workflow_command(shown_line)
                offset += 3 if offset > start else 0
            lines.append(f"{INDENT}{shown_line}".rstrip())
            caret = _paint("^", LEVEL_COLORS.get(problem.level, ""), color)
            lines.append(f"{INDENT}{' ' * offset}{caret}")
        blocks.append("\n".join(lines))
    summary = _paint(summary_line(shown), BOLD, color)
    return "\n\n".join([*blocks, summary]) + "\n"


__all__ = [
    "TAB_SIZE",
    "char_width",
    "display_width",
    "expand_line",
    "format_problem",
    "format_text",
    "summary_line",
]
