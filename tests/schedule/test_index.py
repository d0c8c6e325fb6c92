"""The index in the cache folder: what it reads again, and that it never changes a result."""
from __future__ import annotations

import os
import time

import pytest

from tests.published_oracle import load_published as records_load_published
from tests.schedule.gitrepo import cloned_repo, git, publish_seed
from tests.schedule.helpers import NOW
from weibo_lint import repository
from weibo_lint.cache import FILE_NAME
from weibo_lint.check import run_check
from weibo_lint.config import load_config
from weibo_lint.index import posts as index_module
from weibo_lint.index.records import load_published


@pytest.fixture
def counted(monkeypatch):
    """Counts of files read and posts checked, by path."""
    reads, checks = [], []
    read, check = repository.PostReader.read, index_module.check_post
    monkeypatch.setattr(repository.PostReader, "read", lambda self, path: reads.append(path) or read(self, path))
    monkeypatch.setattr(index_module, "check_post", lambda path, raw, env: checks.append(path) or check(path, raw, env))
    return reads, checks


def key(problem):
    return (problem.path, problem.line, problem.column, problem.code, problem.message)


def test_a_warm_run_reads_nothing_and_a_touched_file_is_read_but_not_checked(repo, counted):
    reads, checks = counted
    paths = repo.daily_posts("2026-11-24", 5)
    config = load_config(repo.root / "weibo.yaml")
    time.sleep(2.1)  # older than the racy-clean margin: as in a checkout, not a file being written
    cold = run_check(config, now=NOW)
    assert sorted(checks) == sorted(paths)
    reads.clear(), checks.clear()
    warm = run_check(config, now=NOW)
    assert ([p for p in reads if p.startswith("posts/")], checks) == ([], [])
    os.utime(repo.root / paths[0])  # touched, same bytes
    reads.clear()
    touched = run_check(config, now=NOW)
    assert [p for p in reads if p.startswith("posts/")] == [paths[0]] and checks == []
    assert [key(p) for p in cold.problems] == [key(p) for p in warm.problems] == [key(p) for p in touched.problems]


def test_a_file_written_just_before_a_run_is_read_again_next_time(repo, counted):
    reads, checks = counted
    path = repo.post("daily", "2026-12-01 20:30")
    config = load_config(repo.root / "weibo.yaml")
    run_check(config, now=NOW)  # the file is younger than the margin: its stat facts prove nothing yet
    reads.clear()
    run_check(config, now=NOW)
    assert path in reads and checks == [path]


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(repo):
    path = repo.post("daily", "2026-12-01 20:30")
    config = load_config(repo.root / "weibo.yaml")
    full = repo.root / path
    before = os.stat(full)
    assert run_check(config, now=NOW).problems == list(run_check(config, now=NOW).problems)
    text = full.read_text().replace("20:30", "20:45")  # same length
    full.write_text(text)
    os.utime(full, ns=(before.st_atime_ns, before.st_mtime_ns))  # mtime put back; ctime cannot be
    assert os.stat(full).st_size == before.st_size
    found = {(p.path, p.code) for p in run_check(config, now=NOW).problems}
    assert (path, "WB403") in found


def test_changing_weibo_yaml_or_a_template_checks_every_post_again(repo, counted):
    _reads, checks = counted
    paths = repo.daily_posts("2026-11-24", 3)
    config = load_config(repo.root / "weibo.yaml")
    run_check(config, now=NOW)
    checks.clear()
    (repo.root / "templates/daily.j2").write_text("#{{ column.topic }}#{{ body }}")
    run_check(config, now=NOW)
    assert sorted(checks) == sorted(paths)


def test_a_broken_cache_file_is_replaced(repo):
    repo.daily_posts("2026-11-24", 2)
    config = load_config(repo.root / "weibo.yaml")
    expected = [key(p) for p in run_check(config, now=NOW, use_cache=False).problems]
    (repo.root / ".weibo-lint-cache").mkdir(exist_ok=True)
    (repo.root / ".weibo-lint-cache" / FILE_NAME).write_bytes(b"not a database at all" * 100)
    assert [key(p) for p in run_check(config, now=NOW).problems] == expected
    assert [key(p) for p in run_check(config, now=NOW).problems] == expected


def test_records_through_the_index_equal_records_load_published(repo):
    a = repo.post("tips", "2026-11-20 09:30")
    b = repo.post("tips", "2026-11-21 09:30")
    repo.record(a, "official", "2026-11-20T09:30:05+08:00", text="x")
    repo.record(b, "official", "2026-11-21T09:30:05+08:00", state="failed")
    (repo.root / "published/official/broken.json").write_text("{not json")
    (repo.root / "published/.hidden").mkdir()
    (repo.root / "published/.hidden/z.json").write_text(
        '{"path": "posts/z.md", "state": "published", "published_at": "2026-11-21T09:31:00+08:00"}')
    (repo.root / "published/official/zz.json").write_text(  # after b's own record: it wins
        '{"path": "%s", "state": "published", "published_at": "2026-11-21T09:31:00+08:00"}' % b)
    (repo.root / "published/official/naive.json").write_text(
        '{"path": "posts/x.md", "state": "published", "published_at": "2026-11-21 09:31", "idstr": 7}')
    (repo.root / "published/official/no-time.json").write_text('{"path": "posts/y.md", "state": "published"}')
    config = load_config(repo.root / "weibo.yaml")
    from weibo_lint.cache import Store

    expected = records_load_published(config)
    assert set(expected) == {a, b, "posts/x.md", "posts/z.md"}
    for _ in range(2):  # built, then from the index
        store = Store(config.dir("cache"), "env")
        assert load_published(config, store) == expected
        store.commit()
        store.close()


def test_ignored_and_untracked_posts_are_followed_in_git_mode(tmp_path):
    seed, remote = cloned_repo(tmp_path)
    seed.daily_posts("2026-11-24", 3)
    repo = publish_seed(tmp_path, remote)
    config = load_config(repo.root / "weibo.yaml")
    run_check(config, now=NOW, changed_since="origin/main")
    hidden = repo.post("daily", "2026-12-01 21:00", name="private/a.md")
    first = {(p.path, p.code) for p in run_check(config, now=NOW, changed_since="origin/main").problems}
    assert (hidden, "WB403") in {(p.path, p.code) for p in run_check(config, now=NOW).problems}
    assert ("columns/daily.yaml", "WB401") in first
    (repo.root / hidden).write_text((repo.root / hidden).read_text().replace("21:00", "20:30"))
    again = run_check(config, now=NOW, changed_since="origin/main")
    full = run_check(config, now=NOW, use_cache=False)
    assert [key(p) for p in again.collection_problems] == [key(p) for p in full.collection_problems]
    assert (hidden, "WB403") not in {(p.path, p.code) for p in full.problems}
    git(repo.root, "status")


def test_in_git_mode_a_warm_run_reads_no_post_even_a_fresh_one(tmp_path, counted):
    reads, checks = counted
    seed, remote = cloned_repo(tmp_path)
    seed.daily_posts("2026-11-24", 4)
    repo = publish_seed(tmp_path, remote)
    config = load_config(repo.root / "weibo.yaml")
    cold = run_check(config, now=NOW, changed_since="origin/main")  # just cloned: too fresh for stat facts
    reads.clear(), checks.clear()
    warm = run_check(config, now=NOW, changed_since="origin/main")
    assert ([p for p in reads if p.startswith("posts/")], checks) == ([], [])
    assert [key(p) for p in cold.problems] == [key(p) for p in warm.problems]


def test_an_index_commit_git_no_longer_has_is_checked_against_head_blobs(tmp_path, counted):
    from weibo_lint.cache import Store
    from weibo_lint.check import _environment, build_env

    seed, remote = cloned_repo(tmp_path)
    paths = seed.daily_posts("2026-11-24", 4)
    repo = publish_seed(tmp_path, remote)
    config = load_config(repo.root / "weibo.yaml")
    run_check(config, now=NOW, changed_since="origin/main")
    env, _problems, raw = build_env(config)
    store = Store(config.dir("cache"), _environment(config, env, raw))
    store.commit("0123456789abcdef0123456789abcdef01234567")  # gone, as after a rebase and a gc
    store.close()
    (repo.root / paths[1]).unlink()
    reads, checks = counted
    reads.clear(), checks.clear()
    changed = run_check(config, now=NOW, changed_since="origin/main")
    assert ([p for p in reads if p.startswith("posts/")], checks) == ([], [])  # git's blob ids vouch for the rest
    full = run_check(config, now=NOW, use_cache=False)
    assert [key(p) for p in changed.collection_problems] == [key(p) for p in full.collection_problems]
    assert ("columns/daily.yaml", "WB401") in {(p.path, p.code) for p in changed.problems}


def test_an_unreadable_post_stays_known_to_a_warm_git_run(tmp_path):
    seed, remote = cloned_repo(tmp_path)
    seed.daily_posts("2026-11-24", 2)
    os.symlink("nowhere.md", seed.root / "posts" / "dangling.md")
    repo = publish_seed(tmp_path, remote)
    config = load_config(repo.root / "weibo.yaml")
    run_check(config, now=NOW, changed_since="origin/main")
    run_check(config, now=NOW, changed_since="origin/main")
    (repo.root / "weibo.yaml").write_text((repo.root / "weibo.yaml").read_text() + "\n")  # selects every post
    config = load_config(repo.root / "weibo.yaml")
    changed = run_check(config, now=NOW, changed_since="origin/main")
    full = run_check(config, now=NOW, use_cache=False)
    assert ("posts/dangling.md", "WB001") in {(p.path, p.code) for p in changed.problems}
    assert [key(p) for p in changed.problems] == [key(p) for p in full.problems]


def test_a_second_run_at_once_waits_then_works_in_memory(tmp_path, monkeypatch):
    from weibo_lint import cache
    from weibo_lint.cache import Store

    monkeypatch.setattr(cache, "LOCK_TIMEOUT", 0.2)
    first = Store(tmp_path, "env")  # holds the file until it commits
    second = Store(tmp_path, "env")
    first.commit("a" * 40)
    second.commit("b" * 40)
    assert Store(tmp_path, "env").tree == "a" * 40  # the second run never touched the file


def test_publications_follow_record_changes_between_runs(repo):
    from weibo_lint.cache import Store

    a, b = repo.post("tips", "2026-11-20 09:30"), repo.post("tips", "2026-11-21 09:30")
    config = load_config(repo.root / "weibo.yaml")

    def same():
        store = Store(config.dir("cache"), "env")
        assert load_published(config, store) == records_load_published(config)
        store.commit()
        store.close()

    same()
    repo.record(a, "official", "2026-11-20T09:30:05+08:00", text="x")
    same()
    (repo.root / "published/official/zz.json").write_text(  # a later file for a: it wins, and it failed
        '{"path": "%s", "state": "failed"}' % a)
    same()
    repo.record(b, "official", "2026-11-21T09:31:00+08:00")
    (repo.root / "published/official/zz.json").unlink()
    same()
    assert set(records_load_published(config)) == {a, b}


@pytest.mark.parametrize("built_by", ["build", "gather"])
def test_an_index_restored_from_the_default_branch_spares_a_fresh_pull_request_checkout(tmp_path, counted,
                                                                                       built_by, monkeypatch):
    """The CI flow: site.yml builds the site on main and saves the index; check.yml, in a
    fresh checkout of a pull request, restores it and reads only what the pull request changed.
    An index `weibo-lint build` left knows the commit its rows match, so the pull request's run
    asks git only what changed since; one built without git (``gather``, for `calendar`) is
    compared with HEAD's whole tree (``git ls-tree``) first, then read only where it differs."""
    import shutil

    from weibo_lint import git as git_edge
    from weibo_lint.check import gather

    seed, remote = cloned_repo(tmp_path)
    paths = seed.daily_posts("2026-11-24", 6)
    publish_seed(tmp_path, remote)
    main_runner = tmp_path / "main-runner"
    git(tmp_path, "clone", "-q", str(remote), str(main_runner))
    if built_by == "build":
        from weibo_lint.site.inputs import gather as site_gather

        site_gather(load_config(main_runner / "weibo.yaml"), now=NOW)  # what `weibo-lint build` reads
    else:
        gather(load_config(main_runner / "weibo.yaml"))
    listed = []  # the folders whose whole tree a run asks git for
    real_blobs = git_edge.Snapshot.blobs
    monkeypatch.setattr(git_edge.Snapshot, "blobs",
                        lambda self, folders, paths=None: (listed.append(folders) if paths is None else None)
                        or real_blobs(self, folders, paths))

    pr_runner = tmp_path / "pr-runner"
    git(tmp_path, "clone", "-q", str(remote), str(pr_runner))
    git(pr_runner, "checkout", "-q", "-b", "feature")
    edited = pr_runner / paths[2]
    edited.write_text(edited.read_text("utf-8").replace("今天聊聊", "今晚聊聊"), encoding="utf-8")
    git(pr_runner, "commit", "-q", "-am", "edit one post")
    shutil.copytree(main_runner / ".weibo-lint-cache", pr_runner / ".weibo-lint-cache")  # actions/cache/restore

    config = load_config(pr_runner / "weibo.yaml")
    reads, checks = counted
    reads.clear(), checks.clear()
    changed = run_check(config, now=NOW, changed_since="origin/main")
    assert ([p for p in reads if p.startswith("posts/")], checks) == ([paths[2]], [paths[2]])
    assert bool(listed) == (built_by == "gather")
    full = run_check(config, now=NOW, use_cache=False)
    assert [key(p) for p in changed.collection_problems] == [key(p) for p in full.collection_problems]
    assert [key(p) for p in changed.problems if p.path == paths[2]] == \
        [key(p) for p in full.problems if p.path == paths[2]]
    # Restored once more, now with an uncommitted edit in the checkout as well: that row alone
    # is read, and marked as not holding HEAD's blob.
    shutil.rmtree(pr_runner / ".weibo-lint-cache")
    shutil.copytree(main_runner / ".weibo-lint-cache", pr_runner / ".weibo-lint-cache")
    other = pr_runner / paths[4]
    other.write_text(other.read_text("utf-8") + "\n多一行。\n", encoding="utf-8")
    reads.clear(), checks.clear()
    run_check(config, now=NOW, changed_since="origin/main")
    assert sorted(p for p in reads if p.startswith("posts/")) == sorted([paths[2], paths[4]])
    import sqlite3

    with sqlite3.connect(pr_runner / ".weibo-lint-cache" / FILE_NAME) as db:
        unclean = {path for (path,) in db.execute("SELECT path FROM posts WHERE clean = 0")}
    assert unclean == {paths[4]}
