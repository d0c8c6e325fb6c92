"""``weibo-lint build`` from the command line: the folder it writes, what it refuses, overrides,
pictures that must not be copied, and ``--summary`` for pull requests."""
from __future__ import annotations

import os
import re

import pytest
from click.testing import CliRunner

from tests.site.site_helpers import copy_repo
from weibo_lint.cli import cli
from weibo_lint.counting import weibo_length

NOW = "2026-11-23T09:00+08:00"


@pytest.fixture
def repo(tmp_path):
    return copy_repo(tmp_path / "repo")


def run(repo, *args):
    return CliRunner().invoke(cli, ["build", "--config", str(repo / "weibo.yaml"), "--now", NOW, "--no-cache", *args])


def test_build_writes_the_site_beside_weibo_yaml_by_default(repo):
    result = run(repo)
    assert result.exit_code == 0, result.output
    assert re.search(r"Built 11 pages \(7 posts, 3 pictures, \d+ problems\) in ", result.output)
    assert (repo / "_site" / "index.html").is_file() and (repo / "_site" / "static" / "site.css").is_file()


def test_rebuilding_replaces_the_previous_build(repo, tmp_path):
    out = tmp_path / "out"
    assert run(repo, "--out", str(out)).exit_code == 0
    pages = sorted(out.rglob("*.html"))
    post = next(p for p in sorted((repo / "posts").rglob("*.md")))
    post.unlink()
    assert run(repo, "--out", str(out)).exit_code == 0
    assert len(sorted(out.rglob("*.html"))) == len(pages) - 1  # the deleted post's page went with it


def test_rebuilding_keeps_a_file_the_build_did_not_write(repo, tmp_path):
    # Only what the last build wrote (its manifest) is ever removed: a file added since stops it.
    out = tmp_path / "out"
    assert run(repo, "--out", str(out)).exit_code == 0
    (out / "notes.txt").write_text("mine", "utf-8")
    result = run(repo, "--out", str(out))
    assert result.exit_code == 2 and "notes.txt" in result.output
    assert (out / "notes.txt").read_text("utf-8") == "mine" and (out / "index.html").is_file()


@pytest.mark.parametrize("where", ["foreign", "repo", "parent"])
def test_build_refuses_to_empty_a_folder_it_did_not_build(repo, tmp_path, where):
    out = {"foreign": tmp_path / "foreign", "repo": repo, "parent": tmp_path}[where]
    out.mkdir(exist_ok=True)
    (out / "keep.txt").write_text("mine", "utf-8")
    result = run(repo, "--out", str(out))
    assert result.exit_code == 2
    assert "weibo-lint: --out" in result.output
    assert (out / "keep.txt").read_text("utf-8") == "mine"


@pytest.mark.parametrize("setting, message", [
    ("site: {weeks: 0}", "'site.weeks' must be a whole number from 1 to 52"),
    ("site: {titel: x}", "unknown setting 'site.titel'"),
])
def test_bad_site_settings_stop_with_exit_2(repo, setting, message):
    config = repo / "weibo.yaml"
    text = config.read_text("utf-8")
    config.write_text(text[:text.index("site:")] + setting + "\n", "utf-8")
    result = run(repo)
    assert result.exit_code == 2 and message in result.output


def test_repository_templates_override_the_shipped_ones(repo):
    (repo / "templates" / "site").mkdir()
    (repo / "templates" / "site" / "post.html").write_text(
        '{% extends "base.html" %}{% block main %}<p class="mine">{{ card.screen_name }}</p>{% endblock %}', "utf-8")
    (repo / "templates" / "site" / "site.css").write_text("body { color: red; }\n", "utf-8")
    assert run(repo).exit_code == 0
    page = (repo / "_site" / "post" / "2026-11" / "2026-11-19-news-oat.html").read_text("utf-8")
    assert '<p class="mine">小熊咖啡</p>' in page
    assert (repo / "_site" / "static" / "site.css").read_text("utf-8") == "body { color: red; }\n"
    assert '<div class="wb-card"' not in page and "Calendar" in (repo / "_site" / "index.html").read_text("utf-8")


@pytest.mark.parametrize("template, message", [
    ("{{ card.screen_nam }}", "has no attribute 'screen_nam'"),  # StrictUndefined: a typo fails
    ("{{ ''.__class__.__mro__ }}", "unsafe"),  # sandboxed: templates come from pull requests
    ("{% if %}", "site template post.html:1: "),
    ("{{ 1 // 0 }}", "site template post.html: ZeroDivisionError"),
])
def test_a_broken_override_template_fails_with_its_name(repo, template, message):
    (repo / "templates" / "site").mkdir()
    (repo / "templates" / "site" / "post.html").write_text(template, "utf-8")
    result = run(repo)
    assert result.exit_code == 2, result.output
    assert "weibo-lint: site template" in result.output and message in result.output
    assert "Traceback" not in result.output


def test_pictures_outside_the_repository_are_never_copied(repo, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes((repo / "images" / "cup.png").read_bytes())
    os.symlink(secret, repo / "images" / "link.png")
    post = repo / "posts" / "2026-11" / "2026-11-24-evening-draft.md"
    post.write_text(post.read_text("utf-8").replace("title:", f"images: [images/link.png, ../secret.png, {secret}]\ntitle:"),
                    "utf-8")
    assert run(repo).exit_code == 0
    site = repo / "_site"
    assert sorted(p.name for p in (site / "media").rglob("*") if p.is_file()) == ["beans.png", "cup.png", "latte.png"]
    page = (site / "post" / "2026-11" / "2026-11-24-evening-draft.html").read_text("utf-8")
    assert page.count('class="wb-pic-missing"') == 3


def test_summary_lists_every_problem_and_previews_the_listed_posts(repo, tmp_path):
    listed = tmp_path / "changed.txt"
    listed.write_text("posts/2026-11/2026-11-23-news-gift.md\nposts/2026-11/deleted.md\n", "utf-8")
    os.chdir(repo)
    result = run(repo, "--summary", "-", "--posts", str(listed))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("### weibo-lint: ")
    assert "too\\-long" not in result.output  # the too-long post's own problem: not among the listed posts
    assert "WB401 cadence\\-gap" in result.output  # about the whole repository: always listed
    assert "### 1 post as it will be posted" in lines
    assert "```text" in lines and "【新品】冬季礼盒开始预售，含两袋豆子和一只杯子。 详情 https://www.example.com/p/gift" in lines
    text = "【新品】冬季礼盒开始预售，含两袋豆子和一只杯子。 详情 https://www.example.com/p/gift"
    assert f"- count: **{weibo_length(text)}/140**" in lines and "- account: 小熊咖啡 \\(share\\)" in lines


def test_summary_appends_to_a_file_and_defaults_to_every_post(repo, tmp_path):
    target = tmp_path / "summary.md"
    target.write_text("before\n", "utf-8")
    result = run(repo, "--summary", str(target))
    assert result.exit_code == 0, result.output
    text = target.read_text("utf-8")
    assert text.startswith("before\n### weibo-lint: ")
    assert "| ❌ error | posts\\/2026\\-11\\/2026\\-11\\-26\\-news\\-too\\-long\\.md\\:8\\:1 | WB101 post\\-too\\-long |" in text
    assert "### 7 posts as they will be posted" in text


def test_posts_without_summary_is_a_usage_error(repo, tmp_path):
    listed = tmp_path / "changed.txt"
    listed.write_text("", "utf-8")
    assert run(repo, "--posts", str(listed)).exit_code == 2


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.skipif((os.cpu_count() or 1) < 2 or os.name != "posix", reason="one CPU: pages are never written in parallel")
def test_pages_written_in_parallel_are_the_pages_written_one_by_one(repo, tmp_path, monkeypatch, forks):
    from weibo_lint.site import writer

    assert run(repo, "--out", str(tmp_path / "serial")).exit_code == 0
    monkeypatch.setattr(writer, "PARALLEL_PAGES", 0)
    result = run(repo, "--out", str(tmp_path / "parallel"))
    assert result.exit_code == 0, result.output
    assert forks and _files(tmp_path / "parallel") == _files(tmp_path / "serial")


def test_a_template_failing_in_a_worker_fails_the_build_with_its_name(repo, monkeypatch):
    from weibo_lint.site import writer

    monkeypatch.setattr(writer, "PARALLEL_PAGES", 0)
    (repo / "templates" / "site").mkdir(parents=True, exist_ok=True)
    (repo / "templates" / "site" / "post.html").write_text("{{ 1 // 0 }}", encoding="utf-8")
    result = run(repo)
    assert result.exit_code == 2, result.output
    assert "site template post.html: ZeroDivisionError" in result.output and "Traceback" not in result.output


def test_the_calendar_shows_a_freeze_on_the_days_it_holds(repo):
    config = repo / "weibo.yaml"
    config.write_text(config.read_text("utf-8") + "freeze:\n  - from: 2026-11-24 14:00\n    until: 2026-11-25 10:00\n"
                      "    reason: 门店事故暂停\n", encoding="utf-8")
    result = run(repo)
    assert result.exit_code == 0, result.output
    index = (repo / "_site" / "index.html").read_text("utf-8")
    marks = re.findall(r'<div class="mark mark-frozen">[^<]*</div>', index)
    # Both accounts (brand, boss) are frozen, each on the two days the freeze touches.
    assert len(marks) == 4 and all("11-24 14:00 – 11-25 10:00 门店事故暂停" in m for m in marks), marks
