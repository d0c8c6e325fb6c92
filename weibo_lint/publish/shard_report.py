"""A shard's report as JSON (``--report FILE``), and all shards' reports merged into one
(``--summarize DIR``): the last job of a fanned-out run reads every shard's file and says
what the whole run did. Pure, but for reading the folder.

A report is ``{"command": "publish" | "metrics", "shard": "K/N" | null, "accounts": [...],
"exit_code": 0 | 1, ...}`` with the command's own fields. A shard whose report is missing
(its job crashed, or never ran) is named in the summary and fails it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from weibo_lint.i18n import _
from weibo_lint.publish.plan import Item
from weibo_lint.publish.shards import Shard, parse_shard
from weibo_lint.publish.summary import Result, RunReport

REPORT_BYTES = 64 * 1024 * 1024  # a shard of thousands of posts is a few MB


def _item(item: Item) -> dict[str, Any]:
    return {"path": item.path, "account": item.account, "column": item.column,
            "publish_at": item.publish_at.isoformat(), "text": item.text, "pictures": list(item.pictures),
            "source_sha256": item.source_sha256, "late_by": item.late_by.total_seconds(), "attempts": item.attempts}


def _unitem(data: dict[str, Any]) -> Item:
    return Item(data["path"], data["account"], data.get("column"), datetime.fromisoformat(data["publish_at"]),
                data["text"], tuple(data.get("pictures") or ()), data.get("source_sha256", ""),
                timedelta(seconds=float(data.get("late_by") or 0)), int(data.get("attempts") or 0))


def publish_json(report: RunReport, shard: Shard | None, accounts: list[str] | None) -> dict[str, Any]:
    return {"command": "publish", "shard": str(shard) if shard else None, "accounts": accounts,
            "exit_code": report.exit_code,
            "results": [{"path": r.path, "account": r.account, "status": r.status, "detail": r.detail, "url": r.url}
                        for r in report.results],
            "notes": report.notes, "stopped": report.stopped, "frozen": report.frozen,
            "manual": [_item(i) for i in report.manual], "planned": [_item(i) for i in report.planned],
            "api_calls": report.api_calls, "api_seconds": report.api_seconds, "git_failure": report.git_failure,
            "git_pushes": report.git_pushes, "git_replays": report.git_replays}


def metrics_json(summary: MetricsSummary, shard: Shard | None, accounts: list[str] | None) -> dict[str, Any]:
    return {"command": "metrics", "shard": str(shard) if shard else None, "accounts": accounts,
            "exit_code": summary.exit_code, "rows": summary.rows, "missing": summary.missing,
            "stopped": summary.stopped, "calls": summary.calls, "notes": summary.notes}


@dataclass
class Reports:
    """Every shard report of one command found in a folder."""

    command: str
    found: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # files that are no report, shards missing

    @property
    def exit_code(self) -> int:
        return 1 if self.problems or any(r.get("exit_code") != 0 for r in self.found) else 0


def read_reports(folder: Path, command: str) -> Reports:
    """The ``command`` reports under ``folder`` (any depth: artifacts unpack into folders),
    and what is wrong: unreadable files, two reports for one shard, shards missing."""
    reports = Reports(command)
    if not folder.is_dir():
        reports.problems.append(_("{folder}: no such folder").format(folder=folder))
        return reports
    counts: set[int] = set()
    seen: dict[str, str] = {}
    for file in sorted(folder.rglob("*.json")):
        where = file.relative_to(folder).as_posix()
        try:
            if file.stat().st_size > REPORT_BYTES:
                raise ValueError(_("larger than {size} MB").format(size=REPORT_BYTES // 2**20))
            data = json.loads(file.read_text("utf-8"))
            if not isinstance(data, dict) or data.get("command") not in ("publish", "metrics"):
                raise ValueError(_("not a weibo-lint report"))
            shard = parse_shard(data["shard"]) if data.get("shard") else None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            reports.problems.append(_("{file}: unreadable report: {error}").format(file=where, error=exc))
            continue
        if data["command"] != command:
            continue
        if shard is not None:
            if str(shard) in seen:
                reports.problems.append(_("{file}: a second report of shard {shard} (the first: {other})").format(
                    file=where, shard=shard, other=seen[str(shard)]))
                continue
            seen[str(shard)] = where
            counts.add(shard.count)
        reports.found.append(data)
    if len(counts) > 1:
        reports.problems.append(_("reports of different shard counts: {counts}").format(
            counts=", ".join(str(c) for c in sorted(counts))))
    for count in sorted(counts):
        for index in range(1, count + 1):
            if f"{index}/{count}" not in seen:
                reports.problems.append(_("shard {shard}: no report (its job failed before the end, or did not "
                                          "run); its accounts are handled by the next run").format(
                                            shard=f"{index}/{count}"))
    if not reports.found and not reports.problems:
        reports.problems.append(_("{folder}: no {command} report").format(folder=folder, command=command))
    return reports


def _prefix(data: dict[str, Any]) -> str:
    return f"[{data['shard']}] " if data.get("shard") else ""


def merged_publish(reports: Reports) -> RunReport:
    """One :class:`RunReport` of every shard's: results, stops, notes (each note and git
    failure says its shard), API calls; the reports' own problems as notes."""
    merged = RunReport()
    failures = []
    for data in sorted(reports.found, key=lambda d: _shard_key(d.get("shard"))):
        for r in data.get("results") or []:
            merged.results.append(Result(r["path"], r.get("account"), r["status"], r.get("detail") or "", r.get("url")))
        merged.notes.extend(_prefix(data) + str(note) for note in data.get("notes") or [])
        merged.stopped.update(data.get("stopped") or {})
        merged.frozen.update(data.get("frozen") or {})
        merged.manual.extend(_unitem(i) for i in data.get("manual") or [])
        merged.planned.extend(_unitem(i) for i in data.get("planned") or [])
        merged.api_calls += int(data.get("api_calls") or 0)
        merged.api_seconds += float(data.get("api_seconds") or 0)
        merged.git_pushes += int(data.get("git_pushes") or 0)
        merged.git_replays += int(data.get("git_replays") or 0)
        if data.get("git_failure"):
            failures.append(_prefix(data) + str(data["git_failure"]))
    merged.notes.extend(reports.problems)
    merged.git_failure = "; ".join(failures) or None
    return merged


def _shard_key(text: str | None) -> tuple[int, int]:
    if not text:
        return (0, 0)
    shard = parse_shard(text)
    return (shard.count, shard.index)


@dataclass
class MetricsSummary:
    """What a metrics run (or all shards of one) did: rows appended and ids Weibo left out
    per account, accounts not measured and why, API calls."""

    rows: dict[str, int] = field(default_factory=dict)
    missing: dict[str, list[str]] = field(default_factory=dict)
    stopped: dict[str, str] = field(default_factory=dict)
    calls: int = 0
    notes: list[str] = field(default_factory=list)
    failed: bool = False  # a shard missing, or a report unreadable

    @classmethod
    def of(cls, report: Any) -> MetricsSummary:
        """``report``: a :class:`weibo_lint.publish.metrics.MetricsReport`."""
        return cls({a: len(rows) for a, rows in report.rows.items()}, dict(report.missing), dict(report.stopped),
                   report.calls, list(report.notes))

    @property
    def exit_code(self) -> int:
        return 1 if self.stopped or self.failed else 0


def merged_metrics(reports: Reports) -> MetricsSummary:
    merged = MetricsSummary(failed=bool(reports.problems))
    for data in sorted(reports.found, key=lambda d: _shard_key(d.get("shard"))):
        merged.rows.update({str(a): int(n) for a, n in (data.get("rows") or {}).items()})
        merged.missing.update(data.get("missing") or {})
        merged.stopped.update(data.get("stopped") or {})
        merged.calls += int(data.get("calls") or 0)
        merged.notes.extend(_prefix(data) + str(note) for note in data.get("notes") or [])
        merged.failed = merged.failed or (data.get("exit_code") not in (0, None) and not data.get("stopped"))
    merged.notes.extend(reports.problems)
    return merged


def write_report(path: Path, data: dict[str, Any], redact) -> None:
    """Write a report, every text of it through ``redact`` (no token leaves the run)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(redact(json.dumps(data, ensure_ascii=False, indent=1)) + "\n", encoding="utf-8")
