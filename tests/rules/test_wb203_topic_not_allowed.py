from __future__ import annotations

import pytest

LINK = "link: https://www.example.com/p/1\n"
BODY = 5  # after the link line

CASES = [
    ("冬季限定上市", []),
    ("冬季限定 #新品# 上市", [(BODY, 6)]),
    ("#新品##发布会#", [(BODY, 1), (BODY, 5)]),
    ("＃新品＃ 上市", []),  # not a topic to Weibo (WB202 reports it)
    ("学 C# 编程", []),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_topics_in_a_share_post_are_reported(repo, body, expected):
    repo.post(body, column="news", front=LINK)
    assert repo.found("WB203") == [(line, column, "WB203") for line, column in expected]


def test_a_post_can_move_to_a_share_account(repo):
    repo.post("#新品# 上市", column="plain", front="account: official\n")
    assert repo.found("WB203") == [(5, 1, "WB203")]


def test_a_topic_from_the_template_points_at_the_column_line(repo):
    repo.file("columns/shared.yaml", "name: 分享\naccount: official\ntopic: 分享\ntemplate: shared.j2\n".encode())
    repo.file("templates/shared.j2", b"#{{ column.topic }}# {{ body }} {{ post.link }}")
    repo.post("冬季限定上市", column="shared", front=LINK)
    assert repo.found("WB203") == [(2, 1, "WB203")]


@pytest.mark.parametrize("column", ["daily", "roast"])
def test_other_accounts_may_use_topics(repo, column):
    repo.post("#新品# 上市", column=column)
    assert repo.found("WB203") == []
