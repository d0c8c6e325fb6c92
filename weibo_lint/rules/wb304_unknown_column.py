"""A post names a column that has no file in ``columns/``.

Why: without its column a post has no template, topic or cadence.

Bad: ``column: daily-questoin``

Good: ``column: daily-question`` (``columns/daily-question.yaml`` exists)

Options: none.
"""
from __future__ import annotations

from weibo_lint.problem import Finding
from weibo_lint.schema import did_you_mean

CODE = "WB304"
NAME = "unknown-column"
SCOPE = "post"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB304` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """帖子指定的栏目在 ``columns/`` 里没有对应的文件。

为什么：没有栏目，帖子就没有模板、话题和发布频率。

错误示例：``column: daily-questoin``

正确示例：``column: daily-question``（``columns/daily-question.yaml`` 存在）

选项：无。
"""


def check(context, options):
    post = context.post
    if post.column and context.column is None:
        hint = did_you_mean(post.column, context.known_columns)
        yield Finding(f"no column {post.column!r} in columns/{hint}", line=post.line_of("column"))
