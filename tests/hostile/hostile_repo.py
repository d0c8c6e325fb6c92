"""A real git content repository in a temporary folder, run through the real CLI, with a
sentinel folder beside it whose hash must not change (nothing outside the repository is
touched) and a canary post whose known problem proves every other file was still checked.

Each run is a fork of the warm test process (its own pid, working folder, environment and
file descriptors; a crash in it cannot hide behind pytest), or with ``fresh=True`` a new
``python -m weibo_lint`` interpreter.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.publish.helpers import finish, start  # one fork runner for both suites
from tests.support import GIT_ENV, commit_all, git, write_repository

NOW = "2026-11-30T09:00:00+08:00"
CONFIG = """\
timezone: Asia/Shanghai
accounts:
  ceo: {name: 星河咖啡林晓, api: manual, limit: 2000}
"""
COLUMN = "name: 每日一问\naccount: ceo\ntopic: 每日一问\ntemplate: daily.j2\n"
TEMPLATE = "#{{ column.topic }}# {{ body }}"
GOOD = "---\ncolumn: daily\npublish_at: 2026-12-01 20:30\nstatus: draft\n---\n今天想问大家：你一天喝几杯咖啡？\n"
# line 3: 'pubish_at' is a typo (WB302)
CANARY = "---\ncolumn: daily\npubish_at: 2026-12-02 20:30\nstatus: draft\n---\n今天想问大家：你喜欢哪家门店？\n"
CANARY_PROBLEM = ("posts/canary.md", 3, "WB302")


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def both(self) -> str:
        return self.out + self.err


def _tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for current, dirs, files in sorted(os.walk(folder)):
        dirs.sort()
        for name in sorted(files) + ["/"]:
            path = os.path.join(current, name)
            digest.update(os.fsencode(os.path.relpath(path, folder)))
            if name != "/":
                stat = os.lstat(path)
                digest.update(b"%d %d" % (stat.st_mode, stat.st_mtime_ns))
                with open(path, "rb") as handle:
                    digest.update(handle.read())
    return digest.hexdigest()


class HostileRepo:
    """``root`` is a committed git repository; ``sentinel`` sits beside it."""

    def __init__(self, base: Path, config: str = CONFIG) -> None:
        self.base = base
        self.root = base / "repo"
        self.home = base / "home"
        self.sentinel = base / "sentinel"
        for folder in (self.root, self.home, self.sentinel):
            folder.mkdir()
        (self.sentinel / "keep.txt").write_text("must not change\n")
        (self.sentinel / "posts").mkdir()
        (self.sentinel / "posts" / "other.md").write_text(GOOD)
        write_repository(self.root, config, columns={"daily": COLUMN}, templates={"daily.j2": TEMPLATE},
                         files={"posts/good.md": GOOD, "posts/canary.md": CANARY,
                                ".gitignore": ".weibo-lint-cache/\n_site/\n"})
        self.git("init", "--quiet", "--initial-branch=main")
        self.commit()
        self.before = _tree_hash(self.sentinel)

    def write(self, relative: str | bytes, content: str | bytes) -> Path:
        path = Path(os.fsdecode(os.path.join(os.fsencode(self.root), os.fsencode(relative))))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    def git(self, *args: str) -> str:
        return git(self.root, *args)

    def commit(self) -> None:
        commit_all(self.root)

    def env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("WEIBO_", "GITHUB_", "PYTEST_")) or k == "WEIBO_LINT_LANG"}
        env.update(GIT_ENV)
        env.update({"HOME": str(self.home), "NO_COLOR": "1", "TMPDIR": str(self.home)})
        env.update(extra or {})
        return env

    def run(self, *args: str, env: dict[str, str] | None = None, fresh: bool = False, traceback_ok: bool = False,
            cwd: Path | None = None) -> Run:
        """``weibo-lint ARGS`` from the repository's folder; asserts no traceback (unless
        ``traceback_ok``) and that the sentinel folder beside the repository is unchanged."""
        full = self.env(env)
        if fresh:
            done = subprocess.run([sys.executable, "-m", "weibo_lint", *args], cwd=cwd or self.root, env=full,
                                  capture_output=True, timeout=120)
            run = Run(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))
        else:
            run = _forked(cwd or self.root, list(args), full)
        if not traceback_ok:
            assert "Traceback" not in run.both, run.both
        assert _tree_hash(self.sentinel) == self.before, "something outside the repository changed"
        return run

    def check(self, *args: str, **kwargs) -> Run:
        return self.run("check", "--now", NOW, "--no-cache", *args, **kwargs)


def _forked(cwd: Path, args: list[str], env: dict[str, str]) -> Run:
    """``weibo-lint <args>`` in a forked child of this interpreter (the publisher tests' runner)."""
    done = finish(start(cwd, args, env))
    return Run(done.returncode, done.stdout, done.stderr)


def problems_at(run: Run) -> set[tuple[str, int, str]]:
    """(path, line, code) of each problem of a ``--format json`` run."""
    import json

    return {(p["path"], p["line"], p["code"]) for p in json.loads(run.out)}
