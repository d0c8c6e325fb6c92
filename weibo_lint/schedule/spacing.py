"""Posts of one account too close together, and posts outside the account's active windows."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from weibo_lint.schedule.timeline import Scheduled


@dataclass(frozen=True)
class TooClose:
    first: Scheduled
    second: Scheduled

    @property
    def gap(self) -> timedelta:
        return self.second.when - self.first.when


def too_close(items: list[Scheduled], min_gap: timedelta) -> list[TooClose]:
    """Pairs of ``items`` (sorted by time) less than ``min_gap`` apart, at least one pending.

    Two publications that both went out are history, not something to fix.
    """
    pairs: list[TooClose] = []
    if min_gap <= timedelta(0):
        return pairs
    for index, first in enumerate(items):
        later = index + 1
        while later < len(items) and items[later].when - first.when < min_gap:
            second = items[later]
            if first.pending or second.pending:
                pairs.append(TooClose(first, second))
            later += 1
    return pairs


def in_windows(local: datetime, windows: tuple[tuple[int, int], ...]) -> bool:
    """Whether the wall-clock time ``local`` falls in one of ``windows`` (minutes, ``[start, end)``;
    a window whose end is before its start runs past midnight)."""
    seconds = local.hour * 3600 + local.minute * 60 + local.second
    for start, end in windows:
        start, end = start * 60, end * 60
        if start <= end:
            if start <= seconds < end:
                return True
        elif seconds >= start or seconds < end:
            return True
    return False


def window_text(windows: tuple[tuple[int, int], ...]) -> str:
    return ", ".join(f"{s // 60:02d}:{s % 60:02d}-{e // 60:02d}:{e % 60:02d}" for s, e in windows)


def local(instant: datetime, tz: tzinfo) -> datetime:
    return instant.astimezone(tz)
