"""WB404 outside-window: a pending post outside its account's active windows (a warning)."""
from __future__ import annotations

from weibo_lint.problem import Level
from weibo_lint.schedule.spacing import in_windows


def test_a_post_outside_every_window_is_a_warning(repo):
    inside = repo.post("tips", "2026-12-01 09:30")
    at_the_end = repo.post("tips", "2026-12-01 12:00")  # the end is exclusive
    between = repo.post("tips", "2026-12-01 13:00")
    problems = repo.problems("WB404")
    assert sorted((p.path, p.line, p.code) for p in problems) == sorted([(at_the_end, 3, "WB404"),
                                                                        (between, 3, "WB404")])
    assert all(p.level is Level.WARNING for p in problems)
    assert "09:30-12:00, 15:30-17:30, 20:30-23:30" in problems[0].message
    assert inside


def test_windows_are_read_in_the_configured_zone(repo):
    repo.post("tips", "2026-12-01T02:00:00Z")  # 10:00 in Shanghai
    late = repo.post("tips", "2026-12-01T10:00:00Z")  # 18:00 in Shanghai
    assert repo.found("WB404") == [(late, 3, "WB404")]


def test_accounts_without_windows_drafts_and_published_posts_are_not_checked(repo):
    repo.post("daily", "2026-12-01 03:00")  # ceo: no windows (WB403 reports the slot, not WB404)
    repo.post("tips", "2026-12-01 03:00", status="draft")
    went_out = repo.post("tips", "2026-11-20 03:00")
    repo.record(went_out, "official", "2026-11-20T03:00:05+08:00")
    assert repo.found("WB404") == []


def test_a_window_past_midnight():
    from datetime import datetime

    windows = ((22 * 60, 2 * 60),)
    assert in_windows(datetime(2026, 12, 1, 23, 0), windows)
    assert in_windows(datetime(2026, 12, 1, 1, 59), windows)
    assert not in_windows(datetime(2026, 12, 1, 2, 0), windows)
    assert not in_windows(datetime(2026, 12, 1, 21, 59), windows)
