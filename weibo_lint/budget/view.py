"""``weibo-lint budget``: the plan of each API account's calls next to the calls made.

The edge: reads the schedule (the posts' index and the publication records) and the usage
records, then hands them to the pure ``forecast``. For a past day the expected total is
what was used; for today, per kind of call (posts, reads, metrics), the larger of the plan
and the use so far; for a day to come, the plan.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from weibo_lint.budget.days import ZONE_NAME, weibo_day
from weibo_lint.budget.forecast import HOURLY_POSTS, DayPlan, Post, forecast
from weibo_lint.budget.usage import Usage, read_usage
from weibo_lint.config import Config

KINDS = ("posts", "reads", "metrics")


@dataclass(frozen=True)
class BudgetDay:
    plan: DayPlan
    used: Counter | None  # calls made, by endpoint (None: a day to come)
    expected: int

    @property
    def left(self) -> int:
        return self.plan.budget - self.expected

    @property
    def over(self) -> bool:
        return self.expected > self.plan.budget

    @property
    def hour_over(self) -> bool:
        return self.plan.busiest_hour > HOURLY_POSTS


@dataclass(frozen=True)
class AccountBudget:
    key: str
    name: str
    daily: int
    days: tuple[BudgetDay, ...]


@dataclass(frozen=True)
class BudgetView:
    first: date
    last: date
    today: date
    accounts: tuple[AccountBudget, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)
    zone: str = ZONE_NAME


def budget_view(config: Config, *, now: datetime, days: int, past: int = 0, account: str | None = None) -> BudgetView:
    from weibo_lint.check import gather
    from weibo_lint.schedule.timeline import build

    today = weibo_day(now)
    dates = [date.fromordinal(today.toordinal() + n) for n in range(-past, days)]
    gathered = gather(config)
    line = build(gathered.summaries, gathered.published, config.timezone)
    posts = [Post(item.account, item.when, item.path, item.published is not None) for item in line.items if item.account]
    plans = forecast(posts, config.accounts, config.budget, dates)
    usage = read_usage(config, dates)
    accounts = tuple(
        AccountBudget(key, config.accounts[key].name, config.budget.daily(key),
                      tuple(_day(plan, usage, today) for plan in day_plans))
        for key, day_plans in sorted(plans.items()) if account in (None, key))
    return BudgetView(dates[0], dates[-1], today, accounts, tuple(usage.problems))


def _day(plan: DayPlan, usage: Usage, today: date) -> BudgetDay:
    if plan.day > today:
        return BudgetDay(plan, None, plan.planned)
    used = usage.of(plan.account, plan.day)
    if plan.day < today:
        return BudgetDay(plan, used, sum(used.values()))
    kinds = usage.by_kind(plan.account, plan.day)
    planned = {"posts": plan.posts, "reads": plan.reads, "metrics": plan.metrics}
    expected = sum(max(planned[kind], kinds.get(kind, 0)) for kind in KINDS) + kinds.get("other", 0)
    return BudgetDay(plan, used, expected)


def as_data(view: BudgetView) -> dict[str, Any]:
    """The view as JSON-ready data."""
    return {
        "first": view.first.isoformat(), "last": view.last.isoformat(), "today": view.today.isoformat(),
        "zone": view.zone, "notes": list(view.notes),
        "accounts": [{
            "key": account.key, "name": account.name, "daily_calls": account.daily,
            "days": [{
                "day": day.plan.day.isoformat(), "posts": day.plan.posts, "reads": day.plan.reads,
                "metrics": day.plan.metrics, "planned": day.plan.planned,
                "used": dict(sorted(day.used.items())) if day.used is not None else None,
                "used_total": sum(day.used.values()) if day.used is not None else None,
                "expected": day.expected, "budget": day.plan.budget, "left": day.left, "over": day.over,
                "busiest_hour": day.plan.busiest_hour, "hour_over": day.hour_over, "post_files": list(day.plan.paths),
            } for day in account.days],
        } for account in view.accounts],
    }
