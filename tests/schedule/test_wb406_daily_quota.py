"""WB406 daily-quota: an account's posts per local day against min_per_day and max_per_day."""
from __future__ import annotations


def _posting_line(repo, account: str) -> int:
    """The line of ``account``'s posting key in the repository's weibo.yaml."""
    lines = (repo.root / "weibo.yaml").read_text("utf-8").splitlines()
    start = lines.index(f"  {account}:")
    return next(n for n, text in enumerate(lines[start:], start=start + 1) if text.strip().startswith("posting:"))


def test_days_below_the_minimum_inside_the_horizon(make_repo):
    repo = make_repo(ceo_min=1)
    repo.daily_posts("2026-11-24", 14, skip=("2026-11-30",))
    repo.post("daily", "2026-11-30 20:30", status="draft")
    problems = repo.problems("WB406")
    assert [(p.path, p.line, p.code) for p in problems] == [("weibo.yaml", _posting_line(repo, "ceo"), "WB406")]
    assert "星河咖啡林晓 (ceo) has 0 posts on 2026-11-30 (Mon)" in problems[0].message
    assert "min_per_day wants at least 1" in problems[0].message


def test_the_day_the_horizon_cuts_is_not_short_and_today_counts_whole(make_repo):
    repo = make_repo(ceo_min=1)
    early = repo.post("daily", "2026-11-24 07:00")  # before now, today
    repo.record(early, "ceo", "2026-11-24T07:00:03+08:00")
    repo.daily_posts("2026-11-25", 13)  # … 12-07; 12-08 is cut by the horizon end (09:00)
    assert repo.found("WB406") == []


def test_days_above_the_maximum_name_their_posts(make_repo):
    repo = make_repo(official_max=2)
    posts = [repo.post("tips", f"2026-12-01 {t}") for t in ("09:30", "15:30", "20:30")]
    problems = repo.problems("WB406")
    assert [(p.path, p.line, p.code) for p in problems] == [("weibo.yaml", _posting_line(repo, "official"), "WB406")]
    assert set(problems[0].related) == set(posts) and "at most 2" in problems[0].message


def test_no_quota_no_finding(repo):
    repo.post("tips", "2026-12-01 09:30")
    assert repo.found("WB406") == []
