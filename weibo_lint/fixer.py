"""Apply safe fixes to a text: pure functions, no files.

A fix is a tuple of :class:`~weibo_lint.problem.Edit` with offsets into a post's text as
the linter read it: LF line ends, no byte-order mark. :func:`apply_edits` applies the
edits that do not overlap, from the end of the text, and reports the ones it left out
(a later pass, on the re-checked text, may apply them). :func:`apply_to_file_text` does
the same on a file's text exactly as it is on disk, so a BOM, CRLF line ends and
everything the edits do not touch stay as they were.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterable

from weibo_lint.problem import Edit

BOM = "\ufeff"
_LINE_END = re.compile(r"\r\n?")


@dataclass(frozen=True)
class FixResult:
    text: str
    applied: tuple[Edit, ...]  # as given, in text order
    skipped: tuple[Edit, ...]  # overlapping an applied edit, or outside the text


def _clash(first: Edit, second: Edit) -> bool:
    """Whether ``second`` (starting at or after ``first``) clashes with ``first``.

    Overlapping spans clash; so do edits that meet at one point when either is an
    insertion (two insertions at one offset included): their order would decide the
    result (``#tag`` closed by one rule while another rewrites the character after it).
    """
    if second.start < first.end:
        return True
    return second.start == first.end and (first.start == first.end or second.start == second.end)


def apply_edits(text: str, edits: Iterable[Edit]) -> FixResult:
    """Apply the edits of ``edits`` that do not clash, the earliest winning; an edit given
    twice is applied once."""
    chosen: list[Edit] = []
    skipped: list[Edit] = []
    for edit in sorted(set(edits), key=lambda e: (e.start, e.end, e.text)):
        if not 0 <= edit.start <= edit.end <= len(text) or (chosen and _clash(chosen[-1], edit)):
            skipped.append(edit)
        else:
            chosen.append(edit)
    pieces = []
    end = len(text)
    for edit in reversed(chosen):  # from the end, so the offsets before each edit stay valid
        pieces.append(text[edit.end:end])
        pieces.append(edit.text)
        end = edit.start
    pieces.append(text[:end])
    return FixResult("".join(reversed(pieces)), tuple(chosen), tuple(skipped))


def apply_to_file_text(disk: str, edits: Iterable[Edit]) -> FixResult:
    """Apply ``edits`` (offsets into the text as the linter read it) to the file's text as
    it is on disk: a leading BOM and CR/CRLF line ends are kept, and a line end an edit
    inserts takes the file's style. ``applied``/``skipped`` hold the edits as given."""
    bom = BOM if disk.startswith(BOM) else ""
    body = disk[len(bom):]
    crlf_at = []  # offsets in the read text of each '\n' that is '\r\n' on disk
    removed = 0
    for match in _LINE_END.finditer(body):
        if len(match.group(0)) == 2:
            crlf_at.append(match.start() - removed)
            removed += 1
    crlf_style = bool(crlf_at) and len(crlf_at) == body.count("\n")

    def on_disk(offset: int) -> int:
        # each CRLF before the offset is one character longer on disk than in the read text
        return offset + bisect.bisect_left(crlf_at, offset)

    given: dict[Edit, Edit] = {}  # on disk -> as given
    for edit in edits:
        text = edit.text.replace("\n", "\r\n") if crlf_style else edit.text
        given.setdefault(Edit(on_disk(edit.start), on_disk(edit.end), text), edit)
    result = apply_edits(body, given)
    return FixResult(bom + result.text, tuple(given[e] for e in result.applied),
                     tuple(given[e] for e in result.skipped))
