"""Reading times, durations and clock times from configuration and front matter.

Every datetime leaves this module aware: an explicit offset wins, otherwise the
configured IANA zone applies.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from weibo_lint.i18n import _

#: Times outside these years are refused where they are read: a post is never that far off,
#: and the margin keeps every offset, horizon and calendar sum inside datetime's years 1–9999.
MIN_YEAR, MAX_YEAR = 1900, 9000
#: Longer durations are refused (a horizon or delay of a century is a typo, and timedelta
#: overflows at 999,999,999 days).
MAX_DURATION = timedelta(days=36_600)
_DURATION = re.compile(r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$",
                       re.IGNORECASE)


def zone(name: str) -> tzinfo:
    """An IANA time zone by name; ValueError with a readable message when unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):  # OSError: a name too long for a file
        raise ValueError(_("unknown time zone {value} (use an IANA name like 'Asia/Shanghai')").format(value=_short(name))) from None


def parse_datetime(value: object, tz: tzinfo) -> datetime:
    """ISO 8601 date-time; without an offset it is read in ``tz``."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        text = value.strip()
        if text.endswith(("z", "Z")):
            text = text[:-1] + "+00:00"
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(
                _("{value} is not a date and time like '2026-12-01 10:00' or '2026-12-01T10:00:00+08:00'").format(value=repr(value))
            ) from None
        if len(text) <= 10:  # a bare date: a post needs its hour
            raise ValueError(_("{value} has no time of day: write it like '{text} 10:00'").format(value=repr(value), text=text))
    elif isinstance(value, date):
        raise ValueError(_("{value} has no time of day: write it like '{value} 10:00'").format(value=value))
    else:
        raise ValueError(_("expected a date and time, got {kind}").format(kind=type(value).__name__))
    check_year(parsed, repr(value) if isinstance(value, str) else str(value))
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=tz)


def check_year(moment: date, shown: str) -> None:
    """ValueError unless ``moment`` lies in MIN_YEAR..MAX_YEAR (``shown`` names it)."""
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise ValueError(_("{shown} is out of range: use a year from {MIN_YEAR} to {MAX_YEAR}").format(shown=shown, MIN_YEAR=MIN_YEAR, MAX_YEAR=MAX_YEAR))


def parse_instant(text: object) -> datetime | None:
    """An ISO 8601 time with an offset as written by weibo-lint (records, metrics), or None
    when it is no such time or out of range: such data is skipped, never trusted."""
    if not isinstance(text, str):
        return None
    try:
        parsed = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("z", "Z")) else text)
        check_year(parsed, repr(text))
    except ValueError:
        return None
    return parsed


def parse_duration(value: object) -> timedelta:
    """``45m``, ``6h``, ``14d``, ``1h30m``, ``90s`` or a number of minutes."""
    if isinstance(value, bool):
        raise ValueError(_("expected a duration like '45m', got {value}").format(value=repr(value)))
    too_long = _("a duration of at most {days} days, got {value}").format(days=MAX_DURATION.days, value=_short(value))
    if isinstance(value, int):
        if value < 0:
            raise ValueError(_("expected a duration ≥ 0, got {value}").format(value=_short(value)))
        if value > MAX_DURATION.total_seconds() // 60:
            raise ValueError(_("expected {too_long}").format(too_long=too_long))
        return timedelta(minutes=value)
    match = _DURATION.match(value) if isinstance(value, str) and len(value) < 100 else None
    if not match or not any(match.groups()):
        raise ValueError(_("expected a duration like '45m', '6h' or '14d', got {value}").format(value=_short(value)))
    days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    if days * 86400 + hours * 3600 + minutes * 60 + seconds > MAX_DURATION.total_seconds():
        raise ValueError(_("expected {too_long}").format(too_long=too_long))
    return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def _short(value: object) -> str:
    """``repr(value)``, cut: a huge number or text must not fill the message."""
    shown = repr(value) if not isinstance(value, int) or abs(value) < 10**30 else f"a number of {int(value.bit_length() * 0.30103) + 1} digits"
    return shown if len(shown) <= 60 else shown[:57] + "..."


def parse_clock(value: str) -> int:
    """``HH:MM`` to minutes after midnight."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", value)
    hour, minute = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    if not match or minute > 59 or hour > 24 or (hour == 24 and minute):  # 24:00 is the end of the day
        raise ValueError(_("expected a time of day from 00:00 to 24:00 like '20:30', got {value}").format(value=repr(value)))
    return int(match.group(1)) * 60 + int(match.group(2))
