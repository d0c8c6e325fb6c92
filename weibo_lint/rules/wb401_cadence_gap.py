"""A column has fewer posts than its cadence's ``min`` in a period inside the horizon.

Why: a column lives by its rhythm (「每日一问」 every day); a gap found in review is a
post written in time, a gap found on the day is an empty evening.

Which periods: those overlapping ``[now, now + horizon)``, the horizon being the column's
account's ``posting.horizon`` (default 14 days). The period holding ``now`` counts whole,
posts already out included. A period the horizon cuts off (a week or month that ends after
``now + horizon``) is never called short: its last days may simply not be planned yet; it
is checked once its end comes inside the horizon. Drafts count for nothing; a published
post counts for the period it went out in. Reported against the column file, at its
``cadence`` key, once per short period, naming the period's dates.

Bad: ``cadence: {per: day, min: 1}`` in ``columns/daily-question.yaml``, and only a draft
for 2026-12-05.

Good: an approved (or published) post on every day up to the horizon.

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.collection import Collection
from weibo_lint.i18n import ngettext
from weibo_lint.model import Posting
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions
from weibo_lint.schedule.cadence import column_counts
from weibo_lint.schedule.periods import Window

CODE = "WB401"
NAME = "cadence-gap"
SCOPE = "collection"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB401` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """在检查范围内的某个时段，栏目的帖子少于其频率的 ``min``。

为什么：栏目靠节奏维持（「每日一问」天天有）；审核时发现的空缺还来得及补写，当天才发现就是一个空荡荡的晚上。

检查哪些时段：与 ``[now, now + horizon)`` 重叠的时段，horizon 取栏目所属账号的 ``posting.horizon``（默认 14 天）。包含 ``now`` 的时段整体计算，已发出的帖子也算。被 horizon 截断的时段不会报不足（最后几天可能只是还没排）。草稿不算；已发布的帖子算在它发出的时段。报告在栏目文件的 ``cadence`` 键上，每个不足的时段一次。

错误示例：``columns/daily-question.yaml`` 中 ``cadence: {per: day, min: 1}``，而 2026-12-05 只有一条草稿。

正确示例：直到 horizon 的每一天都有已批准（或已发布）的帖子。

选项：无。
"""


def find(collection: Collection, options: NoOptions) -> Iterator[Finding]:
    config = collection.config
    line = collection.timeline()
    for slug, column in sorted(collection.columns.items()):
        if column.cadence is None or column.cadence.min == 0:
            continue
        account = config.account(column.account)
        window = Window.from_now(collection.now, (account.posting if account else Posting()).horizon)
        for count in column_counts(line, slug, column.cadence, window, config.timezone):
            if count.short:
                yield Finding(
                    ngettext("column {name} ({slug}) has {count} of at least {minimum} post {period}",
                             "column {name} ({slug}) has {count} of at least {minimum} posts {period}",
                             count.minimum).format(name=column.name, slug=slug, count=count.count,
                                                   minimum=count.minimum, period=count.span.period.phrase()),
                    path=column.path, line=column.line_of("cadence"),
                    related=tuple(item.path for item in count.items),
                )
