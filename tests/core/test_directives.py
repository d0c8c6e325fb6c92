"""Inline suppression: disable-next-line, disable-line, disable/enable blocks, the front matter
key for the whole file, and the hygiene of the directives themselves (WB003, WB004)."""
from __future__ import annotations

import pytest

from tests.core.helpers import check, make_env, where
from weibo_lint.directives import parse

TOO_LONG = "中" * 150  # 150 on the 140 account of the 'plain' column: WB101


@pytest.fixture
def env(tmp_path):
    return make_env(tmp_path)


def _post(body: str, front: str = "") -> str:
    return f"---\ncolumn: plain\n{front}---\n{body}\n"


def test_without_a_directive_the_problem_is_reported(env):
    assert where(check(env, _post(TOO_LONG)), "WB101", "WB003", "WB004") == [(4, 1, "WB101")]


@pytest.mark.parametrize("name", ["WB101", "post-too-long"])
def test_disable_next_line_by_code_or_name(env, name):
    body = f"<!-- weibo-lint disable-next-line {name} -->\n{TOO_LONG}"
    assert where(check(env, _post(body)), "WB101", "WB003", "WB004") == []


def test_disable_next_line_covers_only_the_next_line(env):
    body = f"<!-- weibo-lint disable-next-line WB101 -->\n\n{TOO_LONG}"
    assert where(check(env, _post(body)), "WB101", "WB003", "WB004") == [(4, 1, "WB004"), (6, 1, "WB101")]


def test_disable_next_line_of_another_rule_does_not_suppress(env):
    body = f"<!-- weibo-lint disable-next-line WB102 -->\n{TOO_LONG}"
    assert where(check(env, _post(body)), "WB101", "WB003", "WB004") == [(4, 1, "WB004"), (5, 1, "WB101")]


def test_disable_line(env):
    body = f"{TOO_LONG}<!-- weibo-lint disable-line WB101 -->"
    assert where(check(env, _post(body)), "WB101", "WB003", "WB004") == []


def test_disable_line_at_the_start_of_the_line(env):
    body = f"<!-- weibo-lint disable-line WB101 -->{TOO_LONG}"
    result = check(env, _post(body))
    assert where(result, "WB101", "WB003", "WB004", "WB504") == []
    assert result.summary.text == TOO_LONG


def test_disable_without_codes_means_every_rule(env):
    body = f"<!-- weibo-lint disable-next-line -->\n{TOO_LONG}"
    assert where(check(env, _post(body)), "WB101", "WB003", "WB004") == []


def test_disable_enable_block(env):
    body = f"<!-- weibo-lint disable WB101 -->\n{TOO_LONG}\n<!-- weibo-lint enable WB101 -->\n\n后面"
    assert where(check(env, _post(body)), "WB101", "WB003", "WB004") == []


def test_a_block_that_does_not_cover_the_problem_suppresses_nothing(env):
    # WB101 is about the whole post: it stands at the post's first posted line (4), before the block.
    body = f"前面\n\n<!-- weibo-lint disable WB101 -->\n中间\n<!-- weibo-lint enable WB101 -->\n\n{TOO_LONG}"
    assert where(check(env, _post(body)), "WB101", "WB003", "WB004") == [(4, 1, "WB101"), (6, 1, "WB004")]


def test_disable_without_enable_runs_to_the_end(env):
    body = f"<!-- weibo-lint disable -->\n前面\n\n{TOO_LONG}"
    assert where(check(env, _post(body)), "WB101", "WB003", "WB004") == []


@pytest.mark.parametrize("front", ["weibo-lint-disable: [WB101]\n", "weibo-lint-disable: [post-too-long]\n",
                                   "weibo-lint-disable: all\n"])
def test_front_matter_key_disables_for_the_whole_file(env, front):
    assert where(check(env, _post(TOO_LONG, front)), "WB101", "WB003", "WB004") == []


def test_front_matter_key_with_an_unknown_rule_is_wb003_at_its_line(env):
    result = check(env, _post(TOO_LONG, "title: x\nweibo-lint-disable: [WB999, post-too-long]\n"))
    assert where(result, "WB101", "WB003", "WB004") == [(4, 1, "WB003")]


def test_front_matter_key_of_the_wrong_type_is_wb303(env):
    assert where(check(env, _post("正文", "weibo-lint-disable: WB101\n")), "WB303") == [(3, 1, "WB303")]


@pytest.mark.parametrize("directive", [
    "<!-- weibo-lint disabel-next-line WB101 -->",  # a typo in the action
    "<!-- weibo-lint -->",  # no action at all
    "<!-- weibo-lint disable-next-line WB999 -->",  # no such rule
    "<!-- weibo-lint disable-next-line post-to-long -->",  # a typo in the name
    "<!-- weibo-lint enable WB101 -->",  # enable without disable
])
def test_malformed_directive_is_wb003_at_its_place(env, directive):
    result = check(env, _post(f"正文\n\n  {directive}\n\n更多"))
    assert where(result, "WB003") == [(6, 3, "WB003")]


def test_a_malformed_directive_suppresses_nothing(env):
    body = f"<!-- weibo-lint disabel-next-line WB101 -->\n{TOO_LONG}"
    assert where(check(env, _post(body)), "WB101", "WB003") == [(4, 1, "WB003"), (5, 1, "WB101")]


def test_unused_directive_is_wb004(env):
    result = check(env, _post("正文\n<!-- weibo-lint disable-next-line WB101 -->\n短的"))
    assert where(result, "WB004") == [(5, 1, "WB004")]


def test_unused_block_is_wb004(env):
    result = check(env, _post("<!-- weibo-lint disable WB101 -->\n短的\n<!-- weibo-lint enable WB101 -->"))
    assert where(result, "WB004") == [(4, 1, "WB004")]


def test_directives_never_reach_the_rendered_text(env):
    result = check(env, _post("<!-- weibo-lint disable-next-line WB101 -->\n正文<!-- weibo-lint disable-line -->"))
    assert result.summary.text == "正文"


def test_a_directive_like_text_in_the_front_matter_is_a_value(env):
    result = check(env, _post("正文", "title: '<!-- weibo-lint disable -->'\n"))
    assert where(result, "WB003", "WB004") == []


def test_parse_reads_codes_separated_by_commas_and_spaces():
    known = {"WB101": "WB101", "post-too-long": "WB101", "WB501": "WB501"}
    suppressions, problems = parse("<!-- weibo-lint disable-next-line WB101, WB501 -->\nx\n", known)
    assert problems == []
    assert [sorted(d.codes) for d in suppressions.directives] == [["WB101", "WB501"]]
    assert suppressions.suppresses("WB501", 2) and not suppressions.suppresses("WB501", 3)
