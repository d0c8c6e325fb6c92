"""An absolute term (极限词) such as 「最好」「第一」「全网最低价」 in the post.

Advertising Law of the PRC, Art. 9(3): an advertisement may not use 「国家级」「最高级」
「最佳」 or similar terms. The rule checks the rendered text (template included) against
a list of such terms shipped with weibo-lint (``weibo_lint/data/absolute-terms.txt``),
and reports every occurrence with the term it found.

Matching is word-aware, without a segmentation library: at each position the longest
entry of the term list or of the allow-list (``absolute-terms-allow.txt``: ordinary words
such as 「最近」「最后」「第一次」) wins, and allowed words are not reported. So 「最后一天」
passes (「最后」 is allowed) while 「最好的手机」 fails (「最好」 is a term). Latin terms
(``TOP1``, ``NO.1``) match in any case, as whole words only. Text inside URLs and
``@nicknames`` is not checked.

Why: absolute claims in an ad are fined (from 200,000 yuan); a brand account's posts are
ads, and a platform may take the post down.

Bad: 「全网最低价」, 「最好的手机」, 「销量第一」, 「100% 纯天然」

Good: 「最近上新」, 「活动最后一天」, 「第一次喝手冲」, 「好喝又实惠」

Options:

- ``terms``: more terms to report, e.g. ``[史上最强, 秒杀]``.
- ``allow``: more ordinary words to let through, e.g. ``[最美乡村]`` (a place's name).
- ``replace_defaults`` (default false): use only ``terms`` and ``allow``, not the shipped lists.

For one sentence, suppress it in the Markdown:
``<!-- weibo-lint disable-next-line WB501 -->``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from weibo_lint.entities import MENTION_RE
from weibo_lint.problem import Finding
from weibo_lint.entities import covered, url_spans
from weibo_lint.i18n import _

CODE = "WB501"
NAME = "absolute-term"
SCOPE = "post"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB501` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """帖子里有极限词，例如「最好」「第一」「全网最低价」。

《广告法》第九条第三项：广告不得使用「国家级」「最高级」「最佳」等用语。本规则用 weibo-lint 自带的极限词表（``weibo_lint/data/absolute-terms.txt``）检查渲染后的正文（含模板），报告每一处出现及找到的词。

匹配会考虑词语边界，不依赖分词库：每个位置上，极限词表或允许词表（``absolute-terms-allow.txt``：「最近」「最后」「第一次」等普通词）中最长的条目优先，允许的词不报告。所以「最后一天」可以（「最后」是允许词），而「最好的手机」不行（「最好」是极限词）。拉丁字母词（``TOP1``、``NO.1``）不区分大小写、只匹配整词。网址和 ``@昵称`` 中的文字不检查。

为什么：广告中的绝对化用语会被罚款（二十万元起）；品牌账号的帖子就是广告。

错误示例：``全网最低价，买到就是赚到``

正确示例：``限时优惠，买到就是赚到``

选项：

- ``terms``：额外要报告的词，例如 ``[史上最强, 秒杀]``。
- ``allow``：额外放行的普通词，例如 ``[最美乡村]``（地名）。
- ``replace_defaults``（默认 false）：只用 ``terms`` 和 ``allow``，不用自带的词表。

只想放过一句话时，在 Markdown 里屏蔽它：``<!-- weibo-lint disable-next-line WB501 -->``。
"""

TERMS_FILE = "absolute-terms.txt"
ALLOW_FILE = "absolute-terms-allow.txt"
# For the rare text that str.lower() makes longer (İ → i̇): offsets must hold, so only
# ASCII is lowered then.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


@dataclass(frozen=True)
class Options:
    terms: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    replace_defaults: bool = False

    def __post_init__(self) -> None:
        for name in ("terms", "allow"):
            for word in getattr(self, name):
                if not isinstance(word, str) or not word.strip() or "\n" in word:
                    raise ValueError(f"rule {CODE} ({NAME}) option {name!r} must list words (non-empty "
                                     f"texts on one line), got {word!r}")


def read_word_list(text: str) -> tuple[str, ...]:
    """One word per line; blank lines and lines starting with '#' are skipped."""
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))


@lru_cache(maxsize=1)
def default_lists() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The shipped term list and allow-list, read once."""
    data = resources.files("weibo_lint") / "data"
    return (read_word_list((data / TERMS_FILE).read_text("utf-8")),
            read_word_list((data / ALLOW_FILE).read_text("utf-8")))


def _trie_pattern(words: set[str]) -> str:
    """One regex for many words, as a trie: a position is tried once per character, not
    once per word, and the greedy optional groups make the longest word win."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        alternation = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{alternation})?" if "" in node else alternation

    return build(trie)


@dataclass(frozen=True)
class Matcher:
    regex: re.Pattern[str] | None
    allowed: frozenset[str]

    def terms(self, text: str) -> list[tuple[int, int]]:
        """Spans of the terms in ``text`` that no allowed word covers."""
        if self.regex is None:
            return []
        lowered = _lower(text)
        found = []
        for match in self.regex.finditer(lowered):
            start, end = match.span()
            word = match.group(0)
            if word in self.allowed:
                continue
            if word[0] in _ASCII_ALNUM and start > 0 and lowered[start - 1] in _ASCII_ALNUM:
                continue  # 'ATOP1': not the word 'top1'
            if word[-1] in _ASCII_ALNUM and end < len(lowered) and lowered[end] in _ASCII_ALNUM:
                continue  # 'TOP10'
            found.append((start, end))
        return found


@lru_cache(maxsize=16)
def matcher(options: Options) -> Matcher:
    default_terms, default_allow = ((), ()) if options.replace_defaults else default_lists()
    user_terms = {_lower(w.strip()) for w in options.terms}
    terms = {_lower(w) for w in default_terms} | user_terms
    # A word the user allows beats a shipped term; a word the user adds as a term beats
    # a shipped (or their own) allowed word.
    allowed = ({_lower(w) for w in default_allow} | {_lower(w.strip()) for w in options.allow}) - user_terms
    if not terms:
        return Matcher(None, frozenset())
    # Allowed words take part in the longest-match race: that is what makes 「最近」 win over 「最」.
    return Matcher(re.compile(_trie_pattern(terms | allowed)), frozenset(allowed))


def _lower(text: str) -> str:
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.translate(_ASCII_LOWER)


def check(context, options):
    if context.rendered is None:
        return
    text = context.rendered.text
    spans = matcher(options).terms(text)
    if not spans:
        return
    skip = covered([*url_spans(text), *(m.span() for m in MENTION_RE.finditer(text))])
    for start, end in spans:
        if skip(start):
            continue  # inside a URL or a nickname
        yield Finding(_("absolute term '{term}': the Advertising Law (Art. 9(3)) forbids absolute claims in ads; "
                        "rephrase it").format(term=text[start:end]), rendered=(start, end))
