"""The bundled example passes at the README's --now, and the schedule core does no I/O."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import weibo_lint.schedule

MAIN = Path(__file__).resolve().parents[2]
FORBIDDEN = {"os", "pathlib", "subprocess", "sqlite3", "socket", "shutil", "tempfile", "io", "click", "git",
             "requests", "urllib.request", "http", "weibo_lint.repository", "weibo_lint.cache", "weibo_lint.index",
             "weibo_lint.check", "weibo_lint.git", "weibo_lint.cli"}


def test_the_example_repository_passes_at_the_readme_now():
    done = subprocess.run([sys.executable, "-m", "weibo_lint", "check", "--no-cache", "--now",
                           "2026-11-24T09:00:00+08:00"], cwd=MAIN, capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "No problems."), done.stdout + done.stderr


def test_the_example_has_a_gap_a_fortnight_later():
    done = subprocess.run([sys.executable, "-m", "weibo_lint", "check", "--no-cache", "--format", "json", "--now",
                           "2026-12-01T09:00:00+08:00"], cwd=MAIN, capture_output=True, text=True)
    assert done.returncode == 1 and '"WB401"' in done.stdout  # the cadence checks do look ahead


def test_the_schedule_package_imports_nothing_that_does_io():
    folder = Path(weibo_lint.schedule.__file__).parent
    for module in sorted(folder.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                assert not any(name == f or name.startswith(f + ".") for f in FORBIDDEN), f"{module.name}: {name}"
        assert "open(" not in module.read_text(encoding="utf-8"), module.name
