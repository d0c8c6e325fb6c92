"""Accounts into shards: which parallel job handles which accounts. Pure.

``weibo-lint matrix`` and ``publish --shard K/N`` (``metrics --shard K/N``) call the same
:func:`assign` with the same work, so they agree; the workflow makes the work the same by
running every shard on the commit the matrix was computed from, at the matrix's ``--now``.

The assignment is *rendezvous hashing with bounded loads*: each account ranks the shards by
``sha256(account, shard)``, a fixed order of its own; accounts are placed heaviest first
(ties by key) on the first shard of their ranking that still has room under a cap of
``SLACK`` times the average load. An account's first choice depends only on its key and
``N``, so most accounts keep their shard from run to run while ``N`` is unchanged, whatever
the others' work; only an account whose first choices are full moves. The price is balance:
the busiest shard may carry up to ``SLACK`` times the average (a greedy "least loaded next"
would be within one account of it, and would move most accounts whenever any work changed).
"""
from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from weibo_lint.i18n import _

MAX_SHARDS = 256  # GitHub Actions runs at most 256 jobs of one matrix
SLACK = 1.15  # the busiest shard carries at most this times the average (or its one heaviest account)
WORK_PER_JOB = 20  # units of work (posts, reads) worth a job of its own: a job costs about a minute to start
_SPEC = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


@dataclass(frozen=True)
class Shard:
    """Shard ``index`` of ``count`` (both from 1, as ``K/N`` writes them)."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """``"K/N"`` to a :class:`Shard`; ValueError saying what is wrong."""
    match = _SPEC.fullmatch(text or "")
    if not match:
        raise ValueError(_("{text!r} is not K/N (for example 2/4)").format(text=text))
    index, count = int(match.group(1)), int(match.group(2))
    if not 1 <= count <= MAX_SHARDS:
        raise ValueError(_("N must be from 1 to {most}, got {count}").format(most=MAX_SHARDS, count=count))
    if not 1 <= index <= count:
        raise ValueError(_("K must be from 1 to N ({count}), got {index}").format(count=count, index=index))
    return Shard(index, count)


def _rank(account: str, shard: int) -> bytes:
    return hashlib.sha256(f"{account}\0{shard}".encode()).digest()


def preference(account: str, count: int) -> list[int]:
    """The shards (0-based) in the order ``account`` prefers them: fixed for a key and ``count``."""
    return sorted(range(count), key=lambda shard: _rank(account, shard), reverse=True)


def shard_count(work: Mapping[str, int], max_jobs: int, per_job: int = WORK_PER_JOB) -> int:
    """How many jobs the work is worth: one per ``per_job`` units, at most ``max_jobs`` and
    one per account; 0 when there is nothing to do."""
    busy = [w for w in work.values() if w > 0]
    if not busy:
        return 0
    return max(1, min(max_jobs, len(busy), math.ceil(sum(busy) / per_job)))


def assign(work: Mapping[str, int], count: int) -> list[list[str]]:
    """The accounts with work (> 0) of ``work`` in ``count`` shards, each shard's accounts
    sorted; no shard is empty while there are at least ``count`` such accounts (an empty one
    takes the lightest account of the busiest shard that has two)."""
    busy = {account: w for account, w in work.items() if w > 0}
    shards: list[list[str]] = [[] for _shard in range(count)]
    if not busy or count < 1:
        return shards
    cap = max(math.ceil(SLACK * sum(busy.values()) / count), max(busy.values()))
    load = [0] * count
    for account in sorted(busy, key=lambda a: (-busy[a], a)):
        ranked = preference(account, count)
        target = next((s for s in ranked if load[s] + busy[account] <= cap), None)
        if target is None:  # every shard near the cap: the least loaded, by the account's own order
            target = min(ranked, key=lambda s: load[s])
        shards[target].append(account)
        load[target] += busy[account]
    for empty in [s for s in range(count) if not shards[s]]:  # every shard has work: N jobs, N reports
        donor = max((s for s in range(count) if len(shards[s]) > 1), key=lambda s: (load[s], -s))
        moved = min(shards[donor], key=lambda a: (busy[a], a))
        shards[donor].remove(moved)
        shards[empty].append(moved)
        load[donor] -= busy[moved]
        load[empty] += busy[moved]
    return [sorted(accounts) for accounts in shards]


def accounts_of(work: Mapping[str, int], shard: Shard) -> list[str]:
    """The accounts shard ``shard`` handles."""
    return assign(work, shard.count)[shard.index - 1]


def matrix(work: Mapping[str, int], max_jobs: int, per_job: int = WORK_PER_JOB) -> dict:
    """What ``strategy.matrix`` takes: ``{"include": [{"shard": "K/N", "accounts": "a,b",
    "work": n}, ...]}``, one entry per shard, ``1/N`` to ``N/N`` (empty ``include``: nothing
    to do)."""
    count = shard_count(work, max_jobs, per_job)
    include = []
    for index, accounts in enumerate(assign(work, count), start=1):
        include.append({"shard": str(Shard(index, count)), "accounts": ",".join(accounts),
                        "work": sum(work[a] for a in accounts)})
    return {"include": include}
