"""A content repository under git for real: a bare remote, a clone on a feature branch."""
from __future__ import annotations

from pathlib import Path

from tests.schedule.helpers import Repo
from tests.support import bare_remote, commit_all, git


def cloned_repo(tmp_path: Path, **kwargs) -> Repo:
    """A remote (bare) with one commit on main, cloned into ``work``, on branch ``feature``."""
    remote = bare_remote(tmp_path / "remote.git")
    seed = tmp_path / "seed"
    seed.mkdir()
    repo = Repo(seed, **kwargs)
    (seed / ".gitignore").write_text(".weibo-lint-cache/\nposts/private/\n")
    git(seed, "init", "-q")
    return repo, remote


def publish_seed(tmp_path: Path, remote: Path) -> Repo:
    seed = tmp_path / "seed"
    commit_all(seed, "seed")
    git(seed, "push", "-q", str(remote), "HEAD:main")
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(remote), str(work))
    git(work, "checkout", "-q", "-b", "feature")
    clone = Repo.__new__(Repo)
    clone.root, clone.counter = work, 1000
    return clone
