"""A suppression comment that suppressed nothing.

Why: stale suppressions hide the next real problem on that line; remove them once the
text is fixed.

Bad: ``<!-- weibo-lint disable-next-line WB501 -->`` above a line with no absolute term.

Good: no directive where nothing needs suppressing.

Options: none.
"""
from __future__ import annotations

from weibo_lint.problem import Finding

CODE = "WB004"
NAME = "unused-directive"
SCOPE = "source"
LEVEL = "info"


def check(error, options):
    if error.code == CODE:
        yield Finding(error.message, line=error.line, column=error.column)
