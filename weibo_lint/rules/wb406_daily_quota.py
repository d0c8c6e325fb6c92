"""An account has fewer posts than ``min_per_day`` or more than ``max_per_day`` on a day.

Why: an account that goes quiet loses reach (practitioners aim at two original posts a
day at least), and one that floods its followers loses them.

Which days: those overlapping ``[now, now + horizon)`` (the account's ``posting.horizon``,
default 14 days), local days in the configured zone. Today counts whole, posts already out
included; the last day, cut by the horizon, is never called short (it may be planned
later) but can be over. Drafts count for nothing; a published post counts for the day it
went out. Reported against weibo.yaml, once per account and day, with that day's posts as
related files.

Bad: ``posting: {min_per_day: 2}`` and one approved post on 2026-12-02.

Good: two approved posts on every day up to the horizon.

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.collection import Collection
from weibo_lint.i18n import _, ngettext
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions
from weibo_lint.schedule.cadence import account_days
from weibo_lint.schedule.periods import Window

CODE = "WB406"
NAME = "daily-quota"
SCOPE = "collection"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB406` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """某一天账号的帖子少于 ``min_per_day`` 或多于 ``max_per_day``。

为什么：沉寂的账号会失去曝光（运营上一般每天至少两条原创），刷屏的账号会失去粉丝。

检查哪些天：与 ``[now, now + horizon)`` 重叠的当地日期。今天整体计算，已发出的也算；被 horizon 截断的最后一天不报不足，但可以报超出。草稿不算；已发布的帖子算在它发出的那一天。报告在 weibo.yaml 上，每个账号每天一次，当天的帖子列为相关文件。

错误示例：``posting: {min_per_day: 2}``，2026-12-02 只有一条已批准的帖子。

正确示例：直到 horizon 的每一天都有两条已批准的帖子。

选项：无。
"""


def find(collection: Collection, options: NoOptions) -> Iterator[Finding]:
    config = collection.config
    where = config.path.name if config.path is not None else "weibo.yaml"
    line = collection.timeline()
    for key, account in sorted(config.accounts.items()):
        posting = account.posting
        if posting.min_per_day <= 0 and posting.max_per_day is None:
            continue
        window = Window.from_now(collection.now, posting.horizon)
        for day in account_days(line, key, posting, window, config.timezone):
            if day.short:
                message = _("at least {number}").format(number=day.minimum)
            elif day.over:
                message = _("at most {number}").format(number=day.maximum)
            else:
                continue
            yield Finding(
                ngettext("account {name} ({key}) has {count} post {period}; posting.{setting} wants {wanted}",
                         "account {name} ({key}) has {count} posts {period}; posting.{setting} wants {wanted}",
                         day.count).format(name=account.name, key=key, count=day.count,
                                           period=day.span.period.phrase(),
                                           setting="min_per_day" if day.short else "max_per_day", wanted=message),
                path=where, line=config.posting_lines.get(key, 1), related=tuple(item.path for item in day.items),
            )
