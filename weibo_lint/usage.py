"""The API calls actually made, recorded in the repository like the publication records.

Layout: ``usage/<account>/<YYYY-MM-DD>/<run id>.json``, one small file per run, account and
Weibo day (``budget/days.py``), summed on read (into ``budget/spent.py``'s ``Usage``). A run
id is the run's start (UTC) and 48 random bits, so no two runs (overlapping scheduled runs,
parallel shards, machines) ever write the same file: their pushes never conflict, and a
rejected push replays the file unchanged on the remote's head (``publish/gitedge.py``). A file holds::

    {"account": "official", "day": "2026-12-01", "run": "20261201T020000Z-3f9a1c2b7d4e",
     "command": "publish", "runner": {"host": …, "pid": …, "run": …},
     "calls": {"statuses/share": 3, "statuses/user_timeline": 1}, "total": 4,
     "first_at": "…", "last_at": "…"}

Counting comes **before** the call (:class:`UsageMeter` is the client's meter): a call that
never got an answer still counts, as Weibo may have counted it. The file is written to the
working tree at once and committed with the run's next commit (a claim, an outcome, the
metrics rows) or, at the latest, by the run's last commit. What a crash can lose is the
calls made since that commit: at most one publication and its confirmation reads, or one
metrics run's reads; a run in the same working copy commits them (the file is on disk), a
fresh CI checkout loses them. Losing a count errs on the side of spending; over-counting
(a call counted that never left) errs on the side of saving.
"""
from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from weibo_lint.budget.days import weibo_day
from weibo_lint.budget.spent import Usage
from weibo_lint.config import Config
from weibo_lint.errors import GitError
from weibo_lint.i18n import _
from weibo_lint.records import write_atomic
from weibo_lint.safe_read import RECORD_BYTES, confined, read_inside


class Edge(Protocol):
    """What :func:`commit_usage` needs of the git edge (``publish/gitedge.py``)."""

    def rel(self, path: Path) -> str: ...

    def read(self, rev: str, rel: str) -> bytes | None: ...

    def save(self, label: str, build: Callable[[], Mapping[str, bytes | None]], message: str) -> bool: ...


def new_run_id(now: datetime | None = None) -> str:
    """Unique across runs and machines: the start in UTC (sorts by time) and 48 random bits."""
    now = now or datetime.now(timezone.utc)
    return f"{now.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:12]}"


@dataclass
class _Tally:
    calls: Counter = field(default_factory=Counter)
    first_at: str = ""
    last_at: str = ""


class UsageMeter:
    """Counts one run's calls per account and Weibo day, and keeps their files.

    ``clock`` is the run's clock (``--now`` and the time since): the day a call counts for.
    ``write``: put each file in the working tree as soon as a call is counted (a publish
    or metrics run; never a dry run)."""

    def __init__(self, config: Config, command: str, clock: Callable[[], datetime], *,
                 runner: Mapping[str, Any] | None = None, run_id: str | None = None, write: bool = True) -> None:
        self.config = config
        self.command = command
        self.clock = clock
        self.runner = dict(runner or {})
        self.run_id = run_id or new_run_id()
        self.write = write
        self.tallies: dict[tuple[str, date], _Tally] = {}

    def meter(self, account: str) -> Callable[[str], None]:
        """What a client calls before each request to ``endpoint``."""
        return lambda endpoint: self.count(account, endpoint)

    def count(self, account: str, endpoint: str) -> None:
        now = self.clock()
        tally = self.tallies.setdefault((account, weibo_day(now)), _Tally())
        tally.calls[endpoint] += 1
        stamp = now.isoformat(timespec="seconds")
        tally.first_at = tally.first_at or stamp
        tally.last_at = stamp
        if self.write:
            self._put(account, weibo_day(now))

    def total(self, account: str | None = None) -> int:
        return sum(sum(t.calls.values()) for (key, _day), t in self.tallies.items() if account in (None, key))

    def path(self, account: str, day: date) -> Path:
        return self.config.dir("usage") / account / day.isoformat() / f"{self.run_id}.json"

    def files(self) -> dict[Path, bytes]:
        """Every file of this run, as it stands."""
        return {self.path(account, day): self._bytes(account, day) for account, day in sorted(self.tallies)}

    def writes(self, rel: Callable[[Path], str]) -> dict[str, bytes]:
        """:meth:`files` by repository-relative path (``rel``: the git edge's)."""
        return {rel(path): data for path, data in self.files().items()}

    def _bytes(self, account: str, day: date) -> bytes:
        tally = self.tallies[(account, day)]
        data = {"account": account, "day": day.isoformat(), "run": self.run_id, "command": self.command,
                "runner": self.runner, "calls": dict(sorted(tally.calls.items())),
                "total": sum(tally.calls.values()), "first_at": tally.first_at, "last_at": tally.last_at}
        return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")

    def _put(self, account: str, day: date) -> None:
        """Best effort: the commit writes the file again through the git edge, which refuses
        a folder that leads out of the repository; here such a folder is simply not written."""
        path = self.path(account, day)
        real = confined(self.config.root, path.parent)
        if isinstance(real, OSError):
            return
        try:
            write_atomic(Path(real) / path.name, self._bytes(account, day))
        except OSError:
            pass


def read_usage(config: Config, days: Iterable[date]) -> Usage:
    """The usage files of ``days`` (only those folders are listed), summed per account and day."""
    usage = Usage()
    folder = config.dir("usage")
    if not folder.is_dir():
        return usage
    wanted = {day.isoformat() for day in days}
    for account_folder in sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()):
        for name in sorted(wanted):
            day_folder = account_folder / name
            if not day_folder.is_dir() or day_folder.is_symlink():
                continue
            for file in sorted(day_folder.glob("*.json")):
                _add(config, usage, account_folder.name, date.fromisoformat(name), file)
    return usage


def _add(config: Config, usage: Usage, account: str, day: date, file: Path) -> None:
    where = file.relative_to(config.root).as_posix()
    raw = read_inside(config.root, file, RECORD_BYTES)
    try:
        if isinstance(raw, OSError):
            raise ValueError(raw.strerror or str(raw))
        data = json.loads(raw.decode("utf-8"))
        calls = data.get("calls") if isinstance(data, dict) else None
        if not isinstance(calls, dict) or not all(
                isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v >= 0
                for k, v in calls.items()):
            raise ValueError("no 'calls' mapping of endpoints to whole numbers")
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        usage.problems.append(_("{path}: unreadable usage record: {error}").format(path=where, error=exc))
        return
    usage.add(account, day, calls)


def commit_usage(edge: Edge, meter: UsageMeter) -> list[str]:
    """Commit (and push, as the edge does) what ``meter`` counted that HEAD does not hold yet;
    notes for the run's report when it cannot. A run's other commits carry its usage files
    along (``writes``), so this commit is made only when calls followed the last of them."""
    writes = {rel: data for rel, data in meter.writes(edge.rel).items() if edge.read("HEAD", rel) != data}
    if not writes:
        return []
    total = meter.total()
    try:
        edge.save("usage", lambda: writes, f"usage: {total} API call(s) by {meter.command} run {meter.run_id}")
    except GitError as exc:
        return [_("the API calls of this run are not recorded on the remote ({error}); the next run in this "
                  "working copy records them").format(error=exc.message)]
    return []
