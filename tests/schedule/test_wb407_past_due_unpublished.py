"""WB407 past-due-unpublished, and time done right: offset-less times are read in the configured
zone, whatever the machine's zone (CI runners live in UTC)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone

import pytest


def test_an_approved_post_past_its_time_without_a_record(repo):
    due = repo.post("tips", "2026-11-23 15:30")
    problems = repo.problems("WB407")
    assert [(p.path, p.line, p.code) for p in problems] == [(due, 3, "WB407")]
    assert "2026-11-23 15:30 CST" in problems[0].message and "never published" in problems[0].message


def test_a_record_drafts_and_future_posts_are_not_past_due(repo):
    published = repo.post("tips", "2026-11-23 15:30")
    repo.record(published, "official", "2026-11-23T15:30:04+08:00")
    repo.post("tips", "2026-11-23 16:30", status="draft")
    repo.post("tips", "2026-11-24 09:30")  # 30 minutes from now
    assert repo.found("WB407") == []


def test_a_failed_record_is_not_a_publication_and_says_why(repo):
    failed = repo.post("tips", "2026-11-23 15:30")
    repo.record(failed, "official", "2026-11-23T15:30:04+08:00", state="failed",
                extra={"error_code": 20019, "error": "repeat content!", "needs_human": True})
    (problem,) = repo.problems("WB407")
    assert (problem.path, problem.line) == (failed, 3)
    record = "published/official/2026-11-23-tips-1.json"
    assert problem.related == (record,)
    assert problem.message.endswith("not published: publishing failed (Weibo error 20019 repeat content!); "
                                    "a human must check whether it went out")


@pytest.mark.parametrize("use_cache", [False, True])
def test_a_post_claimed_by_a_run_that_has_not_confirmed_it(repo, use_cache):
    claimed = repo.post("tips", "2026-11-23 15:30")
    repo.record(claimed, "official", "", state="intent", extra={"intent_at": "2026-11-23T07:30:02+00:00"})
    (problem,) = [p for p in repo.report(use_cache=use_cache).problems if p.code == "WB407"]
    assert problem.path == claimed
    assert "a publish run claimed it at 2026-11-23T07:30:02+00:00 and has not confirmed it" in problem.message


def test_the_grace_option(make_repo):
    repo = make_repo(rules="{WB407: {grace: 60}}")
    repo.post("tips", "2026-11-24 08:30")  # 30 minutes ago: within the grace
    late = repo.post("tips", "2026-11-24 07:30")
    assert repo.found("WB407") == [(late, 3, "WB407")]


@pytest.mark.parametrize(("now", "due"), [("2026-12-01T01:59:59Z", False), ("2026-12-01T02:00:01Z", True),
                                          ("2026-12-01T09:59:00+08:00", False), ("2026-12-01T10:00:01+08:00", True)])
def test_a_time_without_offset_is_due_at_0200_utc_on_a_utc_machine(repo, now, due):
    path = repo.post("tips", "2026-12-01 10:00")
    environment = {**os.environ, "TZ": "UTC"}
    done = subprocess.run([sys.executable, "-m", "weibo_lint", "check", "--no-cache", "--format", "json",
                           "--now", now], cwd=repo.root, env=environment, capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    found = [(p["path"], p["line"], p["code"]) for p in json.loads(done.stdout) if p["code"] == "WB407"]
    assert found == ([(path, 3, "WB407")] if due else [])


def test_the_resolved_time_is_aware_and_in_the_configured_zone(repo):
    repo.post("tips", "2026-12-01 10:00")
    report = repo.report(now=datetime(2026, 11, 24, tzinfo=timezone.utc))
    [summary] = report.summaries
    assert summary.publish_at.astimezone(timezone.utc) == datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)
