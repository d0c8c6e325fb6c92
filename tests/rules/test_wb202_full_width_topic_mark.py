from __future__ import annotations

import pytest

from tests.rules.rule_repo import BODY
from weibo_lint.fixer import apply_edits

CASES = [
    ("＃冬季限定＃ 上新", [(BODY, 1), (BODY, 6)]),
    ("今天 #冬季限定＃ 上新", [(BODY, 9)]),
    ("今天 ＃冬季限定# 上新", [(BODY, 4)]),
    ("＃新品上市 快来", [(BODY, 1)]),
    ("第二行\n**＃话题＃**", [(BODY + 1, 3), (BODY + 1, 6)]),
    ("3＃楼", []),
    ("＃1 号桌", []),
    ("＃ 号", []),
    ("#冬季限定# 上新", []),
    ("详情 https://www.example.com/a#b", []),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_full_width_marks_are_reported(repo, body, expected):
    repo.post(body)
    assert repo.found("WB202") == [(line, column, "WB202") for line, column in expected]


@pytest.mark.parametrize(("body", "fixed"), [
    ("＃冬季限定＃ 上新", "#冬季限定# 上新"),
    ("今天 #冬季限定＃ 上新", "今天 #冬季限定# 上新"),
    ("＃新品上市 快来", "#新品上市 快来"),  # WB201 closes it on the next pass
])
def test_the_fix_writes_half_width_marks(repo, body, fixed):
    path = repo.post(body)
    edits = [edit for p in repo.problems("WB202") for edit in p.fix]
    text = (repo.root / path).read_text("utf-8")
    assert apply_edits(text, edits).text.endswith(fixed)


def test_the_message_shows_the_topic_as_meant(repo):
    repo.post("＃新品上市 快来")
    [problem] = repo.problems("WB202")
    assert "'#新品上市#'" in problem.message
