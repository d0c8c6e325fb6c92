"""The calendar model: days × accounts × posts, with gaps and collisions marked.

Built from the same timeline and period counts as the WB4xx rules, so the calendar marks
exactly what the linter would report for its days. Drafts are shown (a team plans with
them) but, as in the rules, count for nothing. A quiet day (schedule/quiet.py) is shown on
each account it applies to, and a promotional column's post on it is marked, as WB410 does.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any

from weibo_lint.model import Posting
from weibo_lint.schedule import timeline as timeline_module
from weibo_lint.schedule.cadence import account_days, column_counts
from weibo_lint.schedule.periods import Window, midnight
from weibo_lint.schedule.quiet import QuietCalendar
from weibo_lint.schedule.spacing import too_close


@dataclass(frozen=True)
class Entry:
    path: str
    when: datetime  # local, in the configured zone
    column: str | None
    column_name: str
    account: str | None
    status: str  # draft | approved | published
    title: str | None
    text: str | None
    chars: int | None
    limit: int | None
    too_close: tuple[str, ...] = ()  # paths of the account's posts closer than min_gap
    promotional: bool = False  # of a ``promotional: true`` column


@dataclass(frozen=True)
class AccountDay:
    key: str
    name: str
    count: int  # posts that count (approved or published)
    minimum: int
    maximum: int | None
    entries: tuple[Entry, ...]
    quiet: str | None = None  # the reason, on a day to stay quiet for this account

    @property
    def loud(self) -> tuple[Entry, ...]:
        """The promotional posts not yet out on a quiet day (WB410's)."""
        if self.quiet is None:
            return ()
        return tuple(e for e in self.entries if e.promotional and e.status != "published")

    @property
    def short(self) -> bool:
        return self.count < self.minimum

    @property
    def over(self) -> bool:
        return self.maximum is not None and self.count > self.maximum


@dataclass(frozen=True)
class Day:
    day: date
    accounts: tuple[AccountDay, ...]


@dataclass(frozen=True)
class Gap:
    """A column period inside the calendar below its ``min`` (short) or above its ``max`` (over)."""

    column: str
    column_name: str
    path: str
    kind: str  # short | over
    label: str
    first: date
    last: date
    count: int
    minimum: int
    maximum: int | None


@dataclass(frozen=True)
class Calendar:
    first: date
    days: tuple[Day, ...]
    gaps: tuple[Gap, ...]
    zone: str


@dataclass(frozen=True)
class Sources:
    """What the calendar is built from (all plain values from the core)."""

    posts: tuple[Any, ...]  # PostSummary
    published: Mapping[str, Any]  # Published, by post path
    columns: Mapping[str, Any]  # Column, by slug
    accounts: Mapping[str, Any]  # Account, by key
    tz: tzinfo
    zone: str
    titles: Mapping[str, str]
    measure: Callable[[Any], tuple[int, int] | None]  # a post summary -> (count, limit)
    quiet: QuietCalendar = field(default_factory=QuietCalendar)  # the days to stay quiet (config.quiet)


def build(sources: Sources, first: date, days: int, account: str | None = None) -> Calendar:
    tz = sources.tz
    window = Window(midnight(first, tz), midnight(first + timedelta(days=days), tz))
    timeline = timeline_module.build(sources.posts, sources.published, tz)
    close = _too_close(timeline, sources.accounts)
    keys = [k for k in sources.accounts if account in (None, k)]
    entries: dict[tuple[date, str], list[Entry]] = {}
    for post in sources.posts:
        entry = _entry(post, sources, close)
        if entry is None or not window.contains(entry.when.astimezone(timezone.utc)):
            continue
        if account is not None and entry.account != account:
            continue
        key = entry.account or "?"
        if key not in keys:
            keys.append(key)
        entries.setdefault((entry.when.date(), key), []).append(entry)
    counts = {k: {c.span.period.first: c for c in account_days(timeline, k, _posting(sources, k), window, tz)}
              for k in keys}
    calendar_days = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        rows = []
        for key in keys:
            posting = _posting(sources, key)
            count = counts[key].get(day)
            acct = sources.accounts.get(key)
            quiet = sources.quiet.on(day, key)
            rows.append(AccountDay(key, acct.name if acct else key, count.count if count else 0,
                                   posting.min_per_day, posting.max_per_day,
                                   tuple(sorted(entries.get((day, key), []), key=lambda e: (e.when, e.path))),
                                   quiet.reason if quiet else None))
        calendar_days.append(Day(day, tuple(rows)))
    return Calendar(first, tuple(calendar_days), tuple(_gaps(sources, timeline, window, account)), sources.zone)


def _posting(sources: Sources, key: str) -> Posting:
    acct = sources.accounts.get(key)
    return acct.posting if acct else Posting()


def _too_close(timeline, accounts: Mapping[str, Any]) -> dict[str, set[str]]:
    close: dict[str, set[str]] = {}
    for key, items in timeline.by_account.items():
        acct = accounts.get(key)
        if acct is None:
            continue
        for pair in too_close(items, acct.posting.min_gap):
            close.setdefault(pair.first.path, set()).add(pair.second.path)
            close.setdefault(pair.second.path, set()).add(pair.first.path)
    return close


def _entry(post, sources: Sources, close: Mapping[str, set[str]]) -> Entry | None:
    record = sources.published.get(post.path)
    when = record.published_at if record is not None else post.publish_at
    if when is None:
        return None
    when = timeline_module.utc(when, sources.tz).astimezone(sources.tz)
    column = sources.columns.get(post.column or "")
    measured = sources.measure(post)
    return Entry(
        path=post.path, when=when, column=post.column, column_name=column.name if column else (post.column or "?"),
        account=post.account, status="published" if record is not None else post.status,
        title=sources.titles.get(post.path), text=post.text,
        chars=measured[0] if measured else None, limit=measured[1] if measured else None,
        too_close=tuple(sorted(close.get(post.path, ()))),
        promotional=bool(column and column.promotional),
    )


def _gaps(sources: Sources, timeline, window: Window, account: str | None) -> list[Gap]:
    gaps = []
    by_name = {acct.name: key for key, acct in sources.accounts.items()}
    for slug, column in sorted(sources.columns.items()):
        owner = by_name.get(column.account, column.account)
        if column.cadence is None or account not in (None, owner):
            continue
        for count in column_counts(timeline, slug, column.cadence, window, sources.tz):
            for kind in ("short", "over"):
                if getattr(count, kind):
                    period = count.span.period
                    gaps.append(Gap(slug, column.name, column.path, kind, period.label(), period.first, period.last,
                                    count.count, count.minimum, count.maximum))
    return gaps
