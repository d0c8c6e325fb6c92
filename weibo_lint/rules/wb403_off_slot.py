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

from dataclasses import dataclass

from weibo_lint.problem import Finding
from weibo_lint.schedule import timeline
from weibo_lint.schedule.slots import minutes_text, nearest, parse_slots
from weibo_lint.i18n import _, weekday

CODE = "WB403"
NAME = "off-slot"
SCOPE = "collection"
LEVEL = "error"


@dataclass(frozen=True)
class Options:
    tolerance: int = 0


def check(collection, options):
    tz = collection.config.timezone
    parsed = {}
    for slug, column in sorted(collection.columns.items()):
        slots, errors = parse_slots(column.slots)
        parsed[slug] = slots
        for error in errors:
            yield Finding(_("column {name} ({slug}): {error}").format(name=column.name, slug=slug, error=error), path=column.path, line=column.line_of("slots"))
    for item in timeline.of(collection).pending:
        slots = parsed.get(item.column or "")
        if not slots:
            continue
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
