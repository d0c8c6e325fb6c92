"""Text from a repository made safe for a terminal or a CI log.

A post body, a column name or a file name may hold escape sequences (``ESC ]0;…``
retitles the terminal, ``ESC [2J`` clears it), a carriage return that overwrites the line,
a newline that forges a ``::error`` workflow command, or bidirectional overrides that
reorder what is read, or a line starting with ``::`` that a CI runner obeys; a lone surrogate (an undecodable file name) cannot even be printed. Each such character is shown as a visible ``\\xNN`` / ``\\uNNNN``
escape instead; everything else, CJK and emoji included, passes unchanged.
"""
from __future__ import annotations

import re

# C0 and C1 controls, DEL, the line and paragraph separators, bidi embeddings, overrides
# and isolates.
_OTHER_CONTROLS = "\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"  # lone surrogates: unprintable
_UNSAFE = re.compile(f"[\x00-\x1f{_OTHER_CONTROLS}]")
_UNSAFE_BUT_LINES = re.compile(f"[\x00-\x08\x0b-\x1f{_OTHER_CONTROLS}]")  # keeps \t and \n
# Keeps \t only: what the text report shows as U+FFFD in a source line (it expands tabs itself).
UNSAFE_BUT_TABS = re.compile(f"[\x00-\x08\x0a-\x1f{_OTHER_CONTROLS}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name (surrogateescape)
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """``text`` on one line, every control character escaped (newlines and tabs too)."""
    return no_workflow_command(_UNSAFE.sub(_escape, text))


def safe_lines(text: str) -> str:
    """``text`` with its newlines and tabs kept, every other control character escaped."""
    escaped = _UNSAFE_BUT_LINES.sub(_escape, text)
    if "::" not in escaped:
        return escaped
    return "\n".join(no_workflow_command(line) for line in escaped.split("\n"))


def no_workflow_command(line: str) -> str:
    """``line``, unless a CI runner would read it as a workflow command (``::error::…``,
    ``::add-mask::…``: a line starting with '::', leading blanks aside); then its first ':'
    is written ``\\x3a``."""
    stripped = line.lstrip()
    if not stripped.startswith("::"):
        return line
    return line[:len(line) - len(stripped)] + "\\x3a" + stripped[1:]


def width(text: str) -> int:
    """Terminal columns ``text`` takes, as ``wcwidth`` measures them: CJK and emoji two, an
    emoji sequence (``❤️``, a ZWJ family) as the one glyph it shows, combining marks and
    zero-width characters none. A control character counts one: callers show it escaped or
    replaced."""
    from wcwidth import wcswidth  # here: its tables take longer to import than a warm check's JSON report

    cells = wcswidth(text)
    if cells >= 0:
        return cells
    return sum(1 if _CONTROL.fullmatch(part) else max(wcswidth(part), 0) for part in _CONTROL.split(text) if part)


_CONTROL = re.compile("([\x00-\x1f\x7f-\x9f])")


def pad(text: str, columns: int) -> str:
    """``text`` padded with spaces to ``columns`` terminal columns."""
    return text + " " * max(columns - width(text), 0)
