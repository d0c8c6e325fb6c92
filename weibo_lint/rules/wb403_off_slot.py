"""A post's time is not one of its column's slots.

Why: a column's slots (``slots: ["tue 10:00", "thu 10:00"]``) are when its readers expect
it; a post at another time is usually a typo in ``publish_at``.

Checked for posts the publisher still owes (approved, no publication record), at their
wall-clock time in the configured zone; a slot with a weekday (``tue 10:00``, ``周二 10:00``)
matches only that weekday. Columns without slots are not checked. A slot that cannot be
read is reported once, at the column file's ``slots`` key.

Bad: ``publish_at: 2026-12-01 10:30`` in a column with ``slots: ["tue 10:00"]``.

Good: ``publish_at: 2026-12-01 10:00`` (a Tuesday).

Options: ``tolerance`` (default 0) — minutes a post may be off its slot, either way.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from weibo_lint.collection import Collection
from weibo_lint.i18n import _, weekday
from weibo_lint.problem import Finding
from weibo_lint.schedule.slots import minutes_text, nearest, parse_slots

CODE = "WB403"
NAME = "off-slot"
SCOPE = "collection"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB403` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """帖子的时间不在其栏目的发布时段内。

为什么：栏目的时段（``slots: ["tue 10:00", "thu 10:00"]``）是读者期待它出现的时间；不在时段内的时间通常是 ``publish_at`` 写错了。

检查发布器尚未发出的帖子（已批准、没有发布记录），按配置时区的当地时间；带星期的时段（``tue 10:00``、``周二 10:00``）只匹配那一天。没有时段的栏目不检查。无法读取的时段会在栏目文件的 ``slots`` 键上报告一次。

错误示例：栏目 ``slots: ["tue 10:00"]``，帖子 ``publish_at: 2026-12-01 10:30``。

正确示例：``publish_at: 2026-12-01 10:00``（周二）。

选项：``tolerance``（默认 0）——帖子可以偏离时段的分钟数（前后皆可）。
"""


@dataclass(frozen=True)
class Options:
    tolerance: int = 0


def find(collection: Collection, options: Options) -> Iterator[Finding]:
    tz = collection.config.timezone
    parsed: dict[str, tuple] = {}
    for slug, column in sorted(collection.columns.items()):
        slots, errors = parse_slots(column.slots)
        parsed[slug] = slots
        for error in errors:
            yield Finding(_("column {name} ({slug}): {error}").format(name=column.name, slug=slug, error=error), path=column.path, line=column.line_of("slots"))
    for item in collection.timeline().pending:
        found = parsed.get(item.column or "")
        if not found or item.column is None:
            continue
        slots = found
        local = item.when.astimezone(tz)
        slot, distance = nearest(slots, local)
        if distance > options.tolerance * 60:
            column = collection.columns[item.column]
            allowed = ", ".join(s.text for s in slots)
            yield Finding(
                _("{when} is not a slot of column {name} ({allowed}); the nearest, {slot}, is {distance} away")
                .format(when=f"{weekday(local)} {local:%Y-%m-%d %H:%M}", name=column.name, allowed=allowed,
                        slot=slot.text, distance=minutes_text(distance)),
                path=item.path, line=item.line,
            )
