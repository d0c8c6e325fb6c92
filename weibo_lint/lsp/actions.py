"""Quick fixes: the edits ``weibo-lint fix`` makes, as LSP code actions.

Each fixable problem under the cursor offers its own edits (one pass of ``fix``); "fix all"
offers what ``weibo-lint fix`` would write for the whole buffer (``fixer.fix_post``, every
pass), as one edit of the span that changed. Offsets are the linter's (no BOM, LF); a line
end an edit inserts takes the buffer's style, as ``fix`` keeps the file's.
"""
from __future__ import annotations

from collections.abc import Iterable

from lsprotocol import types

from weibo_lint.engine import Env
from weibo_lint.fixer import fix_post
from weibo_lint.i18n import _
from weibo_lint.lsp.positions import Buffer
from weibo_lint.problem import Edit, Problem

FIX_ALL = types.CodeActionKind.SourceFixAll.value + ".weibo-lint"


def _crlf(buffer: Buffer) -> bool:
    breaks = buffer.text.count("\n") + buffer.text.count("\r") - buffer.text.count("\r\n")
    return breaks > 0 and buffer.text.count("\r\n") == breaks


def text_edit(edit: Edit, buffer: Buffer, encoding: str) -> types.TextEdit:
    start, end = buffer.position_of_read(edit.start, encoding), buffer.position_of_read(edit.end, encoding)
    text = edit.text.replace("\n", "\r\n") if _crlf(buffer) else edit.text
    return types.TextEdit(types.Range(types.Position(start.line, start.character),
                                      types.Position(end.line, end.character)), text)


def quick_fixes(uri: str, problems: Iterable[tuple[Problem, types.Diagnostic]], fixable: frozenset[str],
                buffer: Buffer, encoding: str) -> list[types.CodeAction]:
    """A code action for each fixable problem given (with its diagnostic)."""
    actions = []
    for problem, diagnostic in problems:
        if problem.code not in fixable or not problem.fix:
            continue
        edits = [text_edit(edit, buffer, encoding) for edit in sorted(problem.fix, key=lambda e: (e.start, e.end))]
        actions.append(types.CodeAction(
            title=_("Fix {code} ({name}): {message}").format(code=problem.code, name=problem.name,
                                                            message=problem.message),
            kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], is_preferred=True,
            edit=types.WorkspaceEdit(changes={uri: edits})))
    return actions


def changed_span(before: str, after: str) -> tuple[int, int, str]:
    """``before[start:end]`` replaced by the returned text gives ``after`` (the smallest such span)."""
    limit = min(len(before), len(after))
    head = 0
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < limit - head and before[len(before) - 1 - tail] == after[len(after) - 1 - tail]:
        tail += 1
    return head, len(before) - tail, after[head:len(after) - tail]


def fix_all(uri: str, path: str, buffer: Buffer, env: Env, fixable: frozenset[str],
            encoding: str) -> types.CodeAction | None:
    """What ``weibo-lint fix`` would make of the buffer, as one code action (None: nothing)."""
    fixed = fix_post(path, buffer.text, env, fixable)
    if fixed.after == buffer.text:
        return None
    start, end, text = changed_span(buffer.text, fixed.after)
    first, last = buffer.position_of(start, encoding), buffer.position_of(end, encoding)
    count = sum(fixed.fixed.values())
    edit = types.TextEdit(types.Range(types.Position(first.line, first.character),
                                      types.Position(last.line, last.character)), text)
    return types.CodeAction(title=_("Fix all {count} fixable problems (as weibo-lint fix)").format(count=count),
                            kind=FIX_ALL, edit=types.WorkspaceEdit(changes={uri: [edit]}))
