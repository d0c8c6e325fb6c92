"""A freeze in weibo.yaml stops publishing from one commit: `weibo-lint freeze` and
`unfreeze` through the real CLI, real clones of a bare remote, the sandbox counting calls."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.publish.helpers import CONFIG, NOW, make_repos, post_file, records, run_cli, run_here
from tests.support import git

SENDS = ("statuses/share", "statuses/update", "statuses/upload")
BEANS = post_file("2026-12-01-bake-beans")  # due 09:00 on sub
API_DUE = [post_file(s) for s in ("2026-12-01-bake-beans", "2026-12-01-news-latte", "2026-12-01-news-oat",
                                  "2026-12-01-news-gift")]
# weibo.yaml as a person keeps it: comments everywhere, a section after the accounts.
COMMENTED = ("# 星河咖啡的微博配置 — keep this header\n" + CONFIG.replace(
    "accounts:\n", "accounts:  # every account we post on\n").replace(
    "  sub:\n", "  # the bakery's account, run by the Shanghai team\n  sub:\n")
    + "# a comment at the end stays too\n")
FROZEN_AT = "2026-12-01T08:00:00+08:00"


def sends(sandbox) -> int:
    calls = sandbox.calls()
    return sum(calls.get(endpoint, 0) for endpoint in SENDS)


@pytest.fixture
def repos(tmp_path):
    return make_repos(tmp_path, config=COMMENTED)


def freeze(work: Path, *args: str):
    return run_cli(work, None, "freeze", "--now", FROZEN_AT, *args)


def test_a_freeze_stops_a_run_and_lifts_cleanly(repos, sandbox):
    done = freeze(repos.work, "--reason", "门店事故，暂停推送")
    assert done.returncode == 0, done.stdout + done.stderr
    assert git(repos.work, "rev-parse", "HEAD") == git(repos.remote, "rev-parse", "main")
    assert git(repos.work, "status", "--porcelain") == ""

    run = run_cli(repos.work, sandbox, "publish", "--now", NOW)
    assert run.returncode == 0, run.stdout + run.stderr  # a freeze is intentional: not a failure
    assert sends(sandbox) == 0 and sandbox.posts() == []
    for path in API_DUE + [post_file("2026-12-01-daily-question")]:
        assert any(line.startswith("frozen") and path in line for line in run.stdout.splitlines()), run.stdout
    assert "门店事故，暂停推送" in run.stdout
    assert "weibo-lint record" not in run.stdout  # the manual post is not offered for pasting either
    assert records(repos.work) == {}

    # Lifted at 15:30: max_delay is 6h, so the 09:00 post is too late; the others go.
    lifted = run_cli(repos.work, None, "unfreeze", "--now", "2026-12-01T15:30:00+08:00")
    assert lifted.returncode == 0, lifted.stdout + lifted.stderr
    after = run_cli(repos.work, sandbox, "publish", "--now", "2026-12-01T15:30:00+08:00")
    assert after.returncode == 1, after.stdout + after.stderr  # the late post waits for a human
    assert sends(sandbox) == 3
    assert any(line.startswith("late") and BEANS in line for line in after.stdout.splitlines()), after.stdout
    assert BEANS not in records(repos.work)
    # `calendar` offers the held post its next free slot (the column's default 10:00, tomorrow).
    shown = run_cli(repos.work, None, "calendar", "--now", "2026-12-01T15:30:00+08:00", "--days", "2")
    assert shown.returncode == 0, shown.stderr
    held = [line for line in shown.stdout.splitlines() if BEANS in line and "free slot" in line]
    assert held == [f"  {BEANS} [sub], due 2026-12-01 09:00: next free slot 2026-12-02 10:00"], shown.stdout
    as_json = run_cli(repos.work, None, "calendar", "--now", "2026-12-01T15:30:00+08:00", "--days", "2",
                      "--format", "json")
    assert json.loads(as_json.stdout)["held"] == [{"path": BEANS, "account": "sub", "due": "2026-12-01T09:00:00+08:00",
                                                   "slot": "2026-12-02T10:00:00+08:00"}], as_json.stdout
    late = run_cli(repos.work, sandbox, "publish", "--now", "2026-12-01T15:30:00+08:00", "--include-late")
    assert late.returncode == 0, late.stdout + late.stderr
    assert sends(sandbox) == 4
    assert {p for p, r in records(repos.work).items() if r["state"] == "published"} == set(API_DUE)


def test_freeze_from_a_second_clone_reaches_a_later_run_in_the_first(repos, sandbox):
    manager = repos.clone("manager")
    done = freeze(manager, "--reason", "舆情处理中", "--account", "official")
    assert done.returncode == 0, done.stdout + done.stderr
    assert git(repos.remote, "rev-parse", "main") == git(manager, "rev-parse", "HEAD")
    run = run_here(repos, sandbox)  # its config read before syncing: the freeze comes with the sync
    statuses = {r.path: r.status for r in run.results}
    assert statuses[BEANS] == "published"  # sub is not frozen
    assert {s for p, s in statuses.items() if "news" in p} == {"frozen"}
    assert run.exit_code == 0 and sends(sandbox) == 1
    assert "official" in run.frozen and "舆情处理中" in run.frozen["official"]


def test_a_freeze_pushed_while_a_run_is_going_stops_it_at_the_next_post(repos, sandbox):
    manager = repos.clone("manager")
    pushed = []

    def on_step(step: str) -> None:
        if step == "outcome-pushed" and not pushed:  # the first post is out: now the freeze lands
            done = freeze(manager, "--reason", "紧急暂停")
            assert done.returncode == 0, done.stdout + done.stderr
            pushed.append(done)

    run = run_here(repos, sandbox, on_step=on_step)
    assert pushed and sends(sandbox) == 1, sandbox.calls()
    statuses = {r.path: r.status for r in run.results}
    assert statuses[BEANS] == "published"
    assert {statuses[p] for p in API_DUE[1:]} == {"frozen"}
    assert run.exit_code == 0
    # The claim made before the freeze was seen is released: no intent left, all on the remote.
    assert [r["state"] for r in records(repos.work).values()] == ["published"]
    assert git(repos.work, "status", "--porcelain") == ""
    assert git(repos.work, "rev-parse", "HEAD") == git(repos.remote, "rev-parse", "main")
    assert "freeze:" in git(repos.remote, "show", "main:weibo.yaml")


def test_freeze_and_unfreeze_keep_the_comments_and_layout(repos):
    original = (repos.work / "weibo.yaml").read_text("utf-8")
    assert freeze(repos.work, "--reason", "test", "--until", "2026-12-03 09:00").returncode == 0
    frozen = (repos.work / "weibo.yaml").read_text("utf-8")
    assert frozen.startswith(original) and "until: \"2026-12-03T09:00:00+08:00\"" in frozen
    # A section after the freeze block, with its comments, stays byte for byte too.
    tail = "# the site\nsite:\n  title: 星河  # shown on every page\n"
    (repos.work / "weibo.yaml").write_text(frozen + tail, encoding="utf-8")
    git(repos.work, "commit", "-qam", "site title")
    git(repos.work, "push", "-q", "origin", "main")
    second = freeze(repos.work, "--reason", "second", "--account", "sub")
    assert second.returncode == 0, second.stderr
    text = (repos.work / "weibo.yaml").read_text("utf-8")
    assert text.startswith(original) and text.endswith(tail) and text.count("- from:") == 2
    done = run_cli(repos.work, None, "unfreeze", "--now", "2026-12-01T09:00:00+08:00")
    assert done.returncode == 0, done.stderr
    text = (repos.work / "weibo.yaml").read_text("utf-8")
    assert text.startswith(original) and text.endswith(tail)
    assert text.count("until:") == 2  # both closed at 09:00, kept as history
    assert run_cli(repos.work, None, "check", "--now", NOW, "--format", "json").returncode in (0, 1)
    log = git(repos.work, "log", "--format=%s", "-3")
    assert log.splitlines()[0].startswith("unfreeze") and "freeze: second" in log


def test_a_rejected_push_leaves_the_copy_as_the_remote_has_it(repos):
    hook = repos.remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'protected branch' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    before = (repos.work / "weibo.yaml").read_bytes()
    done = freeze(repos.work, "--reason", "test")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "NOT in force" in done.stderr and "Traceback" not in done.stderr
    assert (repos.work / "weibo.yaml").read_bytes() == before
    assert git(repos.work, "status", "--porcelain") == ""
    assert git(repos.work, "rev-parse", "HEAD") == git(repos.remote, "rev-parse", "main")


def test_a_broken_freeze_is_a_configuration_error_with_its_line(tmp_path):
    repos = make_repos(tmp_path, config=CONFIG + "freeze:\n  - from: 2026-12-01 10:00\n    until: soon\n")
    done = run_cli(repos.work, None, "check", "--now", NOW)
    assert done.returncode == 2
    assert "weibo.yaml:27: 'freeze.0.until'" in done.stderr and "weibo.yaml:26: 'freeze.0.reason' is required" in done.stderr, done.stderr


def test_unfreeze_in_a_copy_that_has_not_seen_the_freeze_yet(repos, sandbox):
    """Frozen from Actions (another clone), lifted from a copy not pulled since: the command
    looks at the remote's weibo.yaml, not at the stale copy's."""
    assert freeze(repos.clone("actions"), "--reason", "暂停").returncode == 0
    assert "freeze:" not in (repos.work / "weibo.yaml").read_text("utf-8")
    done = run_cli(repos.work, None, "unfreeze", "--now", "2026-12-01T11:00:00+08:00")
    assert done.returncode == 0 and "lifted 1" in done.stdout, done.stdout + done.stderr
    assert git(repos.work, "rev-parse", "HEAD") == git(repos.remote, "rev-parse", "main")
    again = run_cli(repos.work, None, "unfreeze", "--now", "2026-12-01T11:30:00+08:00")
    assert again.returncode == 0 and "nothing is frozen now" in again.stdout
    assert git(repos.work, "rev-parse", "HEAD") == git(repos.remote, "rev-parse", "main")
    run = run_cli(repos.work, sandbox, "publish", "--now", NOW)
    assert run.returncode == 0 and sends(sandbox) == 4, run.stdout
