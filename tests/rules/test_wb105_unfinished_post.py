from __future__ import annotations

import pytest

from tests.rules.rule_repo import BODY


@pytest.mark.parametrize(("body", "front", "column", "expected"), [
    ("（待补充：冬季新品）\n", "", "plain", [(BODY + 1, 1)]),  # status line moves the body down
    ("<!-- 正文写在下面 -->\n", "", "plain", [(BODY + 1, 1)]),  # a comment is no body
    ("", "", "daily", [(BODY + 1, 1)]),  # only the template would be posted
    ("冬季限定拿铁上市\n", "", "plain", []),
    ("新品上市\n", "link: https://www.example.com/p/1\n", "news", []),  # the brand's own domain is example.com
])
def test_an_approved_post_must_be_finished(repo, body, front, column, expected):
    repo.post(body, column=column, front="status: approved\n" + front)
    assert repo.found("WB105") == [(line, column_no, "WB105") for line, column_no in expected]


def test_drafts_may_hold_placeholders(repo):
    repo.post("（待补充：冬季新品）\n", front="status: draft\n")
    assert repo.found("WB105") == []


def test_the_scaffolds_own_draft_is_refused_once_approved(tmp_path):
    from datetime import datetime, timezone

    from weibo_lint.schedule.scaffold import post_text

    text = post_text(column="plain", column_name="随手记", moment=datetime(2026, 12, 1, 10, tzinfo=timezone.utc),
                     title="冬季新品", fields=set(), safe_domain=None)
    from tests.rules.rule_repo import Repo

    repo = Repo(tmp_path)
    (tmp_path / "posts" / "a.md").write_text(text.replace("status: draft", "status: approved"), "utf-8")
    assert [code for _line, _col, code in repo.found("WB105")] == ["WB105"]


def test_an_example_link_is_refused_when_the_brand_is_elsewhere(repo):
    config = repo.root / "weibo.yaml"
    config.write_text(config.read_text("utf-8").replace("www.example.com", "www.xinghe-tea.cn"), "utf-8")
    repo.post("冬季限定拿铁上市，详情 https://www.example.org/p/1\n", front="status: approved\n")
    repo.post("新品上市\n", column="news", front="status: approved\nlink: https://www.example.com/\n", name="b.md")
    repo.post("新品上市 https://shop.xinghe-tea.cn/p/1\n", front="status: approved\n", name="c.md")
    found = [(p.path, p.line) for p in repo.problems("WB105")]
    assert found == [("posts/a.md", BODY + 1), ("posts/b.md", 4)]
