"""A field of the wrong type or with an impossible value: a bad date, an unknown status, a link that is not a URL.

Applies to post front matter and column files alike.

Why: a wrong value keeps a post from being scheduled or published, and no other tool says so.

Bad: ``status: ready``, ``publish_at: 2026-13-45 10:00``

Good: ``status: approved``, ``publish_at: 2026-12-01 10:00``

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.problem import Finding
from weibo_lint.rules.base import ColumnContext, NoOptions, PostContext

CODE = "WB303"
NAME = "invalid-field-value"
SCOPE = ("post", "column")
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB303` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """字段类型错误或值不可能：错误的日期、未知的状态、不是网址的链接。

帖子前言和栏目文件都适用。

为什么：错误的值会让帖子无法排期或发布，而别的工具不会告诉你。

错误示例：``status: ready``、``publish_at: 2026-13-45 10:00``

正确示例：``status: approved``、``publish_at: 2026-12-01 10:00``

选项：无。
"""


def find(context: PostContext | ColumnContext, options: NoOptions) -> Iterator[Finding]:
    for issue in context.subject.issues:
        if issue.kind == "invalid":
            yield Finding(issue.message, line=issue.line)
