"""The plan in time: a calendar of the coming weeks per account, and each column's health.

Periods, horizons and what counts come from :mod:`weibo_lint.schedule`, the same code the
WB4xx rules ask, so the site and the linter agree on every gap: drafts count for nothing,
a published post counts when it went out, the periods are those overlapping ``[now, now +
horizon)``, and a period the horizon cuts off is *open* (not planned yet), never short.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from weibo_lint.errors import known
from weibo_lint.freeze import Freeze
from weibo_lint.i18n import N_, _, weekday
from weibo_lint.model import Account, Cadence, Column, Posting
from weibo_lint.schedule.cadence import PeriodCount, account_days, column_counts
from weibo_lint.schedule.periods import Window
from weibo_lint.schedule.timeline import Timeline
from weibo_lint.site.cards import Card


@dataclass(frozen=True)
class Period:
    first: date
    last: date  # inclusive
    per: str
    count: int
    min: int
    max: int | None
    state: str  # ok | gap | excess | open (cut off by the horizon, may still be planned)

    @property
    def label(self) -> str:
        if self.per == "day":
            return f"{self.first:%m-%d} {weekday(self.first)}"
        if self.per == "week":
            return f"{self.first:%m-%d} – {self.last:%m-%d}"
        return f"{self.first:%Y-%m}"

    @property
    def wanted(self) -> str:
        return wanted(self.min, self.max)


def wanted(low: int, high: int | None) -> str:
    if high is None:
        return f"≥ {low}"
    return str(low) if low == high else f"{low}–{high}"


def cadence_label(cadence: Cadence | None) -> str:
    if cadence is None:
        return _("no cadence set")
    return _("{wanted} per {per}").format(wanted=wanted(cadence.min, cadence.max), per=_(PER_NAMES[cadence.per]))


PER_NAMES = {"day": N_("day"), "week": N_("week"), "month": N_("month")}
# The health of a period, as the pages show it.
HEALTH_NAMES = (N_("gap"), N_("excess"), N_("open"), N_("ok"), N_("none"))


def _period(count: PeriodCount) -> Period:
    if count.short:
        state = "gap"
    elif count.over:
        state = "excess"
    else:
        state = "open" if not count.span.complete and count.count < count.minimum else "ok"
    period = count.span.period
    return Period(period.first, period.last, period.per, count.count, count.minimum, count.maximum, state)


def column_health(column: Column, timeline: Timeline, *, now: datetime, horizon: timedelta,
                  tz: tzinfo) -> list[Period]:
    """The column's periods inside the horizon, with their counts and states."""
    if column.cadence is None:
        return []
    counts = column_counts(timeline, column.slug, column.cadence, Window.from_now(now, horizon), tz)
    return [_period(count) for count in counts]


def quota_health(key: str, posting: Posting, timeline: Timeline, *, now: datetime, tz: tzinfo) -> list[Period]:
    """An account's days against ``min_per_day`` and ``max_per_day``."""
    if not posting.min_per_day and posting.max_per_day is None:
        return []
    return [_period(count) for count in account_days(timeline, key, posting, Window.from_now(now, posting.horizon), tz)]


@dataclass(frozen=True)
class Day:
    day: date
    label: str
    today: bool
    past: bool
    cards: tuple[Card, ...]
    marks: tuple[tuple[str, str], ...]  # (gap | excess | frozen, what): findings and freezes of this day


@dataclass(frozen=True)
class Week:
    label: str
    days: tuple[Day, ...]
    marks: tuple[tuple[str, str], ...]  # weekly cadence findings


@dataclass(frozen=True)
class AccountCalendar:
    key: str
    account: Account | None
    weeks: tuple[Week, ...]

    @property
    def name(self) -> str:
        return self.account.name if self.account else self.key


def calendar_weeks(now: datetime, horizon: timedelta, weeks: int | None) -> list[date]:
    """The Mondays of the weeks to show: from this week to the end of the horizon."""
    monday = now.date() - timedelta(days=now.weekday())
    if weeks is None:
        weeks = max(1, -(-((now + horizon).date() - monday).days // 7))
    return [monday + timedelta(days=7 * i) for i in range(weeks)]


def _marks(health: Sequence[tuple[str, Period]]) -> dict[tuple[str, date], list[tuple[str, str]]]:
    """Gap and excess marks by (period kind, first day)."""
    found: dict[tuple[str, date], list[tuple[str, str]]] = {}
    for name, period in health:
        if period.state in ("gap", "excess"):
            what = _("{name}: {count} of {wanted}").format(name=name, count=period.count, wanted=period.wanted)
            found.setdefault((period.per, period.first), []).append((period.state, what))
    return found


def freeze_marks(freezes: Sequence[Freeze], key: str, day: date, tz: tzinfo) -> list[tuple[str, str]]:
    """A ``frozen`` mark for each freeze of account ``key`` overlapping ``day`` (in ``tz``)."""
    start = datetime.combine(day, datetime.min.time(), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    marks = []
    for freeze in freezes:
        if freeze.accounts is not None and key not in freeze.accounts:
            continue
        if freeze.start < end and (freeze.until is None or freeze.until > start):
            until = f"{freeze.until.astimezone(tz):%m-%d %H:%M}" if freeze.until else "…"
            marks.append(("frozen", f"{freeze.start.astimezone(tz):%m-%d %H:%M} – {until} {freeze.reason}"))
    return marks


def account_calendar(key: str, account: Account | None, cards: Sequence[Card],
                     health: Sequence[tuple[str, Period]], *, now: datetime, weeks: int | None,
                     freezes: Sequence[Freeze] = (), tz: tzinfo | None = None) -> AccountCalendar:
    """One account's weeks: its posts by day, with the gaps and excess of ``health``
    (what each period is of, and the period) and the freezes holding it marked where they
    fall."""
    horizon = account.posting.horizon if account else Posting().horizon
    by_day: dict[date, list[Card]] = {}
    for card in cards:
        if card.when is not None:
            by_day.setdefault(card.when.date(), []).append(card)
    marks = _marks(health)
    rows = []
    for monday in calendar_weeks(now, horizon, weeks):
        days = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            days.append(Day(day, f"{day:%m-%d} {weekday(day)}", day == now.date(), day < now.date(),
                            tuple(sorted(by_day.get(day, []), key=lambda c: (c.when, c.path))),
                            tuple(marks.get(("day", day), []) + freeze_marks(freezes, key, day, known(tz or now.tzinfo, "the calendar's time zone")))))
        rows.append(Week(f"{monday:%Y-%m-%d}", tuple(days), tuple(marks.get(("week", monday), []))))
    return AccountCalendar(key, account, tuple(rows))
