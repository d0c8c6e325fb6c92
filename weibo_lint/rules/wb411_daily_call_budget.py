"""An account's planned API calls on a day exceed its daily budget.

Why: Weibo allows an authorised user about 100 API requests a day through one app, every
endpoint together (docs/platform.md §2.3). Past it, every call is refused until the next
day: posts wait, an unclear answer cannot be checked on the timeline, metrics stop.

What is counted (``weibo_lint/budget/forecast.py``): one call per post on the day it goes
out; ``budget.reserve`` calls (default 5) on each day with a post, for the timeline reads a
reconciliation may need; and the metrics workflow's ``statuses/count`` calls
(``budget.metrics_runs`` a day, up to 100 ids each, posts read daily in their first week and
weekly after). Days are Weibo's, in Beijing time, over ``[now, now + horizon)``; only API
accounts (``api: manual`` makes no call). The budget is ``budget.daily_calls`` (default
100) or the account's own ``daily_calls``. ``weibo-lint budget`` shows the same plan with the
calls already made. Reported against weibo.yaml, once per account and day, with that day's
posts as related files.

Bad: ``daily_calls: 10`` and 6 approved posts on 2026-12-02: 6 posts + 5 reserved + 1
metrics call = 12.

Good: the posts spread over two days, or ``daily_calls`` raised for an app on a higher tier.

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from weibo_lint.budget.days import weibo_day
from weibo_lint.budget.forecast import api_accounts, forecast, posts_of
from weibo_lint.collection import Collection
from weibo_lint.i18n import _
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions

CODE = "WB411"
NAME = "daily-call-budget"
SCOPE = "collection"
LEVEL = "warning"

# The documentation in Simplified Chinese (`weibo-lint rules WB411` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """某一天账号计划的 API 调用次数超过每日额度。

为什么：微博对每个授权用户、每个应用每天大约只允许 100 次 API 请求，所有接口合计（docs/platform.md §2.3）。超出后当天的调用都会被拒绝：帖子发不出去，无法在时间线上核对不明确的结果，数据采集也会中断。

计入哪些调用（``weibo_lint/budget/forecast.py``）：每条帖子在发出的那天计 1 次；有帖子的每天预留 ``budget.reserve`` 次（默认 5 次），供对账读取时间线；以及数据采集工作流的 ``statuses/count`` 调用（每天 ``budget.metrics_runs`` 次，每次最多 100 个 id，帖子第一周每天读一次，之后每周一次）。按微博的日期（北京时间）检查 ``[now, now + horizon)``；只看 API 账号（``api: manual`` 不调用接口）。额度为 ``budget.daily_calls``（默认 100）或账号自己的 ``daily_calls``。``weibo-lint budget`` 显示同样的计划以及已用的调用。报告在 weibo.yaml 上，每个账号每天一次，当天的帖子列为相关文件。

错误示例：``daily_calls: 10``，2026-12-02 有 6 条已批准的帖子：6 次发帖 + 5 次预留 + 1 次采集 = 12。

正确示例：把帖子分到两天，或为更高等级的应用调高 ``daily_calls``。

选项：无。
"""


def find(collection: Collection, options: NoOptions) -> Iterator[Finding]:
    config = collection.config
    where = config.path.name if config.path is not None else "weibo.yaml"
    line = collection.timeline()
    posts = posts_of(line.items)
    first = weibo_day(collection.now)
    ends = {key: weibo_day(collection.now + config.accounts[key].posting.horizon - timedelta(seconds=1))
            for key in api_accounts(config.accounts)}
    days = [date.fromordinal(n) for n in range(first.toordinal(), max(ends.values(), default=first).toordinal() + 1)]
    for key, plans in sorted(forecast(posts, config.accounts, config.budget, days).items()):
        account = config.accounts[key]
        for plan in plans:
            if plan.day > ends[key]:
                break
            if not plan.over:
                continue
            yield Finding(
                _("account {name} ({key}) would make {planned} API calls on {day} (Beijing time): {posts} for posts, "
                  "{reads} kept for reconciliation reads, {metrics} for metrics; its daily budget is {budget}").format(
                    name=account.name, key=key, planned=plan.planned, day=plan.day.isoformat(), posts=plan.posts,
                    reads=plan.reads, metrics=plan.metrics, budget=plan.budget),
                path=where, line=config.posting_lines.get(key, 1), related=plan.paths,
            )
