"""The git edge on its own: compare-and-swap saves, and finishing an interrupted run."""
from __future__ import annotations

import json

import pytest

from tests.publish.helpers import writer_commit
from tests.support import git
from weibo_lint.errors import GitError
from weibo_lint.publish.gitedge import GitEdge, _clean
from weibo_lint.publish.run import keep_leftover
from weibo_lint.publish.settings import PublishSettings

REL = "published/official/x.json"


def edge(repos, push=True, work=None):
    root = work or repos.work
    return GitEdge(root, PublishSettings(backoff=0, push_retries=2), push=push, sleep=lambda s: None,
                   managed=(root / "published", root / "metrics"))


def record(state, claim="remote"):
    return json.dumps({"state": state, "path": "posts/x.md", "claim": claim}).encode()


def test_save_pushes_a_fast_forward(repos):
    assert edge(repos).save("t", lambda: {REL: record("intent")}, "claim x", guard=lambda remote: True)
    assert git(repos.remote, "show", f"main:{REL}") == record("intent").decode()
    assert git(repos.work, "log", "-1", "--format=%an|%s") == "weibo-lint|claim x"


def test_save_replays_on_a_moved_main_and_loses_to_the_same_file(repos):
    e = edge(repos)
    writer_commit(repos, "writer", lambda root: (root / "NOTES.md").write_text("x"))
    assert e.save("t", lambda: {REL: record("intent")}, "claim", guard=lambda remote: e.read(remote, REL) is None)
    assert (repos.work / "NOTES.md").exists()
    other = "published/official/y.json"
    writer_commit(repos, "writer", lambda root: (root / other).write_bytes(record("intent")))
    assert not e.save("t", lambda: {other: record("published")}, "mine",
                      guard=lambda remote: e.read(remote, other) is None)
    assert (repos.work / other).read_bytes() == record("intent")  # theirs, ours dropped
    assert git(repos.work, "rev-parse", "HEAD") == git(repos.remote, "rev-parse", "main")


def test_sync_drops_claims_never_sent_and_carries_outcomes(repos):
    e = edge(repos)
    folder = repos.work / "published/official"
    folder.mkdir(parents=True)
    (folder / "uncommitted-intent.json").write_bytes(record("intent"))
    (folder / "uncommitted-published.json").write_bytes(record("published"))
    notes = e.sync(keep_leftover)
    assert not (folder / "uncommitted-intent.json").exists()
    assert git(repos.remote, "show", "main:published/official/uncommitted-published.json")
    assert notes and git(repos.work, "status", "--porcelain") == ""


def test_sync_of_unpushed_commits(repos):
    e = edge(repos, push=False)
    e.save("t", lambda: {"published/official/a.json": record("intent"),
                         "published/official/b.json": record("published"),
                         "published/official/c.json": record("intent", claim="local")}, "local work")
    edge(repos).sync(keep_leftover)
    shown = git(repos.remote, "ls-tree", "-r", "--name-only", "main", "published").split()
    # a's claim was never pushed, so never sent; c was claimed without a remote: it may have gone out.
    assert shown == ["published/official/b.json", "published/official/c.json"]
    assert git(repos.work, "rev-parse", "HEAD") == git(repos.remote, "rev-parse", "main")


def test_sync_refuses_to_push_other_peoples_local_commits(repos):
    (repos.work / "draft.md").write_text("x")
    git(repos.work, "add", "draft.md")
    git(repos.work, "commit", "-q", "-m", "mine")
    with pytest.raises(GitError, match=r"draft\.md"):
        edge(repos).sync(keep_leftover)


def test_errors_hide_credentials_in_urls():
    class Failure(Exception):
        pass
    assert "s3cret" not in _clean(Failure("fatal: unable to access 'https://bot:s3cret@example.com/r.git/'"))


def test_no_remote_and_not_a_repository(repos, tmp_path):
    git(repos.work, "remote", "remove", "origin")
    with pytest.raises(GitError, match="--no-push"):
        edge(repos)
    edge(repos, push=False)  # committing alone needs no remote
    (tmp_path / "plain").mkdir()
    with pytest.raises(GitError, match="not inside a git repository"):
        GitEdge(tmp_path / "plain", PublishSettings(), push=False, managed=())


def test_one_run_at_a_time_in_a_working_copy(repos):
    with edge(repos).lock(), pytest.raises(GitError, match="another weibo-lint run"), edge(repos).lock():
        pass
