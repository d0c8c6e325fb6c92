from __future__ import annotations

import pytest

from tests.rules.rule_repo import BODY

CASES = [
    ("## 本周新品\n\n正文", [(BODY, 1)]),
    ("正文\n\n# 标题\n\n更多", [(BODY + 2, 1)]),
    ("| 饮品 | 价格 |\n|---|---|\n| 拿铁 | 28 |", [(BODY, 1)]),
    ("前\n\n```\ncode\n```", [(BODY + 2, 1)]),
    ("前\n\n    缩进的代码块", [(BODY + 2, 1)]),
    ("前 <b>粗</b> 后", [(BODY, 3)]),
    ("<div>块</div>\n\n后", [(BODY, 1)]),
    ("正文 <!-- 备注 -->\n\n<!-- 整行备注 -->", []),
    ("**粗** *斜* [链接](https://www.example.com)\n\n- 列表\n- 列表", []),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_markdown_weibo_cannot_show_is_reported(repo, body, expected):
    repo.post(body)
    assert repo.found("WB504") == [(line, column, "WB504") for line, column in expected]


def test_it_is_a_warning_that_says_what_happens(repo):
    repo.post("前 <b>粗</b> 后")
    [problem] = repo.problems("WB504")
    assert problem.level.value == "warning" and "dropped" in problem.message
