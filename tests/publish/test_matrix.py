"""``weibo-lint matrix`` through the real CLI: the JSON's shape, balance, stability, the
empty matrix and option errors; and the assignment it shares with ``--shard``."""
from __future__ import annotations

import json

import pytest

from tests.publish import shard_scale
from tests.publish.helpers import NOW, make_repos, run_cli
from weibo_lint.publish.shards import SLACK, assign, matrix, parse_shard, preference


def _matrix(work, sandbox, *args):
    done = run_cli(work, sandbox, "matrix", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_example_repository_is_one_job(tmp_path, sandbox):
    repos = make_repos(tmp_path)
    found = _matrix(repos.work, sandbox, "--now", NOW)
    assert found == {"include": [{"shard": "1/1", "accounts": "ceo,official,sub", "work": 5}]}


def test_nothing_due_is_an_empty_matrix(tmp_path, sandbox):
    repos = make_repos(tmp_path)
    assert _matrix(repos.work, sandbox, "--now", "2026-11-30T08:00:00+08:00") == {"include": []}


@pytest.fixture(scope="module")
def agency(tmp_path_factory):
    """30 accounts, 3 due posts each."""
    return shard_scale.build(tmp_path_factory.mktemp("agency"), 30)


def test_shape_and_balance(agency):
    found = _matrix(agency.work, None, "--now", NOW, "--max-jobs", "4")
    include = found["include"]
    assert [e["shard"] for e in include] == ["1/4", "2/4", "3/4", "4/4"]
    accounts = [a for e in include for a in e["accounts"].split(",")]
    assert sorted(accounts) == [shard_scale.key(i) for i in range(30)]  # each once
    assert all(e["work"] == 3 * len(e["accounts"].split(",")) for e in include)
    assert max(e["work"] for e in include) <= SLACK * 90 / 4 + 3


def test_the_same_inputs_give_the_same_matrix_and_the_matrix_is_what_strategy_takes(agency):
    first = run_cli(agency.work, None, "matrix", "--now", NOW, "--max-jobs", "4")
    second = run_cli(agency.work, None, "matrix", "--now", NOW, "--max-jobs", "4")
    assert first.stdout == second.stdout and first.stdout.count("\n") == 1  # one line, for $GITHUB_OUTPUT
    assert set(json.loads(first.stdout)) == {"include"}


def test_few_posts_are_one_job_however_many_jobs_are_allowed(tmp_path, sandbox):
    repos = shard_scale.build(tmp_path, 3)
    found = _matrix(repos.work, sandbox, "--now", NOW, "--max-jobs", "16")
    assert found == {"include": [{"shard": "1/1", "accounts": "a0000,a0001,a0002", "work": 9}]}


@pytest.mark.parametrize("value", ["0", "257", "x"])
def test_max_jobs_out_of_range_is_a_usage_error(tmp_path, sandbox, value):
    repos = make_repos(tmp_path)
    done = run_cli(repos.work, sandbox, "matrix", "--max-jobs", value)
    assert done.returncode == 2 and "--max-jobs" in done.stderr and "Traceback" not in done.stderr


def test_an_account_keeps_its_shard_when_others_work_changes():
    work = {f"k{i:03d}": 3 for i in range(200)}
    before = assign(work, 8)
    changed = dict(work, k000=5, k001=1, k002=4, k003=2)
    after = assign(changed, 8)
    where = {a: s for s, accounts in enumerate(before) for a in accounts}
    moved = [a for s, accounts in enumerate(after) for a in accounts if where[a] != s]
    assert len(moved) <= 20, moved  # most keep their shard (a greedy rebalance moves most)
    first = sum(1 for a, s in where.items() if preference(a, 8)[0] == s)
    assert first >= 150  # most sit in their own first choice, which no other account's work changes


def test_balance_is_bounded_and_no_shard_is_empty():
    work = {f"k{i:03d}": 1 + (i * 7) % 9 for i in range(100)}
    shards = assign(work, 16)
    loads = [sum(work[a] for a in s) for s in shards]
    assert all(shards) and sorted(a for s in shards for a in s) == sorted(work)
    assert max(loads) <= SLACK * sum(work.values()) / 16 + max(work.values())
    assert matrix({}, 4) == {"include": []} and matrix({"a": 0}, 4) == {"include": []}


@pytest.mark.parametrize("text", ["", "3", "0/2", "3/2", "1/0", "1/257", "a/b", "-1/2"])
def test_bad_shard_specs_are_refused(text):
    with pytest.raises(ValueError):
        parse_shard(text)
