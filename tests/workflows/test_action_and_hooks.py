"""The composite action (``action.yml``) and the pre-commit hook (``.pre-commit-hooks.yaml``).

The action's main script runs for real in bash, with a stub ``weibo-lint`` on PATH that
records its arguments, so what the action does with each input is tested, not only read.
"""
from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from tests.support import commit_all, git
from tests.workflows.workflow_rules import ROOT, WORKFLOWS, load_any, load_file, run_lines
from weibo_lint.cli import cli

ACTION = load_file(ROOT / "action.yml")


def _main_step() -> dict:
    return next(step for step in ACTION["runs"]["steps"] if "weibo-lint \"$COMMAND\"" in step.get("run", ""))


def test_the_action_is_composite_and_every_script_names_its_shell():
    assert ACTION["runs"]["using"] == "composite"
    assert ACTION["inputs"]["command"]["default"] == "check" and ACTION["inputs"]["command"]["required"] is True
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash" and "${{" not in step["run"]


@pytest.fixture
def stub(tmp_path) -> tuple[Path, Path]:
    """A ``weibo-lint`` that appends its arguments to calls.txt and exits with $STUB_EXIT."""
    bin_dir, calls = tmp_path / "bin", tmp_path / "calls.txt"
    bin_dir.mkdir()
    (bin_dir / "weibo-lint").write_text(f'#!/bin/bash\necho "$*" >> {shlex.quote(str(calls))}\n'
                                        'exit "${STUB_EXIT:-0}"\n', "utf-8")
    (bin_dir / "weibo-lint").chmod(0o755)
    return bin_dir, calls


def _run_action(stub, tmp_path, **inputs) -> tuple[subprocess.CompletedProcess, list[str]]:
    bin_dir, calls = stub
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "RUNNER_TEMP": str(tmp_path),
           "COMMAND": inputs.get("command", "check"), "ARGS": inputs.get("args", ""),
           "CHANGED_SINCE": inputs.get("changed_since", ""), "STUB_EXIT": inputs.get("exit", "0")}
    env.pop("GITHUB_STEP_SUMMARY", None)
    if "summary" in inputs:
        env["GITHUB_STEP_SUMMARY"] = inputs["summary"]
    work = inputs.get("cwd", tmp_path)
    result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", _main_step()["run"]], cwd=work, env=env,
                            capture_output=True, text=True, timeout=60)
    return result, calls.read_text("utf-8").splitlines() if calls.exists() else []


def test_the_action_refuses_an_unknown_command(stub, tmp_path):
    result, calls = _run_action(stub, tmp_path, command="deploy")
    assert result.returncode == 2 and calls == []
    assert "::error title=weibo-lint::input 'command' must be check, publish, metrics or build" in result.stdout


@pytest.mark.parametrize("command, args, expected", [
    ("build", "--out _site", "build --out _site"),
    ("publish", "--dry-run  --account official", "publish --dry-run --account official"),
    ("metrics", "", "metrics"),
])
def test_the_action_runs_the_command_with_its_args(stub, tmp_path, command, args, expected):
    result, calls = _run_action(stub, tmp_path, command=command, args=args, summary=str(tmp_path / "summary.md"))
    assert result.returncode == 0 and calls == [expected]


def test_check_fails_the_step_but_still_writes_the_summary(stub, tmp_path):
    summary = str(tmp_path / "summary.md")
    result, calls = _run_action(stub, tmp_path, command="check", args="--strict", summary=summary, exit="1")
    assert result.returncode == 1
    assert calls == ["check --strict", f"build --summary {summary} --max-previews 0"]


def test_check_with_changed_since_previews_the_changed_posts(stub, tmp_path):
    repo = tmp_path / "repo"
    (repo / "posts").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / "posts" / "old.md").write_text("old\n", "utf-8")
    (repo / "posts" / "gone.md").write_text("gone\n", "utf-8")
    commit_all(repo, "base")
    (repo / "posts" / "new.md").write_text("new\n", "utf-8")
    (repo / "posts" / "old.md").write_text("changed\n", "utf-8")
    (repo / "posts" / "gone.md").unlink()
    commit_all(repo, "change")
    summary = str(tmp_path / "summary.md")
    result, calls = _run_action(stub, tmp_path, command="check", changed_since="HEAD~1", summary=summary, cwd=repo)
    assert result.returncode == 0, result.stderr
    listed = str(tmp_path / "weibo-lint-changed-posts.txt")
    assert calls == ["check --changed-since HEAD~1 --format github", f"build --summary {summary} --posts {listed}"]
    assert Path(listed).read_text("utf-8").split() == ["posts/new.md", "posts/old.md"]


def test_the_pre_commit_hook():
    hooks = load_any((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert isinstance(hooks, list) and [h["id"] for h in hooks] == ["weibo-lint"]
    hook = hooks[0]
    assert hook["entry"] == "weibo-lint check" and hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("posts/2026-11/a.md") and files.search("posts/a.md")
    assert not any(files.search(p) for p in ("README.md", "posts/a.txt", "drafts/posts/a.md", "posts/a.md.bak"))


def _invocations() -> list[tuple[str, list[str]]]:
    """Every ``weibo-lint COMMAND --option`` written in a workflow, the action or the hook."""
    lines = [line for path in WORKFLOWS.glob("*.y*ml") for line in run_lines(load_file(path))]
    lines += [line.strip() for step in ACTION["runs"]["steps"] for line in step.get("run", "").splitlines()]
    lines += [hook["entry"] for hook in load_any((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))]
    found = []
    for line in lines:
        if not line.startswith("weibo-lint "):
            continue
        words = shlex.split(line.split(" || ")[0])
        if not words[1].startswith("$"):
            found.append((words[1], [w for w in words[2:] if w.startswith("-")]))
    return found


def test_the_commands_and_options_they_use_exist():
    invocations = _invocations()
    assert {"check", "publish", "metrics", "build"} <= {command for command, _ in invocations}
    ctx = cli.make_context("weibo-lint", ["--help"], resilient_parsing=True)
    for command, options in invocations:
        found = cli.get_command(ctx, command)
        assert found is not None, f"weibo-lint {command} does not exist"
        known = {opt for param in found.params for opt in param.opts}
        assert set(options) <= known, f"weibo-lint {command}: unknown {sorted(set(options) - known)}"
