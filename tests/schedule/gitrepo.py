"""A content repository under git for real: a bare remote, a clone on a feature branch."""
from __future__ import annotations

import subprocess
from pathlib import Path

from .helpers import Repo


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
                           "-c", "init.defaultBranch=main", *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def cloned_repo(tmp_path: Path, **kwargs) -> Repo:
    """A remote (bare) with one commit on main, cloned into ``work``, on branch ``feature``."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    seed = tmp_path / "seed"
    seed.mkdir()
    repo = Repo(seed, **kwargs)
    (seed / ".gitignore").write_text(".weibo-lint-cache/\nposts/private/\n")
    git(seed, "init", "-q")
    return repo, remote


def publish_seed(tmp_path: Path, remote: Path) -> Repo:
    seed = tmp_path / "seed"
    git(seed, "add", "-A")
    git(seed, "commit", "-q", "-m", "seed")
    git(seed, "push", "-q", str(remote), "HEAD:main")
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(remote), str(work))
    git(work, "checkout", "-q", "-b", "feature")
    clone = Repo.__new__(Repo)
    clone.root, clone.counter = work, 1000
    return clone
