"""A long post: the feed shows only its first 140 characters, then 「全文」.

Why: most readers see only the start in their feed; make sure it carries the message.

Bad: the key offer in the 200th character of a long post.

Good: the key offer in the first 140.

Options: ``fold`` (default 140) — where the feed folds.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from weibo_lint.i18n import _
from weibo_lint.problem import Finding
from weibo_lint.rules.base import PostContext

CODE = "WB103"
NAME = "folded-in-feed"
SCOPE = "post"
LEVEL = "info"

# The documentation in Simplified Chinese (`weibo-lint rules WB103` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """长微博：信息流只显示前 140 字，然后是「全文」。

为什么：大多数读者在信息流里只看到开头；要确保开头就把话说清楚。

错误示例：关键优惠写在长微博的第 200 个字。

正确示例：关键优惠放在前 140 字内。

选项：``fold``（默认 140）——信息流折叠的位置。
"""


@dataclass(frozen=True)
class Options:
    fold: int = 140


def find(context: PostContext, options: Options) -> Iterator[Finding]:
    count, rendered = context.length, context.rendered
    if count is None or rendered is None:
        return
    if options.fold < count <= context.limit:
        yield Finding(_("{count} characters: the feed shows only the first {fold}, then 「全文」")
                      .format(count=count, fold=options.fold),
                      line=rendered.body_line(context.post))
