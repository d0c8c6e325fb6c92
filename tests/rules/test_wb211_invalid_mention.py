from __future__ import annotations

import pytest

from tests.rules.rule_repo import BODY

CASES = [
    ("感谢 @星河咖啡 的伙伴", []),
    ("感谢 @ 星河咖啡", [(BODY, 4)]),
    ("感谢 @", [(BODY, 4)]),
    ("@abc 你好", [(BODY, 1)]),
    ("@abcd 你好", []),
    ("@星河 你好", []),
    ("@星河咖啡的冬季新品试饮券送给前三位朋友", [(BODY, 1)]),
    ("写信到 hi@example.com 或 a_b@example.com", []),
    ("//@星河咖啡:转发", []),
    ("见 https://www.example.com/@abc", []),
    ("@@星河咖啡", [(BODY, 1)]),
    ("第一行\n**@ab** 你好", [(BODY + 1, 3)]),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_impossible_mentions_are_reported(repo, body, expected):
    repo.post(body)
    assert repo.found("WB211") == [(line, column, "WB211") for line, column in expected]


def test_the_weights_are_options(make_repo):
    repo = make_repo("{WB211: {min_weight: 2}}")
    repo.post("@ab 你好")
    assert repo.found("WB211") == []


def test_a_long_nickname_is_quoted_short(repo):
    repo.post("@" + "星" * 40)
    [problem] = repo.problems("WB211")
    assert "…" in problem.message and "weight 80" in problem.message
