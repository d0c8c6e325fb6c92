"""A topic in a post of an account that publishes through ``statuses/share``.

The ``statuses/share`` API refuses a text that carries a topic: its documentation says
「文本中不能包含"#话题词#"」. Every ``#话题#`` of the rendered text is reported, whether the
Markdown or the column template put it there (a template's topic points at ``column:``).

Why: the API call fails and the post is not published; remove the topic, or post the
column from an account on ``update`` or ``manual``.

Bad: ``#新品速递# 冬季限定拿铁上市`` in a column of a ``share`` account

Good: ``【新品速递】冬季限定拿铁上市`` (brackets are plain text)

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.entities import read_topic_marks
from weibo_lint.i18n import _
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions, PostContext

CODE = "WB203"
NAME = "topic-not-allowed"
SCOPE = "post"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB203` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """通过 ``statuses/share`` 发布的账号，帖子里有话题。

``statuses/share`` 接口会拒绝带话题的正文：文档写明「文本中不能包含"#话题词#"」。渲染后正文里的每个 ``#话题#`` 都会被报告，无论来自 Markdown 还是栏目模板。

为什么：接口调用失败，帖子发不出去；去掉话题，或让这个栏目改由 ``update`` 或 ``manual`` 的账号发布。

错误示例：``share`` 账号栏目里的 ``#新品速递# 冬季限定拿铁上市``

正确示例：``【新品速递】冬季限定拿铁上市``（方括号是普通文字）

选项：无。
"""


def find(context: PostContext, options: NoOptions) -> Iterator[Finding]:
    account = context.account
    if context.rendered is None or account is None or account.api != "share":
        return
    text = context.rendered.text
    for topic in read_topic_marks(text).topics:
        if topic.full_width:
            continue  # '＃…＃' is no topic to Weibo (WB202 reports it)
        yield Finding(_("topic '{topic}' in a post of account '{account}': statuses/share rejects any text "
                        "with a #topic#").format(topic=text[topic.start:topic.end], account=account.key),
                      rendered=(topic.start, topic.end))
