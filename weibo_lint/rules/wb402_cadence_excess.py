"""A column has more posts than its cadence's ``max`` in a period inside the horizon.

Why: a column that floods its followers loses them; the cadence is the team's promise of
how often, in both directions.

Which periods: those overlapping ``[now, now + horizon)`` (the column's account's
``posting.horizon``, default 14 days), including one the horizon cuts off: posts already
planned past the maximum are too many wherever the horizon ends. Drafts count for nothing;
published posts count for the period they went out in. Reported against the column file at
its ``cadence`` key, once per period, with the period's posts as related files.

Bad: ``cadence: {per: week, max: 3}`` and four approved posts in week 2026-W49.

Good: three, or a fourth moved to the next week.

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.collection import Collection
from weibo_lint.i18n import _
from weibo_lint.model import Posting
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions
from weibo_lint.schedule.cadence import column_counts
from weibo_lint.schedule.periods import Window

CODE = "WB402"
NAME = "cadence-excess"
SCOPE = "collection"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB402` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """在检查范围内的某个时段，栏目的帖子多于其频率的 ``max``。

为什么：刷屏的栏目会失去粉丝；频率是团队对发布节奏的承诺，多了少了都不行。

检查哪些时段：与 ``[now, now + horizon)`` 重叠的时段（包括被 horizon 截断的）。草稿不算；已发布的帖子算在它发出的时段。报告在栏目文件的 ``cadence`` 键上，每个时段一次，相关帖子列为相关文件。

错误示例：``cadence: {per: week, max: 3}``，而 2026 年第 49 周有四条已批准的帖子。

正确示例：三条，或把第四条挪到下一周。

选项：无。
"""


def find(collection: Collection, options: NoOptions) -> Iterator[Finding]:
    config = collection.config
    line = collection.timeline()
    for slug, column in sorted(collection.columns.items()):
        if column.cadence is None or column.cadence.max is None:
            continue
        account = config.account(column.account)
        window = Window.from_now(collection.now, (account.posting if account else Posting()).horizon)
        for count in column_counts(line, slug, column.cadence, window, config.timezone):
            if count.over:
                yield Finding(
                    _("column {name} ({slug}) has {count} posts {period}, more than its maximum of {maximum}")
                    .format(name=column.name, slug=slug, count=count.count, period=count.span.period.phrase(),
                            maximum=count.maximum),
                    path=column.path, line=column.line_of("cadence"),
                    related=tuple(item.path for item in count.items),
                )
