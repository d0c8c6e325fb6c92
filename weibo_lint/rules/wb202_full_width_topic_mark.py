"""A full-width ``＃`` used as a topic mark.

Weibo delimits topics with the half-width ``#`` only: ``＃话题＃`` and ``＃话题#`` are plain
text, not a linked topic. Chinese input methods type ``＃`` in full-width mode, so this
slips in easily and looks right on screen.

A ``＃`` counts as a topic mark when it pairs with another mark (``＃`` or ``#``) around
a name on the same line, or opens a tag (``＃话题``). A ``＃`` after a Latin letter or
digit that closes nothing (``3＃楼``), before digits only (``＃1``) or on its own is a
character like any other and is left alone.

Why: the topic the post was written for never links, and the post does not show up on
the topic's page.

Bad: ``＃每日一问＃ 你今天喝了几杯？``, ``#每日一问＃``, ``＃新品上市``

Good: ``#每日一问# 你今天喝了几杯？``

Fix: ``weibo-lint fix`` replaces each such ``＃`` with ``#`` (a tag it opens is closed by
WB201's fix on the next pass).

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.entities import FULL, HALF, read_topic_marks
from weibo_lint.i18n import _
from weibo_lint.problem import Edit, Finding
from weibo_lint.rules.base import NoOptions, PostContext

CODE = "WB202"
NAME = "full-width-topic-mark"
SCOPE = "post"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB202` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """把全角 ``＃`` 当作话题符号。

微博只用半角 ``#`` 界定话题：``＃话题＃`` 和 ``＃话题#`` 都是普通文字，不会链接。中文输入法在全角模式下会打出 ``＃``，很容易混进来，屏幕上看起来还没问题。

当 ``＃`` 与同一行的另一个符号（``＃`` 或 ``#``）配对包住一个名称，或开启一个标签（``＃话题``）时，算作话题符号。拉丁字母或数字后且不闭合任何东西的 ``＃``（``3＃楼``）、只跟数字的（``＃1``）或单独的，都当普通字符处理。

为什么：这条帖子本该进入的话题不会被链接，帖子也不会出现在话题页上。

错误示例：``＃每日一问＃ 你今天喝了几杯？``、``#每日一问＃``

正确示例：``#每日一问# 你今天喝了几杯？``

修复：``weibo-lint fix`` 会把这样的 ``＃`` 换成 ``#``。

选项：无。
"""
FIXABLE = True


def _marks(text: str) -> list[tuple[int, str, str]]:
    """Each full-width topic mark, with the topic as written and as meant."""
    found = read_topic_marks(text)
    marks = []
    for topic in found.topics:
        written = text[topic.start:topic.end]
        marks += [(at, written, written.replace(FULL, HALF)) for at in topic.full_width]
    for item in found.unclosed:
        if item.kind == "tag" and item.full_width:
            written = text[item.start:item.end]
            marks.append((item.start, written, HALF + written[1:] + HALF))
    return sorted(marks)


def find(context: PostContext, options: NoOptions) -> Iterator[Finding]:
    if context.rendered is None or FULL not in context.rendered.text:
        return
    text = context.rendered.text
    for at, written, meant in _marks(text):
        span = context.rendered.verbatim_span(at, at + 1, context.post)
        fix = (Edit(span[0], span[1], HALF),) if span else ()
        yield Finding(_("full-width '＃' in '{written}' does not mark a topic on Weibo: write '{meant}'")
                      .format(written=written, meant=meant),
                      rendered=(at, at + 1), fix=fix)
