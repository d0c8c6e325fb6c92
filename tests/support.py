"""What many tests share: a content repository written to disk, and git run for real.

One copy of each, so that the suites agree on git's identity and configuration (none of the
machine's: ``GIT_ENV``) and on the shape of a content repository (``write_repository``).
"""
from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

# A fixed author and committer, and neither the user's nor the system's git configuration.
GIT_ENV = {"GIT_AUTHOR_NAME": "Writer", "GIT_AUTHOR_EMAIL": "writer@example.com",
           "GIT_COMMITTER_NAME": "Writer", "GIT_COMMITTER_EMAIL": "writer@example.com",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}


def git(cwd: Path, *args: str, check: bool = True, timeout: float = 120) -> str:
    """``git ARGS`` in ``cwd``: its output without the final newline; a failure fails the test
    with git's own message (unless ``check`` is false)."""
    done = subprocess.run(["git", "-c", "init.defaultBranch=main", *args], cwd=cwd, env={**os.environ, **GIT_ENV},
                          capture_output=True, text=True, timeout=timeout)
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {done.stderr}")
    return done.stdout.strip()


def commit_all(root: Path, message: str = "content") -> None:
    """Everything in the work tree, committed (an empty commit when nothing changed)."""
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "--allow-empty", "-m", message)


def bare_remote(path: Path) -> Path:
    """An empty bare repository at ``path`` whose branch is ``main``: a remote to push to."""
    git(path.parent, "init", "--quiet", "--bare", "--initial-branch=main", str(path))
    return path


def remote_and_clone(base: Path, seed: Path) -> tuple[Path, Path]:
    """``seed``'s files committed and pushed to a new bare ``base/remote.git``, and a clone of
    it at ``base/work`` whose origin is ``../remote.git`` (still right in a copy of ``base``)."""
    remote = bare_remote(base / "remote.git")
    git(seed, "init", "--quiet", "--initial-branch=main")
    commit_all(seed)
    git(seed, "push", "--quiet", str(remote), "main")
    work = base / "work"
    git(base, "clone", "--quiet", str(remote), str(work))
    git(work, "remote", "set-url", "origin", "../remote.git")
    return remote, work


def write_files(root: Path, files: Mapping[str, str | bytes]) -> None:
    """Each file (a path relative to ``root``: its text, or bytes), its folders made."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def write_repository(root: Path, config: str, *, columns: Mapping[str, str] | None = None,
                     templates: Mapping[str, str] | None = None, files: Mapping[str, str | bytes] | None = None,
                     folders: Iterable[str] = ()) -> Path:
    """A content repository in ``root``: ``weibo.yaml`` (``config``), ``columns/<slug>.yaml``,
    ``templates/<name>``, any other ``files``, and empty ``folders``. Returns weibo.yaml's path."""
    root.mkdir(parents=True, exist_ok=True)
    for folder in folders:
        (root / folder).mkdir(parents=True, exist_ok=True)
    write_files(root, {"weibo.yaml": config,
                       **{f"columns/{slug}.yaml": text for slug, text in (columns or {}).items()},
                       **{f"templates/{name}": text for name, text in (templates or {}).items()},
                       **(files or {})})
    return root / "weibo.yaml"
