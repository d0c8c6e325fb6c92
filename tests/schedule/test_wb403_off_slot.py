"""WB403 off-slot: a pending post's local time is not one of its column's slots."""
from __future__ import annotations

import pytest

from weibo_lint.schedule.slots import parse_slot


def test_a_post_off_its_slot_is_reported_at_publish_at(repo):
    good = repo.post("news", "2026-12-01 10:00")  # Tuesday: "tue 10:00"
    thursday = repo.post("news", "2026-12-03 10:00")  # Thursday: "周四 10:00"
    late = repo.post("news", "2026-12-01 10:30")
    wrong_day = repo.post("news", "2026-12-02 10:00")  # a Wednesday
    problems = repo.problems("WB403")
    assert sorted((p.path, p.line, p.code) for p in problems) == sorted([(late, 3, "WB403"), (wrong_day, 3, "WB403")])
    assert good != thursday
    assert "tue 10:00, 周四 10:00" in problems[0].message


def test_slots_are_read_in_the_configured_zone(repo):
    same_instant = repo.post("daily", "2026-12-01T12:30:00Z")  # 20:30 in Shanghai
    utc_clock = repo.post("daily", "2026-12-02T20:30:00Z")  # 04:30 the next day in Shanghai
    assert repo.found("WB403") == [(utc_clock, 3, "WB403")]
    assert same_instant


@pytest.mark.parametrize(("tolerance", "expected"), [(0, 2), (5, 1), (15, 0)])
def test_the_tolerance_option(make_repo, tolerance, expected):
    repo = make_repo(rules=f"{{WB403: {{tolerance: {tolerance}}}}}")
    repo.post("daily", "2026-12-01 20:35")
    repo.post("daily", "2026-12-02 20:20")
    assert len(repo.found("WB403")) == expected


def test_a_slot_near_midnight_matches_across_it(make_repo):
    repo = make_repo(rules="{WB403: {tolerance: 20}}", columns={
        "late": "name: 深夜\naccount: ceo\nslots: [\"23:50\"]\n"})
    repo.post("late", "2026-12-02 00:05")
    assert repo.found("WB403") == []


def test_drafts_published_posts_and_columns_without_slots_are_not_checked(repo):
    repo.post("news", "2026-12-01 13:00", status="draft")
    went_out = repo.post("news", "2026-11-20 13:00")
    repo.record(went_out, "official", "2026-11-20T13:00:05+08:00")
    repo.post("tips", "2026-12-01 13:00")
    assert repo.found("WB403") == []


def test_an_unreadable_slot_is_reported_once_at_the_slots_key(make_repo):
    repo = make_repo(columns={"bad": "name: 坏\naccount: ceo\nslots: [\"tues 10:00\", \"someday 10:00\", \"25:00\"]\n"})
    problems = repo.problems("WB403")
    assert [(p.path, p.line, p.code) for p in problems] == [("columns/bad.yaml", 3, "WB403")] * 2
    assert "someday" in problems[0].message and "25:00" in problems[1].message


@pytest.mark.parametrize(("text", "weekday", "minute"), [
    ("20:30", None, 1230), ("tue 10:00", 1, 600), ("Tuesday 9:05", 1, 545), ("周二 10:00", 1, 600),
    ("星期日 08:00", 6, 480), ("礼拜天 08:00", 6, 480), ("周日10:00", 6, 600), ("THU 00:00", 3, 0),
])
def test_slot_syntax(text, weekday, minute):
    slot = parse_slot(text)
    assert (slot.weekday, slot.minute) == (weekday, minute)


@pytest.mark.parametrize("text", ["", "10", "tue", "mon tue 10:00", "24:00", "10:60", "周八 10:00", "noon"])
def test_bad_slots(text):
    with pytest.raises(ValueError):
        parse_slot(text)
