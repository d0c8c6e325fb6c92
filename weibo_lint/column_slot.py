"""A column's next free slot, from the repository's posts and records: what ``weibo-lint new``
writes as a new draft's ``publish_at`` and what the language server offers to complete it."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from weibo_lint.config import Config
from weibo_lint.model import Column, Posting
from weibo_lint.schedule import free
from weibo_lint.schedule.slots import parse_slots
from weibo_lint.schedule.timeline import utc


def next_slot(config: Config, column: Column, summaries: Iterable, published: Mapping, now: datetime,
              *, leave_out: str | None = None) -> datetime | None:
    """The first free moment after ``now`` for a post of ``column`` (None: none within
    ``free.SEARCH_DAYS``), drafts counted, the post at ``leave_out`` not (its own time is
    no obstacle to it). Raises ValueError with the first error of the column's ``slots``."""
    account = config.account(column.account)
    posting = account.posting if account else Posting()
    slots, errors = parse_slots(column.slots)
    if errors:
        raise ValueError(errors[0])
    rules = free.Rules(slots=slots, per=column.cadence.per if column.cadence else None,
                       max_per_period=column.cadence.max if column.cadence else None, min_gap=posting.min_gap,
                       max_per_day=posting.max_per_day, windows=posting.windows,
                       closed=_quiet_days(config, column, account))
    column_times, account_times = [], []
    for summary in summaries:  # drafts too: a new draft must not land on another one
        if summary.path == leave_out:
            continue
        record = published.get(summary.path)
        when = record.published_at if record is not None else summary.publish_at
        if when is None:
            continue
        if summary.column == column.slug:
            column_times.append(utc(when, config.timezone))
        if account is not None and summary.account == account.key:
            account_times.append(utc(when, config.timezone))
    return free.next_free(rules, free.Occupancy(tuple(column_times), tuple(account_times)), now, config.timezone)


def _quiet_days(config, column, account):
    """A promotional column's closed days: the quiet days of its account (none for a service column)."""
    if not column.promotional:
        return None
    key = account.key if account else column.account
    return lambda day: config.quiet.on(day, key) is not None
