"""More than 30 posts of one API account within an hour.

Why: Weibo takes at most 30 posts an hour from one user through one app (docs/platform.md
§2.3). The publisher stops an account at 30 in the last hour, so the 31st and later wait
for the next run and go out late; Weibo itself would refuse them (10023).

Which posts: approved posts not yet published, of API accounts (``api: manual`` posts are
not sent through the app), from ``now`` to its account's ``posting.horizon``; a post is
reported when it is the 31st (or later) in the 60 minutes ending at its time, published
posts of that hour included. Not covered by ``posting.min_gap`` (WB405) unless that is at
least 2 minutes.

Bad: 31 approved posts of ``official`` between 10:00 and 10:30.

Good: the same posts spread over two hours.

Options: none.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterator
from datetime import timedelta

from weibo_lint.budget.forecast import HOURLY_POSTS
from weibo_lint.collection import Collection
from weibo_lint.i18n import _
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions

CODE = "WB412"
NAME = "hourly-post-limit"
SCOPE = "collection"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB412` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """一个 API 账号一小时内超过 30 条帖子。

为什么：微博每个用户通过同一应用每小时最多发 30 条（docs/platform.md §2.3）。发布器在最近一小时满 30 条时停下该账号，第 31 条及以后要等下一次运行、晚发；微博本身也会拒绝（10023）。

检查哪些帖子：API 账号（``api: manual`` 的帖子不经过应用发送）已批准、尚未发布的帖子，从 ``now`` 到账号的 ``posting.horizon``；某条帖子是它发布时刻之前 60 分钟内的第 31 条（或更多）时报告，这一小时内已发布的帖子也计入。除非 ``posting.min_gap`` 至少 2 分钟，WB405 覆盖不到这种情况。

错误示例：``official`` 在 10:00 到 10:30 之间有 31 条已批准的帖子。

正确示例：把这些帖子分散到两个小时。

选项：无。
"""


def find(collection: Collection, options: NoOptions) -> Iterator[Finding]:
    config = collection.config
    line = collection.timeline()
    for key, account in sorted(config.accounts.items()):
        if account.api == "manual":
            continue
        items = line.by_account.get(key, [])
        times = [item.when for item in items]
        end = collection.now + account.posting.horizon
        for index, item in enumerate(items):
            if item.published is not None or not collection.now <= item.when < end:
                continue
            rank = index - bisect.bisect_right(times, item.when - timedelta(hours=1)) + 1  # its place in that hour
            if rank > HOURLY_POSTS:
                yield Finding(
                    _("post {rank} of account {name} ({key}) in the hour up to {when}: Weibo takes {limit} posts an "
                      "hour from one account, so this one goes out late").format(
                        rank=rank, name=account.name, key=key,
                        when=f"{item.when.astimezone(config.timezone):%Y-%m-%d %H:%M}", limit=HOURLY_POSTS),
                    path=item.path, line=item.line,
                )
