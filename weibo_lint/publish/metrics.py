"""``weibo-lint metrics``: engagement counts of recent posts, appended to a time series in git.

``statuses/count.json`` takes at most 100 ids a call and answers
``[{"id", "comments", "reposts", "attitudes"}]``, numbers or strings alike, leaving out ids
it does not know (deleted posts). Each fetch appends one row per post to
``metrics/<account>/<YYYY-MM>.csv`` (``fetched_at,id,reposts,comments,attitudes``): files are
only ever appended to, so a rejected push replays the new rows on the remote's version.

Each account's reads are planned to stay inside its daily API budget (``budget/reads.py``):
young posts every run, older ones daily then weekly, the most valuable first, and never
the calls the day's posts and their reconciliation reads will need. The calls made are
recorded under ``usage/`` in the same commit as the rows (``weibo_lint/usage.py``).
"""
from __future__ import annotations

import csv
import io
import os
import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from weibo_lint.budget.days import weibo_day
from weibo_lint.budget.reads import Candidate, calls_left, plan_reads
from weibo_lint.config import Config
from weibo_lint.i18n import _
from weibo_lint.publish.api import Secret, WeiboClient
from weibo_lint.publish.gitedge import GitEdge
from weibo_lint.publish.outcomes import Kind
from weibo_lint.publish.run import keep_leftover
from weibo_lint.publish.series import Row, append_rows, batches, count_value, ids_in_window, parse_counts
from weibo_lint.publish.settings import managed_folders, publish_settings
from weibo_lint.records import load_records
from weibo_lint.redact import Redactor
from weibo_lint.safe_read import METRICS_BYTES, read_inside
from weibo_lint.usage import UsageMeter, read_usage

__all__ = ["MetricsReport", "Row", "append_rows", "batches", "collect", "fetch_counts", "ids_in_window",
           "parse_counts", "read_rows"]


@dataclass
class MetricsReport:
    rows: dict[str, list[Row]] = field(default_factory=dict)  # account -> new rows
    missing: dict[str, list[str]] = field(default_factory=dict)  # account -> ids Weibo left out
    stopped: dict[str, str] = field(default_factory=dict)
    calls: int = 0
    notes: list[str] = field(default_factory=list)
    deferred: dict[str, int] = field(default_factory=dict)  # account -> posts due but over the budget

    @property
    def exit_code(self) -> int:
        return 1 if self.stopped else 0


def read_rows(config: Config, unreadable: list[str] | None = None) -> list[tuple[str, Row]]:
    """Every row of every metrics file, with its account; files that cannot be read (a link
    out, not a file, too large) are named in ``unreadable``, never read."""
    folder = config.dir("metrics")
    found = []
    for file in sorted(folder.glob("*/*.csv")) if folder.is_dir() else ():
        raw = read_inside(config.root, file, METRICS_BYTES)  # a regular file inside, bounded
        if isinstance(raw, OSError):
            if unreadable is not None:
                unreadable.append(f"{file.relative_to(config.root).as_posix()}: {raw.strerror or raw}")
            continue
        for item in csv.DictReader(io.StringIO(raw.decode("utf-8", "replace"), newline="")):
            values = [count_value(item.get(k)) for k in ("reposts", "comments", "attitudes")]
            if item.get("id") and item.get("fetched_at") and None not in values:
                found.append((file.parent.name, Row(item["fetched_at"], item["id"], *values)))  # type: ignore[arg-type]
    return found


def collect(config: Config, *, now: datetime, days: int, push: bool, environ: Mapping[str, str] = os.environ,
            sleep: Callable[[float], None] = time.sleep) -> MetricsReport:
    """Fetch counts for every account's recent posts, as its budget allows; append them,
    commit and push (with the run's usage record)."""
    settings = publish_settings(config, environ)
    redactor = Redactor.from_environ(environ)
    edge = GitEdge(config.root, settings, push=push, sleep=sleep, redactor=redactor,
                   managed=managed_folders(config))
    report = MetricsReport()
    fetched_at = now.isoformat(timespec="seconds")
    started = time.monotonic()
    meter = UsageMeter(config, "metrics", lambda: now + timedelta(seconds=time.monotonic() - started),
                       runner=_runner(environ))
    with edge.lock():
        report.notes.extend(edge.sync(keep_leftover))
        records, _problems = load_records(config)
        published = {r.idstr: r.published_at for r in records.values() if r.idstr and r.published_at}
        last_read = _last_reads(config)
        today = weibo_day(now)
        used = read_usage(config, [today])
        to_come = _posts_to_come(config, today)
        for account_key, ids in sorted(ids_in_window(records.values(), now, days).items()):
            account = config.accounts.get(account_key)
            if account is None or account.api == "manual":
                continue  # no API token to read with
            token = environ.get(account.token_env or "", "").strip()
            if not token:
                report.stopped[account_key] = f"no access token: set {account.token_env}"
                continue
            budget = config.budget.daily(account_key)
            calls = calls_left(budget, used.total(account_key, today), to_come.get(account_key, 0),
                               config.budget.reserve)
            plan = plan_reads([Candidate(i, datetime.fromisoformat(published[i]), last_read.get(i)) for i in ids],
                              now, calls)
            if plan.deferred:
                report.deferred[account_key] = len(plan.deferred)
                report.notes.append(_("{account}: {count} post(s) due for metrics wait for a later run: {calls} of its "
                                      "{budget} calls today are free for metrics (after {used} made, {posts} for the "
                                      "day's posts still to go and {reserve} kept for reconciliation)").format(
                    account=account_key, count=len(plan.deferred), calls=calls, budget=budget,
                    used=used.total(account_key, today), posts=to_come.get(account_key, 0),
                    reserve=config.budget.reserve))
            if not plan.read:
                continue
            client = WeiboClient(Secret(token), base=settings.api_base, upload_base=settings.upload_base,
                                 timeout=settings.timeout, redactor=redactor, meter=meter.meter(account_key))
            rows = fetch_counts(client, list(plan.read), fetched_at, settings.backoff, sleep, report, account_key)
            report.calls += client.calls
            if rows:
                report.rows[account_key] = rows
                seen = {r.id for r in rows}
                report.missing[account_key] = [i for i in plan.read if i not in seen]
        files = {}
        if report.rows:
            month = now.strftime("%Y-%m")
            files = {edge.rel(config.dir("metrics") / account / f"{month}.csv"): rows
                     for account, rows in report.rows.items()}
        usage = meter.writes(edge.rel)

        def build() -> dict[str, bytes | None]:
            return {**usage, **{rel: append_rows(edge.read("HEAD", rel), rows) for rel, rows in files.items()}}

        if files or usage:
            total = sum(len(r) for r in report.rows.values())
            edge.save("metrics", build, f"metrics: {total} post(s) at {fetched_at}; {meter.total()} API call(s)")
    return report


def _runner(environ: Mapping[str, str]) -> dict[str, object]:
    runner: dict[str, object] = {"host": socket.gethostname(), "pid": os.getpid()}
    if environ.get("GITHUB_RUN_ID"):
        runner["run"] = environ["GITHUB_RUN_ID"]
    return runner


def _last_reads(config: Config) -> dict[str, datetime]:
    """When each post's counts were last fetched, from the metrics files."""
    last: dict[str, datetime] = {}
    for _account, row in read_rows(config):
        try:
            when = datetime.fromisoformat(row.fetched_at)
        except ValueError:
            continue
        if when.tzinfo is not None and (row.id not in last or when > last[row.id]):
            last[row.id] = when
    return last


def _posts_to_come(config: Config, day) -> dict[str, int]:
    """Approved posts of ``day`` (Beijing) not published yet, by account: each will take a call."""
    from weibo_lint.check import gather
    from weibo_lint.schedule.timeline import build

    gathered = gather(config)
    counts: dict[str, int] = {}
    for item in build(gathered.summaries, gathered.published, config.timezone).pending:
        if item.account and weibo_day(item.when) == day:
            counts[item.account] = counts.get(item.account, 0) + 1
    return counts


def fetch_counts(client: WeiboClient, ids: list[str], fetched_at: str, backoff: float,
                 sleep: Callable[[float], None], report: MetricsReport, account: str) -> list[Row]:
    """Counts of ``ids`` in calls of at most 100, each retried with backoff when Weibo is busy."""
    rows: list[Row] = []
    for batch in batches(ids):
        delay = backoff
        for attempt in range(3):
            answer = client.counts(batch)
            if answer.kind is Kind.SUCCESS:
                rows.extend(parse_counts(answer.data, fetched_at))
                break
            if answer.kind in (Kind.AUTH, Kind.PERMANENT) or attempt == 2:
                report.stopped[account] = f"statuses/count: {answer.describe()}" + (
                    " (renew the token)" if answer.kind is Kind.AUTH else "")
                return rows
            sleep(delay)
            delay *= 2
    return rows
