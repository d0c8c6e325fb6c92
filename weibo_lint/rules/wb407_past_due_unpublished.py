"""An approved post whose time has passed was never published.

Why: the second worst thing a publishing tool can do is silently not post. A post stays
unpublished when the publisher failed, was not running, or the post's account is posted by
hand and nobody recorded it (``weibo-lint record``).

A post is past due when it is ``approved``, its ``publish_at`` is before ``now`` (``--now``,
default the current time; a time without an offset is read in the configured zone, so
``2026-12-01 10:00`` in Asia/Shanghai is due at 02:00 UTC whatever the machine's zone), and
no publication record under ``published/`` says it went out.

Bad: ``status: approved``, ``publish_at: 2026-12-01 10:00``, no record, and it is 2026-12-02.

Good: a record ``published/<account>/<post>.json`` with ``state: published``; or the post
rescheduled, or back to ``draft``. When the post's record says why it is not out (publishing
failed, with Weibo's error; or a run claimed it and has not confirmed it), the problem says so.

Options: ``grace`` (default 0) — minutes after ``publish_at`` before a post counts as past due
(how late the scheduled publisher may run).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta, timezone

from weibo_lint.collection import Collection
from weibo_lint.i18n import _
from weibo_lint.problem import Finding
from weibo_lint.schedule.slots import minutes_text

CODE = "WB407"
NAME = "past-due-unpublished"
SCOPE = "collection"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB407` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """已批准且时间已过的帖子一直没有发出。

为什么：发布工具第二糟的事就是悄悄不发。帖子没发出，可能是发布器失败、没有运行，或者账号是手动发布而没人登记（``weibo-lint record``）。

当帖子已批准、``publish_at`` 早于 ``now``（没写时区的时间按配置时区理解），且 ``published/`` 下没有记录说明它已发出时，就算逾期。发布记录说明了原因（发布失败，或某次运行认领后尚未确认）时，提示会写出原因。

错误示例：``status: approved``、``publish_at: 2026-12-01 10:00``，没有记录，而现在是 2026-12-02。

正确示例：有 ``state: published`` 的发布记录；或帖子已重新排期，或改回 ``draft``。

选项：``grace``（默认 0）——到期多少分钟后才报告。
"""


@dataclass(frozen=True)
class Options:
    grace: int = 0


def find(collection: Collection, options: Options) -> Iterator[Finding]:
    tz = collection.config.timezone
    now = collection.now.astimezone(timezone.utc)
    due_before = now - timedelta(minutes=options.grace)
    for item in collection.timeline().pending:  # approved, with a time, and no publication
        if item.when < due_before:
            late = int((now - item.when).total_seconds())
            record = collection.unfinished.get(item.path)
            yield Finding(
                (_("approved for {when} ({ago} ago) but not published: {why}") if record else
                 _("approved for {when} ({ago} ago) but never published"))
                .format(when=f"{item.when.astimezone(tz):%Y-%m-%d %H:%M %Z}", ago=_ago(late),
                        why=record[1] if record else ""),
                path=item.path, line=item.line, related=(record[0],) if record else (),
            )


def _ago(seconds: int) -> str:
    days = seconds // 86400
    return _("{days} d").format(days=days) if days >= 2 else minutes_text(seconds)
