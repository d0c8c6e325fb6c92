"""Work shared out to forked processes, where that pays.

Forked, a worker starts as a copy of this process, so what every job needs (the check's
environment, the site's page models) is handed to it as it is, never pickled: only the
jobs' results travel back, through a pipe. This process takes a share of the jobs too, so
on two CPUs one worker is forked, not two. Fork exists on POSIX only; elsewhere, and on one
CPU, the work runs here, one job after another.
"""
from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

Shared = TypeVar("Shared")
Job = TypeVar("Job")
Result = TypeVar("Result")


def processes() -> int:
    """How many processes a map may use, this one included: the CPUs, at most four; 1 without fork."""
    return min(os.cpu_count() or 1, 4) if os.name == "posix" else 1


class WorkerFailed(RuntimeError):
    """A forked worker raised, or died before it sent its results."""


def fork_map(function: Callable[[Shared, Job], Result], shared: Shared, jobs: Sequence[Job]) -> list[Result]:
    """``function(shared, job)`` of each job, in order; computed in this process and forked
    ones (as many as ``processes()`` allows, no more than there are jobs), each taking every
    n-th job, so slow and fast jobs spread evenly."""
    count = min(processes(), len(jobs))
    if count < 2:
        return [function(shared, job) for job in jobs]
    import multiprocessing

    context = multiprocessing.get_context("fork")
    workers = []
    try:
        for index in range(1, count):
            receiver, sender = context.Pipe(duplex=False)
            worker = context.Process(target=_serve, args=(function, shared, jobs[index::count], sender), daemon=True)
            worker.start()
            sender.close()  # the worker holds its own end: a worker that dies is seen as the end of the pipe
            workers.append((worker, receiver))
        results: list = [None] * len(jobs)
        results[0::count] = [function(shared, job) for job in jobs[0::count]]
        for index, (worker, receiver) in enumerate(workers, start=1):
            try:
                failed, payload = receiver.recv()
            except EOFError:
                raise WorkerFailed(f"a worker process ended without its results (exit code {worker.exitcode})") \
                    from None
            if failed:
                raise WorkerFailed(payload)
            results[index::count] = payload
        return results
    finally:
        for worker, receiver in workers:
            receiver.close()
            if worker.is_alive():
                worker.terminate()  # this process failed first: the workers' results are moot
            worker.join()


def _serve(function, shared, jobs, sender) -> None:
    """A worker: the results of its jobs, or the traceback of what it raised, as one message."""
    try:
        payload: tuple[bool, object] = (False, [function(shared, job) for job in jobs])
    except BaseException:  # the parent re-raises it with the traceback
        payload = (True, traceback.format_exc())
    sender.send(payload)
    sender.close()
