"""Every link and picture of every page resolves to a file of the site, relatively.

The site must work from ``file://`` and from a GitHub Pages project path, so no link may
start with ``/`` and nothing may be loaded from another host: the only absolute URLs are
anchors to the posts' own links and to the published statuses on Weibo.
"""
from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.site.site_helpers import site_pages


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
        for name, value in attrs:
            if name in ("href", "src", "srcset", "action", "poster", "data") and value is not None:
                self.found.append((tag, name, value))


def link_problems(site: Path, page: Path) -> tuple[list[str], int]:
    """What is wrong with the links of ``page``, and how many relative links it has."""
    parser = _Links()
    parser.feed(page.read_text("utf-8"))
    where = page.relative_to(site).as_posix()
    problems = [f"{where}: has a <script> element" for _ in range(parser.scripts)]
    relative = 0
    for tag, attribute, value in parser.found:
        parts = urlsplit(value)
        if parts.scheme in ("http", "https"):
            if tag != "a":
                problems.append(f"{where}: <{tag} {attribute}> loads from another host: {value}")
            continue
        if parts.scheme or parts.netloc or value.startswith("/"):
            problems.append(f"{where}: <{tag} {attribute}> is not a relative link: {value}")
            continue
        if not parts.path:  # '#fragment' on the same page
            continue
        relative += 1
        target = posixpath.normpath(posixpath.join(posixpath.dirname(where), unquote(parts.path)))
        if target.startswith("../") or not (site / target).is_file():
            problems.append(f"{where}: <{tag} {attribute}={value!r}> does not resolve to a file of the site")
    return problems, relative


def test_every_link_of_every_page_resolves_inside_the_site(built_site):
    problems, checked = [], 0
    for page in site_pages(built_site):
        found, relative = link_problems(built_site, page)
        problems += found
        checked += relative
    assert problems == []
    assert checked > 100  # the pages link to each other, the stylesheet and the pictures


def test_the_checker_catches_broken_absolute_and_remote_links(tmp_path):
    (tmp_path / "ok.html").write_text("", encoding="utf-8")
    page = tmp_path / "sub" / "page.html"
    page.parent.mkdir()
    page.write_text('<a href="../ok.html#x">ok</a><a href="../missing.html">broken</a>'
                    '<link rel="stylesheet" href="/static/site.css"><img src="https://cdn.example/x.png">'
                    '<script src="../ok.html"></script><a href="https://weibo.com/1/2">fine</a>', encoding="utf-8")
    problems, relative = link_problems(tmp_path, page)
    assert relative == 3
    assert len(problems) == 4
    assert any("missing.html" in p for p in problems) and any("/static/site.css" in p for p in problems)
    assert any("cdn.example" in p for p in problems) and any("<script>" in p for p in problems)


def test_links_to_non_ascii_file_names_are_percent_encoded_and_resolve(tmp_path):
    from tests.site.site_helpers import build, copy_repo

    repo = copy_repo(tmp_path / "repo")
    source = repo / "posts" / "2026-11" / "2026-11-23-evening-rainy-day.md"
    source.rename(source.with_name("下雨 天#1.md"))
    site = build(repo)
    index = (site / "index.html").read_text("utf-8")
    assert "%E4%B8%8B%E9%9B%A8%20%E5%A4%A9%231.html" in index
    assert (site / "post" / "2026-11" / "下雨 天#1.html").is_file()
    assert link_problems(site, site / "index.html")[0] == []
