"""A suppression comment that is malformed or names a rule that does not exist.

Why: a typo in a directive silently suppresses nothing; say so.

Bad: ``<!-- weibo-lint disabel-next-line WB501 -->``, ``<!-- weibo-lint disable WB999 -->``

Good: ``<!-- weibo-lint disable-next-line WB501 -->``

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.directives import DirectiveProblem
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions

CODE = "WB003"
NAME = "invalid-directive"
SCOPE = "source"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB003` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """格式错误、或指向不存在规则的屏蔽注释。

为什么：指令里的拼写错误会让它什么也不屏蔽，却没人知道。

错误示例：``<!-- weibo-lint disabel-next-line WB501 -->``、``<!-- weibo-lint disable WB999 -->``

正确示例：``<!-- weibo-lint disable-next-line WB501 -->``

选项：无。
"""


def find(error: DirectiveProblem, options: NoOptions) -> Iterator[Finding]:
    if error.code == CODE:
        yield Finding(error.message, line=error.line, column=error.column)
