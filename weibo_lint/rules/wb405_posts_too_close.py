"""Two posts of one account are closer together than its ``posting.min_gap``.

Why: two posts minutes apart bury each other in followers' feeds, and a burst invites
Weibo's "posting too often" error (20016).

Every pair of posts of one account less than ``min_gap`` apart is reported on both files,
each finding naming the other as related. A post that already went out counts at the time
it went out but is not reported itself (it is history), and a pair that both went out is
not reported at all; drafts count for nothing. Accounts without a ``min_gap`` are not
checked.

Bad: ``min_gap: 45m``, and two approved posts at 20:30 and 20:50.

Good: 20:30 and 21:15.

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.collection import Collection
from weibo_lint.i18n import _
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions
from weibo_lint.schedule.slots import minutes_text
from weibo_lint.schedule.spacing import too_close

CODE = "WB405"
NAME = "posts-too-close"
SCOPE = "collection"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB405` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """同一账号的两条帖子间隔小于 ``posting.min_gap``。

为什么：相隔几分钟的两条帖子会在粉丝的信息流里互相埋没，连续发帖还可能触发微博「发帖太频繁」的错误（20016）。

同一账号中每一对间隔小于 ``min_gap`` 的帖子都会在两个文件上报告，互相列为相关文件。已发出的帖子按发出时间计算，但本身不报告；两条都已发出的不报告；草稿不算。没有设置 ``min_gap`` 的账号不检查。

错误示例：``min_gap: 45m``，两条已批准的帖子分别在 20:30 和 20:50。

正确示例：20:30 和 21:15。

选项：无。
"""


def find(collection: Collection, options: NoOptions) -> Iterator[Finding]:
    config = collection.config
    tz = config.timezone
    line = collection.timeline()
    for key, items in sorted(line.by_account.items()):
        account = config.account(key)
        if account is None:
            continue
        gap = account.posting.min_gap
        for pair in too_close(items, gap):
            apart = minutes_text(int(pair.gap.total_seconds()))
            for this, other in ((pair.first, pair.second), (pair.second, pair.first)):
                if not this.pending:
                    continue
                yield Finding(
                    _("{when} is {apart} from {other} ({other_time}); posts of {name} must be at least {gap} apart")
                    .format(when=f"{this.when.astimezone(tz):%Y-%m-%d %H:%M}", apart=apart, other=other.path,
                            other_time=f"{other.when.astimezone(tz):%H:%M}", name=account.name,
                            gap=minutes_text(int(gap.total_seconds()))),
                    path=this.path, line=this.line, related=(other.path,),
                )
