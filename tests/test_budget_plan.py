"""The pure planning under ``budget`` and WB412: metrics tiers, what is left for metrics, the
busiest hour. (The CLI tests in test_budget.py and publish/test_usage.py cover the whole.)"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from weibo_lint.budget.days import weibo_day
from weibo_lint.budget.forecast import busiest_hour, metrics_calls
from weibo_lint.budget.reads import Candidate, calls_left, is_due, plan_reads
from weibo_lint.budget.settings import BudgetSettings

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 12, 10, 9, 41, tzinfo=CST)


def test_weibos_day_is_beijings():
    assert weibo_day(datetime(2026, 12, 1, 16, 30, tzinfo=timezone.utc)) == date(2026, 12, 2)
    assert weibo_day(datetime(2026, 12, 1, 15, 59, tzinfo=timezone.utc)) == date(2026, 12, 1)


def test_how_often_a_post_is_read_falls_with_its_age():
    fresh = Candidate("1", NOW - timedelta(hours=3), last_read=NOW - timedelta(minutes=10))
    week = Candidate("2", NOW - timedelta(days=3), last_read=NOW - timedelta(hours=21))
    week_due = Candidate("3", NOW - timedelta(days=3), last_read=NOW - timedelta(hours=22))
    old = Candidate("4", NOW - timedelta(days=20), last_read=NOW - timedelta(days=6))
    old_due = Candidate("5", NOW - timedelta(days=20), last_read=NOW - timedelta(days=6, hours=22))
    assert [is_due(c, NOW) for c in (fresh, week, week_due, old, old_due)] == [True, False, True, False, True]


def test_the_youngest_and_the_never_read_go_first():
    made = [Candidate(f"o{n}", NOW - timedelta(days=10), NOW - timedelta(days=8 + n % 3)) for n in range(60)]
    made += [Candidate(f"n{n}", NOW - timedelta(days=9)) for n in range(60)]  # never read
    made += [Candidate(f"y{n}", NOW - timedelta(hours=n + 1)) for n in range(10)]
    plan = plan_reads(made, NOW, calls=1)
    assert len(plan.read) == 100 and len(plan.deferred) == 30 and plan.not_due == 0
    assert plan.read[:10] == tuple(f"y{n}" for n in range(10))
    assert set(plan.read[10:70]) == {f"n{n}" for n in range(60)}
    assert all(i.startswith("o") for i in plan.deferred)
    assert plan_reads(made, NOW, calls=0).read == ()


def test_metrics_never_take_what_publishing_needs():
    assert calls_left(budget=100, used=40, posts_to_come=10, reserve=5) == 45
    assert calls_left(budget=10, used=4, posts_to_come=3, reserve=5) == 0


def test_planned_metrics_calls_follow_the_tiers():
    settings = BudgetSettings(metrics_runs=3, metrics_days=30)
    day = date(2026, 12, 31)
    per_day = {date.fromordinal(day.toordinal() - age): 1 for age in (1, 6, 7, 8, 14, 28, 35)}
    per_day[day] = 150
    # first run: 150 + 1, 6, 7, 14, 28 = 155 ids -> 2 calls; two more runs of 150 fresh ids -> 2 each
    assert metrics_calls(per_day, day, settings) == 2 + 2 * 2
    assert metrics_calls(per_day, day, BudgetSettings(metrics_runs=0)) == 0


def test_busiest_hour_is_a_sliding_hour():
    start = datetime(2026, 12, 2, 10, 0, tzinfo=CST)
    times = [start + timedelta(minutes=2 * n) for n in range(31)]  # 10:00 to 11:00, 31 posts
    assert busiest_hour(times, date(2026, 12, 2)) == 30  # 10:00 and 11:00 are an hour apart
    assert busiest_hour(times[:-1] + [start + timedelta(minutes=59)], date(2026, 12, 2)) == 31
    assert busiest_hour(times, date(2026, 12, 3)) == 0
