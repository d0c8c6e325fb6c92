"""Exactly once where faults meet: overlapping runs with a held push, a kill followed at once
by a second run, unclear answers at every position of an 8-post catch-up burst (past the 5
posts the timeline shows), an outcome push the remote rejects followed by a run in a fresh
clone, posts accepted for review. Each through the real CLI against a real bare remote and
the sandbox; after each, runs spaced as a schedule would space them leave every due post on
Weibo exactly once, recorded ``published`` on ``main`` with its real id, and nothing for a
human to do."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.publish.helpers import (
    CONFIG,
    NOW,
    assert_consistent,
    cli_env,
    finish,
    make_repos,
    post_file,
    records,
    run_cli,
    start,
    steer,
)

# Eight posts on the share account, due every 30 minutes from 08:00; at noon a catch-up run
from tests.support import git

# sends them all within a second or two.
BURST = {f"2026-12-01-news-{n}": ("news", f"2026-12-01 {8 + n // 2:02d}:{30 * (n % 2):02d}", "approved",
                                  f"第 {n} 条新品消息：冬季菜单第 {n} 款饮品今天上市。详情 https://www.example.com/p/{n}")
         for n in range(8)}
BURST_DUE = [post_file(stem) for stem in BURST]
SENDS = ("statuses/share", "statuses/update", "statuses/upload")


def sends(sandbox) -> int:
    calls = sandbox.calls()
    return sum(calls.get(endpoint, 0) for endpoint in SENDS)


def publish(work: Path, sandbox, *extra: str, env: dict | None = None):
    return run_cli(work, sandbox, "publish", "--now", NOW, *extra, env=env)


def settle_after(config: str, duration: str) -> str:
    return config.replace("settle: 0m", f"settle: {duration}")


def assert_all_out(repos, sandbox, due, work=None) -> None:
    """Every due post once on Weibo, its record ``published`` with the real id on ``main``,
    nothing failed or waiting for a human."""
    assert_consistent(repos, sandbox, due, work=work)
    remote_records = {}
    for path in due:
        rel = "published/" + ("official" if "news" in path else "sub") + "/" + \
            path.removeprefix("posts/").removesuffix(".md").replace("/", "__") + ".json"
        remote_records[path] = git(repos.remote, "show", f"main:{rel}")
        assert '"state": "published"' in remote_records[path]
    assert not [r for r in records(work or repos.work).values() if r["state"] != "published"]


# -- overlapping runs ---------------------------------------------------------------------

HOLD_HOOK = """#!/bin/sh
# Hold the first push that arrives while {flag}/hold exists, until {flag}/release does.
if [ -e "{flag}/hold" ]; then
  rm -f "{flag}/hold"
  touch "{flag}/held"
  while [ ! -e "{flag}/release" ]; do sleep 0.02; done
fi
exit 0
"""


def install_hook(remote: Path, name: str, script: str) -> None:
    hook = remote / "hooks" / name
    hook.write_text(script, encoding="utf-8")
    hook.chmod(0o755)


def wait_for(path: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)


@pytest.mark.parametrize("posts,due", [(None, None), (BURST, BURST_DUE)], ids=["two-accounts", "burst"])
def test_overlapping_runs_with_a_held_push_send_nothing_twice(tmp_path, sandbox, posts, due):
    """Run A's first claim is held in the remote's pre-receive hook; run B, from another
    clone of the same commit, publishes everything meanwhile; then A's push is let go and
    rejected. A must not send any post B sent (the old guard compared with B's records once
    A had moved onto them, and re-sent them)."""
    repos = make_repos(tmp_path, posts)
    from tests.publish.helpers import DUE_API
    due = due or DUE_API
    other = repos.clone("other")
    flags = tmp_path / "flags"
    flags.mkdir()
    install_hook(repos.remote, "pre-receive", HOLD_HOOK.format(flag=flags))
    (flags / "hold").touch()
    first = start(repos.work, ["publish", "--now", NOW], cli_env(sandbox))
    wait_for(flags / "held")
    second = publish(other, sandbox)
    assert second.returncode == 0, second.stdout + second.stderr
    (flags / "release").touch()
    first_done = finish(first)
    assert first_done.returncode == 1, first_done.stdout + first_done.stderr
    assert "Traceback" not in first_done.stderr
    assert "another run" in first_done.stdout
    assert sends(sandbox) == len(due), sandbox.calls()  # not one request more than posts
    for work in (repos.work, other):  # the schedule's next runs
        later = publish(work, sandbox)
        assert later.returncode == 0, later.stdout + later.stderr
    assert sends(sandbox) == len(due)
    assert_all_out(repos, sandbox, due)
    assert_all_out(repos, sandbox, due, work=other)


def test_two_runs_started_together_on_one_account(tmp_path, sandbox):
    """Both runs plan the same burst from the same commit, with latency so they interleave."""
    repos = make_repos(tmp_path, BURST)
    other = repos.clone("other")
    steer(sandbox, "timeout", endpoint="*", seconds=0.05, count=200)
    env = cli_env(sandbox)
    runs = [start(work, ["publish", "--now", NOW], env) for work in (repos.work, other)]
    done = [finish(run) for run in runs]
    assert all(d.returncode in (0, 1) and "Traceback" not in d.stderr for d in done), [d.stdout for d in done]
    assert sends(sandbox) == len(sandbox.posts()) <= len(BURST_DUE)
    for work in (repos.work, other, repos.work):
        assert publish(work, sandbox).returncode == 0
    assert sends(sandbox) == len(BURST_DUE)
    assert_all_out(repos, sandbox, BURST_DUE)


# -- a kill, then a second run at once ----------------------------------------------------

def test_kill_then_an_immediate_second_run_holds_the_account(tmp_path, sandbox):
    """Killed right after Weibo accepted the third post of a burst. A run started at once
    (settle not yet passed) must not publish anything newer on that account: the fourth to
    eighth posts would push the third out of the timeline's 5 before anyone could check."""
    repos = make_repos(tmp_path, BURST, settle_after(CONFIG, "2s"))
    killed = publish(repos.work, sandbox, env={"WEIBO_LINT_CRASH_AT": "api-answered#3"})
    assert killed.returncode == -9
    assert len(sandbox.posts()) == 3
    at_once = publish(repos.work, sandbox)
    assert at_once.returncode == 1, at_once.stdout + at_once.stderr
    assert "unsettled" in at_once.stdout and "stopped       account official" in at_once.stdout
    assert len(sandbox.posts()) == 3  # nothing newer went out
    time.sleep(2.1)  # the schedule's next run comes after the settle time
    later = publish(repos.work, sandbox)
    assert later.returncode == 0, later.stdout + later.stderr
    assert "confirmed" in later.stdout
    assert sends(sandbox) == len(BURST_DUE)
    assert_all_out(repos, sandbox, BURST_DUE)


def test_kill_then_an_immediate_run_in_a_fresh_clone(tmp_path, sandbox):
    """As CI does it: every run in a fresh checkout. The killed run's intent is on the
    remote; the fresh clone holds the account until the attempt settles, then confirms it."""
    repos = make_repos(tmp_path, BURST, settle_after(CONFIG, "2s"))
    assert publish(repos.work, sandbox, env={"WEIBO_LINT_CRASH_AT": "api-answered#6"}).returncode == -9
    fresh = repos.clone("fresh")
    at_once = publish(fresh, sandbox)
    assert at_once.returncode == 1 and len(sandbox.posts()) == 6, at_once.stdout
    time.sleep(2.1)
    assert publish(repos.clone("fresh2"), sandbox).returncode == 0
    assert publish(repos.work, sandbox).returncode == 0  # the killed checkout catches up, sends nothing
    assert sends(sandbox) == len(BURST_DUE)
    assert_all_out(repos, sandbox, BURST_DUE)


# -- unclear answers late in a burst -----------------------------------------------------

@pytest.mark.parametrize("position", range(1, 9))
@pytest.mark.parametrize("kind,fields", [("drop", {}), ("http-500", {"accept": True})], ids=["lost", "accepted"])
def test_unclear_answer_at_each_position_of_a_burst(tmp_path, sandbox, position, kind, fields):
    """The answer to the n-th post of an 8-post catch-up run is lost (the post went out or
    not). Past the fifth, the timeline's 5 posts were all sent within the last second, so
    only the posts the run knows it sent before can prove the page reaches back."""
    repos = make_repos(tmp_path, BURST)
    steer(sandbox, kind, after=position - 1, **fields)
    first = publish(repos.work, sandbox)
    assert "Traceback" not in first.stderr
    second = publish(repos.work, sandbox)  # the schedule's next run (settle is 0 here)
    assert second.returncode == 0, first.stdout + "\n----\n" + second.stdout
    assert "needs-human" not in first.stdout + second.stdout
    lost = 0 if fields.get("accept") else 1
    assert sends(sandbox) == len(BURST_DUE) + lost  # the lost one was sent again, nothing else
    assert_all_out(repos, sandbox, BURST_DUE)


def test_an_attempt_hidden_behind_five_newer_posts_still_needs_a_human(tmp_path, sandbox):
    """The guarantee's other side: when the page truly cannot reach back (five posts made
    by hand since), the publisher says so, shows what it saw, and never re-sends."""
    import requests

    from tests.publish.helpers import OFFICIAL_TOKEN

    repos = make_repos(tmp_path, BURST)
    assert publish(repos.work, sandbox, env={"WEIBO_LINT_CRASH_AT": "intent-pushed#2"}).returncode == -9
    for n in range(5):
        requests.post(sandbox.base_url + "statuses/share.json", data={"status": f"手动 {n} https://example.com"},
                      headers={"Authorization": f"OAuth2 {OFFICIAL_TOKEN}"}, timeout=5).raise_for_status()
    second = publish(repos.work, sandbox)
    assert second.returncode == 1
    record = records(repos.work)[BURST_DUE[1]]
    assert record["state"] == "failed" and record["needs_human"]
    assert "5 newest post(s) from" in record["error"] and "do not reach back" in record["error"]
    assert not any(p["text"] == record["text"] for p in sandbox.posts())


# -- the outcome's push rejected -------------------------------------------------------------

REJECT_OUTCOMES = """#!/bin/sh
# Refuse every push that brings a publication's outcome while {flag}/reject exists.
[ -e "{flag}/reject" ] || exit 0
while read old new ref; do
  if git log --format=%s "$old..$new" 2>/dev/null | grep -q ' published on '; then
    echo "policy: outcomes are refused today" >&2
    exit 1
  fi
done
exit 0
"""


def test_rejected_outcome_push_then_a_run_in_a_fresh_clone(tmp_path, sandbox):
    repos = make_repos(tmp_path, BURST)
    flags = tmp_path / "flags"
    flags.mkdir()
    install_hook(repos.remote, "pre-receive", REJECT_OUTCOMES.format(flag=flags))
    (flags / "reject").touch()
    first = publish(repos.work, sandbox)
    assert first.returncode == 1, first.stdout + first.stderr
    out = first.stdout
    posted = sandbox.posts()
    assert len(posted) == 1
    # the post that went out is printed with its id, though its record never reached main
    assert posted[0]["idstr"] in out and "NOT on the remote" in out, out
    (flags / "reject").unlink()
    fresh = publish(repos.clone("fresh"), sandbox)
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr
    assert "confirmed" in fresh.stdout
    assert publish(repos.work, sandbox).returncode == 0  # the first checkout: its commit is superseded
    assert sends(sandbox) == len(BURST_DUE)
    assert_all_out(repos, sandbox, BURST_DUE)
    assert records(repos.work)[BURST_DUE[0]]["idstr"] == posted[0]["idstr"]


def test_step_summary_keeps_the_id_when_the_record_cannot_be_pushed(tmp_path, sandbox):
    repos = make_repos(tmp_path, BURST)
    flags = tmp_path / "flags"
    flags.mkdir()
    install_hook(repos.remote, "pre-receive", REJECT_OUTCOMES.format(flag=flags))
    (flags / "reject").touch()
    summary = tmp_path / "summary.md"
    first = publish(repos.work, sandbox, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert first.returncode == 1
    assert sandbox.posts()[0]["idstr"] in summary.read_text("utf-8")


# -- an interrupted write ------------------------------------------------------------------

def test_a_temp_file_left_by_a_killed_write_is_never_committed(tmp_path, sandbox):
    repos = make_repos(tmp_path, BURST)
    leftover = repos.work / "published" / "official" / ".2026-12__2026-12-01-news-0.json.k3j2h1.tmp"
    leftover.parent.mkdir(parents=True)
    leftover.write_text('{"state": "intent", "path": "posts/2026-12/2026-12-01-news-0.md"}', "utf-8")
    done = publish(repos.work, sandbox)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not leftover.exists()
    tracked = git(repos.remote, "ls-tree", "-r", "--name-only", "main", "published").splitlines()
    assert tracked and not [name for name in tracked if Path(name).name.startswith(".")]
    assert_all_out(repos, sandbox, BURST_DUE)


# -- accepted for review (20032) ------------------------------------------------------------

def test_post_under_review_is_completed_by_a_later_run(tmp_path, sandbox):
    repos = make_repos(tmp_path, BURST)
    steer(sandbox, "review", after=2, seconds=1.0)  # the third post is held for review for 1 s
    first = publish(repos.work, sandbox)
    assert first.returncode == 1, first.stdout  # the account waits for the post under review
    held = records(repos.work)[BURST_DUE[2]]
    assert held["state"] == "published" and held["under_review"] and "idstr" not in held
    assert len(sandbox.posts()) == 3  # nothing newer went out while it is hidden
    during = publish(repos.work, sandbox)
    assert during.returncode == 1 and "in-review" in during.stdout
    assert len(sandbox.posts()) == 3
    time.sleep(1.1)
    after = publish(repos.work, sandbox)
    assert after.returncode == 0, after.stdout + after.stderr
    done = records(repos.work)[BURST_DUE[2]]
    stored = next(p for p in sandbox.posts() if p["text"] == done["text"])
    assert done["idstr"] == stored["idstr"] and not done.get("under_review")
    assert sends(sandbox) == len(BURST_DUE)
    assert_all_out(repos, sandbox, BURST_DUE)


def test_unclear_answer_then_a_second_run_within_the_settle_time(tmp_path, sandbox):
    """Weibo is still working on the third post when the client gives up (it stores it half a
    second later); a push to main starts another run at once. That run must leave the account
    alone until the attempt is old enough to judge, and the run after it records the post."""
    repos = make_repos(tmp_path, BURST, settle_after(CONFIG, "3s"))
    steer(sandbox, "timeout", after=2, seconds=1.5)  # the client's timeout is 1 s
    first = publish(repos.work, sandbox)
    assert first.returncode == 1 and "unconfirmed" in first.stdout, first.stdout
    at_once = publish(repos.clone("at-once"), sandbox)
    assert at_once.returncode == 1 and "unsettled" in at_once.stdout, at_once.stdout
    assert sends(sandbox) == 3
    time.sleep(3.1)
    later = publish(repos.work, sandbox)
    assert later.returncode == 0, later.stdout + later.stderr
    assert sends(sandbox) == len(BURST_DUE)
    assert_all_out(repos, sandbox, BURST_DUE)
