"""The next free slot of a column: where ``weibo-lint new`` puts a post.

A candidate time is one of the column's slots (without slots: each start of the account's
active windows and every ``max(min_gap, 30 min)`` after it inside the window; without
windows: 10:00). The first candidate after ``now`` is free when no post of the account
(drafts included: a new draft must not land on another) is closer than ``min_gap`` (or at
the same instant), the column's cadence period still has room below its ``max``, and the
account's day is below ``max_per_day``. A day the rules close (a quiet day, for a
promotional column) has no candidate at all.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from weibo_lint.schedule.periods import local_date, period_of
from weibo_lint.schedule.slots import Slot, occurrences

SEARCH_DAYS = 400
_STEP = timedelta(minutes=30)


@dataclass(frozen=True)
class Occupancy:
    """Times (aware) of the posts already planned: the column's and the account's."""

    column: tuple[datetime, ...] = ()
    account: tuple[datetime, ...] = ()


@dataclass(frozen=True)
class Rules:
    """What a free slot must respect (from the column file and the account's ``posting``)."""

    slots: tuple[Slot, ...] = ()
    per: str | None = None  # the cadence period, None without a cadence
    max_per_period: int | None = None
    min_gap: timedelta = timedelta(0)
    max_per_day: int | None = None
    windows: tuple[tuple[int, int], ...] = field(default_factory=tuple)
    closed: Callable[[date], bool] | None = None  # a local day the column must not post on


def candidates(rules: Rules, day: date, tz: tzinfo) -> list[datetime]:
    """The candidate times on ``day``, earliest first."""
    if rules.slots:
        return occurrences(rules.slots, day, tz)
    found = []
    step = max(rules.min_gap, _STEP)
    for start, end in rules.windows or ((10 * 60, 10 * 60 + 1),):
        moment = datetime.combine(day, time(start // 60, start % 60), tzinfo=tz)
        stop = moment + timedelta(minutes=(end - start) % (24 * 60) or 24 * 60)
        while moment < stop:
            found.append(moment)
            moment += step
    return sorted(set(found))


def _days(start: date) -> Iterator[date]:
    for offset in range(SEARCH_DAYS):
        yield start + timedelta(days=offset)


def next_free(rules: Rules, taken: Occupancy, now: datetime, tz: tzinfo) -> datetime | None:
    """The first free candidate strictly after ``now`` (in ``tz``), or None within 400 days."""
    account = sorted(t.astimezone(timezone.utc) for t in taken.account)
    column_periods: dict = {}
    if rules.per:
        for moment in taken.column:
            key = period_of(local_date(moment, tz), rules.per)
            column_periods[key] = column_periods.get(key, 0) + 1
    account_days: dict[date, int] = {}
    for moment in account:
        day = local_date(moment, tz)
        account_days[day] = account_days.get(day, 0) + 1
    for day in _days(local_date(now, tz)):
        if rules.closed is not None and rules.closed(day):
            continue
        if rules.max_per_day is not None and account_days.get(day, 0) >= rules.max_per_day:
            continue
        if rules.per and rules.max_per_period is not None and \
                column_periods.get(period_of(day, rules.per), 0) >= rules.max_per_period:
            continue
        for moment in candidates(rules, day, tz):
            if moment > now and not _crowded(moment.astimezone(timezone.utc), account, rules.min_gap):
                return moment
    return None


def _crowded(moment: datetime, taken: list[datetime], min_gap: timedelta) -> bool:
    index = bisect.bisect_left(taken, moment)
    neighbours = taken[max(index - 1, 0):index + 1]
    return any(abs(other - moment) < min_gap or other == moment for other in neighbours)
