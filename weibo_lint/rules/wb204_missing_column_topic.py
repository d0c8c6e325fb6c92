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

from weibo_lint.problem import Finding
from weibo_lint.entities import read_topic_marks
from weibo_lint.i18n import _

CODE = "WB204"
NAME = "missing-column-topic"
SCOPE = "post"
LEVEL = "error"


def check(context, options):
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
