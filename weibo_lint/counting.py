"""Weibo's character count, exactly as Sina's web composer counts it.

Source: Sina's STK counter ``common.editor.plugin.count`` (see docs/platform.md §1):
URLs are charged a fixed 10 (20 bytes), the rest counts one byte per UTF-16 code
unit at or below U+00FF and two above it, and the total is half the bytes, rounded up.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Sina's pattern is ``(http|https)://[a-zA-Z0-9]+(\.[a-zA-Z0-9]+)+([-A-Za-z0-9_$.+!*()/,:;@&=?~#%]*)*``.
# The trailing ``(...*)*`` matches exactly what a single ``[...]*`` matches, so we use the
# flat form: same matches, no nested quantifier for the regex engine to backtrack through.
URL_RE = re.compile(
    r"(?:http|https)://[a-zA-Z0-9]+(?:\.[a-zA-Z0-9]+)+[-A-Za-z0-9_$.+!*()/,:;@&=?~#%]*",
    re.IGNORECASE,
)
_WEIBO_HOSTS = ("http://t.sina.com.cn", "http://t.sina.cn", "http://weibo.com", "http://weibo.cn")
_LITERAL_PREFIX = "http://t.cn"

#: Bytes an astral character (a UTF-16 surrogate pair) weighs by default: two code units of 2.
DEFAULT_ASTRAL_BYTES = 4


@dataclass(frozen=True)
class UrlCharge:
    """One URL found by the counter and the bytes it is charged."""

    start: int
    end: int
    url: str
    bytes: int
    literal: bool  # left in the text and counted as text (``http://t.cn`` links)


def _text_bytes(text: str, astral_bytes: int) -> int:
    units = len(text.encode("utf-16-le")) // 2
    narrow = len(text.encode("latin-1", "ignore"))  # characters at or below U+00FF
    astral = units - len(text)
    return 2 * units - narrow + astral * (astral_bytes - 4)


def url_charges(text: str, astral_bytes: int = DEFAULT_ASTRAL_BYTES) -> list[UrlCharge]:
    """The URLs Weibo's counter sees in ``text``, each with its charge in bytes."""
    charges = []
    for match in URL_RE.finditer(text):
        url = match.group(0)
        size = _text_bytes(url, astral_bytes)
        if url.startswith(_LITERAL_PREFIX):
            charge, literal = size, True
        elif url.startswith(_WEIBO_HOSTS):
            charge = size if size <= 41 else 20 if size <= 140 else size - 120
            literal = False
        else:
            charge = 20 if size <= 140 else size - 120
            literal = False
        charges.append(UrlCharge(match.start(), match.end(), url, charge, literal))
    return charges


def weibo_length(text: str, *, astral_bytes: int = DEFAULT_ASTRAL_BYTES) -> int:
    """Count ``text`` the way Weibo does (0 for blank text).

    ``astral_bytes`` is the weight of a character outside the BMP in bytes (default 4,
    i.e. 2 字): no source says what today's apps charge for emoji, so it is a setting.
    """
    text = text.replace("\r\n", "\n")
    if not text.strip():
        return 0
    total = 0
    rest = []
    cursor = 0
    for charge in url_charges(text, astral_bytes):
        if charge.literal:
            continue  # stays in the text and is counted with it
        total += charge.bytes
        rest.append(text[cursor:charge.start])
        cursor = charge.end
    rest.append(text[cursor:])
    total += _text_bytes("".join(rest), astral_bytes)
    return -(-total // 2)
