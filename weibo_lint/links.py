"""Hosts and domains of links, as real brands have them: hyphens, ports, upper case,
subdomains, internationalised names (``例子.中国`` and ``xn--fsqu00a.xn--fiqs8s`` are one
domain). Pure; shared by WB221 and the sandbox's check of ``statuses/share``.

Which text is a link at all is Weibo's URL pattern (:data:`weibo_lint.counting.URL_RE`);
this module only reads the host out of what it matched.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def ascii_domain(name: str) -> str:
    """A host or domain in its lower-case ASCII form (IDNA for non-ASCII labels)."""
    name = name.strip().rstrip(".").lower()
    if name.isascii():
        return name
    try:
        return name.encode("idna").decode("ascii")
    except UnicodeError:
        return name


def domain_key(domain: str) -> str:
    """``https://WWW.Example-Shop.com:8443/p`` → ``www.example-shop.com``: weibo.yaml may hold
    a URL or a host with a port."""
    domain = _SCHEME.sub("", domain.strip())
    host = domain.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    host = host.rsplit("@", 1)[-1]
    if host.count(":") == 1:
        host = host.split(":", 1)[0]
    return ascii_domain(host)


def url_host(url: str) -> str | None:
    """The host of a URL Weibo's pattern matched, ASCII lower case; None when it has none."""
    try:
        host = urlsplit(url).hostname
    except ValueError:  # an impossible port or bracket: no host Weibo could link to
        return None
    return ascii_domain(host) if host else None


def on_domain(host: str, domain: str) -> bool:
    """Whether ``host`` is ``domain`` or one of its subdomains (both as :func:`domain_key` gives)."""
    return bool(domain) and (host == domain or host.endswith("." + domain))
