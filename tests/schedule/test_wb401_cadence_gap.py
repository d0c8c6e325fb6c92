"""WB401 cadence-gap: short periods inside the horizon, reported at the column's cadence key."""
from __future__ import annotations

from tests.schedule.helpers import NOW_TEXT, Repo

DAILY = "columns/daily.yaml"
NEWS = "columns/news.yaml"
CADENCE_LINE = {"daily": 5, "news": 4}


def news_weeks(repo: Repo) -> list[str]:
    """Two news posts in each complete week (W48, W49)."""
    return [repo.post("news", f"{day} 10:00") for day in ("2026-11-24", "2026-11-26", "2026-12-01", "2026-12-03")]


def test_every_short_day_is_reported_at_the_cadence_key(repo):
    news_weeks(repo)
    repo.daily_posts("2026-11-24", 14, skip=("2026-12-05", "2026-12-06"))
    repo.post("daily", "2026-12-05 20:30", status="draft")  # drafts count for nothing
    problems = repo.problems("WB401")
    assert sorted((p.path, p.line, p.code) for p in problems) == [(DAILY, CADENCE_LINE["daily"], "WB401")] * 2
    messages = " | ".join(p.message for p in problems)
    assert "2026-12-05 (Sat)" in messages and "2026-12-06 (Sun)" in messages and "每日一问 (daily)" in messages


def test_a_full_schedule_has_no_gap(repo):
    news_weeks(repo)
    repo.daily_posts("2026-11-24", 14)
    assert repo.found("WB401") == []


def test_the_period_the_horizon_cuts_is_not_short_but_the_current_one_counts_whole(repo):
    repo.daily_posts("2026-11-24", 14)
    # W48 (Mon 11-23 … Sun 11-29) holds now: a post on Monday, before now, still counts for it.
    repo.post("news", "2026-11-23 10:00")
    repo.post("news", "2026-11-26 10:00")
    # W49 complete and short; W50 (12-07 …), cut by the horizon end 12-08 09:00, has none: not reported.
    repo.post("news", "2026-12-01 10:00")
    problems = repo.problems("WB401")
    assert [(p.path, p.line, p.code) for p in problems] == [(NEWS, CADENCE_LINE["news"], "WB401")]
    assert "week 2026-W49 (2026-11-30 – 2026-12-06)" in problems[0].message
    assert "1 of at least 2" in problems[0].message


def test_a_published_post_counts_for_the_period_it_went_out_in(repo):
    repo.daily_posts("2026-11-24", 14)
    tuesday = news_weeks(repo)[0]
    moved = repo.post("news", "2026-11-22 10:00")  # planned in W47 …
    (repo.root / tuesday).unlink()  # … W48 now holds only 11-26
    assert [(p, c) for p, _l, c in repo.found("WB401")] == [(NEWS, "WB401")]
    repo.record(moved, "official", "2026-11-23T10:05:00+08:00")  # … but it went out on Monday of W48
    assert repo.found("WB401") == []


def test_days_are_local_days_in_the_configured_zone(repo):
    news_weeks(repo)
    repo.daily_posts("2026-11-24", 14, skip=("2026-12-01",))
    # 00:30 on 12-01 in Shanghai is still 11-30 in UTC: the day it fills is 12-01.
    repo.post("daily", "2026-12-01T00:30:00+08:00")
    assert repo.found("WB401") == []


def test_a_monthly_cadence_is_checked_once_the_month_ends_inside_the_horizon(make_repo):
    columns = {"monthly": "name: 月报\naccount: ceo\ncadence: {per: month, min: 2}\n"}
    repo = make_repo(columns=columns)
    repo.post("monthly", "2026-11-05 20:30")  # November ends on 12-01, inside the horizon: short
    problems = repo.problems("WB401")
    assert [(p.path, p.line, p.code) for p in problems] == [("columns/monthly.yaml", 3, "WB401")]
    assert "2026-11 (2026-11-01 – 2026-11-30)" in problems[0].message  # December, cut, is not reported


def test_without_posts_every_complete_period_is_short(repo):
    found = repo.found("WB401")
    assert found.count((DAILY, 5, "WB401")) == 14  # 11-24 … 12-07
    assert found.count((NEWS, 4, "WB401")) == 2  # W48, W49


def test_now_moves_the_horizon(repo):
    from datetime import datetime, timezone

    news_weeks(repo)
    repo.daily_posts("2026-11-24", 14)
    later = datetime(2026, 11, 25, 1, tzinfo=timezone.utc)  # the horizon now ends on 12-09: 12-08 is complete
    assert repo.found("WB401", now=later) == [(DAILY, 5, "WB401")]
    assert NOW_TEXT.startswith("2026-11-24")
