"""Markdown that Weibo cannot show: a heading, a table, a code block, raw HTML.

Weibo posts plain text. weibo-lint flattens what has a plain-text form (emphasis,
links, lists, pictures); these do not have one, so the post would not look as written:
a heading becomes an ordinary line, a table's cells run together, a code block loses
its layout, and raw HTML is dropped from the text altogether. HTML comments (notes,
``weibo-lint`` directives) are fine: they never reach the post.

Why: what the writer sees in the Markdown preview is not what Weibo will show.

Bad: ``## 本周新品``, a ``| 饮品 | 价格 |`` table, a fenced code block, ``<b>限定</b>``

Good: ``【本周新品】`` on its own line, a list (``- 拿铁 28 元``), ``**限定**``

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.i18n import N_, _
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions, PostContext

CODE = "WB504"
NAME = "unsupported-markdown"
SCOPE = "post"
LEVEL = "warning"

# The documentation in Simplified Chinese (`weibo-lint rules WB504` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """微博无法显示的 Markdown：标题、表格、代码块、HTML。

微博发的是纯文本。weibo-lint 会把有纯文本形式的 Markdown（强调、链接、列表、图片）转换过去；这些没有，所以帖子不会是写的样子：标题变成普通的一行，表格的单元格连成一串，代码块失去格式，HTML 则整个被丢掉。HTML 注释（备注、``weibo-lint`` 指令）没有问题：它们不会进入帖子。

为什么：作者在 Markdown 预览里看到的，不是微博会显示的。

错误示例：``## 本周新品``、``| 饮品 | 价格 |`` 表格、代码块、``<b>限定</b>``

正确示例：单独一行的 ``【本周新品】``、列表（``- 拿铁 28 元``）、``**限定**``

选项：无。
"""

_EFFECT = {
    "heading": N_("a heading: Weibo shows it as an ordinary line; use 【…】 or a plain line"),
    "table": N_("a table: Weibo runs its cells together; use a list"),
    "code block": N_("a code block: Weibo posts it as plain lines without its layout"),
    "HTML": N_("raw HTML: it is dropped from the post; write plain text or Markdown instead"),
}


def find(context: PostContext, options: NoOptions) -> Iterator[Finding]:
    if context.rendered is None:
        return
    post = context.post
    for item in context.rendered.flat.unsupported:
        offset = min(post.body_offset + item.offset, len(post.text))
        line_start = post.text.rfind("\n", 0, offset) + 1
        effect = _EFFECT.get(item.kind)
        yield Finding(_(effect) if effect else _("{kind}: Weibo cannot show it").format(kind=item.kind),
                      line=post.text.count("\n", 0, offset) + 1, column=offset - line_start + 1)
