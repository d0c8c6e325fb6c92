"""A field that no post or column uses, usually a typo; the message suggests the closest known key.

Applies to post front matter and column files alike.

Why: a typo in front matter is silently ignored by every other tool; here it is an
error, so `pubish_at` never leaves a post unscheduled.

Bad: ``pubish_at: 2026-12-01 10:00``

Good: ``publish_at: 2026-12-01 10:00``

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.problem import Finding
from weibo_lint.rules.base import ColumnContext, NoOptions, PostContext

CODE = "WB302"
NAME = "unknown-field"
SCOPE = ("post", "column")
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB302` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """没有任何帖子或栏目使用的字段，通常是拼写错误；提示会给出最接近的已知字段。

帖子前言和栏目文件都适用。

为什么：前言里的拼写错误在别的工具里会被悄悄忽略；这里它是错误，所以 `pubish_at` 不会让一条帖子悄悄失去排期。

错误示例：``pubish_at: 2026-12-01 10:00``

正确示例：``publish_at: 2026-12-01 10:00``

选项：无。
"""


def find(context: PostContext | ColumnContext, options: NoOptions) -> Iterator[Finding]:
    for issue in context.subject.issues:
        if issue.kind == "unknown":
            yield Finding(issue.message, line=issue.line)
