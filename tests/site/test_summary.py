"""The Markdown summary for pull requests: escaping, fences, order, selection."""
from __future__ import annotations

import pytest

from weibo_lint.problem import Level, Problem
from weibo_lint.site.summary import fence, format_summary, md, select_problems


@pytest.mark.parametrize("text, expected", [
    ("<script>", r"\<script\>"),
    ("a | b", r"a \| b"),
    ("**bold** _x_ [l](u)", r"\*\*bold\*\* \_x\_ \[l\]\(u\)"),
    ("two\nlines", "two lines"),
    ("中文，全角！", "中文，全角！"),
])
def test_md_escapes_every_ascii_punctuation(text, expected):
    assert md(text) == expected


def test_fence_is_longer_than_any_backtick_run_inside():
    assert fence("a ``` b").startswith("````text\n") and fence("a ``` b").endswith("\n````")
    assert fence("plain") == "```text\nplain\n```"


def _p(path, level, code="WB101", line=1):
    return Problem(path, line, 1, code, "name", level, f"{code} at {path}")


def test_errors_come_first_and_every_problem_is_listed():
    problems = [_p("a.md", Level.INFO), _p("b.md", Level.WARNING), _p("c.md", Level.ERROR), _p("a.md", Level.ERROR, line=9)]
    text = format_summary(problems, [])
    assert text.splitlines()[0] == "### weibo-lint: 2 errors, 1 warning, 1 notice"
    rows = [line for line in text.splitlines() if line.startswith("| ") and "WB101" in line]
    assert [row.split("|")[2].strip() for row in rows] == [r"a\.md\:9\:1", r"c\.md\:1\:1", r"b\.md\:1\:1",
                                                           r"a\.md\:1\:1"]


def test_selection_keeps_the_selected_posts_and_whole_repository_findings():
    problems = [_p("posts/a.md", Level.ERROR), _p("posts/b.md", Level.ERROR),
                _p("posts/b.md", Level.WARNING, code="WB405"), _p("columns/x.yaml", Level.WARNING, code="WB401")]
    chosen = select_problems(problems, posts={"posts/a.md", "posts/b.md"}, selected={"posts/a.md"},
                             whole_repository_codes={"WB405", "WB401"})
    assert [(p.path, p.code) for p in chosen] == [("posts/a.md", "WB101"), ("posts/b.md", "WB405"),
                                                  ("columns/x.yaml", "WB401")]
    assert select_problems(problems, posts=set(), selected=None, whole_repository_codes=set()) == problems
