"""``weibo-lint metrics``: engagement counts of recent posts, appended to a time series in git.

``statuses/count.json`` takes at most 100 ids a call and answers
``[{"id", "comments", "reposts", "attitudes"}]``, numbers or strings alike, leaving out ids
it does not know (deleted posts). Each fetch appends one row per post to
``metrics/<account>/<YYYY-MM>.csv`` (``fetched_at,id,reposts,comments,attitudes``): files are
only ever appended to, so a rejected push replays the new rows on the remote's version.
"""
from __future__ import annotations

import csv
import io
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from weibo_lint.config import Config
from weibo_lint.publish.api import Secret, WeiboClient
from weibo_lint.publish.gitedge import GitEdge
from weibo_lint.publish.outcomes import Kind
from weibo_lint.publish.run import keep_leftover
from weibo_lint.publish.series import Row, append_rows, batches, count_value, ids_in_window, parse_counts
from weibo_lint.publish.settings import publish_settings
from weibo_lint.records import load_records
from weibo_lint.redact import Redactor
from weibo_lint.safe_read import METRICS_BYTES, read_inside

__all__ = ["MetricsReport", "Row", "append_rows", "batches", "collect", "fetch_counts", "ids_in_window",
           "parse_counts", "read_rows"]


@dataclass
class MetricsReport:
    rows: dict[str, list[Row]] = field(default_factory=dict)  # account -> new rows
    missing: dict[str, list[str]] = field(default_factory=dict)  # account -> ids Weibo left out
    stopped: dict[str, str] = field(default_factory=dict)
    calls: int = 0
    notes: list[str] = field(default_factory=list)

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
    """Fetch counts for every account's recent posts, append them, commit and push."""
    settings = publish_settings(config, environ)
    redactor = Redactor.from_environ(environ)
    edge = GitEdge(config.root, settings, push=push, sleep=sleep, redactor=redactor,
                   managed=(config.dir("published"), config.dir("metrics")))
    report = MetricsReport()
    fetched_at = now.isoformat(timespec="seconds")
    with edge.lock():
        report.notes.extend(edge.sync(keep_leftover))
        records, _problems = load_records(config)
        for account_key, ids in sorted(ids_in_window(records.values(), now, days).items()):
            account = config.accounts.get(account_key)
            if account is None or account.api == "manual":
                continue  # no API token to read with
            token = environ.get(account.token_env or "", "").strip()
            if not token:
                report.stopped[account_key] = f"no access token: set {account.token_env}"
                continue
            client = WeiboClient(Secret(token), base=settings.api_base, upload_base=settings.upload_base,
                                 timeout=settings.timeout, redactor=redactor)
            rows = fetch_counts(client, ids, fetched_at, settings.backoff, sleep, report, account_key)
            report.calls += client.calls
            if rows:
                report.rows[account_key] = rows
                seen = {r.id for r in rows}
                report.missing[account_key] = [i for i in ids if i not in seen]
        if report.rows:
            month = now.strftime("%Y-%m")
            files = {edge.rel(config.dir("metrics") / account / f"{month}.csv"): rows
                     for account, rows in report.rows.items()}

            def build() -> dict[str, bytes | None]:
                return {rel: append_rows(edge.read("HEAD", rel), rows) for rel, rows in files.items()}

            total = sum(len(r) for r in report.rows.values())
            edge.save("metrics", build, f"metrics: {total} post(s) at {fetched_at}")
    return report


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
