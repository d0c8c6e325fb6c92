"""Counting posts per period against a minimum and a maximum: column cadence, daily quota.

The periods considered are those overlapping a window (for the rules: ``[now, now +
horizon)``). A period the window holds to its end is *complete*; only a complete period can
be short, since the team may not have planned past the horizon yet. A period that began
before the window counts whole. Any period can be over its maximum: the excess is certain.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from weibo_lint.schedule.periods import Span, Window, spans
from weibo_lint.schedule.timeline import Scheduled, Timeline


@dataclass(frozen=True)
class PeriodCount:
    span: Span
    items: tuple[Scheduled, ...]
    minimum: int
    maximum: int | None

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def short(self) -> bool:
        return self.span.complete and self.count < self.minimum

    @property
    def over(self) -> bool:
        return self.maximum is not None and self.count > self.maximum


def count_periods(timeline: Timeline, items: list[Scheduled], window: Window, per: str, tz: tzinfo,
                  minimum: int, maximum: int | None) -> list[PeriodCount]:
    """``items`` (a sorted list of ``timeline``) counted in each period overlapping ``window``."""
    return [
        PeriodCount(span, tuple(timeline.between(items, span.start, span.end)), minimum, maximum)
        for span in spans(window, per, tz)
    ]


def column_counts(timeline: Timeline, slug: str, cadence, window: Window, tz: tzinfo) -> list[PeriodCount]:
    """A column's posts per cadence period."""
    return count_periods(timeline, timeline.by_column.get(slug, []), window, cadence.per, tz,
                         cadence.min, cadence.max)


def account_days(timeline: Timeline, key: str, posting, window: Window, tz: tzinfo) -> list[PeriodCount]:
    """An account's posts per local day, against ``min_per_day`` and ``max_per_day``."""
    return count_periods(timeline, timeline.by_account.get(key, []), window, "day", tz,
                         posting.min_per_day, posting.max_per_day)
