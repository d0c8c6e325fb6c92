"""An ``@`` followed by a nickname that cannot exist.

Weibo links ``@`` and the nickname characters after it (CJK, Latin letters, digits,
``_``, ``-``); the mention ends at the first other character. A nickname weighs 4 to 30,
a CJK character counting 2 (so 2 to 15 Chinese characters, or 4 to 30 Latin ones).
Reported: an ``@`` with no nickname after it (``@ 星河咖啡``: the space ends it), and a
nickname too short or too long, which usually means the text right after the name was
swallowed into it (``@星河咖啡的冬季新品试饮券送给你们``).

Not mentions, never reported: e-mail addresses (``hi@example.com``), an ``@`` right
after a Latin letter, digit or ``.``, and an ``@`` inside a URL. Repost chains
``//@昵称:`` are ordinary mentions.

Why: a broken mention notifies nobody, or links a stranger whose name happens to match.

Bad: ``感谢 @ 星河咖啡``, ``@abc``, ``@星河咖啡的冬季新品试饮券送给前三位朋友``

Good: ``感谢 @星河咖啡 的伙伴``, ``//@星河咖啡:转发``, ``写信到 hi@example.com``

Options:

- ``min_weight`` (default 4) and ``max_weight`` (default 30): the nickname weight range,
  CJK counting 2. Sina's registration rules say 4–30; no API documents it, hence options.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from weibo_lint.entities import covered, nickname_weight, url_spans
from weibo_lint.i18n import _
from weibo_lint.problem import Finding
from weibo_lint.rules.base import PostContext

CODE = "WB211"
NAME = "invalid-mention"
SCOPE = "post"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB211` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """「@」后面跟着一个不可能存在的昵称。

微博会链接 ``@`` 和其后的昵称字符（汉字、拉丁字母、数字、``_``、``-``），遇到其他字符就结束。昵称长度为 4 到 30，一个汉字算 2（即 2 到 15 个汉字，或 4 到 30 个拉丁字符）。会报告：``@`` 后面没有昵称（``@ 星河咖啡``：空格让它结束了），以及太短或太长的昵称——太长通常说明昵称后面的文字被吞了进去（``@星河咖啡的冬季新品试饮券送给你们``）。

不是提及、不会报告：电子邮件地址（``hi@example.com``）、紧跟在拉丁字母、数字或 ``.`` 后的 ``@``、网址里的 ``@``。转发链 ``//@昵称:`` 是普通的提及。

为什么：错误的提及不会通知任何人，或者链接到一个恰好同名的陌生人。

错误示例：``感谢 @ 星河咖啡``、``@abc``

正确示例：``感谢 @星河咖啡 的伙伴``、``//@星河咖啡:转发``

选项：``min_weight``（默认 4）和 ``max_weight``（默认 30）：昵称长度范围，一个汉字算 2。
"""

# The nickname characters of Weibo's own mention pattern (docs/platform.md §3.3), any length:
# a run longer than 30 is reported instead of silently cut.
_NICKNAME_RE = re.compile(r"[\u4e00-\u9fa5A-Za-z0-9_-]*")
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_NOT_AFTER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.")
_SHOWN = 24  # characters of a long nickname to quote in the message


@dataclass(frozen=True)
class Options:
    min_weight: int = 4
    max_weight: int = 30

    def __post_init__(self) -> None:
        if self.min_weight > self.max_weight:
            raise ValueError(f"option 'min_weight' ({self.min_weight}) is above 'max_weight' ({self.max_weight})")


def find(context: PostContext, options: Options) -> Iterator[Finding]:
    if context.rendered is None or "@" not in context.rendered.text:
        return
    text = context.rendered.text
    skip = covered([*url_spans(text), *(m.span() for m in _EMAIL_RE.finditer(text))])
    at = text.find("@")
    while at >= 0:
        if not (at > 0 and text[at - 1] in _NOT_AFTER) and not skip(at):
            message = _problem(text, at, options)
            if message:
                yield Finding(message[1], rendered=(at, message[0]))
        at = text.find("@", at + 1)


def _problem(text: str, at: int, options: Options) -> tuple[int, str] | None:
    """(end of the mention, message) if the mention at ``at`` is impossible."""
    match = _NICKNAME_RE.match(text, at + 1)
    name = match.group(0) if match else ""
    end = at + 1 + len(name)
    if not name:
        following = text[at + 1:at + 2]
        hint = _(" (remove the space after '@')") if following in (" ", "\u3000") else ""
        return at + 1, _("'@' is followed by no nickname{hint}").format(hint=hint)
    weight = nickname_weight(name)
    shown = name if len(name) <= _SHOWN else name[:_SHOWN] + "…"
    limits = _("nicknames weigh {low}–{high}, a CJK character counting 2").format(
        low=options.min_weight, high=options.max_weight)
    if weight < options.min_weight:
        return end, _("'@{name}' is too short for a nickname (weight {weight}): {limits}").format(
            name=shown, weight=weight, limits=limits)
    if weight > options.max_weight:
        return end, _("'@{name}' is too long for a nickname (weight {weight}): {limits}; end the nickname with "
                      "a space or punctuation").format(name=shown, weight=weight, limits=limits)
    return None
