"""The sandbox's clock: real time unless a test sets or advances it."""
from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "CST")  # China has kept UTC+8 without DST since 1991
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _real_now() -> datetime:
    return datetime.now(timezone.utc)


class Clock:
    """Aware UTC time. ``set`` freezes it at an instant; ``advance`` moves it either way."""

    def __init__(self, source: Callable[[], datetime] = _real_now) -> None:
        self._source = source
        self._lock = threading.Lock()
        self._fixed: datetime | None = None
        self._offset = timedelta()

    def now(self) -> datetime:
        with self._lock:
            if self._fixed is not None:
                return self._fixed
            return self._source().astimezone(timezone.utc) + self._offset

    def set(self, when: datetime) -> None:
        if when.tzinfo is None:
            raise ValueError("the sandbox clock needs an aware datetime (with a UTC offset)")
        with self._lock:
            self._fixed = when.astimezone(timezone.utc)

    def advance(self, seconds: float) -> None:
        with self._lock:
            if self._fixed is not None:
                self._fixed += timedelta(seconds=seconds)
            else:
                self._offset += timedelta(seconds=seconds)

    def reset(self) -> None:
        """Back to real time."""
        with self._lock:
            self._fixed = None
            self._offset = timedelta()


def weibo_time(when: datetime) -> str:
    """``created_at`` as Weibo writes it, e.g. ``Tue May 31 17:46:55 +0800 2011``.

    Spelled out by hand so the process locale cannot translate the day and month names.
    """
    local = when.astimezone(CHINA)
    return (
        f"{_DAYS[local.weekday()]} {_MONTHS[local.month - 1]} {local.day:02d} "
        f"{local:%H:%M:%S} +0800 {local.year}"
    )
