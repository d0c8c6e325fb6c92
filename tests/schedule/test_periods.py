"""Periods in the configured zone: ISO weeks from Monday, months, days across a clock change."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from weibo_lint.schedule.periods import Window, period_of, spans

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")


def test_weeks_start_on_monday_and_months_on_the_first():
    week = period_of(date(2026, 11, 29), "week")  # a Sunday
    assert (week.first, week.last) == (date(2026, 11, 23), date(2026, 11, 29))
    assert week.label() == "week 2026-W48 (2026-11-23 – 2026-11-29)"
    assert period_of(date(2026, 12, 28), "week").label().startswith("week 2026-W53")
    month = period_of(date(2024, 2, 10), "month")
    assert (month.first, month.last) == (date(2024, 2, 1), date(2024, 2, 29))


def test_a_window_sees_whole_periods_and_knows_which_it_holds_completely():
    now = datetime(2026, 11, 24, 9, tzinfo=SHANGHAI)
    found = spans(Window.from_now(now, timedelta(days=14)), "week", SHANGHAI)
    assert [(s.period.first.isoformat(), s.complete) for s in found] == [
        ("2026-11-23", True), ("2026-11-30", True), ("2026-12-07", False)]
    assert found[0].start == datetime(2026, 11, 22, 16, tzinfo=timezone.utc)  # Monday 00:00 in Shanghai


def test_days_follow_the_local_clock_across_a_change():
    now = datetime(2026, 3, 28, 12, tzinfo=BERLIN)  # summer time starts on Sunday 29 March
    days = spans(Window.from_now(now, timedelta(days=3)), "day", BERLIN)
    sunday = days[1]
    assert sunday.period.first == date(2026, 3, 29)
    assert sunday.end - sunday.start == timedelta(hours=23)
    assert [s.complete for s in days] == [True, True, True, False]
