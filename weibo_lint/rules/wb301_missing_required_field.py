"""A required field is missing: `column` in a post; `name` and `account` in a column file.

Applies to post front matter and column files alike.

Why: a post without its column has no template, account or cadence to be checked against,
and a column without a name or an account cannot be scheduled or published.

Bad: a post whose front matter has no ``column:``; a column file without ``account:``

Good: ``column: daily-question`` in the post; ``name: 每日一问`` and ``account: ceo`` in the column

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.problem import Finding
from weibo_lint.rules.base import ColumnContext, NoOptions, PostContext

CODE = "WB301"
NAME = "missing-required-field"
SCOPE = ("post", "column")
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB301` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """缺少必填字段：帖子里的 `column`；栏目文件里的 `name` 和 `account`。

帖子前言和栏目文件都适用。

为什么：没有栏目的帖子，就没有模板、账号和频率可以对照检查；没有名称或账号的栏目，无法排期也无法发布。

错误示例：前言里没有 ``column:`` 的帖子；没有 ``account:`` 的栏目文件

正确示例：帖子里写 ``column: daily-question``；栏目里写 ``name: 每日一问`` 和 ``account: ceo``

选项：无。
"""


def find(context: PostContext | ColumnContext, options: NoOptions) -> Iterator[Finding]:
    for issue in context.subject.issues:
        if issue.kind == "missing":
            yield Finding(issue.message, line=issue.line)
