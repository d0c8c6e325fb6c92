"""A ``share`` account's post has no link on the account's safe domain.

``statuses/share`` accepts a text only if it carries at least one URL on the app's
registered safe domain (安全域名, ``safe_domain`` in weibo.yaml); otherwise it fails with
``10017 text not find domain!``. A link counts if Weibo's own URL pattern finds it in
the rendered text (Markdown link targets and ``post.link`` placed by the template
included) and its host is the safe domain or a subdomain of it, compared as host names
are: case, ports, hyphens and internationalised names (``例子.中国`` is
``xn--fsqu00a.xn--fiqs8s``) as they should be. ``http://t.cn`` short links do not count:
Weibo cannot see where they lead.

Why: without the link the API call fails and the post is not published.

Bad: ``【新品速递】冬季限定拿铁上市`` from an account with ``safe_domain: www.example.com``

Good: ``【新品速递】冬季限定拿铁上市 详情 https://www.example.com/p/winter-latte``

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.entities import url_spans
from weibo_lint.i18n import _
from weibo_lint.links import domain_key, on_domain, url_host
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions, PostContext

CODE = "WB221"
NAME = "missing-safe-domain-link"
SCOPE = "post"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB221` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """``share`` 账号的帖子里没有指向该账号安全域名的链接。

``statuses/share`` 只接受至少带一个应用登记的安全域名（weibo.yaml 中的 ``safe_domain``）链接的正文，否则报错 ``10017 text not find domain!``。只要微博自己的网址规则能在渲染后的正文里找到该链接（包括 Markdown 链接和模板放进去的 ``post.link``），且主机是安全域名或其子域名，就算数；比较时按主机名的规则处理大小写、端口、连字符和国际化域名（``例子.中国`` 即 ``xn--fsqu00a.xn--fiqs8s``）。``http://t.cn`` 短链接不算：微博看不到它指向哪里。

为什么：没有这个链接，接口调用会失败，帖子发不出去。

错误示例：``safe_domain: www.example.com`` 的账号发 ``【新品速递】冬季限定拿铁上市``

正确示例：``【新品速递】冬季限定拿铁上市 详情 https://www.example.com/p/winter-latte``

选项：无。
"""

def hosts(text: str) -> list[str]:
    """The host of every URL Weibo finds in ``text``, lower-case ASCII."""
    found = []
    for start, end in url_spans(text):
        host = url_host(text[start:end])
        if host:
            found.append(host)
    return found


def find(context: PostContext, options: NoOptions) -> Iterator[Finding]:
    account = context.account
    if context.rendered is None or account is None or account.api != "share" or not account.safe_domain:
        return
    domain = domain_key(account.safe_domain)
    found = hosts(context.rendered.text)
    if any(on_domain(host, domain) for host in found):
        return
    post = context.post
    seen = _(" (links found on: {hosts})").format(hosts=", ".join(dict.fromkeys(found))) if found else ""
    line = post.line_of("link") if "link" in post.meta else post.body_line
    yield Finding(_("no link on the safe domain {domain} of account '{account}'{seen}: statuses/share fails "
                    "with 10017 'text not find domain!'").format(domain=domain, account=account.key, seen=seen),
                  line=line)
