"""Front matter that cannot be read: missing ``---`` delimiters, YAML syntax errors
(reported at their line), aliases, a key given twice (YAML would silently keep the last:
``status: draft`` then ``status: approved`` reads as approved; reported at the second), a
number too long to read, or something other than a mapping. Two slips of a Chinese input
method are named as such: a key followed by a full-width colon (``status：approved``: "use a
half-width ':'"), and a value holding ``: `` left unquoted (``title: 新品: 冬季``: "put the
value in quotes").

Why: without front matter a post has no column, time or status; the file is reported
and every other file is still checked. Column files are held to the same YAML rules.

Bad::

    ---
    column: [daily-question
    ---

Good::

    ---
    column: daily-question
    ---

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.frontmatter import SourceError
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions

CODE = "WB002"
NAME = "invalid-front-matter"
SCOPE = "source"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB002` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """无法读取的前言（front matter）。

可能是：缺少 ``---`` 分隔线、YAML 语法错误（报告在出错的行）、别名、重复的键（YAML 会悄悄保留最后一个：先写 ``status: draft`` 再写 ``status: approved`` 会被当作已批准；报告在第二个键上）、长得无法读取的数字，或者不是键值映射。

为什么：没有前言，帖子就没有栏目、时间和状态；该文件会被报告，其他文件照常检查。栏目文件遵循同样的 YAML 规则。

错误示例：``column: [daily-question``（缺少右括号）

正确示例：``column: daily-question``

选项：无。
"""


def find(error: SourceError, options: NoOptions) -> Iterator[Finding]:
    if error.code == CODE:
        yield Finding(error.message, line=error.line, column=error.column)
