from __future__ import annotations

import pytest

from tests.rules.rule_repo import BODY
from weibo_lint.entities import read_topic_marks
from weibo_lint.fixer import apply_edits

CASES = [
    # (body, expected (line, column) of each WB201)
    ("#新品##发布会# 今天", []),
    ("#iPhone mini# 上市", []),
    ("今天上新 #冬季限定 快来", [(BODY, 6)]),
    ("#tag1 #tag2", [(BODY, 1), (BODY, 7)]),
    ("冬季限定 # 上新", [(BODY, 6)]),
    ("空的 ## 话题", [(BODY, 4)]),
    ("学 C# 编程，也学 F#", []),
    ("3#楼 见", []),
    ("排名 #1", []),
    ("详情 https://www.example.com/a#part", []),
    ("第一行 #话题\n第二行#", [(BODY, 5), (BODY + 1, 4)]),
    ("**加粗** #标签", [(BODY, 8)]),
    ("第一段\n\n[链接](https://www.example.com/x) #标签", [(BODY + 2, 33)]),
    ("＃话题＃ 和 ＃新品", []),  # full-width marks are WB202's
    ("#话题＃ 也是", []),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_unclosed_topics_are_reported_where_they_stand(repo, body, expected):
    repo.post(body)
    assert repo.found("WB201") == [(line, column, "WB201") for line, column in expected]


def test_a_template_topic_points_at_the_column_line(repo):
    repo.file("columns/tw.yaml", b"name: tw\naccount: ceo\ntemplate: tw.j2\n")
    repo.file("templates/tw.j2", b"#{{ column.name }} {{ body }}")
    repo.post("正文", column="tw")
    assert repo.found("WB201") == [(2, 1, "WB201")]


def test_a_template_topic_closed_properly_is_fine(repo):
    repo.post("你今天喝了几杯？", column="daily")
    assert repo.found("WB201") == []


FIXES = [
    ("今天上新 #冬季限定 快来", "今天上新 #冬季限定# 快来"),
    ("#tag1 #tag2", "#tag1# #tag2#"),
    ("#tag，然后", "#tag#，然后"),
    ("**#标签** 然后", "**#标签#** 然后"),
    ("#新品上市，快来", None),  # '#新品上市#' or '#新品#上市'? not guessed
    ("冬季限定 # 上新", None),  # a lone '#': nothing to close
]


@pytest.mark.parametrize(("body", "fixed"), FIXES)
def test_the_fix_closes_a_tag_only_where_its_end_is_clear(repo, body, fixed):
    path = repo.post(body)
    problems = repo.problems("WB201")
    assert problems
    edits = [edit for p in problems for edit in p.fix]
    if fixed is None:
        assert edits == []
        return
    text = (repo.root / path).read_text("utf-8")
    assert apply_edits(text, edits).text.endswith(fixed)


def test_no_fix_for_a_tag_the_template_wrote(repo):
    repo.file("columns/tw.yaml", b"name: tw\naccount: ceo\ntemplate: tw.j2\n")
    repo.file("templates/tw.j2", b"#{{ column.name }} {{ body }}")
    repo.post("正文", column="tw")
    assert [p.fix for p in repo.problems("WB201")] == [()]


@pytest.mark.parametrize(("text", "topics"), [
    ("#新品##发布会#", ["新品", "发布会"]),
    ("#iPhone mini#", ["iPhone mini"]),
    ("#名称[超话]#", ["名称[超话]"]),
    ("https://x.cn/a#b#c 和 #话题#", ["话题"]),
    ("#a\n#b#", ["b"]),
])
def test_topic_pairing(text, topics):
    assert [t.name for t in read_topic_marks(text).topics] == topics
