"""Reading times, durations and clock times from configuration and front matter.

Every datetime leaves this module aware: an explicit offset wins, otherwise the
configured IANA zone applies.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_DURATION = re.compile(r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$",
                       re.IGNORECASE)


def zone(name: str) -> tzinfo:
    """An IANA time zone by name; ValueError with a readable message when unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ValueError(f"unknown time zone {name!r} (use an IANA name like 'Asia/Shanghai')") from None


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
                f"{value!r} is not a date and time like '2026-12-01 10:00' or '2026-12-01T10:00:00+08:00'"
            ) from None
        if len(text) <= 10:  # a bare date: a post needs its hour
            raise ValueError(f"{value!r} has no time of day: write it like '{text} 10:00'")
    elif isinstance(value, date):
        raise ValueError(f"{value!s} has no time of day: write it like '{value!s} 10:00'")
    else:
        raise ValueError(f"expected a date and time, got {type(value).__name__}")
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=tz)


def parse_duration(value: object) -> timedelta:
    """``45m``, ``6h``, ``14d``, ``1h30m``, ``90s`` or a number of minutes."""
    if isinstance(value, bool):
        raise ValueError(f"expected a duration like '45m', got {value!r}")
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"expected a duration ≥ 0, got {value!r}")
        return timedelta(minutes=value)
    match = _DURATION.match(str(value)) if isinstance(value, str) else None
    if not match or not any(match.groups()):
        raise ValueError(f"expected a duration like '45m', '6h' or '14d', got {value!r}")
    days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def parse_clock(value: str) -> int:
    """``HH:MM`` to minutes after midnight."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", value)
    if not match or int(match.group(1)) > 24 or int(match.group(2)) > 59:
        raise ValueError(f"expected a time of day like '20:30', got {value!r}")
    return int(match.group(1)) * 60 + int(match.group(2))
