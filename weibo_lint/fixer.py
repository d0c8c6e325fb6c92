"""Apply safe fixes to a text: pure functions, no files (``weibo-lint fix`` reads and writes them).

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
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from weibo_lint.engine import Env, check_post
from weibo_lint.problem import Edit, Problem

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


# One fix can make another possible (WB202 turns '＃tag' into '#tag', which WB201 then
# closes); each pass re-checks the text. A cap, in case two rules ever undo each other.
MAX_PASSES = 10


@dataclass
class FileFix:
    path: str
    before: str  # the file's text as on disk
    after: str
    fixed: Counter = field(default_factory=Counter)  # rule code -> problems fixed
    left: int = 0  # fixable problems still there (clashing edits, or the pass cap)
    problems: tuple[Problem, ...] = ()  # the post's problems after fixing


def fix_post(path: str, disk: str, env: Env, fixable: frozenset[str]) -> FileFix:
    """Fix one post's text (as on disk) in passes until nothing fixable is left."""
    result = FileFix(path, disk, disk)
    problems = check_post(path, disk.encode("utf-8"), env).problems
    seen = {disk}
    for _pass in range(MAX_PASSES):
        wanted = [p for p in problems if p.code in fixable and p.fix]
        if not wanted:
            break
        outcome = apply_to_file_text(result.after, [edit for p in wanted for edit in p.fix])
        applied = set(outcome.applied)
        if not applied or outcome.text in seen:
            break
        seen.add(outcome.text)
        result.fixed.update(p.code for p in wanted if applied.issuperset(p.fix))
        result.after = outcome.text
        problems = check_post(path, result.after.encode("utf-8"), env).problems
    result.left = sum(1 for p in problems if p.code in fixable and p.fix)
    result.problems = problems
    return result
