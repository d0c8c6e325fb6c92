"""A small content repository in a temporary folder, checked through the real CLI.

It holds a clean post (posts/good.md) and a canary (posts/canary.md) whose one known
problem proves that the linter went on checking after whatever else went wrong.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from tests.support import write_files, write_repository
from weibo_lint.cli import cli

NOW = "2026-11-30T09:00:00+08:00"
CONFIG = """\
timezone: Asia/Shanghai
accounts:
  ceo: {name: 星河咖啡林晓, api: manual, limit: 2000}
  short: {name: 星河短号, api: manual, limit: 140}
"""
COLUMNS = {
    "daily": "name: 每日一问\naccount: ceo\ntopic: 每日一问\ntemplate: daily.j2\n",
    "notes": "name: 随手记\naccount: short\ntopic: 随手记\ntemplate: notes.j2\n",
    "boom": "name: 会出错的栏目\naccount: ceo\ntopic: 每日一问\ntemplate: boom.j2\n",
}
TEMPLATES = {
    "daily.j2": "#{{ column.topic }}# {{ body }}",
    "notes.j2": "#{{ column.topic }}# {{ body }}",
    "boom.j2": "#{{ column.topic }}# {{ body }}{{ 1 / 0 }}",
}
GOOD = "---\ncolumn: daily\npublish_at: 2026-12-01 20:30\nstatus: draft\n---\n今天想问大家：你一天喝几杯咖啡？\n"
# line 3: 'pubish_at' is a typo (WB302)
CANARY = "---\ncolumn: daily\npubish_at: 2026-12-02 20:30\nstatus: draft\n---\n今天想问大家：你喜欢哪家门店？\n"
CANARY_PROBLEM = ("posts/canary.md", 3, "WB302")


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def problems(self) -> list[dict]:
        return json.loads(self.stdout)

    def where(self, path: str | None = None) -> list[tuple[str, int, int, str]]:
        return [(p["path"], p["line"], p["column"], p["code"]) for p in self.problems
                if path is None or p["path"] == path]

    def codes_at(self) -> set[tuple[str, int, str]]:
        return {(p["path"], p["line"], p["code"]) for p in self.problems}


class LintRepo:
    def __init__(self, root: Path, config: str = CONFIG) -> None:
        self.root = root
        write_repository(root, config, columns=COLUMNS, templates=TEMPLATES,
                         files={"posts/good.md": GOOD, "posts/canary.md": CANARY})

    def write(self, relative: str, content: str | bytes) -> Path:
        write_files(self.root, {relative: content})
        return self.root / relative

    @property
    def config(self) -> Path:
        return self.root / "weibo.yaml"

    def check(self, *args: str, fmt: str = "json", cache: bool = False) -> Run:
        """``weibo-lint check`` in-process (click's runner); an uncaught exception fails here."""
        argv = ["check", "--config", str(self.config), "--format", fmt, "--now", NOW, *args]
        if not cache:
            argv.append("--no-cache")
        result = CliRunner().invoke(cli, argv)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"weibo-lint crashed: {result.exception!r}") from result.exception
        return Run(result.exit_code, result.stdout, result.stderr)

    def check_process(self, *args: str, fmt: str = "json", timeout: float = 600) -> Run:
        """``weibo-lint check`` as a real process, from the repository's folder."""
        exe = Path(sys.executable).with_name("weibo-lint")
        env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
        done = subprocess.run([str(exe), "check", "--format", fmt, "--now", NOW, *args], cwd=self.root,
                              capture_output=True, timeout=timeout, env=env, check=False)
        return Run(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))
