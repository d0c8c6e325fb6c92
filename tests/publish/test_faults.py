"""Fault injection: kill -9 at every step, lost answers, 5xx, garbage, timeouts, rate limits,
bad tokens, overlapping runs. After each, another run leaves every due post published exactly
once (counted in the sandbox) and the repository consistent (records, remote == local)."""
from __future__ import annotations

import time

import pytest

from tests.publish.helpers import (
    NOW,
    POSTS,
    assert_consistent,
    body,
    cli_env,
    finish,
    make_repos,
    post_file,
    records,
    run_cli,
    start,
    steer,
)
from tests.support import git
from weibo_lint.publish.steps import STEPS

LATTE = post_file("2026-12-01-news-latte")
# Two official posts (share), one on the update account, one for a human: enough for every fault.
SMALL = {stem: spec for stem, spec in POSTS.items()
         if stem in ("2026-12-01-news-latte", "2026-12-01-news-oat", "2026-12-01-bake-beans",
                     "2026-12-01-daily-question", "2026-12-02-news-later")}
DUE = [post_file(s) for s in ("2026-12-01-bake-beans", "2026-12-01-news-latte", "2026-12-01-news-oat")]


@pytest.fixture
def repos(tmp_path):
    return make_repos(tmp_path, SMALL)


def assert_consistent_small(repos, sandbox, work=None):
    assert_consistent(repos, sandbox, DUE, work=work)


def publish(repos, sandbox, *extra, env=None, work=None):
    return run_cli(work or repos.work, sandbox, "publish", "--now", NOW, *extra, env=env)


@pytest.mark.parametrize("step", [*STEPS, "intent-committed#3", "api-answered#2", "outcome-written#3"])
def test_kill_at_each_step_then_rerun(repos, sandbox, step):
    first = publish(repos, sandbox, env={"WEIBO_LINT_CRASH_AT": step})
    assert first.returncode == -9, first.stdout + first.stderr
    second = publish(repos, sandbox)
    assert second.returncode == 0, second.stdout + second.stderr
    assert_consistent_small(repos, sandbox)


@pytest.mark.parametrize("first_step,second_step", [
    ("api-answered", "outcome-committed"),  # the reconciliation itself killed
    ("intent-pushed", "release-pushed"),  # killed right after releasing a claim never sent
    ("outcome-committed", "sync-committed"),  # killed while finishing the first run's work
])
def test_killed_twice(repos, sandbox, first_step, second_step):
    assert publish(repos, sandbox, env={"WEIBO_LINT_CRASH_AT": first_step}).returncode == -9
    assert publish(repos, sandbox, env={"WEIBO_LINT_CRASH_AT": second_step}).returncode == -9
    third = publish(repos, sandbox)
    assert third.returncode == 0, third.stdout + third.stderr
    assert_consistent_small(repos, sandbox)


def test_answer_lost_after_acceptance_is_found_on_the_timeline(repos, sandbox):
    steer(sandbox, "accept-then-drop")
    first = publish(repos, sandbox)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "found on the timeline" in first.stdout
    assert_consistent_small(repos, sandbox)
    assert publish(repos, sandbox).returncode == 0
    assert_consistent_small(repos, sandbox)


@pytest.mark.parametrize("kind,fields", [
    ("drop", {}),
    ("http-500", {}),
    ("http-500", {"accept": True}),
    ("garbage", {}),
    ("garbage", {"accept": True}),
    ("error", {"error_code": 10001, "http_status": 500}),  # a Weibo "system error": refused
])
def test_unclear_answers(repos, sandbox, kind, fields):
    steer(sandbox, kind, **fields)
    first = publish(repos, sandbox)
    accepted = fields.get("accept", False)
    if accepted:
        assert first.returncode == 0, first.stdout + first.stderr
    else:  # the official account stops for the run; the other account goes on
        assert first.returncode == 1, first.stdout + first.stderr
        assert records(repos.work)[post_file("2026-12-01-bake-beans")]["state"] == "published"
    second = publish(repos, sandbox)
    assert second.returncode == 0, second.stdout + second.stderr
    assert_consistent_small(repos, sandbox)


def test_timeout_while_weibo_is_still_working(repos, sandbox):
    steer(sandbox, "timeout", seconds=1.5)  # the client gives up after 1 s; Weibo posts at 1.5 s
    first = publish(repos, sandbox)
    assert first.returncode == 1
    assert "unconfirmed" in first.stdout
    assert records(repos.work)[LATTE]["state"] == "intent"
    deadline = time.monotonic() + 5
    while not any(p["text"] == body("2026-12-01-news-latte") for p in sandbox.posts()):
        assert time.monotonic() < deadline, "the sandbox never stored the timed-out post"
        time.sleep(0.05)
    second = publish(repos, sandbox)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "confirmed" in second.stdout
    assert_consistent_small(repos, sandbox)


@pytest.mark.parametrize("code", [10023, 20016])
def test_rate_limit_stops_the_account_for_this_run(repos, sandbox, code):
    steer(sandbox, "error", error_code=str(code))  # codes come as strings too
    first = publish(repos, sandbox)
    assert first.returncode == 1
    assert "stopped       account official" in first.stdout
    found = records(repos.work)
    assert LATTE not in found  # the claim was released: nothing went out
    assert found[post_file("2026-12-01-bake-beans")]["state"] == "published"  # other accounts go on
    assert len(sandbox.posts()) == 1
    second = publish(repos, sandbox)
    assert second.returncode == 0, second.stdout + second.stderr
    assert_consistent_small(repos, sandbox)


def test_expired_token_names_the_variable_to_renew(repos, sandbox):
    first = publish(repos, sandbox, env={"WEIBO_TOKEN_OFFICIAL": "expired-0c7e11aa"})
    assert first.returncode == 1
    assert "WEIBO_TOKEN_OFFICIAL" in first.stdout and "21327" in first.stdout
    assert "expired-0c7e11aa" not in first.stdout + first.stderr
    assert records(repos.work)[post_file("2026-12-01-bake-beans")]["state"] == "published"
    assert LATTE not in records(repos.work)
    second = publish(repos, sandbox)
    assert second.returncode == 0, second.stdout + second.stderr
    assert_consistent_small(repos, sandbox)


def test_missing_token(repos, sandbox):
    first = publish(repos, sandbox, env={"WEIBO_TOKEN_SUB": ""})
    assert first.returncode == 1
    assert "no access token: set WEIBO_TOKEN_SUB" in first.stdout
    assert publish(repos, sandbox).returncode == 0
    assert_consistent_small(repos, sandbox)


def test_two_runs_at_once(repos, sandbox):
    other = repos.clone("other")
    steer(sandbox, "timeout", endpoint="*", seconds=0.05, count=40)  # latency, so the runs overlap
    env = cli_env(sandbox)
    runs = [start(work, ["publish", "--now", NOW], env) for work in (repos.work, other)]
    done = [finish(run) for run in runs]
    # a run that finds the other at work on an account leaves that account to it (exit 1)
    assert all(d.returncode in (0, 1) for d in done), [d.stdout + d.stderr for d in done]
    assert "Traceback" not in "".join(d.stderr for d in done)
    assert len(sandbox.posts()) <= len(DUE)
    assert sum(sandbox.calls().get(e, 0) for e in ("statuses/share", "statuses/update")) == len(sandbox.posts())
    for work in (repos.work, other):
        final = publish(repos, sandbox, work=work)
        assert final.returncode == 0, final.stdout + final.stderr
    assert_consistent_small(repos, sandbox, work=other)
    assert_consistent_small(repos, sandbox)


def test_kill_during_a_concurrent_run(repos, sandbox):
    """A run killed mid-publication while another runs: the survivor leaves its intent alone
    (its process may be alive), and a later run reconciles it."""
    other = repos.clone("other")
    assert publish(repos, sandbox, env={"WEIBO_LINT_CRASH_AT": "api-answered"}).returncode == -9
    survivor = publish(repos, sandbox, work=other)
    assert survivor.returncode == 0, survivor.stdout + survivor.stderr
    assert publish(repos, sandbox).returncode == 0
    assert_consistent_small(repos, sandbox)


def test_unverifiable_intent_needs_a_human(repos, sandbox):
    """Killed after the claim; then the account posts 5 more times, so the timeline no longer
    reaches back to the claim: never re-sent, failed for a human to look."""
    assert publish(repos, sandbox, env={"WEIBO_LINT_CRASH_AT": "intent-pushed#2"}).returncode == -9
    import requests

    from tests.publish.helpers import OFFICIAL_TOKEN

    for n in range(5):
        requests.post(sandbox.base_url + "statuses/share.json", data={"status": f"手动发的第 {n} 条 https://example.com"},
                      headers={"Authorization": f"OAuth2 {OFFICIAL_TOKEN}"}, timeout=5).raise_for_status()
    second = publish(repos, sandbox)
    assert second.returncode == 1
    record = records(repos.work)[LATTE]
    assert record["state"] == "failed" and record["needs_human"] and record["error_code"] == "unconfirmed"
    assert not any(p["text"] == record["text"] for p in sandbox.posts())  # never sent blind
    assert "needs-human" in second.stdout
    third = publish(repos, sandbox)  # stays failed until a human acts
    assert third.returncode == 1 and not any(p["text"] == record["text"] for p in sandbox.posts())
    assert git(repos.work, "status", "--porcelain") == ""
