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

from weibo_lint.problem import Finding
from weibo_lint.i18n import N_, _

CODE = "WB504"
NAME = "unsupported-markdown"
SCOPE = "post"
LEVEL = "warning"

_EFFECT = {
    "heading": N_("a heading: Weibo shows it as an ordinary line; use 【…】 or a plain line"),
    "table": N_("a table: Weibo runs its cells together; use a list"),
    "code block": N_("a code block: Weibo posts it as plain lines without its layout"),
    "HTML": N_("raw HTML: it is dropped from the post; write plain text or Markdown instead"),
}


def check(context, options):
    if context.rendered is None:
        return
    post = context.post
    for item in context.rendered.flat.unsupported:
        offset = min(post.body_offset + item.offset, len(post.text))
        line_start = post.text.rfind("\n", 0, offset) + 1
        effect = _EFFECT.get(item.kind)
        yield Finding(_(effect) if effect else _("{kind}: Weibo cannot show it").format(kind=item.kind),
                      line=post.text.count("\n", 0, offset) + 1, column=offset - line_start + 1)
