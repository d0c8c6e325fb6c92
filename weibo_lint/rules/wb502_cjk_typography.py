"""Spacing and punctuation between Chinese and Latin text (中文文案排版指北).

The conventions most Chinese style guides share: a space between CJK characters and
Latin letters or digits, full-width punctuation in Chinese sentences, half-width
letters and digits, no space around full-width punctuation. The checks are those of
`autocorrect <https://github.com/huacnlee/autocorrect>`_ (``autocorrect-py``), run on the
Markdown body as Markdown, so code, links and front matter are left alone and positions
point straight into the file. HTML comments are skipped: they are never posted.

Why: consistent typography reads better, and the brand's posts look like one voice.

Bad: ``冬季限定拿铁28元,今天上市!``, ``用iPhone下单``

Good: ``冬季限定拿铁 28 元，今天上市！``, ``用 iPhone 下单``

Fix: ``weibo-lint fix`` applies autocorrect's correction to each reported stretch of text.

A body over 64 KB (no Weibo post is a thousandth of that; WB101 reports it) is not checked.

Options: none.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from itertools import accumulate, compress
from operator import ne

import autocorrect_py

from weibo_lint.i18n import _
from weibo_lint.problem import Edit, Finding
from weibo_lint.rules.base import NoOptions, PostContext

CODE = "WB502"
NAME = "cjk-typography"
SCOPE = "post"
LEVEL = "warning"

# The documentation in Simplified Chinese (`weibo-lint rules WB502` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """中文与拉丁文字之间的空格和标点（中文文案排版指北）。

多数中文排版规范共有的约定：汉字与拉丁字母或数字之间加空格，中文句子用全角标点，字母和数字用半角，全角标点前后不加空格。检查由 `autocorrect <https://github.com/huacnlee/autocorrect>`_（``autocorrect-py``）完成，把正文当 Markdown 处理，所以代码、链接和前言不受影响。HTML 注释会跳过：它们不会被发出。

为什么：一致的排版更好读，品牌的帖子读起来像同一个人写的。

错误示例：``冬季限定拿铁28元,今天上市!``、``用iPhone下单``

正确示例：``冬季限定拿铁 28 元，今天上市！``、``用 iPhone 下单``

修复：``weibo-lint fix`` 会把 autocorrect 的修改应用到每一处报告的文字上。

选项：无。
"""
FIXABLE = True

_SHOWN = 30  # characters of a stretch to quote in the message
# No Weibo post comes near this (2000 characters at most): a bigger body is reported by
# WB101, and linting it would only bury that under thousands of warnings.
MAX_BODY = 64 * 1024
_CJK = r"\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
# Half-width punctuation beside CJK, which the plain-text formatter can miss where
# Markdown syntax sits in between (see _needs_lint).
_PUNCT_BESIDE_CJK = re.compile(rf"[{_CJK}][*_`~\]\)]*[,.!?:;]|[,.!?:;(][*_`~]*[{_CJK}]")
_LATIN_BESIDE_CJK = re.compile(rf"[{_CJK}][A-Za-z0-9]|[A-Za-z0-9][{_CJK}]")


def _needs_lint(body: str) -> bool:
    """False when autocorrect's Markdown lint would find nothing, as far as its much
    cheaper plain-text formatter can tell.

    The Markdown lint costs twice what the formatter does (it parses the Markdown), and on
    a typical repository half the posts need no lint. A body is linted at once if it holds
    a URL or a picture (Markdown syntax that joins or splits text), half-width punctuation
    beside CJK, or a Latin letter or digit touching a CJK character (on 10,000 real posts,
    6,856 have one and the lint flags all but 48 of them: asking the formatter first would
    only cost), else if the formatter would change anything. Not exact: of 200,000 random
    mixes of CJK, Latin, punctuation and Markdown syntax it let 11 through that the lint
    flags, all punctuation soup like ``]<_“`话|.``.
    """
    if not body.strip() or len(body) > MAX_BODY:
        return False
    if "://" in body or "![" in body or _PUNCT_BESIDE_CJK.search(body) or _LATIN_BESIDE_CJK.search(body):
        return True
    return autocorrect_py.format(body) != body


def find(context: PostContext, options: NoOptions) -> Iterator[Finding]:
    post = context.post
    body = post.body
    if not _needs_lint(body):
        return
    try:
        results = autocorrect_py.lint_for(body, "post.md").lines
    except Exception as exc:  # a third-party checker must not crash the run
        yield Finding(_("autocorrect could not check this post: {error}").format(error=exc), line=post.body_line)
        return
    line_starts = [0] + [m.end() for m in re.finditer("\n", body)]
    notes = [(m.start(), m.end()) for m in _COMMENT_RE.finditer(body)]
    for result in results:
        if not 1 <= result.line <= len(line_starts):
            continue
        start = line_starts[result.line - 1]
        end = line_starts[result.line] - 1 if result.line < len(line_starts) else len(body)
        old, new = result.old, result.new
        at = _locate(body[start:end], old, result.col - 1)
        if any(s <= start + (at or 0) < e for s, e in notes):
            continue  # an HTML comment is never posted
        new = _consistent(new)
        if at is None or old == new:
            prefix, old_part, new_part = _difference(old, new)
            yield Finding(f"'{old_part}' → '{new_part}'", line=post.body_line + result.line - 1,
                          column=(at + prefix + 1) if at is not None else max(result.col, 1))
            continue
        # One finding per change (a line may hold several), each showing all it changes and
        # fixing exactly that: what fix writes is what the message announced.
        for begin, end, replacement in _changes(old, new):
            offset = post.body_offset + start + at + begin
            yield Finding(_message(old, begin, end, replacement), line=post.body_line + result.line - 1,
                          column=at + begin + 1, fix=(Edit(offset, offset + end - begin, replacement),))


_HALF_TO_FULL = {",": "，", "!": "！", "?": "？", ":": "：", ";": "；"}
_FULL_PUNCT_RE = re.compile("[，。！？：；、]")
_HALF_PUNCT_RE = re.compile("[,!?:;]")
_CJK_CHAR = re.compile(rf"[{_CJK}]")
_CLOSERS, _OPENERS = ")]*_~\"'”」", "([*_~\"'“「"
_GAP = 8  # changes closer than this are one finding: one phrase, one message


def _consistent(new: str) -> str:
    """autocorrect's correction, with the half-width punctuation it left beside Chinese text
    made full-width too, when the stretch has full-width punctuation: it converts ``,`` in
    ``好,(真的)!`` but not the ``!`` after the bracket, and a fix must not leave the two mixed."""
    if not _FULL_PUNCT_RE.search(new) or "`" in new or "://" in new:
        return new  # nothing full-width to agree with; code and addresses are left as written
    chars = None
    for match in _HALF_PUNCT_RE.finditer(new):
        index = match.start()
        if _beside_cjk(new, index, -1) or _beside_cjk(new, index, 1):
            chars = chars or list(new)
            chars[index] = _HALF_TO_FULL[match.group()]
    return "".join(chars) if chars else new


def _beside_cjk(text: str, index: int, step: int) -> bool:
    """Whether the text next to ``index`` (past closing or opening marks) is Chinese."""
    skip = _CLOSERS if step < 0 else _OPENERS
    index += step
    while 0 <= index < len(text) and text[index] in skip:
        index += step
    return 0 <= index < len(text) and bool(_CJK_CHAR.match(text[index]))


def _changes(old: str, new: str) -> list[tuple[int, int, str]]:
    """The changes from ``old`` to ``new`` as (start, end in ``old``, replacement), those
    fewer than _GAP characters apart merged.

    autocorrect adds or removes spaces and swaps one punctuation mark or letter for another,
    so the texts are aligned on their non-space characters: one for one when both have as
    many (nearly always), else as SequenceMatcher aligns the stretch between their common
    start and end. That is linear in the line's length (a general diff of a long real post
    is quadratic) and never pairs unrelated stretches of a line.
    """
    spans: list[list[int]] = []
    for i1, i2, j1, j2 in _differing(old, new):
        if spans and i1 - spans[-1][1] < _GAP:
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    return [(i1, i2, new[j1:j2]) for i1, i2, j1, j2 in spans]


_TOKEN = re.compile(r"\S\s*")  # a non-space character and the spaces after it


def _differing(old: str, new: str) -> list[tuple[int, int, int, int]]:
    """The stretches where ``old`` and ``new`` differ, as (i1, i2, j1, j2), in order and
    trimmed to what differs."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    lead_a, lead_b = len(old) - sum(map(len, a)), len(new) - sum(map(len, b))
    at_a, at_b = list(accumulate(map(len, a), initial=lead_a)), list(accumulate(map(len, b), initial=lead_b))
    regions = [(0, lead_a, 0, lead_b)] if old[:lead_a] != new[:lead_b] else []
    for (ka, kb, size), gap in _aligned(a, b):
        for k in compress(range(size), map(ne, a[ka:ka + size], b[kb:kb + size])):
            x, y = a[ka + k], b[kb + k]  # the same character with other spaces after it, or another character
            skip = 1 if x[0] == y[0] else 0
            regions.append((at_a[ka + k] + skip, at_a[ka + k + 1], at_b[kb + k] + skip, at_b[kb + k + 1]))
        if gap is not None:  # tokens the alignment could not pair
            (ga, ga2), (gb, gb2) = gap
            regions.append((at_a[ga], at_a[ga2], at_b[gb], at_b[gb2]))
    merged: list[list[int]] = []
    for i1, i2, j1, j2 in sorted(regions):
        if merged and i1 <= merged[-1][1]:
            merged[-1][1], merged[-1][3] = max(merged[-1][1], i2), max(merged[-1][3], j2)
        else:
            merged.append([i1, i2, j1, j2])
    return [trimmed for region in merged if (trimmed := _trim(old, new, *region)) is not None]


def _aligned(a: list[str], b: list[str]):
    """Blocks of tokens paired one for one, ``((ka, kb, size), gap)``, each followed by the
    unpaired tokens after it (``gap``: ``((ka1, ka2), (kb1, kb2))``, or None)."""
    if len(a) == len(b):
        yield (0, 0, len(a)), None
        return
    first = 0  # the longest common start and end, by character
    while first < min(len(a), len(b)) and a[first][0] == b[first][0]:
        first += 1
    last = 0
    while last < min(len(a), len(b)) - first and a[-1 - last][0] == b[-1 - last][0]:
        last += 1
    middle_a = "".join(t[0] for t in a[first:len(a) - last])
    middle_b = "".join(t[0] for t in b[first:len(b) - last])
    ka, kb = 0, 0  # tokens paired so far
    blocks = SequenceMatcher(None, middle_a, middle_b, autojunk=False).get_matching_blocks()
    for ma, mb, size in [(-first, -first, first), *blocks[:-1], (len(middle_a), len(middle_b), last)]:
        ma, mb = ma + first, mb + first
        gap = ((ka, ma), (kb, mb)) if (ka, kb) != (ma, mb) else None
        if gap is not None:
            yield (ka, kb, 0), gap
        yield (ma, mb, size), None
        ka, kb = ma + size, mb + size


def _trim(old: str, new: str, i1: int, i2: int, j1: int, j2: int) -> tuple[int, int, int, int] | None:
    """The region without what both sides share at its ends; None when nothing differs."""
    while i1 < i2 and j1 < j2 and old[i1] == new[j1]:
        i1, j1 = i1 + 1, j1 + 1
    while i1 < i2 and j1 < j2 and old[i2 - 1] == new[j2 - 1]:
        i2, j2 = i2 - 1, j2 - 1
    return (i1, i2, j1, j2) if old[i1:i2] != new[j1:j2] else None


def _message(old: str, begin: int, end: int, replacement: str, context: int = 3) -> str:
    """``'…天上新Coffee…' → '…天上新 Coffee…'``: the change with a few characters around it, a
    Latin word or number it touches shown whole."""
    left, right = max(begin - context, 0), min(end + context, len(old))
    while left > 0 and begin - left < 16 and old[left - 1].isascii() and old[left - 1].isalnum():
        left -= 1
    while right < len(old) and right - end < 16 and old[right].isascii() and old[right].isalnum():
        right += 1
    lead, tail = "…" * (left > 0), "…" * (right < len(old))
    before, after = old[left:begin], old[end:right]
    return f"'{lead}{before}{old[begin:end]}{after}{tail}' → '{lead}{before}{replacement}{after}{tail}'"


def _locate(line: str, old: str, column: int) -> int | None:
    """Where ``old`` stands in ``line``: at autocorrect's column if it is there (the
    column is off for indented lines), else its only occurrence, else unknown."""
    if not old:
        return None
    if line.startswith(old, column):
        return column
    first = line.find(old)
    if first >= 0 and line.find(old, first + 1) < 0:
        return first
    following = line.find(old, max(column, 0))
    return following if following >= 0 else None


def _difference(old: str, new: str, context: int = 3) -> tuple[int, str, str]:
    """Where ``old`` and ``new`` first differ, and both stretches around the change:
    ``('中文abc。', '中文 abc。')`` → ``(2, '中文abc', '中文 abc')``."""
    shorter = min(len(old), len(new))
    prefix = 0
    while prefix < shorter and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < shorter - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    begin = max(prefix - context, 0)
    old_part = old[begin:max(len(old) - suffix + context, prefix)]
    new_part = new[begin:max(len(new) - suffix + context, prefix)]
    lead = "…" if begin > 0 else ""
    return prefix, lead + _short(old_part, old, begin), lead + _short(new_part, new, begin)


def _short(part: str, whole: str, begin: int) -> str:
    if len(part) > _SHOWN:
        return part[:_SHOWN] + "…"
    return part + ("…" if begin + len(part) < len(whole) else "")
