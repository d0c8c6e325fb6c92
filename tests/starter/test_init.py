"""``weibo-lint init``: a brand's own content repository, outside this checkout, that works at
once on the real clock (no ``--now``): check, calendar, build and publish --dry-run pass; the
workflows pass actionlint; existing files are never overwritten without ``--force``."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support import GIT_ENV, commit_all, git
from weibo_lint import __version__


def cli(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("WEIBO_", "GITHUB_"))}
    full.update(GIT_ENV)
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "weibo_lint", *args], cwd=cwd, env=full, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("flags,language", [
    (["--brand", "星河茶饮", "--safe-domain", "www.xinghe-tea.cn"], "zh-CN"),
    (["--brand", "Acme: 中国", "--account-api", "update", "--account", "acme-cn", "--language", "en"], "en"),
    (["--account-api", "manual"], "zh-CN"),
], ids=["share-zh", "update-en", "manual-default"])
def test_init_then_every_command_passes_on_the_real_clock(tmp_path, flags, language):
    made = cli(tmp_path, "init", "brand", *flags)
    assert made.returncode == 0, made.stdout + made.stderr
    repo = tmp_path / "brand"
    assert ("接下来" in made.stdout) == (language == "zh-CN")
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "weibo-lint init")
    for args in (["check"], ["calendar"], ["build", "--out", "_site"], ["publish", "--dry-run"]):
        done = cli(repo, *args)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
    check = cli(repo, "check", "--format", "json")
    assert json.loads(check.stdout) == []  # not one warning
    text = cli(repo, "check").stdout
    assert ("没有问题。" if language == "zh-CN" else "No problems.") in text  # in the team's language
    config = yaml.safe_load((repo / "weibo.yaml").read_text("utf-8"))
    assert config["language"] == language
    [post] = list((repo / "posts").rglob("*.md"))
    assert "status: draft" in post.read_text("utf-8")
    assert (repo / "images" / ".gitkeep").exists() and ".weibo-lint-cache/" in (repo / ".gitignore").read_text()
    readme = (repo / "README.md").read_text("utf-8")
    assert ("内容仓库" in readme) == (language == "zh-CN")


def test_the_generated_files_pin_this_version_and_pass_actionlint(tmp_path):
    assert cli(tmp_path, "init", "--safe-domain", "shop.example-brand.com").returncode == 0
    workflows = sorted((tmp_path / ".github" / "workflows").glob("*.yml"))
    assert [w.name for w in workflows] == ["check.yml", "freeze.yml", "metrics.yml", "publish.yml", "site.yml"]
    uses = []
    for workflow in workflows:
        data = yaml.safe_load(workflow.read_text("utf-8"))
        for job in data["jobs"].values():
            uses += [step["uses"] for step in job["steps"] if "weibo-lint/" in step.get("uses", "")]
    assert len(uses) == 3 and set(uses) == {f"weibo-lint/weibo-lint@v{__version__}"}
    publish = (tmp_path / ".github" / "workflows" / "publish.yml").read_text("utf-8")
    assert "WEIBO_TOKEN_OFFICIAL: ${{ secrets.WEIBO_TOKEN_OFFICIAL }}" in publish
    # publish, which holds the tokens, installs the same tag with its dependencies pinned by
    # that tag's constraints/publish.txt
    [install] = [step for step in yaml.safe_load(publish)["jobs"]["publish"]["steps"] if "pip install" in step.get("run", "")]
    assert install["env"] == {"TAG": f"v{__version__}"}
    assert install["run"] == ('python -m pip install "weibo-lint @ git+https://github.com/weibo-lint/weibo-lint@$TAG" '
                              '-c "https://raw.githubusercontent.com/weibo-lint/weibo-lint/$TAG/constraints/publish.txt"')
    hook = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text("utf-8"))
    assert hook["repos"][0]["rev"] == f"v{__version__}"
    actionlint = shutil.which("actionlint") or shutil.which("actionlint", path=str(Path(sys.executable).parent))
    shellcheck = shutil.which("shellcheck")
    if not actionlint or not shellcheck:
        pytest.fail("actionlint and shellcheck are needed: the test command installs them")
    git(tmp_path, "init", "-q", "-b", "main")
    done = subprocess.run([actionlint, "-no-color", "-oneline", "-shellcheck", shellcheck, "-pyflakes", "",
                           *map(str, workflows)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_init_refuses_to_overwrite_and_force_replaces_links_not_their_targets(tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text("keep me\n", "utf-8")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README.md").write_text("our own readme\n", "utf-8")
    (repo / "weibo.yaml").symlink_to(outside)
    refused = cli(repo, "init")
    assert refused.returncode == 2 and "README.md" in refused.stderr and "--force" in refused.stderr
    assert (repo / "README.md").read_text("utf-8") == "our own readme\n"
    assert not (repo / "columns").exists()  # nothing at all was written
    forced = cli(repo, "init", "--force")
    assert forced.returncode == 0, forced.stderr
    assert outside.read_text("utf-8") == "keep me\n" and not (repo / "weibo.yaml").is_symlink()
    assert cli(repo, "check").returncode == 0


@pytest.mark.parametrize("flags,needle", [
    (["--account-api", "share"], "--safe-domain"),
    (["--account", "官方号"], "--account"),
    (["--safe-domain", "not a host"], "--safe-domain"),
    (["--timezone", "Mars/Olympus"], "--timezone"),
    (["--brand", ""], "--brand"),
])
def test_bad_options_say_which(tmp_path, flags, needle):
    done = cli(tmp_path, "init", *flags)
    assert done.returncode == 2 and needle in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "weibo.yaml").exists()


def test_the_action_installs_itself_and_checks_a_repository_outside_this_checkout(tmp_path):
    """The composite action's own steps, as a runner runs them: install weibo-lint from the
    action's folder (a copy of this checkout, as `uses: …@vX` fetches it) into a fresh
    environment, then run its command step in a content repository made by init."""
    action = yaml.safe_load((Path(__file__).resolve().parents[2] / "action.yml").read_text("utf-8"))
    install, run = (step for step in action["runs"]["steps"] if "run" in step)
    action_path = tmp_path / "action"
    root = Path(__file__).resolve().parents[2]
    shutil.copytree(root, action_path, ignore=shutil.ignore_patterns(".git", "tests", "bench", "*.egg-info",
                                                                     ".weibo-lint-cache", "_site", "__pycache__"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)  # nothing of ours inside
    bindir = venv / "bin"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("WEIBO_", "GITHUB_"))}, **GIT_ENV,
           "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}", "ACTION_PATH": str(action_path), "VERSION": "",
           "PIP_DISABLE_PIP_VERSION_CHECK": "1"}  # dependencies from the package registry, as on a runner
    done = subprocess.run(["bash", "-e", "-c", install["run"]], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    repo = tmp_path / "content"
    made = subprocess.run([str(bindir / "weibo-lint"), "init", str(repo), "--safe-domain", "www.example.com"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "init")
    summary = tmp_path / "summary.md"
    step = {**env, "COMMAND": "check", "ARGS": "", "CHANGED_SINCE": "", "GITHUB_STEP_SUMMARY": str(summary),
            "RUNNER_TEMP": str(tmp_path)}
    checked = subprocess.run(["bash", "-e", "-c", run["run"]], cwd=repo, env=step, capture_output=True, text=True,
                             timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert summary.read_text("utf-8").strip()
    which = subprocess.run([str(bindir / "python"), "-c", "import weibo_lint; print(weibo_lint.__file__)"],
                           cwd=repo, env=env, capture_output=True, text=True, timeout=60)
    assert str(venv) in which.stdout  # the action's own copy, not this checkout's


def test_next_steps_fit_where_init_ran(tmp_path):
    """No ``cd .`` in the folder itself, no ``git init`` inside a repository that exists, and
    the refusal in the writer's language."""
    fresh = cli(tmp_path, "init", "--language", "en", "brand")
    assert fresh.returncode == 0, fresh.stderr
    assert "  cd brand\n" in fresh.stdout and "git init -b main && git add -A" in fresh.stdout
    existing = tmp_path / "existing"
    existing.mkdir()
    git(existing, "init", "-q", "-b", "main")
    here = cli(existing, "init")
    assert here.returncode == 0, here.stderr
    assert "已在 . 创建" in here.stdout and "cd " not in here.stdout and "git init" not in here.stdout
    assert '  git add -A && git commit -m "weibo-lint init"' in here.stdout
    again = cli(existing, "init", env={"LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8"})
    assert again.returncode == 2 and "已存在；没有写入任何文件" in again.stderr
