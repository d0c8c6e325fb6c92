"""An approved post is scheduled inside a freeze of its account.

Why: while weibo.yaml's ``freeze:`` holds an account (``weibo-lint freeze``, an emergency
or a day of mourning), the publisher sends nothing there. A post scheduled inside the
freeze will not go out at its time; after the freeze it goes only if it is still within
its account's ``max_delay``. Better to give it a time after the freeze now (``weibo-lint
calendar`` shows the free slots) than to find it late.

Checked for posts the publisher still owes (approved, no publication record), at their
``publish_at``; a freeze covers ``from`` up to, not including, ``until`` (open-ended
without it), for its ``accounts`` (every account without them).

Bad: ``publish_at: 2026-12-01 10:00`` while ``freeze:`` holds the post's account from
2026-12-01 09:00 until 2026-12-01 18:00.

Good: ``publish_at: 2026-12-01 18:30``, after the freeze; or the freeze lifted
(``weibo-lint unfreeze``).

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.collection import Collection
from weibo_lint.freeze import active
from weibo_lint.i18n import _
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions

CODE = "WB409"
NAME = "scheduled-in-freeze"
SCOPE = "collection"
LEVEL = "warning"

# The documentation in Simplified Chinese (`weibo-lint rules WB409` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """已批准的帖子排在其账号的暂停发布（freeze）期间。

为什么：weibo.yaml 的 ``freeze:`` 暂停某个账号时（``weibo-lint freeze``，用于突发事件或哀悼日），发布器在该账号上什么都不发。排在暂停期间的帖子到点不会发出；暂停解除后，只有仍在账号 ``max_delay`` 之内的才会补发。与其事后发现它过期，不如现在就改到暂停之后（``weibo-lint calendar`` 会列出空闲时段）。

检查发布器尚未发出的帖子（已批准、没有发布记录），按其 ``publish_at``；暂停期从 ``from`` 开始，到 ``until`` 为止（不含 ``until``，没写则一直暂停），作用于其 ``accounts``（没写则为所有账号）。

错误示例：``freeze:`` 从 2026-12-01 09:00 到 2026-12-01 18:00 暂停该帖子的账号，而帖子是 ``publish_at: 2026-12-01 10:00``。

正确示例：``publish_at: 2026-12-01 18:30``，排在暂停之后；或者解除暂停（``weibo-lint unfreeze``）。

选项：无。
"""


def find(collection: Collection, options: NoOptions) -> Iterator[Finding]:
    config = collection.config
    if not config.freeze:
        return
    tz = config.timezone
    for item in collection.timeline().pending:
        account = config.account(item.account)
        freeze = active(config.freeze, account.key if account else None, item.when)
        if account is None or freeze is None:
            continue
        when, start = f"{item.when.astimezone(tz):%Y-%m-%d %H:%M}", f"{freeze.start.astimezone(tz):%Y-%m-%d %H:%M}"
        if freeze.until is None:
            message = _("scheduled for {when}, inside the freeze of account '{account}' since {start} ('{reason}'): "
                        "it will not go out then; move it after the freeze")
        else:
            message = _("scheduled for {when}, inside the freeze of account '{account}' from {start} to {until} "
                        "('{reason}'): it will not go out then; move it after the freeze")
        yield Finding(message.format(when=when, account=account.key, start=start, reason=freeze.reason,
                                     until=f"{freeze.until.astimezone(tz):%Y-%m-%d %H:%M}" if freeze.until else ""),
                      path=item.path, line=item.line)
