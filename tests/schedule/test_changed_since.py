"""``check --changed-since``: the changed posts in full, the collection over everything, and
exactly the results of a full run restricted to the same files plus every collection problem."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.schedule.gitrepo import cloned_repo, git, publish_seed
from tests.schedule.helpers import NOW, NOW_TEXT
from weibo_lint.check import run_check
from weibo_lint.config import load_config

TOO_LONG = "这一段写得太长了。" * 30  # over the share account's 140


@pytest.fixture
def branch(tmp_path):
    """main: ten posts (two with problems); feature: edits, a rename, an addition, a deletion,
    then uncommitted, staged and untracked changes."""
    seed, remote = cloned_repo(tmp_path)
    for day in range(24, 31):
        seed.post("daily", f"2026-11-{day} 20:30", name=f"2026-11/{day}-daily.md")
    seed.post("news", "2026-11-24 10:00", name="2026-11/24-news.md", body=TOO_LONG)  # WB101, unchanged
    seed.post("news", "2026-11-26 10:00", name="2026-11/26-news.md")
    seed.post("nope", "2026-11-26 10:00", name="2026-11/26-nope.md")  # WB304, to be renamed
    repo = publish_seed(tmp_path, remote)
    root = repo.root
    edit = root / "posts/2026-11/25-daily.md"
    edit.write_text(edit.read_text().replace("第", "又一个第", 1))
    (root / "posts/2026-12").mkdir()
    git(root, "mv", "posts/2026-11/26-nope.md", "posts/2026-12/01-nope.md")
    repo.post("news", "2026-12-01 10:00", name="2026-12/01-news.md", body=TOO_LONG)  # added: WB101
    git(root, "rm", "-q", "posts/2026-11/30-daily.md")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "feature work")
    dirty = root / "posts/2026-11/27-daily.md"
    dirty.write_text(dirty.read_text() + "再补一句。\n")  # unstaged
    staged = root / "posts/2026-11/28-daily.md"
    staged.write_text(staged.read_text().replace("status: approved", "status: draft"))
    git(root, "add", "posts/2026-11/28-daily.md")
    repo.post("daily", "2026-12-02 21:00", name="2026-12/02-daily.md")  # untracked, off its slot: WB403
    return repo


CHANGED = {"posts/2026-11/25-daily.md", "posts/2026-12/01-nope.md", "posts/2026-12/01-news.md",
           "posts/2026-11/27-daily.md", "posts/2026-11/28-daily.md", "posts/2026-12/02-daily.md"}


def key(problem):
    return (problem.path, problem.line, problem.column, problem.code, problem.message, problem.related)


def test_the_changed_posts_are_selected_renames_included(branch):
    report = run_check(load_config(branch.root / "weibo.yaml"), now=NOW, changed_since="origin/main")
    assert report.selected == CHANGED
    assert set(report.results) == CHANGED


@pytest.mark.parametrize("runs", [1, 3])  # cold, then warm with the index (stat-free through git)
def test_results_equal_a_full_run_restricted_to_the_same_files_plus_all_collection_problems(branch, runs):
    config = load_config(branch.root / "weibo.yaml")
    for _ in range(runs):
        changed = run_check(config, now=NOW, changed_since="origin/main")
    full = run_check(config, now=NOW, use_cache=False)
    expected = sorted([p for p in full.problems if p.path in changed.selected and p not in full.collection_problems]
                      + list(full.collection_problems))
    assert [key(p) for p in changed.problems] == [key(p) for p in expected]
    assert {p.code for p in changed.problems} >= {"WB101", "WB304", "WB403", "WB401"}  # post and collection
    assert ("posts/2026-11/24-news.md", "WB101") in {(p.path, p.code) for p in full.problems}
    assert ("posts/2026-11/24-news.md", "WB101") not in {(p.path, p.code) for p in changed.problems}
    assert [key(p) for p in changed.collection_problems] == [key(p) for p in full.collection_problems]


def test_a_warm_run_sees_new_edits_deletions_and_ignored_files(branch):
    config = load_config(branch.root / "weibo.yaml")
    run_check(config, now=NOW, changed_since="origin/main")  # builds the index at this HEAD
    root = branch.root
    later = root / "posts/2026-11/29-daily.md"
    later.write_text(later.read_text().replace("20:30", "21:45"))  # now off-slot
    (root / "posts/2026-11/24-daily.md").unlink()
    hidden = branch.post("daily", "2026-12-03 22:00", name="private/03-daily.md")  # git-ignored
    for _ in range(2):
        changed = run_check(config, now=NOW, changed_since="origin/main")
        full = run_check(config, now=NOW, use_cache=False)
        expected = sorted([p for p in full.problems if p.path in changed.selected
                           and p not in full.collection_problems] + list(full.collection_problems))
        assert [key(p) for p in changed.problems] == [key(p) for p in expected]
    found = {(p.path, p.code) for p in changed.problems}
    assert ("posts/2026-11/29-daily.md", "WB403") in found
    assert (hidden, "WB403") in {(p.path, p.code) for p in full.problems}
    assert ("columns/daily.yaml", "WB401") in found  # 11-24 lost its post: the collection saw it


def test_after_a_new_commit_the_index_follows_head(branch):
    config = load_config(branch.root / "weibo.yaml")
    run_check(config, now=NOW, changed_since="origin/main")
    git(branch.root, "add", "-A")
    git(branch.root, "commit", "-q", "-m", "more")
    moved = branch.root / "posts/2026-11/26-news.md"
    git(branch.root, "checkout", "-q", "HEAD~1", "--", "posts/2026-11/28-daily.md")  # the staged draft undone
    moved.write_text(moved.read_text().replace("10:00", "10:05"))
    git(branch.root, "commit", "-q", "-am", "move")
    changed = run_check(config, now=NOW, changed_since="origin/main")
    full = run_check(config, now=NOW, use_cache=False)
    assert [key(p) for p in changed.collection_problems] == [key(p) for p in full.collection_problems]
    assert ("posts/2026-11/26-news.md", "WB403") in {(p.path, p.code) for p in changed.problems}


def test_a_changed_template_column_file_or_weibo_yaml_selects_the_posts_it_affects(branch):
    root = branch.root
    config = load_config(root / "weibo.yaml")
    (root / "templates/news.j2").write_text("【{{ column.name }}】{{ body }} {{ post.link }}")
    report = run_check(config, now=NOW, changed_since="origin/main")
    news = {"posts/2026-11/24-news.md", "posts/2026-11/26-news.md"}
    assert report.selected == CHANGED | news | {"templates/news.j2"}  # its own problems too, as a column file's
    (root / "columns/daily.yaml").write_text((root / "columns/daily.yaml").read_text() + "description: 每晚一问\n")
    report = run_check(config, now=NOW, changed_since="origin/main")
    assert "columns/daily.yaml" in report.selected and "posts/2026-11/26-daily.md" in report.selected
    (root / "weibo.yaml").write_text((root / "weibo.yaml").read_text() + "\n")
    report = run_check(load_config(root / "weibo.yaml"), now=NOW, changed_since="origin/main")
    assert set(report.results) == {s.path for s in report.summaries} and len(report.results) == 11


def cli(root, *args):
    return subprocess.run([sys.executable, "-m", "weibo_lint", "check", "--now", NOW_TEXT, *args], cwd=root,
                          capture_output=True, text=True)


def test_the_cli_reports_only_changed_files(branch):
    done = cli(branch.root, "--changed-since", "origin/main", "--format", "json")
    assert done.returncode == 1, done.stderr
    found = {(p["path"], p["code"]) for p in json.loads(done.stdout)}
    assert ("posts/2026-11/24-news.md", "WB101") not in found and ("posts/2026-12/01-news.md", "WB101") in found


@pytest.mark.parametrize("ref", ["no-such-branch", "--output=/tmp/x", "HEAD~99"])
def test_a_bad_ref_is_a_clear_usage_error(branch, ref):
    done = cli(branch.root, f"--changed-since={ref}")
    assert done.returncode == 2
    assert done.stderr.startswith("weibo-lint: --changed-since") and "Traceback" not in done.stderr
    assert ref in done.stderr


def test_outside_git_and_with_paths(tmp_path, branch):
    from tests.schedule.helpers import Repo

    plain = Repo(tmp_path / "plain" if (tmp_path / "plain").mkdir() is None else tmp_path)
    done = cli(plain.root, "--changed-since", "main")
    assert done.returncode == 2 and "not inside a git repository" in done.stderr
    done = cli(branch.root, "--changed-since", "origin/main", "posts")
    assert done.returncode == 2 and "not both" in done.stderr
    assert os.path.isdir(branch.root)


def test_a_content_folder_below_the_repository_top(tmp_path):
    from tests.schedule.helpers import Repo

    top = tmp_path / "top"
    (top / "content").mkdir(parents=True)
    repo = Repo(top / "content")
    repo.daily_posts("2026-11-24", 3)
    (top / "README.md").write_text("not a post\n")
    git(top, "init", "-q")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "seed")
    changed = repo.post("daily", "2026-11-27 21:00", name="新的 一天.md")  # untracked, a space and CJK in its name
    (top / "README.md").write_text("changed, outside the content folder\n")
    config = load_config(repo.root / "weibo.yaml")
    for _ in range(2):
        report = run_check(config, now=NOW, changed_since="HEAD")
        assert report.selected == {changed}
        assert (changed, 3, "WB403") in {(p.path, p.line, p.code) for p in report.problems}
