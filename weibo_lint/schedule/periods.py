"""Cadence periods (a day, an ISO week from Monday, a calendar month) in the configured zone.

A period is a run of local dates; its instants are the local midnights that bound it, so a
day is 23 or 25 hours long across a daylight-saving change, as a team's calendar says.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from weibo_lint.i18n import _, weekday


@dataclass(frozen=True, order=True)
class Period:
    first: date  # inclusive
    last: date  # inclusive
    per: str

    def start(self, tz: tzinfo) -> datetime:
        """The local midnight that opens the period, in UTC."""
        return midnight(self.first, tz)

    def end(self, tz: tzinfo) -> datetime:
        """The local midnight that closes it (exclusive), in UTC."""
        return midnight(self.last + timedelta(days=1), tz)

    def label(self) -> str:
        """``2026-12-05 (Sat)``, ``week 2026-W49 (2026-11-30 – 2026-12-06)``, ``2026-12 (…)``."""
        if self.per == "day":
            return f"{self.first.isoformat()} ({weekday(self.first)})"
        if self.per == "week":
            year, week, _day = self.first.isocalendar()
            return _("week {year}-W{week} ({first} – {last})").format(
                year=year, week=f"{week:02d}", first=self.first.isoformat(), last=self.last.isoformat())
        return f"{self.first.strftime('%Y-%m')} ({self.first.isoformat()} – {self.last.isoformat()})"

    def phrase(self) -> str:
        """The label with its preposition: ``on 2026-12-05 (Sat)``, ``in week …``."""
        return (_("on {period}") if self.per == "day" else _("in {period}")).format(period=self.label())

    def next(self) -> Period:
        return period_of(self.last + timedelta(days=1), self.per)


def midnight(day: date, tz: tzinfo) -> datetime:
    """The first instant of ``day`` in ``tz``, in UTC (a skipped midnight resolves forward)."""
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(timezone.utc)


def period_of(day: date, per: str) -> Period:
    """The period of kind ``per`` holding the local date ``day``."""
    if per == "day":
        return Period(day, day, per)
    if per == "week":
        first = day - timedelta(days=day.weekday())  # ISO weeks start on Monday
        return Period(first, first + timedelta(days=6), per)
    if per == "month":
        first = day.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return Period(first, following - timedelta(days=1), per)
    raise ValueError(f"unknown period {per!r}: use day, week or month")


def local_date(instant: datetime, tz: tzinfo) -> date:
    return instant.astimezone(tz).date()


@dataclass(frozen=True)
class Window:
    """A span of time, ``[start, end)``, both aware."""

    start: datetime
    end: datetime

    @classmethod
    def from_now(cls, now: datetime, horizon: timedelta) -> Window:
        """``[now, now + horizon)``, the horizon counted in elapsed time."""
        start = now.astimezone(timezone.utc)
        return cls(start, start + horizon)

    def contains(self, instant: datetime) -> bool:
        return self.start <= instant < self.end


@dataclass(frozen=True)
class Span:
    """A period seen from a window: ``complete`` when the window holds its end.

    Only complete periods can be short: a week the window cuts off may still be planned
    beyond it. A period that began before the window is counted whole, posts already out
    included (they count for their period).
    """

    period: Period
    start: datetime  # UTC
    end: datetime  # UTC
    complete: bool


def spans(window: Window, per: str, tz: tzinfo) -> list[Span]:
    """The periods of kind ``per`` that overlap ``window``, in order."""
    found: list[Span] = []
    if window.end <= window.start:
        return found
    period = period_of(local_date(window.start, tz), per)
    while True:
        start, end = period.start(tz), period.end(tz)
        if start >= window.end:
            return found
        found.append(Span(period, start, end, end <= window.end))
        period = period.next()
