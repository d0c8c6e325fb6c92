"""The one way weibo-lint runs git: the ``git`` program, as a child process.

Every git question and change (``--changed-since``, the index's view of the work tree, the
publisher's commits and pushes) goes through :func:`run` or :func:`start`. Why the program and
not a library: what weibo-lint asks (``diff -z``, ``ls-files -z``, ``ls-tree``, ``show``,
``rev-parse``, ``commit``, ``push``) is plumbing whose output git keeps stable for programs,
and the program is what users and CI already have and configure. GitPython, used before, only
wrapped these same commands (``repo.git.execute``), cost 90 ms to import on runs that ask git
one question, and was a second way beside direct calls. Here, in one place: the environment
(messages in English, for the ones reported; ``GIT_PYTHON_GIT_EXECUTABLE`` still names the
program, as it did), no standard input (git never waits on a prompt), and one failure type.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

Process = subprocess.Popen[bytes]  # a git started and not yet finished

# Git's messages in English: they are quoted in reports and matched by nothing but people.
_ENV = {"LANGUAGE": "C", "LC_ALL": "C"}


class GitFailed(RuntimeError):
    """A git command exited with a failure: its exit ``status`` and ``stderr`` (text)."""

    def __init__(self, args: tuple[str, ...], status: int, stderr: str) -> None:
        super().__init__(f"git {' '.join(args[:2])} failed (exit {status}): {stderr.strip()}")
        self.status, self.stderr = status, stderr


class GitNotFound(GitFailed):
    """No ``git`` program could be started."""

    def __init__(self, args: tuple[str, ...], why: OSError) -> None:
        super().__init__(args, 127, why.strerror or str(why))


def program() -> str:
    return os.environ.get("GIT_PYTHON_GIT_EXECUTABLE") or "git"


def _environment(env: dict[str, str] | None) -> dict[str, str]:
    return {**os.environ, **_ENV, **(env or {})}


def start(cwd: Path, *args: str, env: dict[str, str] | None = None) -> Process:
    """``git ARGS`` started in ``cwd``, not waited for: :func:`finish` reads it. Several run
    side by side this way while the caller does other work."""
    try:
        return subprocess.Popen([program(), *args], cwd=cwd, env=_environment(env), stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as exc:
        if exc.filename == program():
            raise GitNotFound(args, exc) from None
        raise  # ``cwd`` is not there


def finish(process: Process, args: tuple[str, ...] = (), timeout: float | None = None) -> bytes:
    """What a started git wrote on its output; :class:`GitFailed` when it failed."""
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise GitFailed(args, -9, f"no answer in {timeout} s") from None
    if process.returncode != 0:
        raise GitFailed(args, process.returncode, err.decode("utf-8", "replace"))
    return out


def run_bytes(cwd: Path, *args: str, env: dict[str, str] | None = None, timeout: float | None = None) -> bytes:
    """``git ARGS`` in ``cwd``: its output as it is; :class:`GitFailed` when it fails."""
    return finish(start(cwd, *args, env=env), args, timeout)


def run(cwd: Path, *args: str, env: dict[str, str] | None = None, timeout: float | None = None) -> str:
    """``git ARGS`` in ``cwd``: its output as text, without the final newline."""
    text = run_bytes(cwd, *args, env=env, timeout=timeout).decode("utf-8", "surrogateescape")
    return text[:-1] if text.endswith("\n") else text


def answer(cwd: Path, *args: str, timeout: float = 120) -> str | None:
    """``git ARGS``' whole output in ``cwd`` for a question whose answer may be "no git here":
    None without git, outside a repository, or when git says no. Takes no optional lock."""
    try:
        return run_bytes(cwd, *args, env={"GIT_OPTIONAL_LOCKS": "0"}, timeout=timeout).decode(
            "utf-8", "surrogateescape")
    except (GitFailed, OSError):
        return None


class NotARepository(Exception):
    """``path`` is not inside a git work tree (``bare``: it is in a bare repository)."""

    def __init__(self, path: Path, bare: bool = False) -> None:
        super().__init__(str(path))
        self.path, self.bare = path, bare


def work_tree(path: Path) -> tuple[Path, Path]:
    """The top of the git work tree holding ``path``, and its git folder (absolute);
    :class:`NotARepository` when there is none; :class:`GitNotFound` without git."""
    try:
        lines = run(path, "rev-parse", "--is-bare-repository", "--absolute-git-dir").split("\n")
    except GitNotFound:
        raise
    except (GitFailed, OSError):
        raise NotARepository(path) from None
    if lines[0] == "true":
        raise NotARepository(path, bare=True)
    try:
        top = run(path, "rev-parse", "--show-toplevel")
    except GitFailed:
        raise NotARepository(path) from None
    return Path(top), Path(lines[1])
