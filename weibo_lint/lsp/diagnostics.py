"""Problems as LSP diagnostics: same code, level and message as ``check``, with a range.

A range starts where ``check`` puts the problem and ends where the finding ends in the
source: the source span of a finding in the rendered text (noted by ``spans``), else the
span its fix edits, else the rest of the line. A collection problem that ``check`` reports
on another file (a column's cadence, say) but that names this post is shown at the post's
``publish_at`` line, with the file it belongs to as related information.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lsprotocol import types

from weibo_lint.lsp.positions import Buffer
from weibo_lint.problem import Level, Problem

SOURCE = "weibo-lint"
SEVERITY = {Level.ERROR: types.DiagnosticSeverity.Error, Level.WARNING: types.DiagnosticSeverity.Warning,
            Level.INFO: types.DiagnosticSeverity.Information}


def read_offset(buffer: Buffer, line: int, column: int) -> int:
    """The offset into the linter's text of a 1-based line and code-point column."""
    line = min(max(line, 1), len(buffer.read_starts))
    text = buffer.read_line(line - 1)
    return buffer.read_starts[line - 1] + min(max(column - 1, 0), len(text))


def span(problem: Problem, buffer: Buffer, spans: dict[tuple[str, int], int]) -> tuple[int, int]:
    """``[start, end)`` of ``problem`` as offsets into the linter's text."""
    start = read_offset(buffer, problem.line, problem.column)
    line = min(max(problem.line, 1), len(buffer.read_starts)) - 1
    line_end = buffer.read_starts[line] + len(buffer.read_line(line))
    end = spans.get((problem.code, start))
    if end is None and problem.fix:
        first, last = min(e.start for e in problem.fix), max(e.end for e in problem.fix)
        if first <= start < last:
            end = last
        elif first == start == last:  # an insertion: the character it goes before
            end = min(start + 1, line_end)
    if end is None or end <= start:  # the rest of the line, less its trailing blanks
        text = buffer.read_line(line)[start - buffer.read_starts[line]:]
        end = start + len(text.rstrip())
    return start, max(end, start)


def _range(buffer: Buffer, start: int, end: int, encoding: str) -> types.Range:
    first, last = buffer.position_of_read(start, encoding), buffer.position_of_read(end, encoding)
    return types.Range(types.Position(first.line, first.character), types.Position(last.line, last.character))


def to_diagnostic(problem: Problem, buffer: Buffer, spans: dict[tuple[str, int], int], encoding: str,
                  *, root: Path | None = None, here: int | None = None) -> types.Diagnostic:
    """One problem of this post (``here``: the line to show a problem of another file at)."""
    related = None
    if here is not None:
        start = read_offset(buffer, here, 1)
        end = start + len(buffer.read_line(here - 1).rstrip()) if 0 < here <= len(buffer.read_starts) else start
        where = Path(root or ".") / problem.path
        related = [types.DiagnosticRelatedInformation(
            types.Location(where.as_uri(), types.Range(types.Position(problem.line - 1, problem.column - 1),
                                                       types.Position(problem.line - 1, problem.column - 1))),
            f"{problem.path}:{problem.line}")]
    else:
        start, end = span(problem, buffer, spans)
    return types.Diagnostic(range=_range(buffer, start, end, encoding), message=problem.message,
                            severity=SEVERITY.get(problem.level, types.DiagnosticSeverity.Information),
                            code=problem.code, source=SOURCE, related_information=related,
                            data={"name": problem.name})


def diagnostics(path: str, problems: Iterable[Problem], buffer: Buffer, spans: dict[tuple[str, int], int],
                encoding: str, *, publish_line: int = 1, root: Path | None = None) -> list[types.Diagnostic]:
    """The diagnostics of the post at ``path``: its own problems, and the others that name it."""
    found = []
    for problem in problems:
        if problem.path == path:
            found.append(to_diagnostic(problem, buffer, spans, encoding))
        elif path in problem.related:
            found.append(to_diagnostic(problem, buffer, spans, encoding, root=root, here=publish_line))
    return found


def note(message: str, line: int, buffer: Buffer, encoding: str) -> types.Diagnostic:
    """A hint of the server's own (collection rules left out), at ``line`` (1-based)."""
    start = read_offset(buffer, line, 1)
    return types.Diagnostic(range=_range(buffer, start, start, encoding), message=message,
                            severity=types.DiagnosticSeverity.Hint, source=SOURCE)
