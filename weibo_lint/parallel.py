"""Work shared out to forked worker processes, where that pays.

Forked, the workers start as copies of this process: what a job needs beyond its arguments
can be left in a module global before the call (the caller's environment, the page models)
and nothing but the jobs and their results is pickled. Fork exists on POSIX only; elsewhere,
and on one CPU, the work runs here, one job after another.
"""
from __future__ import annotations

import os
from typing import Callable, Sequence, TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")


def processes() -> int:
    """How many worker processes a map may use: the CPUs, at most four; 1 without fork."""
    return min(os.cpu_count() or 1, 4) if os.name == "posix" else 1


def fork_map(function: Callable[[Job], Result], jobs: Sequence[Job]) -> list[Result]:
    """``function`` of each job, in order, computed in forked processes (as many as
    ``processes()`` allows, no more than there are jobs)."""
    workers = min(processes(), len(jobs))
    if workers < 2:
        return [function(job) for job in jobs]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(function, jobs))
