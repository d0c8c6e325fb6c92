"""The collection's views: the index answers what the plain walk in memory.py answers, and
the collection rules cannot tell which of the two fed them."""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from tests.schedule.helpers import COLUMNS, NOW
from tests.schedule.memory import MemoryPosts, memory_collection
from weibo_lint.engine import check_collection

BODIES = ["冬季限定焦糖海盐拿铁今天上市", "桂花燕麦拿铁回来了", "咖啡豆开袋后请密封保存", "周末带上自己的杯子来店里"]


@pytest.fixture
def busy(make_repo):
    """A repository of 200 posts over eight months, most of those before now published."""
    rng = random.Random(12)
    monthly = "name: 月报\naccount: official\ncadence: {per: month, min: 20, max: 25}\n"
    repo = make_repo(ceo_min=1, rules="{WB408: {similarity: 0.6}}", columns={**COLUMNS, "monthly": monthly})
    start = datetime(2026, 6, 1, 8, 0)
    for index in range(200):
        when = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 240, 10))
        column = rng.choice(["daily", "news", "tips", "monthly"])
        status = rng.choice(["approved", "approved", "draft"])
        path = repo.post(column, f"{when:%Y-%m-%d %H:%M}", status=status, body=rng.choice(BODIES) + str(index % 7))
        if when < datetime(2026, 11, 24, 9) and rng.random() < 0.8:
            repo.record(path, "ceo" if column == "daily" else "official",
                        (when + timedelta(minutes=rng.randrange(0, 90))).strftime("%Y-%m-%dT%H:%M:00+08:00"),
                        text=None if rng.random() < 0.5 else rng.choice(BODIES) + str(rng.randrange(7)))
    return repo


def test_the_index_keeps_what_the_walk_keeps(busy):
    report = busy.report()
    tz = report.env.config.timezone
    walked = MemoryPosts(tuple(report.summaries), dict(report.published), tz)
    rng = random.Random(5)
    some_kept = False
    for _ in range(20):
        start = datetime(2026, 5, 1, tzinfo=timezone.utc) + timedelta(minutes=rng.randrange(0, 60 * 24 * 300))
        end = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 60))
        reach = timedelta(minutes=rng.choice([0, 30, 45, 60 * 24, 60 * 24 * 20]))
        assert report.summaries.relevant(start, end, reach) == walked.relevant(start, end, reach)
        some_kept |= any(record is not None for _post, record in walked.relevant(start, end, reach))
    assert some_kept  # the windows were not all empty of publications


def test_the_collection_rules_cannot_tell_the_index_from_memory(busy):
    report = busy.report()
    assert {"WB401", "WB403", "WB407", "WB408"} <= {p.code for p in report.collection_problems}
    assert any("20019" in p.message for p in report.collection_problems)  # a repeat of a publication
    assert sorted(check_collection(memory_collection(report, NOW), report.env.rules)) == list(report.collection_problems)


def test_the_timeline_is_made_once_per_collection(busy, monkeypatch):
    report = busy.report()
    collection = memory_collection(report, NOW)
    asked = []
    relevant = MemoryPosts.relevant
    monkeypatch.setattr(MemoryPosts, "relevant", lambda self, *args: asked.append(args) or relevant(self, *args))
    first = collection.timeline()
    assert collection.timeline() is first and len(asked) == 1
    assert memory_collection(report, NOW).timeline() is not first and len(asked) == 2
