"""The API calls a schedule will need, per account and Weibo day. Pure.

The model (docs/platform.md §2.4 says what counts):

* **posts**: one call each (``statuses/share``, ``update`` or ``upload``), on the day it goes
  out (a published post on the day it went out, an approved one on its ``publish_at``);
* **reads**: ``budget.reserve`` calls (default 5) on every day with a post, kept for the
  timeline reads a post may need: a reconciliation reads up to 2 pages, an unclear answer
  up to 3. A normal day spends none of it; it is what metrics never take (``reads``);
* **metrics**: ``budget.metrics_runs`` runs a day (default 1), each ``statuses/count`` calls
  of up to 100 ids (docs/platform.md §4.3) for the posts it reads. The collector reads a
  post every run on its first day, once a day for its first week, then once a week up to
  ``budget.metrics_days`` (see ``reads``): here a post of day P is counted on day D when
  D − P is 0 to 6, or a multiple of 7 up to ``metrics_days``, in the day's first run; only
  posts of the day itself in the other runs.

Manual accounts make no calls and have no budget here.
"""
from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from weibo_lint.budget.days import day_start, weibo_day
from weibo_lint.budget.settings import BudgetSettings
from weibo_lint.model import Account

IDS_PER_CALL = 100  # statuses/count (docs/platform.md §4.3)
HOURLY_POSTS = 30  # posts per account per hour (docs/platform.md §2.3)
WEEK = 7


@dataclass(frozen=True)
class Post:
    """A post as the budget sees it: its account, when it goes (or went) out, its file."""

    account: str
    when: datetime
    path: str = ""
    published: bool = False


@dataclass(frozen=True)
class DayPlan:
    account: str
    day: date
    posts: int
    reads: int
    metrics: int
    budget: int
    paths: tuple[str, ...] = ()  # the day's posts
    busiest_hour: int = 0  # the most posts in any 60 minutes starting that day

    @property
    def planned(self) -> int:
        return self.posts + self.reads + self.metrics

    @property
    def over(self) -> bool:
        return self.planned > self.budget


def posts_of(items: Iterable) -> list[Post]:
    """The schedule's items (``schedule.timeline.Scheduled``) as the budget sees them."""
    return [Post(item.account, item.when, item.path, item.published is not None) for item in items if item.account]


def api_accounts(accounts: Mapping[str, Account]) -> list[str]:
    return sorted(key for key, account in accounts.items() if account.api != "manual")


def forecast(posts: Iterable[Post], accounts: Mapping[str, Account], settings: BudgetSettings,
             days: Iterable[date]) -> dict[str, list[DayPlan]]:
    """Each API account's plan for each of ``days``. Each account's posts are counted per day
    once, so a plan costs the days times the metrics window, whatever the number of posts."""
    by_account: dict[str, list[Post]] = {}
    for post in posts:
        by_account.setdefault(post.account, []).append(post)
    days = sorted(set(days))
    plans = {}
    for key in api_accounts(accounts):
        mine = sorted(by_account.get(key, []), key=lambda post: post.when)
        per_day: Counter[date] = Counter()
        paths: dict[date, list[str]] = {}
        for post in mine:
            day = weibo_day(post.when)
            per_day[day] += 1
            paths.setdefault(day, []).append(post.path)
        times = [post.when for post in mine]
        plans[key] = [DayPlan(key, day, posts=per_day[day], reads=settings.reserve if per_day[day] else 0,
                              metrics=metrics_calls(per_day, day, settings), budget=settings.daily(key),
                              paths=tuple(sorted(paths.get(day, ()))), busiest_hour=busiest_hour(times, day))
                      for day in days]
    return plans


def metrics_calls(per_day: Mapping[date, int], day: date, settings: BudgetSettings) -> int:
    """The ``statuses/count`` calls of ``day``, given the posts of each day (``per_day``)."""
    if settings.metrics_runs <= 0:
        return 0
    ages = [*range(WEEK), *range(WEEK, settings.metrics_days + 1, WEEK)]
    first = sum(per_day.get(date.fromordinal(day.toordinal() - age), 0) for age in ages)
    fresh = per_day.get(day, 0)
    return _calls(first) + (settings.metrics_runs - 1) * _calls(fresh)


def _calls(ids: int) -> int:
    return math.ceil(ids / IDS_PER_CALL)


def busiest_hour(times: list[datetime], day: date) -> int:
    """The most of ``times`` (sorted) in any 60 minutes that begin on ``day`` (Beijing)."""
    first = bisect.bisect_left(times, day_start(day))
    last = bisect.bisect_left(times, day_start(date.fromordinal(day.toordinal() + 1)))
    best = 0
    for start in range(first, last):
        end = bisect.bisect_left(times, times[start] + timedelta(hours=1), lo=start)
        best = max(best, end - start)
    return best
