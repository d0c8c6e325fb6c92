"""A ``share`` account's post has no link on the account's safe domain.

``statuses/share`` accepts a text only if it carries at least one URL on the app's
registered safe domain (安全域名, ``safe_domain`` in weibo.yaml); otherwise it fails with
``10017 text not find domain!``. A link counts if Weibo's own URL pattern finds it in
the rendered text (Markdown link targets and ``post.link`` placed by the template
included) and its host is the safe domain or a subdomain of it. ``http://t.cn`` short
links do not count: Weibo cannot see where they lead.

Why: without the link the API call fails and the post is not published.

Bad: ``【新品速递】冬季限定拿铁上市`` from an account with ``safe_domain: www.example.com``

Good: ``【新品速递】冬季限定拿铁上市 详情 https://www.example.com/p/winter-latte``

Options: none.
"""
from __future__ import annotations

import re

from weibo_lint.problem import Finding
from weibo_lint.entities import url_spans

CODE = "WB221"
NAME = "missing-safe-domain-link"
SCOPE = "post"
LEVEL = "error"

# The host part of a URL as Weibo's URL pattern (counting.URL_RE) reads it.
_HOST_RE = re.compile(r"https?://([a-zA-Z0-9]+(?:\.[a-zA-Z0-9]+)+)", re.IGNORECASE)


def normal_domain(domain: str) -> str:
    """``https://WWW.Example.com/`` → ``www.example.com``: weibo.yaml may hold a URL."""
    domain = domain.strip().lower()
    domain = re.sub(r"^[a-z][a-z0-9+.-]*://", "", domain)
    return domain.split("/", 1)[0].split(":", 1)[0].rstrip(".")


def hosts(text: str) -> list[str]:
    """The host of every URL Weibo finds in ``text``, lower case."""
    found = []
    for start, end in url_spans(text):
        host = _HOST_RE.match(text, start, end)
        if host:
            found.append(host.group(1).lower().rstrip("."))
    return found


def on_domain(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def check(context, options):
    account = context.account
    if context.rendered is None or account is None or account.api != "share" or not account.safe_domain:
        return
    domain = normal_domain(account.safe_domain)
    found = hosts(context.rendered.text)
    if any(on_domain(host, domain) for host in found):
        return
    post = context.post
    seen = f" (links found on: {', '.join(dict.fromkeys(found))})" if found else ""
    line = post.line_of("link") if "link" in post.meta else post.body_line
    yield Finding(f"no link on the safe domain {domain} of account '{account.key}'{seen}: "
                  f"statuses/share fails with 10017 'text not find domain!'", line=line)
