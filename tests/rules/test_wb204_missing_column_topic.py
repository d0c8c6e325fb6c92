from __future__ import annotations

import pytest

COLUMN_LINE = 2

CASES = [
    # (column, body, reported?)
    ("daily", "你今天喝了几杯？", False),  # the template adds #每日一问#
    ("roast", "#烘焙日记# 今天烘了一锅豆", False),
    ("roast", "今天烘了一锅豆 #烘焙日记#", False),
    ("roast", "今天烘了一锅豆", True),
    ("roast", "＃烘焙日记＃ 今天", True),  # full-width: no topic to Weibo
    ("roast", "#烘焙日记2# 今天", True),
    ("roast", "烘焙日记 今天", True),
    ("plain", "没有话题的栏目", False),
]


@pytest.mark.parametrize(("column", "body", "reported"), CASES)
def test_the_column_topic_must_be_in_the_text(repo, column, body, reported):
    repo.post(body, column=column)
    assert repo.found("WB204") == ([(COLUMN_LINE, 1, "WB204")] if reported else [])


def test_share_accounts_are_exempt(repo):
    repo.post("冬季限定上市", column="news", front="link: https://www.example.com/p/1\n")
    assert repo.found("WB204") == []


def test_the_column_line_follows_the_front_matter(repo):
    repo.post("今天烘了一锅豆", column="roast", front="")
    path = repo.root / "posts" / "a.md"
    path.write_text("---\ntitle: 烘焙\nstatus: draft\ncolumn: roast\n---\n今天烘了一锅豆\n", encoding="utf-8")
    assert repo.found("WB204") == [(4, 1, "WB204")]
