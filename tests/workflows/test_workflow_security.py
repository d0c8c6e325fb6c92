"""The workflows' security properties, checked on the files themselves.

The check functions live in ``workflow_rules``; ``test_each_check_fires_on_a_bad_workflow``
proves each of them finds the fault it is for, before the other tests trust them.
"""
from __future__ import annotations

import pytest

from tests.workflows.workflow_rules import (
    ROOT,
    WORKFLOWS,
    cron_minutes,
    every_quarter_hour,
    expressions_in_scripts,
    job_writes,
    jobs_without_permissions,
    least_top_level_permissions,
    load,
    load_file,
    never_cancels,
    no_pull_request_target,
    no_secrets,
    run_lines,
    schedules_off_the_hour,
    secrets_out_of_reach_of_pull_requests,
    steps,
    triggers,
    unpinned_actions,
)
from weibo_lint.config import load_config

# The only write scopes any job gets, by workflow and job.
WRITES = {
    "check.yml": {"lint": {"security-events"}},
    "publish.yml": {"plan": set(), "publish": {"contents"}, "summary": set()},
    "metrics.yml": {"plan": set(), "metrics": {"contents"}, "summary": set()},
    "site.yml": {"build": set(), "deploy": {"pages", "id-token"}},
    "freeze.yml": {"freeze": {"contents"}},
    "lowest-deps.yml": {"lowest-deps": set()},
}
FILES = sorted(WRITES)


def test_the_workflows_are_the_expected_ones():
    assert sorted(p.name for p in WORKFLOWS.glob("*.y*ml")) == FILES


@pytest.mark.parametrize("name", FILES)
def test_general_properties(name):
    text = (WORKFLOWS / name).read_text("utf-8")
    workflow = load(text)
    assert no_pull_request_target(workflow) == []
    assert least_top_level_permissions(workflow) == []
    assert jobs_without_permissions(workflow) == []
    assert expressions_in_scripts(workflow) == []
    assert unpinned_actions(workflow) == []
    assert secrets_out_of_reach_of_pull_requests(workflow, text) == []
    assert schedules_off_the_hour(workflow) == []
    assert job_writes(workflow) == WRITES[name]


def test_no_pull_request_target_anywhere():
    """Not even in a line that is not a comment (a trigger, a condition, a script)."""
    for path in [*WORKFLOWS.glob("*.y*ml"), ROOT / "action.yml", ROOT / ".pre-commit-hooks.yaml"]:
        code = [line for line in path.read_text("utf-8").splitlines() if not line.lstrip().startswith("#")]
        assert not [line for line in code if "pull_request_target" in line], path


def _step(workflow, text):
    found = [step for _job, step in steps(workflow) if text in str(step.get("run", "")) + str(step.get("uses", ""))]
    assert found, f"no step with {text!r}"
    return found[0]


def test_check_runs_on_pull_requests_with_no_secrets():
    text = (WORKFLOWS / "check.yml").read_text("utf-8")
    workflow = load(text)
    assert triggers(workflow) == {"pull_request"}
    assert no_secrets(text) == []
    checkout = _step(workflow, "actions/checkout")
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}
    lines = run_lines(workflow)
    assert 'weibo-lint check --changed-since "origin/$BASE_REF" --format github' in lines
    assert any("--format sarif -o results.sarif" in line for line in lines)
    assert any(line.startswith('weibo-lint build --summary "$GITHUB_STEP_SUMMARY" --posts') for line in lines)
    sarif = _step(workflow, "github/codeql-action/upload-sarif")
    assert sarif["continue-on-error"] is True and sarif["with"]["sarif_file"] == "results.sarif"
    assert _step(workflow, "--format github").get("continue-on-error") is True
    assert _step(workflow, "exit 1")["if"] == "steps.check.outcome == 'failure'"  # the job still fails


def test_the_index_is_kept_on_the_default_branch_and_only_restored_for_pull_requests():
    check, site = load_file(WORKFLOWS / "check.yml"), load_file(WORKFLOWS / "site.yml")
    uses = [str(step.get("uses", "")) for _job, step in steps(check)]
    assert not any(u.startswith(("actions/cache@", "actions/cache/save@")) for u in uses)
    restore = _step(check, "actions/cache/restore")
    assert restore["with"]["path"] == ".weibo-lint-cache" and restore["with"]["restore-keys"] == "weibo-lint-index-"
    order = [step for _job, step in steps(check)]
    assert order.index(restore) < order.index(_step(check, "--format github"))
    save = _step(site, "actions/cache/save")
    assert save["with"] == {"path": ".weibo-lint-cache",
                            "key": "weibo-lint-index-${{ steps.head.outputs.sha }}"}
    site_steps = [step for _job, step in steps(site)]
    assert site_steps.index(_step(site, "weibo-lint build --out _site")) < site_steps.index(save)


def _token_envs():
    config = load_config(ROOT / "weibo.yaml")
    return {a.token_env for a in config.accounts.values() if a.api != "manual"}


@pytest.mark.parametrize("name, command", [("publish.yml", "weibo-lint publish"), ("metrics.yml", "weibo-lint metrics")])
def test_tokens_come_from_secrets_into_the_accounts_token_env(name, command):
    step = _step(load_file(WORKFLOWS / name), command)
    tokens = _token_envs()
    assert tokens, "the example has API accounts"
    for variable in tokens:
        assert step["env"][variable] == f"${{{{ secrets.{variable} }}}}"


def test_publish_runs_one_at_a_time_off_the_hour_on_push_schedule_and_by_hand():
    workflow = load_file(WORKFLOWS / "publish.yml")
    assert triggers(workflow) == {"push", "schedule", "workflow_dispatch"}
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert never_cancels(workflow) == []
    assert every_quarter_hour(workflow) == [] and cron_minutes(workflow) == ["7,22,37,52"]
    assert "default_branch" in workflow["jobs"]["plan"]["if"]  # the other jobs need plan


@pytest.mark.parametrize("name, job, command", [("publish.yml", "publish", "weibo-lint publish"),
                                                ("metrics.yml", "metrics", "weibo-lint metrics")])
def test_the_shards_fan_out_from_plan_and_a_summary_merges_them(name, job, command):
    """plan computes the matrix (no secrets there); one job per shard runs on plan's commit
    with plan's --now, never cancelling the others; summary merges every shard's report."""
    workflow = load_file(WORKFLOWS / name)
    plan, shards, summary = (workflow["jobs"][j] for j in ("plan", job, "summary"))
    assert "secrets" not in str(plan) and "secrets" not in str(summary)
    assert any("weibo-lint matrix" in line for line in run_lines({"jobs": {"plan": plan}}))
    assert shards["needs"] == "plan" and shards["if"] == "needs.plan.outputs.shards != '0'"
    assert shards["strategy"]["matrix"] == "${{ fromJSON(needs.plan.outputs.matrix) }}"
    assert shards["strategy"]["fail-fast"] is False and shards["strategy"]["max-parallel"] <= 20
    assert shards["steps"][0]["with"]["ref"] == "${{ needs.plan.outputs.commit }}"
    step = _step({"jobs": {job: shards}}, command)
    assert step["env"]["SHARD"] == "${{ matrix.shard }}" and step["env"]["NOW"] == "${{ needs.plan.outputs.now }}"
    assert '--shard "$SHARD" --now "$NOW" --report "$REPORT"' in step["run"]
    assert summary["needs"] == ["plan", job] and summary["if"].startswith("always()")
    assert f"{command} --summarize reports" in run_lines({"jobs": {"summary": summary}})


def test_publish_installs_every_dependency_at_its_pinned_version():
    """The job with the tokens installs under constraints/publish.txt (tests/test_dependencies.py
    checks that file pins the whole runtime tree), never whatever the registry has that day."""
    workflow = load_file(WORKFLOWS / "publish.yml")
    installs = [line for line in run_lines(workflow) if "pip install" in line]
    assert installs == ["python -m pip install . -c constraints/publish.txt"] * 3  # plan, publish, summary
    order = [step for _job, step in steps(workflow)]
    assert order.index(_step(workflow, "pip install")) < order.index(_step(workflow, "weibo-lint publish"))


def test_lowest_deps_runs_the_script_on_dependency_changes_without_secrets():
    text = (WORKFLOWS / "lowest-deps.yml").read_text("utf-8")
    workflow = load(text)
    assert triggers(workflow) == {"pull_request"} and "pyproject.toml" in workflow["on"]["pull_request"]["paths"]
    assert no_secrets(text) == [] and "scripts/lowest-deps -q" in run_lines(workflow)


def test_metrics_runs_daily_and_never_cancels():
    workflow = load_file(WORKFLOWS / "metrics.yml")
    assert triggers(workflow) == {"schedule", "workflow_dispatch"}
    assert never_cancels(workflow) == [] and len(cron_minutes(workflow)) == 1
    assert workflow["on"]["schedule"][0]["cron"].split()[1:] == ["1", "*", "*", "*"]


def test_site_builds_and_deploys_to_pages():
    workflow = load_file(WORKFLOWS / "site.yml")
    assert "weibo-lint build --out _site" in run_lines(workflow)
    assert _step(workflow, "actions/upload-pages-artifact")["with"] == {"path": "_site"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert _step(workflow, "actions/deploy-pages")["id"] == "deployment"
    assert never_cancels(workflow) == []


BAD = """
name: bad
on:
  pull_request_target:
  schedule:
    - cron: "0 * * * *"
permissions: write-all
concurrency:
  group: x
  cancel-in-progress: true
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@main
      - run: echo "${{ github.event.pull_request.title }}"
        env:
          TOKEN: ${{ secrets.WEIBO_TOKEN }}
"""


def test_each_check_fires_on_a_bad_workflow():
    workflow = load(BAD)
    assert no_pull_request_target(workflow)
    assert least_top_level_permissions(workflow)
    assert least_top_level_permissions(load("on: push\njobs: {}")) and \
        least_top_level_permissions(load("on: push\npermissions: {contents: write}"))
    assert jobs_without_permissions(workflow)
    assert expressions_in_scripts(workflow)
    assert unpinned_actions(workflow)
    assert no_secrets(BAD) == ["line 18: uses secrets (secrets.WEIBO_TOKEN)"]
    assert secrets_out_of_reach_of_pull_requests(workflow, BAD)
    assert schedules_off_the_hour(workflow) and schedules_off_the_hour(load('on: {schedule: [{cron: "*/15 * * * *"}]}'))
    assert every_quarter_hour(workflow)
    assert never_cancels(workflow) and never_cancels(load("on: push"))
    assert job_writes(workflow) == {"a": {"write-all"}}
