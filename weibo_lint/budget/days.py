"""Weibo's day: the day a call counts against. Pure.

No source says when Weibo's daily count starts again (docs/platform.md §2.4). Weibo is run
from Beijing and its API speaks Beijing time (``created_at`` carries +0800, docs/platform.md
§4.4), so weibo-lint counts calls per **Beijing day** (UTC+8, no daylight saving), whatever
``timezone`` weibo.yaml sets: an account scheduled in Europe/Berlin still spends Weibo's
budget on Weibo's day.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "UTC+8")
ZONE_NAME = "Asia/Shanghai"  # the IANA name of Beijing time, for JSON


def weibo_day(instant: datetime) -> date:
    """The Beijing date of ``instant`` (an aware datetime)."""
    return instant.astimezone(BEIJING).date()


def day_start(day: date) -> datetime:
    """Midnight in Beijing at the start of ``day``."""
    return datetime(day.year, day.month, day.day, tzinfo=BEIJING)
