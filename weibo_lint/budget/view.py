"""``weibo-lint budget``: the plan of each API account's calls next to the calls made. Pure.

The command reads the schedule (the posts' index and the publication records) and the usage
records (``weibo_lint/usage.py``) and hands them here. For a past day the expected total is
what was used; for today, per kind of call (posts, reads, metrics), the larger of the plan
and the use so far; for a day to come, the plan.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from weibo_lint.budget.days import ZONE_NAME
from weibo_lint.budget.forecast import HOURLY_POSTS, DayPlan, Post, forecast
from weibo_lint.budget.settings import BudgetSettings
from weibo_lint.budget.spent import Usage
from weibo_lint.model import Account

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


def budget_view(posts: Iterable[Post], usage: Usage, accounts: Mapping[str, Account], settings: BudgetSettings, *,
                today: date, dates: list[date], only: str | None = None) -> BudgetView:
    """Each API account's ``dates`` (``only``: one account), planned and used."""
    plans = forecast(posts, accounts, settings, dates)
    shown = tuple(
        AccountBudget(key, accounts[key].name, settings.daily(key),
                      tuple(_day(plan, usage, today) for plan in day_plans))
        for key, day_plans in sorted(plans.items()) if only in (None, key))
    return BudgetView(dates[0], dates[-1], today, shown, tuple(usage.problems))


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
