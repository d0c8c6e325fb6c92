from __future__ import annotations

import pytest

from weibo_lint.rules.wb221_missing_safe_domain_link import normal_domain

from rule_repo import BODY

LINK_LINE = 3

CASES = [
    ("https://www.example.com/p/1", []),
    ("https://shop.www.example.com/p/1", []),
    ("HTTPS://WWW.EXAMPLE.COM/p/1", []),
    ("https://example.org/p/1", [(LINK_LINE, 1)]),
    ("https://www.example.com.evil.cn/p/1", [(LINK_LINE, 1)]),
    ("https://notwww.example.com/p/1", [(LINK_LINE, 1)]),
    ("http://t.cn/A6abc", [(LINK_LINE, 1)]),
]


@pytest.mark.parametrize(("link", "expected"), CASES)
def test_the_link_must_be_on_the_safe_domain(repo, link, expected):
    repo.post("冬季限定上市", column="news", front=f"link: {link}\n")
    assert repo.found("WB221") == [(line, column, "WB221") for line, column in expected]


@pytest.mark.parametrize(("body", "expected"), [
    ("冬季限定上市", [(BODY, 1)]),
    ("详情见[官网](https://www.example.com/p/1)", []),
    ("详情 https://www.example.com/p/1", []),
    ("详情 http://t.cn/A6abc", [(BODY, 1)]),
])
def test_a_link_in_the_body_counts(repo, body, expected):
    repo.post(body, column="plain", front="account: official\n")  # the body starts a line later
    assert repo.found("WB221") == [(line + 1, column, "WB221") for line, column in expected]


def test_only_share_accounts_need_it(repo):
    repo.post("没有链接", column="daily")
    repo.post("没有链接", column="roast", name="b.md")
    assert repo.found("WB221") == []


def test_the_message_names_the_domain_and_the_links_seen(repo):
    repo.post("冬季限定上市", column="news", front="link: https://example.org/p/1\n")
    [problem] = repo.problems("WB221")
    assert "www.example.com" in problem.message and "example.org" in problem.message


@pytest.mark.parametrize(("written", "domain"), [
    ("www.example.com", "www.example.com"),
    ("https://WWW.Example.com/", "www.example.com"),
    ("example.com:443", "example.com"),
])
def test_safe_domain_is_read_leniently(written, domain):
    assert normal_domain(written) == domain
