"""A suppression comment that suppressed nothing.

Why: stale suppressions hide the next real problem on that line; remove them once the
text is fixed.

Bad: ``<!-- weibo-lint disable-next-line WB501 -->`` above a line with no absolute term.

Good: no directive where nothing needs suppressing.

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.directives import DirectiveProblem
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions

CODE = "WB004"
NAME = "unused-directive"
SCOPE = "source"
LEVEL = "info"

# The documentation in Simplified Chinese (`weibo-lint rules WB004` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """没有屏蔽任何问题的屏蔽注释。

为什么：过时的屏蔽会把这一行下一个真正的问题藏起来；文字改好后就删掉它。

错误示例：在一行没有极限词的文字上方写 ``<!-- weibo-lint disable-next-line WB501 -->``。

正确示例：不需要屏蔽的地方不写指令。

选项：无。
"""


def find(error: DirectiveProblem, options: NoOptions) -> Iterator[Finding]:
    if error.code == CODE:
        yield Finding(error.message, line=error.line, column=error.column)
