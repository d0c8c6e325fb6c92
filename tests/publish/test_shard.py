"""``publish --shard K/N`` and ``metrics --shard K/N`` through the real CLI, ``--report`` and
``--summarize``; and the small scale proof: two complete fanned-out runs at once."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from tests.publish import shard_scale
from tests.publish.helpers import NOW, git, make_repos, records, run_cli


@pytest.fixture
def agency(tmp_path):
    return shard_scale.build(tmp_path, 8)


def _accounts(matrix: dict) -> list[list[str]]:
    return [e["accounts"].split(",") for e in matrix["include"]]


def test_each_shard_publishes_exactly_its_accounts(agency, sandbox, tmp_path):
    env = shard_scale.env(sandbox, 8)
    found = json.loads(run_cli(agency.work, sandbox, "matrix", "--now", NOW, "--max-jobs", "2", env=env).stdout)
    assert [e["shard"] for e in found["include"]] == ["1/2", "2/2"]
    base = git(agency.work, "rev-parse", "HEAD")
    first, second = _accounts(found)
    report = tmp_path / "r" / "1.json"
    done = run_cli(agency.work, sandbox, "publish", "--shard", "1/2", "--now", NOW, "--report", str(report), env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    published = {r["account"] for r in records(agency.work).values() if r["state"] == "published"}
    assert published == set(first)
    data = json.loads(report.read_text("utf-8"))
    assert data["shard"] == "1/2" and data["accounts"] == first and data["exit_code"] == 0
    assert {r["account"] for r in data["results"]} == set(first) and data["git_pushes"] == 4  # a round's claims (and the last round's outcomes) in one push
    other = agency.clone("other")
    git(other, "reset", "--quiet", "--hard", base)  # the matrix's commit, as the workflow checks it out
    done = run_cli(other, sandbox, "publish", "--shard", "2/2", "--now", NOW, "--report",
                   str(tmp_path / "r" / "2.json"), env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert {r["account"] for r in records(other).values()} == set(first) | set(second)
    assert len(sandbox.posts()) == 24 and sandbox.calls()["statuses/update"] == 24
    summary = run_cli(agency.work, sandbox, "publish", "--summarize", str(tmp_path / "r"), env=env)
    assert summary.returncode == 0 and "24 published" in summary.stdout


@pytest.mark.parametrize("step, sent", [("intent-committed#3", 0), ("intent-pushed#1", 0), ("api-answered#5", 5),
                                        ("outcome-pushed#1", 24)])
def test_a_shard_killed_at_any_step_of_a_round_is_finished_by_the_next_run(agency, sandbox, step, sent):
    """A shard publishes in rounds: a round's claims go in one push before any API call,
    their outcomes wait for the next round's push. Killed anywhere, the next run sends
    nothing twice: claims never pushed are dropped, outcomes committed are carried over,
    an intent without one is reconciled from the timeline."""
    env = shard_scale.env(sandbox, 8)
    killed = run_cli(agency.work, sandbox, "publish", "--shard", "1/1", "--now", NOW,
                     env={**env, "WEIBO_LINT_CRASH_AT": step})
    assert killed.returncode == -9, killed.stdout + killed.stderr
    assert len(sandbox.posts()) == sent
    again = run_cli(agency.work, sandbox, "publish", "--shard", "1/1", "--now", NOW, env=env)
    assert again.returncode == 0, again.stdout + again.stderr
    texts = [p["text"] for p in sandbox.posts()]
    assert len(texts) == len(set(texts)) == 24
    assert sandbox.calls()["statuses/update"] == 24  # none sent twice, none lost
    found = records(agency.work)
    assert len(found) == 24 and all(r["state"] == "published" for r in found.values())
    assert git(agency.work, "rev-parse", "HEAD") == git(agency.remote, "rev-parse", "main")


def test_one_accounts_expired_token_fails_only_its_own_posts(agency, sandbox, tmp_path):
    env = shard_scale.env(sandbox, 8, {shard_scale.token_env(0): "expired-token-a0000"})
    found = json.loads(run_cli(agency.work, sandbox, "matrix", "--now", NOW, "--max-jobs", "1", env=env).stdout)
    assert found["include"][0]["shard"] == "1/1"
    done = run_cli(agency.work, sandbox, "publish", "--shard", "1/1", "--now", NOW, "--report",
                   str(tmp_path / "r" / "1.json"), env=env)
    assert done.returncode == 1
    assert "a0000" in done.stdout and "expired-token" not in done.stdout
    states = {path: r["state"] for path, r in records(agency.work).items()}
    assert len(states) == 21 and all(not p.startswith("posts/2026-12/a0000") for p in states)
    summary = run_cli(agency.work, sandbox, "publish", "--summarize", str(tmp_path / "r"), env=env)
    assert summary.returncode == 1 and "21 published" in summary.stdout and "a0000" in summary.stdout


def test_a_missing_shard_report_fails_the_summary(agency, sandbox, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "one.json").write_text(json.dumps({"command": "publish", "shard": "1/2", "exit_code": 0, "results": []}))
    (folder / "junk.json").write_text("{not json")
    done = run_cli(agency.work, sandbox, "publish", "--summarize", str(folder))
    assert done.returncode == 1
    assert "shard 2/2: no report" in done.stdout and "junk.json: unreadable report" in done.stdout


@pytest.mark.parametrize("args, message", [
    (["--shard", "5/4"], "--shard: K must be from 1 to N (4), got 5"),
    (["--shard", "two"], "--shard: 'two' is not K/N"),
    (["--shard", "1/2", "--account", "a0001"], "--account and --shard"),
    (["--summarize", ".", "--now", NOW], "--summarize only reads reports"),
])
def test_bad_shard_options_are_usage_errors(agency, sandbox, args, message):
    for command in ("publish", "metrics"):
        if "--account" in args and command == "metrics":
            continue
        done = run_cli(agency.work, sandbox, command, *args)
        assert done.returncode == 2 and message in done.stderr, (command, done.stderr)
        assert "Traceback" not in done.stderr


def test_metrics_shards_measure_their_accounts_and_write_separate_files(agency, sandbox, tmp_path):
    env = shard_scale.env(sandbox, 8)
    assert run_cli(agency.work, sandbox, "publish", "--now", NOW, env=env).returncode == 0
    later = (datetime.now(timezone.utc) + timedelta(hours=1)).isoformat(timespec="seconds")  # Weibo's clock is real
    base = git(agency.work, "rev-parse", "HEAD")
    found = json.loads(run_cli(agency.work, sandbox, "matrix", "--for", "metrics", "--now", later, "--max-jobs", "2",
                               env=env).stdout)
    assert len(found["include"]) == 1  # 8 calls: not worth a second job
    assert found["include"][0]["work"] == 8 and len(_accounts(found)[0]) == 8  # one call an account
    clones = []
    for entry in found["include"]:
        clone = agency.clone("m" + entry["shard"].replace("/", "-"))
        git(clone, "reset", "--quiet", "--hard", base)
        done = run_cli(clone, sandbox, "metrics", "--shard", entry["shard"], "--now", later, "--report",
                       str(tmp_path / "m" / (entry["shard"].replace("/", "-") + ".json")), env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        clones.append(clone)
    final = agency.clone("final")
    files = sorted(p.parent.name for p in (final / "metrics").glob("*/*.csv"))
    assert files == sorted(shard_scale.key(i) for i in range(8))
    one, two = clones[0], agency.clone("m-2-of-2")
    git(two, "reset", "--quiet", "--hard", base)
    for shard, clone in (("1/2", one), ("2/2", two)):  # two shards, each its own accounts' files
        done = run_cli(clone, sandbox, "metrics", "--shard", shard, "--now", later, "--report",
                       str(tmp_path / "m2" / (shard.replace("/", "-") + ".json")), env=env)
        assert done.returncode == 0, done.stdout + done.stderr
    halves = [json.loads((tmp_path / "m2" / f"{k}-2.json").read_text("utf-8"))["accounts"] for k in (1, 2)]
    assert sorted(halves[0] + halves[1]) == files and not set(halves[0]) & set(halves[1])
    summary = run_cli(agency.work, sandbox, "metrics", "--summarize", str(tmp_path / "m"))
    assert summary.returncode == 0 and "24 row(s) appended" in summary.stdout


def test_two_overlapping_fanned_out_runs_publish_everything_exactly_once(tmp_path, sandbox):
    """30 accounts, 4 shards, two complete runs (matrix, then every shard in a fresh clone)
    started together: 8 processes pushing to one remote."""
    repos = shard_scale.build(tmp_path, 30)
    runs = [shard_scale.plan(repos, sandbox, 30, 4, name) for name in ("one", "two")]
    assert runs[0].matrix == runs[1].matrix and len(runs[0].matrix["include"]) == 4
    shard_scale.fan_out(repos, sandbox, 30, runs, fork=True)
    for run in runs:
        for done in run.done:
            assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr
            assert "cannot push" not in done.stdout
    found = shard_scale.check(repos, sandbox, 30)
    assert {k: v for k, v in found.items() if not k.startswith("_")} == {
        "posts": 90, "on_weibo": 90, "duplicates": 0, "lost": 0, "wrong_records": 0, "intents": 0,
        "update_calls": 90, "remote_head_is_final": 1}, found
    totals = shard_scale.totals(runs)
    assert totals["reports"] == 8 and totals["git_failures"] == 0 and totals["published"] == 90


def test_the_summary_keeps_the_posts_to_paste_by_hand(tmp_path, sandbox):
    """The example repository: one shard; its report carries the manual account's post,
    and the merged summary shows it as a run without shards does."""
    repos = make_repos(tmp_path)
    done = run_cli(repos.work, sandbox, "publish", "--shard", "1/1", "--now", NOW, "--report",
                   str(tmp_path / "r" / "1.json"))
    assert done.returncode == 0, done.stdout + done.stderr
    summary = run_cli(repos.work, sandbox, "publish", "--summarize", str(tmp_path / "r"),
                      env={"GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")})
    assert summary.returncode == 0, summary.stdout + summary.stderr
    assert "post by hand on ceo" in summary.stdout and "4 published" in summary.stdout
    markdown = (tmp_path / "summary.md").read_text("utf-8")
    assert "### To post by hand" in markdown and "2026-12-01-daily-question" in markdown
