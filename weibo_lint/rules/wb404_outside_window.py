"""A post is scheduled outside its account's active windows.

Why: a post at 03:00 reaches nobody; accounts name the hours their followers are awake
(``posting.windows`` in weibo.yaml, e.g. 09:30-12:00, 15:30-17:30, 20:30-23:30 China time,
a practitioner's rule of thumb, not a platform rule: hence a warning).

Checked for posts the publisher still owes (approved, no publication record), at their
wall-clock time in the configured zone; a window's end is exclusive, and a window whose end
comes before its start runs past midnight. Accounts without windows are not checked.

Bad: ``publish_at: 2026-12-01 13:00`` for an account with windows 09:30-12:00, 15:30-17:30.

Good: ``publish_at: 2026-12-01 15:30``.

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.collection import Collection
from weibo_lint.i18n import _, weekday
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions
from weibo_lint.schedule.spacing import in_windows, window_text

CODE = "WB404"
NAME = "outside-window"
SCOPE = "collection"
LEVEL = "warning"

# The documentation in Simplified Chinese (`weibo-lint rules WB404` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """帖子排在账号的活跃时段之外。

为什么：凌晨三点的帖子没人看；账号会写明粉丝醒着的时间（weibo.yaml 中的 ``posting.windows``，例如北京时间 09:30-12:00、15:30-17:30、20:30-23:30——这是运营经验，不是平台规则，所以只是警告）。

检查发布器尚未发出的帖子，按配置时区的当地时间；时段结束时间不含在内，结束早于开始的时段跨过午夜。没有设置时段的账号不检查。

错误示例：时段为 09:30-12:00、15:30-17:30 的账号，``publish_at: 2026-12-01 13:00``。

正确示例：``publish_at: 2026-12-01 15:30``。

选项：无。
"""


def find(collection: Collection, options: NoOptions) -> Iterator[Finding]:
    config = collection.config
    for item in collection.timeline().pending:
        account = config.account(item.account)
        if account is None or not account.posting.windows:
            continue
        local = item.when.astimezone(config.timezone)
        if not in_windows(local, account.posting.windows):
            yield Finding(
                _("{when} is outside the active windows of {name} ({windows})")
                .format(when=f"{weekday(local)} {local:%Y-%m-%d %H:%M}", name=account.name,
                        windows=window_text(account.posting.windows)),
                path=item.path, line=item.line,
            )
