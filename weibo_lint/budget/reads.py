"""Which posts a metrics run reads, within what is left of the day's budget. Pure.

How often a post is worth reading falls with its age: its counts move fast on its first
day and hardly at all after a week. So a post is read

* every run while it is younger than a day;
* once a day (at least 22 hours after its last read) in its first week;
* once a week (at least 7 days less 2 hours after its last read) after that, up to the
  window (``metrics --days``);

the slack lets a daily workflow that starts a little early still read. When the calls left
do not cover every post due, the most valuable go first: younger tiers first, then the
posts never read, then those read longest ago, newest first on a tie; the rest wait for a
later run (they stay due).

What is left for metrics is the account's daily budget, less the calls already made today
(the usage records), less one call for each of the day's posts still to go out, less the
reserve for reconciliation reads: metrics never take what publishing will need.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

IDS_PER_CALL = 100  # statuses/count (docs/platform.md §4.3)
DAY, WEEK = timedelta(days=1), timedelta(days=7)
SLACK = timedelta(hours=2)


@dataclass(frozen=True)
class Candidate:
    id: str
    published_at: datetime
    last_read: datetime | None = None


@dataclass(frozen=True)
class ReadPlan:
    read: tuple[str, ...]  # ids to ask for, most valuable first
    deferred: tuple[str, ...]  # due, but over the budget: a later run
    not_due: int  # read recently enough for their age


def tier(age: timedelta) -> int:
    return 0 if age < DAY else 1 if age < WEEK else 2


def is_due(candidate: Candidate, now: datetime) -> bool:
    level = tier(now - candidate.published_at)
    if level == 0 or candidate.last_read is None:
        return True
    return now - candidate.last_read >= (DAY if level == 1 else WEEK) - SLACK


def calls_left(budget: int, used: int, posts_to_come: int, reserve: int) -> int:
    """The calls metrics may make now without taking what publishing needs."""
    return max(0, budget - used - posts_to_come - reserve)


def plan_reads(candidates: list[Candidate], now: datetime, calls: int) -> ReadPlan:
    due = [c for c in candidates if is_due(c, now)]
    due.sort(key=lambda c: (tier(now - c.published_at), c.last_read is not None,
                            c.last_read or now, -c.published_at.timestamp(), c.id))
    room = max(calls, 0) * IDS_PER_CALL
    return ReadPlan(tuple(c.id for c in due[:room]), tuple(c.id for c in due[room:]),
                    len(candidates) - len(due))
