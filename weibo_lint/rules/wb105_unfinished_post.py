"""An approved post that still holds what ``weibo-lint new`` put there to be replaced: its
placeholder text (「（待补充：…）」), an example link (``example.com``, ``example.org``,
``example.net``: names reserved for documentation, so never a brand's page, unless one of
the brand's own safe domains is one), or no body at all (only the column's template would be
posted).

Why: a draft approved too early would otherwise go out as 「【新品速递】（待补充：新品速递）」.

Bad: ``status: approved`` with the body ``（待补充：冬季新品）``

Good: ``status: approved`` with the text the post is meant to say.

Options: none.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from weibo_lint.entities import url_spans
from weibo_lint.i18n import _
from weibo_lint.links import domain_key, on_domain, url_host
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions, PostContext
from weibo_lint.schedule.scaffold import PLACEHOLDER

CODE = "WB105"
NAME = "unfinished-post"
SCOPE = "post"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB105` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """已批准的帖子里仍留着本该替换的内容。

即 ``weibo-lint new`` 写入的：占位文字（「（待补充：…）」）、示例链接（``example.com``、``example.org``、``example.net``：这些域名专供文档使用，不会是品牌的页面，除非品牌自己的安全域名就是其中之一），或者根本没有正文（只会发出栏目模板的内容）。

为什么：否则一条过早批准的草稿会以「【新品速递】（待补充：新品速递）」的样子发出去。

错误示例：``status: approved``，正文是 ``（待补充：冬季新品）``

正确示例：``status: approved``，正文是真正要说的话。

选项：无。
"""

EXAMPLE_DOMAINS = ("example.com", "example.org", "example.net")  # RFC 2606
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def is_example(host: str) -> bool:
    return any(on_domain(host, domain) for domain in EXAMPLE_DOMAINS)


def find(context: PostContext, options: NoOptions) -> Iterator[Finding]:
    post = context.post
    if post.status != "approved":
        return
    body = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), post.body)
    if not body.strip():
        yield Finding(_("approved, but the body is empty: only the column's template would be posted"),
                      line=post.body_line)
        return
    at = body.find(PLACEHOLDER)
    if at >= 0:
        yield Finding(_("approved, but it still holds the placeholder 「{placeholder}…」 that `weibo-lint new` "
                        "wrote: replace it with the post's text").format(placeholder=PLACEHOLDER), line=post.body_line + body.count("\n", 0, at))
    if any(is_example(domain_key(a.safe_domain)) for a in context.config.accounts.values() if a.safe_domain):
        return  # the brand itself lives on an example domain: a demonstration, like the bundled one
    link = post.meta.get("link")
    if isinstance(link, str) and is_example(url_host(link) or ""):
        yield Finding(_("approved, but its link {link} is an example address: give the real page").format(link=link),
                      line=post.line_of("link"))
    for start, end in url_spans(body):
        if is_example(url_host(body[start:end]) or ""):
            yield Finding(_("approved, but it links to an example address {link}: give the real page")
                          .format(link=body[start:end]),
                          line=post.body_line + body.count("\n", 0, start))
