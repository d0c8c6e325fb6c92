from __future__ import annotations

import pytest

from tests.rules.rule_repo import BODY
from weibo_lint.config import load_config
from weibo_lint.engine import RuleSet
from weibo_lint.errors import ConfigError
from weibo_lint.rules.wb501_absolute_term import Options, default_lists, matcher, read_word_list

CASES = [
    ("最近上新了一款拿铁", []),
    ("活动最后一天", []),
    ("第一次喝手冲", []),
    ("好喝又实惠", []),
    ("最好的手机", [(BODY, 1)]),
    ("全网最低价", [(BODY, 1)]),  # one term, the longest, not 全网最低 + 最低价 + 最
    ("这是全网最低价", [(BODY, 3)]),
    ("销量第一的拿铁", [(BODY, 1)]),
    ("最好最好", [(BODY, 1), (BODY, 3)]),
    ("TOP10 榜单", []),
    ("榜单 top1 的", [(BODY, 4)]),
    ("100% 阿拉比卡", [(BODY, 1)]),
    ("增长 1100%", []),
    ("感谢 @最好的咖啡师 推荐", []),  # a nickname is no claim
    ("见 https://www.example.com/top1", []),
    ("第一行\n第二行是国家级工艺", [(BODY + 1, 5)]),  # 「第一行」 is an ordinal
    ("全国第一个做到", [(BODY, 1)]),  # but 「全国第一」 starts first, and wins
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_absolute_terms_are_found_word_aware(repo, body, expected):
    repo.post(body)
    assert repo.found("WB501") == [(line, column, "WB501") for line, column in expected]


def test_position_maps_back_through_emphasis_and_links(repo):
    body = ("开头一段。\n"
            "\n"
            "[链接](https://www.example.com/x) 和 **强调** 和 *斜体*\n"
            "*好*[最佳](https://www.example.com) 咖啡，**真的**绝对好喝\n")
    repo.post(body)
    assert repo.found("WB501") == [(7, 5, "WB501"), (7, 43, "WB501")]


def test_position_is_the_same_behind_a_template(repo):
    body = "开头一段。\n\n**强调** [链接](https://www.example.com/x)\n*好*[最佳](https://www.example.com)"
    repo.post(body, column="daily")
    assert repo.found("WB501") == [(7, 5, "WB501")]


def test_a_term_in_the_template_points_at_the_column_line(repo):
    repo.file("columns/loud.yaml", b"name: loud\naccount: ceo\ntemplate: loud.j2\n")
    repo.file("templates/loud.j2", "最好的{{ body }}".encode())
    repo.post("咖啡", column="loud")
    assert repo.found("WB501") == [(2, 1, "WB501")]


def test_the_message_names_the_term(repo):
    repo.post("这是全网最低价")
    [problem] = repo.problems("WB501")
    assert "'全网最低价'" in problem.message


def test_a_directive_suppresses_one_line(repo):
    repo.post("<!-- weibo-lint disable-next-line WB501 -->\n最好的手机\n\n最好的咖啡")
    assert repo.found("WB501") == [(BODY + 3, 1, "WB501")]


@pytest.mark.parametrize(("rules", "body", "expected"), [
    ("{WB501: {allow: [最好]}}", "最好的手机", []),
    ("{WB501: {allow: [独家配方]}}", "独家配方和独家秘方", [(BODY, 6)]),
    ("{WB501: {terms: [秒杀]}}", "限时秒杀", [(BODY, 3)]),
    ("{WB501: {terms: [最近]}}", "最近上新", [(BODY, 1)]),  # a term beats a shipped allowed word
    ("{WB501: {replace_defaults: true, terms: [秒杀]}}", "最好的秒杀", [(BODY, 4)]),
    ("{WB501: {replace_defaults: true}}", "最好的手机", []),
    ("{absolute-term: {terms: [Best]}}", "the BEST coffee", [(BODY, 5)]),
    ("{WB501: {terms: [Ｂｅｓｔ]}}", "全角ＢＥＳＴ咖啡", [(BODY, 3)]),
    ("{WB501: {terms: [Best]}}", "İ the best", [(BODY, 7)]),  # lower() would shift the offsets
])
def test_options(make_repo, rules, body, expected):
    repo = make_repo(rules)
    repo.post(body)
    assert repo.found("WB501") == [(line, column, "WB501") for line, column in expected]


@pytest.mark.parametrize("rules", [
    "{WB501: {terms: ['']}}",
    "{WB501: {terms: [3]}}",
    "{WB501: {terms: 最好}}",
    "{WB501: {replace_defaults: yes please}}",
    "{WB501: {words: [最好]}}",
])
def test_bad_options_are_a_configuration_error(make_repo, rules):
    repo = make_repo(rules)
    with pytest.raises(ConfigError, match="WB501"):  # on loading weibo.yaml, with its other errors
        RuleSet(load_config(repo.root / "weibo.yaml"))


def test_the_shipped_lists_hold_the_law_and_the_everyday_words():
    terms, allowed = default_lists()
    for term in ("最", "第一", "唯一", "顶级", "首选", "极致", "万能", "100%", "绝对", "国家级", "最高级",
                 "最佳", "全网最低", "史无前例", "独一无二", "销量冠军"):
        assert term in terms
    for word in ("最近", "最后", "最初", "最终", "第一次", "第一天", "第一步"):
        assert word in allowed
    assert not set(terms) & set(allowed)
    assert all(not word.startswith("#") for word in terms + allowed)


def test_word_lists_skip_comments_and_blank_lines():
    assert read_word_list("# a comment\n\n最好\n  第一  \n   # indented comment\n") == ("最好", "第一")


def test_the_matcher_is_built_once_per_options():
    assert matcher(Options()) is matcher(Options())
    assert matcher(Options(terms=("秒杀",))) is not matcher(Options())
