"""``weibo-lint calendar --ics``: an iCalendar file with stable UIDs linking back to the posts."""
from __future__ import annotations

from datetime import datetime, timezone

import icalendar
from click.testing import CliRunner

from tests.schedule.helpers import NOW_TEXT
from weibo_lint.cli import cli


def events(repo, monkeypatch, *args):
    monkeypatch.chdir(repo.root)
    target = repo.root / "team.ics"
    result = CliRunner().invoke(cli, ["calendar", "--now", NOW_TEXT, "--days", "14", "--ics", str(target), *args])
    assert result.exit_code == 0, result.output
    parsed = icalendar.Calendar.from_ical(target.read_bytes())
    return target.read_bytes(), {str(e["url"]): e for e in parsed.walk("VEVENT")}


def test_each_post_is_an_event_in_the_zone_with_a_link_back(repo, monkeypatch):
    news = repo.post("news", "2026-12-01 10:00", extra="title: 冬日礼盒\n", body="冬日礼盒开始预订了。")
    draft = repo.post("daily", "2026-12-02 20:30", status="draft")
    _raw, found = events(repo, monkeypatch)
    assert set(found) == {news, draft}
    event = found[news]
    start = event.decoded("dtstart")
    assert start.tzinfo is not None and str(start.tzinfo) == "Asia/Shanghai"
    assert start.astimezone(timezone.utc) == datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)
    assert str(event["summary"]) == "【新品速递】冬日礼盒"
    assert "【新品速递】冬日礼盒开始预订了。详情 https://www.example.com/p/1" in str(event["description"])
    assert str(event["attach"]) == news and str(event["status"]) == "CONFIRMED"
    assert str(found[draft]["status"]) == "TENTATIVE"


def test_uids_are_stable_and_links_use_the_link_base(repo, monkeypatch):
    path = repo.post("news", "2026-12-01 10:00")
    first, found = events(repo, monkeypatch)
    second, _ = events(repo, monkeypatch)
    assert first == second  # the same file for the same repository and --now: subscribers see no churn
    uid = str(found[path]["uid"])
    repo.post("news", "2026-12-03 10:00")
    _, again = events(repo, monkeypatch)
    assert str(again[path]["uid"]) == uid
    _, linked = events(repo, monkeypatch, "--link-base", "https://github.com/acme/weibo/blob/main/")
    assert f"https://github.com/acme/weibo/blob/main/{path}" in linked
    assert b"BEGIN:VTIMEZONE" in first and b"TZID:Asia/Shanghai" in first
