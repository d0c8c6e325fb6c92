"""The column's topic is missing from the rendered text (``update`` and ``manual`` accounts).

A column names its topic (``topic: 每日一问`` in ``columns/<slug>.yaml``); every post of the
column should carry ``#每日一问#``, usually put there by the column template. The check
runs on the rendered text, so a topic the template adds counts. ``share`` accounts are
exempt: their API forbids topics (WB203).

Why: the topic page is where a column's posts are found; a post without it drops out of
the series.

Bad: ``你今天喝了几杯？`` in column ``daily-question`` (topic 每日一问) with no template

Good: ``#每日一问# 你今天喝了几杯？``, or a template ``#{{ column.topic }}# {{ body }}``

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.entities import read_topic_marks
from weibo_lint.i18n import _
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions, PostContext

CODE = "WB204"
NAME = "missing-column-topic"
SCOPE = "post"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB204` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """渲染后的正文里缺少栏目话题（``update`` 和 ``manual`` 账号）。

栏目会指定它的话题（``columns/<slug>.yaml`` 中的 ``topic: 每日一问``）；栏目的每条帖子都应带上 ``#每日一问#``，通常由栏目模板加上。检查针对渲染后的正文，所以模板加上的话题也算。``share`` 账号不检查：它的接口禁止话题（WB203）。

为什么：话题页是读者找到一个栏目的地方；没有话题的帖子就掉出了这个系列。

错误示例：栏目 ``daily-question``（话题 每日一问）没有模板，正文是 ``你今天喝了几杯？``

正确示例：``#每日一问# 你今天喝了几杯？``，或模板 ``#{{ column.topic }}# {{ body }}``

选项：无。
"""


def find(context: PostContext, options: NoOptions) -> Iterator[Finding]:
    column, account = context.column, context.account
    if context.rendered is None or column is None or not column.topic or account is None:
        return
    if account.api not in ("update", "manual"):
        return
    names = {topic.name.strip() for topic in read_topic_marks(context.rendered.text).topics if not topic.full_width}
    if column.topic.strip() not in names:
        where = _("the template {name}").format(name=repr(column.template)) if column.template \
            else _("the post (the column has no template)")
        yield Finding(_("the column's topic '#{topic}#' is not in the text: add it to {where}")
                      .format(topic=column.topic, where=where),
                      line=context.post.line_of("column"))
