"""What Weibo refuses in a post's text and picture (docs/platform.md §2, §3)."""
from __future__ import annotations

import re

from weibo_lint.counting import URL_RE, weibo_length
from weibo_lint.links import domain_key, on_domain, url_host
from weibo_lint.sandbox.errors import WeiboError

SHORT_LIMIT = 140
LONG_LIMIT = 2000  # update.json with is_longtext=1
PICTURE_LIMIT = 5 * 1024 * 1024  # pictures of 5 MB or more are refused (20006)

# share.json refuses topics: two half-width # with something between. Taken literally, as
# the sheet gives it, so a # inside a URL counts too: stricter than lenient, never laxer.
TOPIC_RE = re.compile(r"#[^#]+#")

# The emulator tells picture types apart on its own, not with weibo-lint's sniffer: a mistake
# there must show as a difference between the linter and "Weibo", not be shared by both.
_MAGIC = ((b"\xff\xd8\xff", "jpeg"), (b"\x89PNG\r\n\x1a\n", "png"), (b"GIF87a", "gif"), (b"GIF89a", "gif"))


def check_length(text: str, limit: int) -> None:
    """20008 for blank text, 20012 past ``limit`` as Weibo counts (weibo_lint.counting)."""
    length = weibo_length(text)
    if length == 0:
        raise WeiboError(20008)
    if length > limit:
        message = f"Text too long, please input text less than {limit} characters!"
        raise WeiboError(20012, message)


def check_share_text(text: str, safe_domains: tuple[str, ...]) -> None:
    """share.json's own rules: no topic, and a link on a safe domain (any link if none set)."""
    if TOPIC_RE.search(text):
        raise WeiboError(10017, "text not allowed #话题词#!")
    if not any(_on_safe_domain(m.group(0), safe_domains) for m in URL_RE.finditer(text)):
        raise WeiboError(10017, "text not find domain!")


def _on_safe_domain(url: str, safe_domains: tuple[str, ...]) -> bool:
    if not safe_domains:
        return True
    host = url_host(url) or ""
    return any(on_domain(host, domain_key(domain)) for domain in safe_domains)


def picture_type(data: bytes) -> str:
    """``jpeg``, ``png`` or ``gif`` from the magic bytes; 20005 otherwise, 20006 if 5 MB or more."""
    kind = next((name for magic, name in _MAGIC if data.startswith(magic)), None)
    if kind is None:
        raise WeiboError(20005)
    if len(data) >= PICTURE_LIMIT:
        raise WeiboError(20006)
    return kind
