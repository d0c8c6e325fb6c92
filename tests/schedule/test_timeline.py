"""The rules' timeline leaves out publications far from now: the rules must not notice."""
from __future__ import annotations

import random
from datetime import datetime, timedelta

from tests.schedule.helpers import NOW
from weibo_lint.schedule import timeline


def test_far_publications_are_left_out_but_a_pending_posts_neighbours_stay(repo):
    old = repo.post("tips", "2025-01-01 10:00")  # approved, never published: pending, past due
    near = repo.post("tips", "2025-01-01 10:10")
    repo.record(near, "official", "2025-01-01T10:10:00+08:00")
    far = repo.post("tips", "2025-02-01 10:00")
    repo.record(far, "official", "2025-02-01T10:00:00+08:00")
    report = repo.report()
    found = {(p.path, p.code) for p in report.problems}
    assert (old, "WB405") in found and (old, "WB407") in found
    from tests.schedule.near_oracle import Fresh
    from weibo_lint.collection import Collection

    collection = Collection(report.env.config, report.env.columns, report.summaries, NOW, report.published,
                            near_duplicates=Fresh())
    kept = {item.path for item in collection.timeline().items}
    assert kept == {old, near}


def test_windowed_and_whole_timelines_give_the_same_findings(make_repo, monkeypatch):
    rng = random.Random(4)
    from tests.schedule.helpers import COLUMNS

    monthly = "name: 月报\naccount: official\ncadence: {per: month, min: 20, max: 25}\n"
    repo = make_repo(ceo_min=1, rules="{WB408: {similarity: 0.6}}", columns={**COLUMNS, "monthly": monthly})
    start = datetime(2026, 6, 1, 8, 0)
    bodies = ["冬季限定焦糖海盐拿铁今天上市", "桂花燕麦拿铁回来了", "咖啡豆开袋后请密封保存", "周末带上自己的杯子来店里"]
    for index in range(300):
        when = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 240, 10))
        if datetime(2026, 11, 1) <= when < datetime(2026, 11, 4):
            continue  # keep the early-November post below alone: no pending neighbour vouches for it
        column = rng.choice(["daily", "news", "tips", "monthly"])
        status = rng.choice(["approved", "approved", "draft"])
        path = repo.post(column, f"{when:%Y-%m-%d %H:%M}", status=status, body=rng.choice(bodies) + str(index % 7))
        if when < datetime(2026, 11, 24, 9) and rng.random() < 0.8:
            repo.record(path, "ceo" if column == "daily" else "official",
                        (when + timedelta(minutes=rng.randrange(0, 90))).strftime("%Y-%m-%dT%H:%M:00+08:00"),
                        text=None if rng.random() < 0.5 else rng.choice(bodies))
    early = repo.post("monthly", "2026-11-02 10:00")  # the first days of the month that holds now
    repo.record(early, "official", "2026-11-02T10:00:00+08:00")
    codes = ("WB401", "WB402", "WB403", "WB404", "WB405", "WB406", "WB407", "WB408")

    def findings():
        return sorted((p.path, p.line, p.code, p.message) for p in repo.report().problems if p.code in codes)

    windowed = findings()
    monkeypatch.setattr(timeline, "REACH", timedelta(days=3650))
    assert findings() == windowed
    assert {code for _p, _l, code, _m in windowed} >= {"WB401", "WB405", "WB407", "WB408"}
    assert any(path == "columns/monthly.yaml" for path, _l, _c, _m in windowed)
