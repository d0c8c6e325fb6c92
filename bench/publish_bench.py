"""Benchmark the publisher: the overhead of a publish run in a large repository, and the API
calls metrics needs.

1. A generated repository of N posts (default 50,000) with a publication record for every
   post already due but the last 10 on API accounts, in git with a bare remote; the run
   publishes those 10 to the sandbox (real HTTP, real pushes). Reported: the whole run, the
   time spent waiting on the API, and the rest (the overhead) split into the check, reading
   records, planning, git (sync, commits, pushes). Then a run with nothing due (what most
   scheduled runs are).
2. The ``statuses/count`` calls for 10,000 published posts (100 ids a call), made against
   the sandbox.

Usage: ``python bench/publish_bench.py [N] [--keep DIR]``
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

from weibo_lint.config import load_config
from weibo_lint.publish import run as run_module
from weibo_lint.publish.api import Secret, WeiboClient
from weibo_lint.publish.gitedge import GitEdge
from weibo_lint.publish.metrics import MetricsReport, fetch_counts
from weibo_lint.publish.run import Options, run_publish
from weibo_lint.records import Record, record_path
from weibo_lint.sandbox import Sandbox, SandboxConfig
from weibo_lint.times import parse_datetime

DUE = 10
GIT_ENV = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com", "GIT_COMMITTER_NAME": "Bench",
           "GIT_COMMITTER_EMAIL": "bench@example.com"}
_WHEN = re.compile(r"^publish_at: (.+)$", re.MULTILINE)
_COLUMN = re.compile(r"^column: (.+)$", re.MULTILINE)
ACCOUNT_OF = {"new-arrivals": "official", "service-tips": "official", "daily-question": "ceo",
              "roastery": "sub", "weekend": "sub"}


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, check=True, capture_output=True)


def build(root: Path, count: int) -> tuple[Path, Path, datetime]:
    """The content repository, its bare remote, and a ``now`` at which DUE API posts are due."""
    seed = root / "seed"
    paths = generate(seed, count)
    (seed / ".gitignore").write_text(".weibo-lint-cache/\n")
    config = load_config(seed / "weibo.yaml")
    posts = []
    for path in paths:
        text = path.read_text("utf-8")
        when = parse_datetime(_WHEN.search(text).group(1), config.timezone)
        posts.append((when, path.relative_to(seed).as_posix(), ACCOUNT_OF[_COLUMN.search(text).group(1)]))
    posts.sort()
    cut = int(len(posts) * 0.8)
    api_due = [i for i in range(cut) if posts[i][2] != "ceo"][-DUE:]
    now = posts[cut - 1][0] + timedelta(minutes=1)
    for n, index in enumerate(api_due):  # texts of their own, so no duplicate rule holds them back
        path = seed / posts[index][1]
        front, _sep, _body = path.read_text("utf-8").partition("\n---\n")
        unique = "".join(chr(0x4E00 + (n * 97 + k * 13) % 0x5000) for k in range(24))
        path.write_text(f"{front}\n---\n今天的第 {n} 条新消息：{unique}。\n", encoding="utf-8")
    for index, (when, rel, account) in enumerate(posts[:cut]):
        if index in api_due:
            continue
        record = Record(path=rel, state="published", account=account, idstr=str(4_000_000_000_000_000 + index),
                        published_at=when.isoformat(), text_sha256="0" * 64, via="bench")
        target = record_path(config, rel, account)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(record.to_bytes())
    remote = root / "remote.git"
    git(root, "init", "-q", "--bare", "--initial-branch=main", str(remote))
    git(seed, "init", "-q", "--initial-branch=main")
    git(seed, "add", "-A")
    git(seed, "commit", "-q", "-m", "content")
    git(seed, "push", "-q", str(remote), "main")
    work = root / "work"
    git(root, "clone", "-q", str(remote), str(work))
    return work, remote, now


@contextmanager
def timed(totals: dict[str, float], name: str, owner, attribute: str):
    """Add the time spent in ``owner.attribute`` to ``totals[name]`` while inside."""
    original = getattr(owner, attribute)

    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            totals[name] = totals.get(name, 0.0) + time.perf_counter() - started
    setattr(owner, attribute, wrapper)
    try:
        yield
    finally:
        setattr(owner, attribute, original)


def publish_once(work: Path, sandbox: Sandbox, now: datetime, **options) -> tuple[float, dict[str, float], object]:
    config = load_config(work / "weibo.yaml")
    environ = {"WEIBO_API_BASE": sandbox.base_url, "WEIBO_TOKEN_OFFICIAL": "bench-official",
               "WEIBO_TOKEN_SUB": "bench-sub"}
    totals: dict[str, float] = {}
    with timed(totals, "index (summaries)", run_module.content, "gather"), \
            timed(totals, "check due posts", run_module.content, "run_check"), \
            timed(totals, "records", run_module, "load_records"), \
            timed(totals, "plan", run_module, "make_plan"), \
            timed(totals, "git sync", GitEdge, "sync"), \
            timed(totals, "git commit+push", GitEdge, "save"):
        started = time.perf_counter()
        report = run_publish(config, Options(now=now, include_late=True, **options), environ=environ)
        elapsed = time.perf_counter() - started
    return elapsed, totals, report


def show(label: str, elapsed: float, totals: dict[str, float], report) -> None:
    api = report.api_seconds
    published = report.count("published")
    print(f"{label}: {elapsed:.2f} s total, {api:.2f} s waiting on {report.api_calls} API call(s), "
          f"overhead {elapsed - api:.2f} s; published {published}, exit {report.exit_code}")
    for name, seconds in totals.items():
        print(f"    {name:<18} {seconds:7.2f} s")


def main() -> None:
    # Measure what users run: a pip install compiles the bytecode; this machine's environment
    # turns writing it off, which would add ~0.1 s of compiling to every run.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="weibo-lint-publish-bench-"))
    try:
        started = time.perf_counter()
        work, _remote, now = build(root, args.count)
        records = sum(1 for _ in (work / "published").rglob("*.json"))
        print(f"{args.count} posts, {records} publication records, {DUE} API posts due at {now.isoformat()} "
              f"(built in {time.perf_counter() - started:.0f} s; cpus: {os.cpu_count()})")
        with Sandbox(SandboxConfig(safe_domains=("www.example.com",))) as sandbox:
            show("dry run, cold cache", *publish_once(work, sandbox, now, dry_run=True))
            elapsed, totals, report = publish_once(work, sandbox, now)
            show(f"publish {DUE} due, warm cache", elapsed, totals, report)
            if report.count("published") != DUE:
                print("    unexpected:", json.dumps([r.__dict__ for r in report.results if r.status != "published"],
                                                   ensure_ascii=False)[:2000])
            show("nothing due, warm cache", *publish_once(work, sandbox, now))
            client = WeiboClient(Secret("bench-official"), base=sandbox.base_url)
            ids = [str(5_000_000_000_000_000 + n) for n in range(10_000)]
            started = time.perf_counter()
            fetch_counts(client, ids, now.isoformat(), 0.0, time.sleep, MetricsReport(), "official")
            print(f"metrics for {len(ids)} posts: {client.calls} statuses/count calls "
                  f"({time.perf_counter() - started:.2f} s against the sandbox)")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
