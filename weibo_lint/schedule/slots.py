"""Column slots: ``"20:30"`` (every day) or ``"tue 10:00"`` / ``"周二 10:00"`` (one weekday)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from weibo_lint.i18n import _
from weibo_lint.times import parse_clock

DAY = 24 * 60 * 60  # seconds
WEEK = 7 * DAY

_ENGLISH = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EXTRA = {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}
_CHINESE = "一二三四五六日"


def _weekday_names() -> dict[str, int]:
    names = {name: index for index, name in enumerate(_ENGLISH)}
    names.update({name: index for index, name in enumerate(_FULL)})
    names.update(_EXTRA)
    for index, digit in enumerate(_CHINESE):
        for prefix in ("周", "星期", "礼拜"):
            names[prefix + digit] = index
    for prefix in ("周", "星期", "礼拜"):
        names[prefix + "天"] = 6
    names["周七"] = 6
    return names


WEEKDAYS = _weekday_names()
_SLOT = re.compile(r"^\s*(?:(?P<day>[^\d\s:]+)\s*)?(?P<clock>\d{1,2}:\d{2})\s*$")


@dataclass(frozen=True)
class Slot:
    """A time of day, on every day (``weekday`` None) or on one weekday (0 = Monday)."""

    text: str
    minute: int  # after midnight
    weekday: int | None = None

    def distance(self, local: datetime) -> int:
        """Seconds between the wall-clock time ``local`` and this slot's nearest occurrence."""
        of_day = local.hour * 3600 + local.minute * 60 + local.second
        target = self.minute * 60
        if self.weekday is None:
            diff = abs(of_day - target) % DAY
            return min(diff, DAY - diff)
        diff = abs(local.weekday() * DAY + of_day - (self.weekday * DAY + target)) % WEEK
        return min(diff, WEEK - diff)

    def on(self, day: date, tz: tzinfo) -> datetime | None:
        """This slot on ``day`` (aware, in ``tz``), or None when it is another weekday's."""
        if self.weekday is not None and day.weekday() != self.weekday:
            return None
        return datetime.combine(day, time(self.minute // 60, self.minute % 60), tzinfo=tz)


def parse_slot(text: str) -> Slot:
    """``"20:30"``, ``"tue 10:00"``, ``"Tuesday 10:00"``, ``"周二 10:00"``; ValueError otherwise."""
    match = _SLOT.match(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(_("slot {text} must look like '20:30' or 'tue 10:00'").format(text=repr(text)))
    minute = parse_clock(match.group("clock"))
    if minute >= 24 * 60:
        raise ValueError(_("slot {text}: the time must be before 24:00").format(text=repr(text)))
    day = match.group("day")
    if day is None:
        return Slot(text, minute)
    weekday = WEEKDAYS.get(day.lower().rstrip("."))
    if weekday is None:
        raise ValueError(_("slot {text}: unknown weekday {day} (use mon … sun or 周一 … 周日)").format(text=repr(text), day=repr(day)))
    return Slot(text, minute, weekday)


def parse_slots(texts: tuple[str, ...]) -> tuple[tuple[Slot, ...], tuple[str, ...]]:
    """The slots that parse, and the error messages of those that do not."""
    slots, errors = [], []
    for text in texts:
        try:
            slots.append(parse_slot(text))
        except ValueError as exc:
            errors.append(str(exc))
    return tuple(slots), tuple(errors)


def nearest(slots: tuple[Slot, ...], local: datetime) -> tuple[Slot, int]:
    """The slot nearest to ``local`` and its distance in seconds (``slots`` not empty)."""
    return min(((slot, slot.distance(local)) for slot in slots), key=lambda pair: pair[1])


def occurrences(slots: tuple[Slot, ...], day: date, tz: tzinfo) -> list[datetime]:
    """Every slot's time on ``day``, earliest first."""
    return sorted(t for t in (slot.on(day, tz) for slot in slots) if t is not None)


def minutes_text(seconds: int) -> str:
    """``"1 h 5 min"``-style duration for messages."""
    delta = timedelta(seconds=seconds)
    hours, rest = divmod(int(delta.total_seconds()), 3600)
    minutes = rest // 60
    if hours and minutes:
        return _("{hours} h {minutes} min").format(hours=hours, minutes=minutes)
    return _("{hours} h").format(hours=hours) if hours else _("{minutes} min").format(minutes=minutes)
