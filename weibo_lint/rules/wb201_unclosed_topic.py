"""A '#' that closes no topic: a lone '#', or a Twitter-style ``#tag``.

A Weibo topic is the text between two half-width ``#`` on one line: ``#新品#``,
``#iPhone mini#`` (spaces inside are fine), ``#新品##发布会#`` (two topics side by side).
A single ``#tag`` is not a topic on Weibo; worse, a later ``#`` on the same line pairs
with it and turns the text in between into a topic nobody meant.

Read as text, never reported: a ``#`` inside a URL (``https://x.cn/a#part``), a ``#``
right after a Latin letter or digit that closes nothing (``C#``, ``F#``, ``3#楼``), and
digits after a ``#`` (``#1``: a number sign, not a tag). Full-width ``＃`` is WB202's.

Why: Weibo links only closed topics; an unclosed one shows as a stray ``#``, or pairs
with the next ``#`` into a wrong topic.

Bad: ``今天上新 #冬季限定 快来尝尝``, ``#tag1 #tag2``, ``冬季限定 # 上新``, ``##``

Good: ``今天上新 #冬季限定# 快来尝尝``, ``#tag1# #tag2#``, ``#iPhone mini#``,
``#新品##发布会#``, ``学 C# 编程``

Fix: ``weibo-lint fix`` closes a Twitter-style tag (``#tag`` → ``#tag#``) when the tag's
end is unambiguous: it is followed by a space or the end of the line, or it is all Latin
letters and digits. ``#新品上市，快来`` is reported but not fixed: ``#新品上市#`` or
``#新品#上市``? Only you know.

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.entities import HALF, Unclosed, read_topic_marks
from weibo_lint.i18n import _
from weibo_lint.problem import Edit, Finding
from weibo_lint.rules.base import NoOptions, PostContext

CODE = "WB201"
NAME = "unclosed-topic"
SCOPE = "post"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB201` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """没有闭合任何话题的「#」：单独一个「#」，或 Twitter 式的 ``#tag``。

微博话题是同一行里两个半角 ``#`` 之间的文字：``#新品#``、``#iPhone mini#``（中间可以有空格）、``#新品##发布会#``（两个话题相邻）。单个 ``#tag`` 在微博上不是话题；更糟的是，同一行后面的 ``#`` 会和它配对，把中间的文字变成一个谁都没想要的话题。

当作普通文字、不会报告的：网址中的 ``#``、紧跟在拉丁字母或数字后且不闭合任何话题的 ``#``（``C#``、``3#楼``），以及后面跟数字的 ``#``（``#1``）。全角 ``＃`` 由 WB202 处理。

为什么：微博只会链接闭合的话题；没闭合的会显示成多余的 ``#``，或者和下一个 ``#`` 配成错误的话题。

错误示例：``今天上新 #冬季限定 快来尝尝``、``#tag1 #tag2``、``##``

正确示例：``今天上新 #冬季限定# 快来尝尝``、``#tag1# #tag2#``、``学 C# 编程``

修复：当标签的结尾明确时（后面是空格或行尾，或标签全是拉丁字母和数字），``weibo-lint fix`` 会把 ``#tag`` 补成 ``#tag#``。``#新品上市，快来`` 只报告不修复：是 ``#新品上市#`` 还是 ``#新品#上市``？只有你知道。

选项：无。
"""
FIXABLE = True

def _closing_fix(context, text: str, item: Unclosed) -> tuple[Edit, ...]:
    tag = text[item.start + 1:item.end]
    following = text[item.end:item.end + 1]
    # '#新品上市，快来' could mean '#新品上市#' or '#新品#上市': only fix a clear end.
    if following and not following.isspace() and not tag.isascii():
        return ()
    span = context.rendered.verbatim_span(item.start, item.end, context.post)
    return (Edit(span[1], span[1], HALF),) if span else ()


def find(context: PostContext, options: NoOptions) -> Iterator[Finding]:
    if context.rendered is None:
        return
    text = context.rendered.text
    marks = read_topic_marks(text)
    for item in marks.unclosed:
        if item.full_width and item.kind != "empty":
            continue  # WB202 reports '＃'; once it is '#', this rule looks again
        if item.kind == "tag":
            tag = text[item.start:item.end]
            yield Finding(_("'{tag}' is not a topic: Weibo topics are closed by a second '#', write '{tag}#'").format(tag=tag),
                          rendered=(item.start, item.end), fix=_closing_fix(context, text, item))
        elif item.kind == "empty":
            yield Finding(_("empty topic '{topic}': put the topic between the marks, or remove them")
                          .format(topic=text[item.start:item.end]), rendered=(item.start, item.end))
        else:
            yield Finding(_("lone '#' that closes no topic: remove it, or write the topic as '#话题#'"),
                          rendered=(item.start, item.end))
