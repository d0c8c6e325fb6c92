"""The rendered post is longer than its limit, counted exactly as Weibo counts.

The text counted is the one that will really be posted: Markdown flattened, the
column template applied. The limit is the column's ``limit`` if it sets one, else the
account's (140, or 2000 for long posts; ``share`` accounts are always 140).

Why: the API rejects an over-long post (error 20012) and the composer will not send it.

Bad: 150 Chinese characters on a 140 account.

Good: the same post cut to 140; links count 10 whatever their length.

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.i18n import _
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions, PostContext

CODE = "WB101"
NAME = "post-too-long"
SCOPE = "post"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB101` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """渲染后的帖子超过字数上限，完全按微博的算法计数。

计数的是真正会发出的文字：Markdown 转成纯文本，并套上栏目模板。上限取栏目的 ``limit``（如有），否则取账号的（140，长微博为 2000；``share`` 账号始终是 140）。

为什么：接口会拒绝超长的帖子（错误 20012），发布器也发不出去。

错误示例：140 字账号上的 150 个汉字。

正确示例：删到 140 字以内；链接无论多长都按 10 字计。

选项：无。
"""


def find(context: PostContext, options: NoOptions) -> Iterator[Finding]:
    count, rendered = context.length, context.rendered
    if count is None or rendered is None:
        return
    if count > context.limit:
        yield Finding(
            _("{count}/{limit} characters: cut {over} (counted on the rendered text, template included)")
            .format(count=count, limit=context.limit, over=count - context.limit),
            line=rendered.body_line(context.post),
        )
