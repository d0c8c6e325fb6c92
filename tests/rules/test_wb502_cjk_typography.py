from __future__ import annotations

import autocorrect_py
import pytest

from tests.rules.rule_repo import BODY
from weibo_lint.fixer import apply_edits
from weibo_lint.rules.wb502_cjk_typography import _needs_lint

CASES = [
    ("冬季限定拿铁 28 元，今天上市！", []),
    ("用iPhone下单", [(BODY, 2)]),
    ("冬季限定拿铁28元,今天上市!", [(BODY, 7)]),
    ("第一行没问题。\n\n第三行用App下单", [(BODY + 2, 5)]),
    ("- 外层列表\n\n  缩进的中文abc", [(BODY + 2, 8)]),  # autocorrect's column is off here
    ("**加粗abc**和中文", [(BODY, 5)]),
    ("```\n代码里的中文abc\n```", []),
    ("行内 `代码abc` 不管", []),
    ("<!-- 注释里的中文abc -->\n正文。", []),  # never posted
    ("正文。\n\n<!--\n多行注释abc\n-->\n\n用App下单", [(BODY + 6, 2)]),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_typography_is_reported_at_the_first_change(repo, body, expected):
    repo.post(body)
    assert repo.found("WB502") == [(line, column, "WB502") for line, column in expected]


def test_front_matter_is_not_checked(repo):
    repo.post("正文没问题。", front="title: 标题里的中文abc\n")
    assert repo.found("WB502") == []


def test_it_is_a_warning(repo):
    repo.post("用iPhone下单")
    [problem] = repo.problems("WB502")
    assert problem.level.value == "warning"
    assert "'用iPhone下单'" in problem.message and "'用 iPhone 下单'" in problem.message


@pytest.mark.parametrize(("body", "fixed"), [
    ("用iPhone下单", "用 iPhone 下单"),
    ("冬季限定拿铁28元,今天上市!", "冬季限定拿铁 28 元，今天上市！"),
    ("- 外层列表\n\n  缩进的中文abc", "- 外层列表\n\n  缩进的中文 abc"),
    ("**加粗abc**和[链接text](https://www.example.com)",
     "**加粗 abc**和[链接 text](https://www.example.com)"),
])
def test_the_fix_applies_autocorrect(repo, body, fixed):
    path = repo.post(body)
    edits = [edit for p in repo.problems("WB502") for edit in p.fix]
    text = (repo.root / path).read_text("utf-8")
    assert apply_edits(text, edits).text.endswith(fixed)


# The shortcut must never skip a body that autocorrect's Markdown lint would flag.
SAMPLES = [
    "冬季限定拿铁今天上市！双份浓缩配慢熬焦糖。", "中杯 28 元，门店和小程序同步开售。", "用iPhone下单",
    "中文,English", "半角标点中文,测试.还有!", "**加粗**abc", "[链接](https://e.com)abc中文",
    "![图](a.png)品新1C", ">：话:[哈哈]?", "中文 ， 标点前后有空格 。", "全角ＡＢＣ１２３中文",
    "“文!\n\n## - :(", "今天 @星河咖啡 的新品", "#话题#abc和#新品#", "- 提前10分钟下单",
    "> 引用里的English文字", "| 表头abc | b |\n|---|---|\n| 1 | 2 |", "评论区告诉我们[哈哈]\n编号 2。",
]


@pytest.mark.parametrize("body", SAMPLES)
def test_the_shortcut_never_hides_a_finding(body):
    if autocorrect_py.lint_for(body, "post.md").lines:
        assert _needs_lint(body)


def test_a_clean_plain_body_takes_the_shortcut():
    assert not _needs_lint("冬季限定拿铁今天上市！中杯 28 元。")
