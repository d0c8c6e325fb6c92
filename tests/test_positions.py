"""Positions point into the Markdown source even when a problem is found in the rendered text;
text a template adds points at the post's column line; a column file's problem at the column file."""
from __future__ import annotations

import dataclasses
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.lint_repo import LintRepo
from weibo_lint.check import build_env, run_check
from weibo_lint.config import load_config
from weibo_lint.engine import RuleSet, check_post
from weibo_lint.problem import Finding, Level
from weibo_lint.rules import ALL_RULES
from weibo_lint.rules.base import NoOptions, Rule

NOW = datetime(2026, 11, 30, 1, 0, tzinfo=timezone.utc)
LONG = "这是一段很长的文字。" * 20  # 200 characters: over the 140 of the 'short' account


def _star_check(context, options):
    if context.rendered is not None:
        for index, char in enumerate(context.rendered.text):
            if char == "★":
                yield Finding("a star in the rendered text", rendered=(index, index + 1))


# A rule of the test's own: it finds every '★' in the rendered text, like WB501 finds a term.
STAR = Rule(code="WB998", name="star-in-text", scopes=("post",), default_level=Level.ERROR,
            options_type=NoOptions, find=_star_check, doc="Stars.")


def _stars(repo: LintRepo, relative: str) -> list[tuple[int, int]]:
    """Where the engine puts each '★' the test rule finds in ``relative``'s rendered text."""
    config = load_config(repo.config)
    env, _problems, _raw = build_env(config)
    env = dataclasses.replace(env, rules=RuleSet(config, [*ALL_RULES, STAR]))
    result = check_post(relative, (repo.root / relative).read_bytes(), env)
    return [(p.line, p.column) for p in result.problems if p.code == "WB998"]


def _stars_in_source(text: str) -> list[tuple[int, int]]:
    return [(number, column) for number, line in enumerate(text.split("\n"), 1)
            for column, char in enumerate(line, 1) if char == "★"]


@pytest.fixture
def repo(tmp_path: Path) -> LintRepo:
    repo = LintRepo(tmp_path)
    repo.write("columns/plain.yaml", "name: 无模板\naccount: short\n")
    repo.write("columns/framed.yaml", "name: 有模板\naccount: ceo\ntopic: 每日一问\ntemplate: framed.j2\n")
    repo.write("templates/framed.j2", "#{{ column.topic }}# ★ {{ body }} ★")
    repo.write("columns/shouting.yaml", "name: 改写正文\naccount: ceo\ntopic: 每日一问\ntemplate: shouting.j2\n")
    repo.write("templates/shouting.j2", "#{{ column.topic }}# {{ body | upper }}")
    return repo


BODY = """\
**加粗**★在强调之后，*斜*★

看[官网](https://www.example.com/x)★在链接之后，<https://a.com/y>★在自动链接之后
a&amp;b★在实体之后，\\*号\\*★在转义之后，`代码`★

- 第一项★
- **第二**项★

> 引用★

<!-- 注释 -->最后★
"""


@pytest.mark.parametrize("column", ["plain", "framed"])
def test_rendered_findings_map_to_their_source_character(repo, column):
    text = f"---\ncolumn: {column}\ntitle: 位置\n---\n{BODY}"
    repo.write("posts/stars.md", text)
    found = _stars(repo, "posts/stars.md")
    in_body = _stars_in_source(text)
    if column == "framed":
        # the template's two stars, before and after the body, both point at 'column:' (line 2)
        assert found == [(2, 1), (2, 1)] + in_body
    else:
        assert found == in_body
    assert len(in_body) == 11


def test_crlf_and_bom_do_not_move_positions(repo):
    text = f"---\ncolumn: plain\n---\n{BODY}"
    repo.write("posts/lf.md", text)
    repo.write("posts/crlf.md", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert _stars(repo, "posts/crlf.md") == _stars(repo, "posts/lf.md") == _stars_in_source(text)


def test_a_template_that_rewrites_the_body_points_at_the_column(repo):
    repo.write("posts/loud.md", "---\ntitle: 大写\ncolumn: shouting\n---\nabc★def\n")
    assert _stars(repo, "posts/loud.md") == [(3, 1)]


def test_post_too_long_is_at_the_first_posted_line(repo):
    repo.write("posts/long.md", f"---\ncolumn: plain\nstatus: draft\n---\n\n<!-- 草稿 -->\n\n{LONG}\n")
    run = repo.check()
    assert [w for w in run.where("posts/long.md") if w[3] == "WB101"] == [("posts/long.md", 8, 1, "WB101")]


def test_post_too_long_with_a_template(repo):
    # notes.j2 adds '#随手记# ' before the body: counted, but the problem is still at the body
    repo.write("posts/long.md", f"---\ncolumn: notes\nstatus: draft\n---\n{LONG}\n\n第二段\n")
    run = repo.check()
    assert [w for w in run.where("posts/long.md") if w[3] == "WB101"] == [("posts/long.md", 5, 1, "WB101")]


def test_template_text_alone_can_make_a_post_too_long(repo):
    repo.write("templates/notes.j2", "#{{ column.topic }}# {{ body }}" + "很长的固定结尾。" * 20)
    repo.write("posts/short.md", "---\ncolumn: notes\nstatus: draft\n---\n\n短短一句。\n")
    run = repo.check()
    assert [w for w in run.where("posts/short.md") if w[3] == "WB101"] == [("posts/short.md", 6, 1, "WB101")]


def test_an_absolute_term_maps_through_emphasis_and_links(repo):
    line = "今天的**限定**拿铁，[全网](https://www.example.com/p)都说是最好的味道。"
    repo.write("posts/ad.md", f"---\ncolumn: daily\nstatus: draft\n---\n第一行。\n\n{line}\n")
    run = repo.check()
    assert [w for w in run.where("posts/ad.md") if w[3] == "WB501"] == [
        ("posts/ad.md", 7, line.index("最好") + 1, "WB501")]


def test_column_file_problems_point_at_the_column_file(repo):
    repo.write("columns/bad.yaml", "name: 坏栏目\naccount: nobody\ntopc: 话题\nlimit: -5\n")
    repo.write("columns/nameless.yaml", "# 没有名字\naccount: ceo\n")
    run = repo.check()
    found = {(path, line, code) for path, line, _col, code in run.where()
             if code in ("WB301", "WB302", "WB303", "WB305") and path.startswith("columns/")}
    assert found == {("columns/bad.yaml", 2, "WB305"), ("columns/bad.yaml", 3, "WB302"),
                     ("columns/bad.yaml", 4, "WB303"), ("columns/nameless.yaml", 1, "WB301")}


def test_positions_are_the_same_through_run_check(repo):
    line = "今天的**限定**拿铁，[全网](https://www.example.com/p)都说是最好的味道。"
    repo.write("posts/ad.md", f"---\ncolumn: daily\nstatus: draft\n---\n{line}\n")
    report = run_check(load_config(repo.config), now=NOW, use_cache=False)
    assert [(p.line, p.column) for p in report.problems if p.code == "WB501"] == [(5, line.index("最好") + 1)]
