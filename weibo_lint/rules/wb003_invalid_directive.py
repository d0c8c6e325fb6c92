"""A suppression comment that is malformed or names a rule that does not exist.

Why: a typo in a directive silently suppresses nothing; say so.

Bad: ``<!-- weibo-lint disabel-next-line WB501 -->``, ``<!-- weibo-lint disable WB999 -->``

Good: ``<!-- weibo-lint disable-next-line WB501 -->``

Options: none.
"""
from __future__ import annotations

from weibo_lint.problem import Finding

CODE = "WB003"
NAME = "invalid-directive"
SCOPE = "source"
LEVEL = "error"


def check(error, options):
    if error.code == CODE:
        yield Finding(error.message, line=error.line, column=error.column)
