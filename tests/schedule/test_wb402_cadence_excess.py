"""WB402 cadence-excess: more than ``max`` in a period, the horizon's last period included."""
from __future__ import annotations

NEWS = "columns/news.yaml"


def test_a_fourth_post_in_a_week_is_reported_with_the_posts_as_related(repo):
    week = [repo.post("news", f"{day} 10:00") for day in ("2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04")]
    problems = repo.problems("WB402")
    assert [(p.path, p.line, p.code) for p in problems] == [(NEWS, 4, "WB402")]
    assert set(problems[0].related) == set(week)
    assert "4 posts in week 2026-W49" in problems[0].message and "maximum of 3" in problems[0].message


def test_three_in_a_week_and_drafts_are_fine(repo):
    for day in ("2026-12-01", "2026-12-02", "2026-12-03"):
        repo.post("news", f"{day} 10:00")
    repo.post("news", "2026-12-04 10:00", status="draft")
    assert repo.found("WB402") == []


def test_the_period_the_horizon_cuts_can_be_over(repo):
    for day in ("2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10"):  # W50: mostly past the horizon
        repo.post("news", f"{day} 10:00")
    assert repo.found("WB402") == [(NEWS, 4, "WB402")]


def test_periods_after_the_horizon_are_not_considered(repo):
    for day in ("2026-12-15", "2026-12-16", "2026-12-17", "2026-12-18"):  # W51: starts after the horizon
        repo.post("news", f"{day} 10:00")
    assert repo.found("WB402") == []


def test_two_a_day_in_a_daily_column(repo):
    repo.post("daily", "2026-11-30 20:30")
    repo.post("daily", "2026-11-30 21:30")
    assert repo.found("WB402") == [("columns/daily.yaml", 5, "WB402")]
