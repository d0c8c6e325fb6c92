"""fork_map: the jobs' results in order, whichever process computed them; a worker's failure
is the caller's error, with the worker's traceback, and never a hang."""
from __future__ import annotations

import os
import signal

import pytest

from weibo_lint import parallel
from weibo_lint.parallel import WorkerFailed, fork_map

pytestmark = pytest.mark.skipif((os.cpu_count() or 1) < 2 or os.name != "posix",
                                reason="one CPU or no fork: fork_map runs every job here")


def _square_with_pid(offset, job):
    return job * job + offset, os.getpid()


def test_results_come_back_in_order_from_this_process_and_the_workers(forks):
    results = fork_map(_square_with_pid, 1, list(range(101)))
    assert [value for value, _pid in results] == [n * n + 1 for n in range(101)]
    pids = {pid for _value, pid in results}
    assert os.getpid() in pids and len(pids) == parallel.processes() == len(forks) + 1


def test_the_shared_value_reaches_the_workers_without_pickling():
    unpicklable = lambda n: n + 1  # noqa: E731 - a lambda cannot be pickled
    assert fork_map(lambda shared, job: shared(job), unpicklable, [1, 2, 3, 4]) == [2, 3, 4, 5]


def _fail_on_three(_shared, job):
    if job == 3:
        raise ValueError("job three is bad")
    return job


def test_a_worker_that_raises_fails_the_map_with_its_traceback():
    with pytest.raises(WorkerFailed, match="job three is bad"):
        fork_map(_fail_on_three, None, [0, 1, 2, 3])  # 3 goes to a worker (every n-th job from 1)


def _die_on_three(_shared, job):
    if job == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return job


def test_a_worker_killed_fails_the_map_instead_of_hanging():
    with pytest.raises(WorkerFailed, match="ended without its results"):
        fork_map(_die_on_three, None, [0, 1, 2, 3])


def test_one_job_runs_here(forks):
    assert fork_map(_square_with_pid, 0, [5]) == [(25, os.getpid())] and forks == []
