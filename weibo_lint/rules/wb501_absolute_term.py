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

A term written to slip past a plain match is found all the same: spaces, punctuation,
symbols or zero-width characters inside it (「最 好」「最.好」「全-网-最-低-价」), full-width
letters and digits (``ＴＯＰ１``), traditional characters (「國家級」「最優」, converted with
OpenCC). The message quotes the whole phrase as written (「最 . 好」) and, for the common
terms, suggests a neutral wording (``absolute-terms-suggestions.txt``). Allowed words are
seen through the same way (「最 近」 passes). Nothing is joined across a line break or a
Chinese sentence or clause mark (。！？；：，、…): 「最。好像」 is not 「最好」.

A claim the law allows when it is proved (「销量第一」 with an audit behind it) is justified in
the post's front matter; the term is then reported as an info that cites the evidence::

    claims:
      - term: 销量第一
        evidence: 2025 年尼尔森零售审计报告第 12 页
        approved_by: 法务部 王敏

A claim without its evidence or approver is an error (WB303) and justifies nothing; a claim
whose term the post does not contain is an error too.

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

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from weibo_lint.entities import MENTION_RE, covered, url_spans
from weibo_lint.i18n import _
from weibo_lint.problem import Finding, Level
from weibo_lint.rules.base import PostContext
from weibo_lint.textfold import fold, fold_word
from weibo_lint.wordmatch import WordMatcher

CODE = "WB501"
NAME = "absolute-term"
SCOPE = "post"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB501` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """帖子里有极限词，例如「最好」「第一」「全网最低价」。

《广告法》第九条第三项：广告不得使用「国家级」「最高级」「最佳」等用语。本规则用 weibo-lint 自带的极限词表（``weibo_lint/data/absolute-terms.txt``）检查渲染后的正文（含模板），报告每一处出现及找到的词。

匹配会考虑词语边界，不依赖分词库：每个位置上，极限词表或允许词表（``absolute-terms-allow.txt``：「最近」「最后」「第一次」等普通词）中最长的条目优先，允许的词不报告。所以「最后一天」可以（「最后」是允许词），而「最好的手机」不行（「最好」是极限词）。拉丁字母词（``TOP1``、``NO.1``）不区分大小写、只匹配整词。网址和 ``@昵称`` 中的文字不检查。

为躲过检查而变形的写法同样能查出：词中间夹空格、标点、符号或零宽字符（「最 好」「最.好」「全-网-最-低-价」），全角字母和数字（``ＴＯＰ１``），繁体字（「國家級」「最優」，用 OpenCC 转换）。提示里引用原文的完整写法（「最 . 好」），常见的词还会给出中性的替代说法（``absolute-terms-suggestions.txt``）。允许的词也按同样方式识别（「最 近」可以）。换行和中文的句号、问号、叹号、分号、冒号、逗号、顿号、省略号两边的字不会连起来：「最。好像」不算「最好」。

法律允许在有证据时使用的说法（例如有审计报告支持的「销量第一」），可以在帖子的 front matter 中写明依据；这个词就改为提示（info）级别，并引用证据::

    claims:
      - term: 销量第一
        evidence: 2025 年尼尔森零售审计报告第 12 页
        approved_by: 法务部 王敏

缺少证据或审批人的依据是错误（WB303），不起作用；帖子里没有的词写了依据，也是错误。

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
SUGGESTIONS_FILE = "absolute-terms-suggestions.txt"
CLAIMS_KEY = "claims"
_CLAIM_KEYS = ("term", "evidence", "approved_by")  # all required, nothing else (schema.py's 'claims')
_TERM, _ALLOWED = "term", "allowed"


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


@lru_cache(maxsize=1)
def suggestions() -> dict[str, str]:
    """Folded term -> its neutral rewordings (「很好、更好」), from the shipped file."""
    text = (resources.files("weibo_lint") / "data" / SUGGESTIONS_FILE).read_text("utf-8")
    found = {}
    for line in read_word_list(text):
        term, _sep, rest = line.partition(" ")
        words = [w.strip() for w in rest.split("/") if w.strip()]
        if words:
            found[fold_word(term)] = "、".join(f"「{w}」" for w in words)
    return found


@lru_cache(maxsize=16)
def matcher(options: Options) -> WordMatcher:
    """Terms and allowed words in one automaton: at each place the longest word wins, and
    that is what makes 「最近」 (allowed) win over 「最」 (a term). Where a word is on both
    lists, the first added is kept: a word the user adds as a term beats every allowed word,
    and a word the user allows beats a shipped term."""
    default_terms, default_allow = ((), ()) if options.replace_defaults else default_lists()
    user_terms = [w.strip() for w in options.terms]
    allowed = [w.strip() for w in options.allow] + list(default_allow)
    if not user_terms and not default_terms:
        return WordMatcher(())
    return WordMatcher([*((w, _TERM) for w in user_terms), *((w, _ALLOWED) for w in allowed),
                        *((w, _TERM) for w in default_terms)])


@dataclass(frozen=True)
class Claim:
    term: str  # folded
    written: str  # as the front matter has it
    evidence: str
    approved_by: str


def claims(meta: Mapping[str, Any]) -> list[Claim]:
    """The post's complete claims (an incomplete one is WB303's to report, and justifies nothing)."""
    listed = meta.get(CLAIMS_KEY)
    if not isinstance(listed, list):
        return []
    found = []
    for item in listed:
        if isinstance(item, dict) and set(item) <= set(_CLAIM_KEYS) and all(
                isinstance(item.get(k), str) and item[k].strip() for k in _CLAIM_KEYS):
            found.append(Claim(fold_word(item["term"]), item["term"].strip(), item["evidence"].strip(),
                               item["approved_by"].strip()))
    return found


def find(context: PostContext, options: Options) -> Iterator[Finding]:
    if context.rendered is None:
        return
    text = context.rendered.text
    justified = {claim.term: claim for claim in claims(context.post.meta)}
    used: set[str] = set()
    matches = [m for m in matcher(options).find(fold(text), text) if m.value == _TERM]
    skip = covered([*url_spans(text), *(m.span() for m in MENTION_RE.finditer(text))] if matches else ())
    for match in matches:
        if skip(match.start):
            continue  # inside a URL or a nickname
        written = text[match.start:match.end]
        claim = justified.get(match.word)
        if claim is not None:
            used.add(match.word)
            yield Finding(_("absolute term '{term}' is justified by a claim: {evidence} (approved by {approver})")
                          .format(term=written, evidence=claim.evidence, approver=claim.approved_by),
                          rendered=(match.start, match.end), level=Level.INFO)
            continue
        suggestion = suggestions().get(match.word)
        if suggestion:
            message = _("absolute term '{term}': the Advertising Law (Art. 9(3)) forbids absolute claims in ads; "
                        "rephrase it, e.g. {suggestion}").format(term=written, suggestion=suggestion)
        else:
            message = _("absolute term '{term}': the Advertising Law (Art. 9(3)) forbids absolute claims in ads; "
                        "rephrase it").format(term=written)
        yield Finding(message, rendered=(match.start, match.end))
    for term, claim in justified.items():
        if term not in used:
            yield Finding(_("claim for '{term}': the post has no such absolute term; remove the claim or "
                            "correct its term").format(term=claim.written),
                          line=context.post.line_of(CLAIMS_KEY), column=1, level=Level.ERROR)
