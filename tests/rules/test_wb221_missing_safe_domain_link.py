from __future__ import annotations

import pytest

from tests.rules.rule_repo import BODY
from weibo_lint.links import domain_key, on_domain, url_host

LINK_LINE = 3

CASES = [
    ("https://www.example.com/p/1", []),
    ("https://www.example.com:8443/p/1", []),
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
    ("Shop-CN.Example-Brand.com", "shop-cn.example-brand.com"),
    ("例子.中国", "xn--fsqu00a.xn--fiqs8s"),
    ("https://xn--fsqu00a.xn--fiqs8s/", "xn--fsqu00a.xn--fiqs8s"),
])
def test_safe_domain_is_read_leniently(written, domain):
    assert domain_key(written) == domain


@pytest.mark.parametrize(("url", "safe", "ok"), [
    ("https://www.xinghe-tea.cn/p/1", "www.xinghe-tea.cn", True),  # a hyphen in the host
    ("https://shop.xinghe-tea.cn/p/1", "xinghe-tea.cn", True),
    ("https://www.xinghe-tea.cn.evil.com/", "www.xinghe-tea.cn", False),
    ("https://xinghe-tea.cn/", "www.xinghe-tea.cn", False),
    ("https://XN--FSQU00A.xn--fiqs8s/p", "例子.中国", True),
    ("https://WWW.XINGHE-TEA.CN:8080/p", "www.xinghe-tea.cn", True),
])
def test_hosts_as_real_brands_have_them(url, safe, ok):
    assert on_domain(url_host(url) or "", domain_key(safe)) is ok


def test_a_hyphenated_safe_domain_passes_the_rule(tmp_path):
    """Through the real CLI in a repository of its own: a brand whose domain has a hyphen."""
    import subprocess
    import sys

    (tmp_path / "weibo.yaml").write_text("accounts:\n  official: {name: 茶, api: share, safe_domain: "
                                         "www.xinghe-tea.cn}\n", "utf-8")
    (tmp_path / "columns").mkdir()
    (tmp_path / "columns" / "news.yaml").write_text("name: 新品\naccount: official\n", "utf-8")
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text("---\ncolumn: news\nstatus: draft\n---\n新品上市 "
                                             "https://www.xinghe-tea.cn/p/1\n", "utf-8")
    done = subprocess.run([sys.executable, "-m", "weibo_lint", "check", "--now", "2026-12-01T09:00:00+08:00"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert "WB221" not in done.stdout, done.stdout
