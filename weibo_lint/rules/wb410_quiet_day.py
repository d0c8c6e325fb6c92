"""A promotional column's post is planned on a day to stay quiet (a national memorial day).

Why: a promotion that goes out on 国家公祭日 or 清明节 because the calendar said "one post
a day" reads as disrespect, and is one of a brand's worst days on Weibo. Service posts
(opening hours, an outage) may still go out.

Checked for posts the publisher still owes (approved, no publication record), as the other
schedule rules, of a column with ``promotional: true``, at their ``publish_at`` in the
configured zone (``weibo-lint calendar`` marks drafts on a quiet day too), against the quiet
days that apply to the post's account: the built-in national days (清明节, 07-07, 09-03,
09-18, 09-30, 12-13) and weibo.yaml's ``quiet_days:``, which adds days (a national day of
mourning) and turns days off (``quiet: false``). The message names the day and why.

Bad: ``publish_at: 2026-12-13 10:00`` in a column with ``promotional: true``.

Good: the promotion moved to 2026-12-14; or a service column's post on 2026-12-13.

Options: none (set its level like any rule's; ``quiet_days:`` says which days).
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.collection import Collection
from weibo_lint.i18n import _, weekday
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions
from weibo_lint.schedule.periods import local_date

CODE = "WB410"
NAME = "quiet-day"
SCOPE = "collection"
LEVEL = "warning"

# The documentation in Simplified Chinese (`weibo-lint rules WB410` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """营销栏目的帖子排在了需要静默的日子（国家纪念日、哀悼日）。

为什么：因为排期表写着"每天一条"，一条促销帖在国家公祭日或清明节发了出去，会被看作不尊重，是品牌在微博上最糟糕的日子之一。服务类帖子（营业时间、故障通知）仍可照常发布。

与其他排期规则一样，检查发布器尚未发出的帖子（已批准、没有发布记录），只看 ``promotional: true`` 的栏目（``weibo-lint calendar`` 也会标出排在静默日的草稿），按配置时区的 ``publish_at``，对照适用于该帖账号的静默日：内置的国家纪念日（清明节、07-07、09-03、09-18、09-30、12-13）以及 weibo.yaml 的 ``quiet_days:``——可以添加日子（如全国哀悼日），也可以用 ``quiet: false`` 关闭某一天。提示会写明是哪一天、为什么。

错误示例：``promotional: true`` 的栏目里，帖子 ``publish_at: 2026-12-13 10:00``。

正确示例：促销改到 2026-12-14；或者 2026-12-13 发的是服务类栏目的帖子。

选项：无（级别可像其他规则一样设置；哪些日子由 ``quiet_days:`` 决定）。
"""


def find(collection: Collection, options: NoOptions) -> Iterator[Finding]:
    config = collection.config
    for item in collection.timeline().pending:
        column = collection.columns.get(item.column or "")
        if column is None or not column.promotional:
            continue
        day = local_date(item.when, config.timezone)
        quiet = config.quiet.on(day, item.account)
        if quiet is None:
            continue
        yield Finding(
            _("{when} is a day to stay quiet (「{reason}」) and column {name} is promotional: "
              "move the post to another day")
            .format(when=f"{weekday(day)} {day.isoformat()}", reason=quiet.reason, name=column.name),
            path=item.path, line=item.line,
        )
