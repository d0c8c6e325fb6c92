"""Metrics into git, and the report over them."""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone

from tests.publish.helpers import DUE_API, records, run_cli, run_here, writer_commit
from tests.support import git
from weibo_lint.publish.report import Post, format_report, summarise
from weibo_lint.publish.series import Row, append_rows, batches, ids_in_window, parse_counts
from weibo_lint.records import Record

CST = timezone(timedelta(hours=8))


def test_counts_may_be_strings_or_numbers():
    body = [{"id": 5000000000000001, "comments": "3", "reposts": 1, "attitudes": "10"},
            {"id": "5000000000000002", "comments": 0, "reposts": "0", "attitudes": 7},
            {"id": "x", "comments": 1, "reposts": 1, "attitudes": 1}, {"id": 3, "comments": "n/a"}, "junk"]
    assert parse_counts(body, "T") == [Row("T", "5000000000000001", 1, 3, 10), Row("T", "5000000000000002", 0, 0, 7)]
    assert parse_counts({"error_code": 1}, "T") == []


def test_batches_of_a_hundred():
    ids = [str(n) for n in range(10_000)]
    assert len(batches(ids)) == 100 and {len(b) for b in batches(ids)} == {100}
    assert [len(b) for b in batches(ids[:250])] == [100, 100, 50]


def test_rows_are_appended():
    first = append_rows(None, [Row("T1", "1", 1, 2, 3)])
    second = append_rows(first, [Row("T2", "1", 4, 5, 6)])
    assert second.startswith(first)
    assert list(csv.reader(io.StringIO(second.decode()))) == [
        ["fetched_at", "id", "reposts", "comments", "attitudes"], ["T1", "1", "1", "2", "3"], ["T2", "1", "4", "5", "6"]]


def test_window():
    now = datetime(2026, 12, 31, tzinfo=CST)
    made = [Record("a", "published", "official", idstr="1", published_at="2026-12-30T10:00:00+08:00"),
            Record("b", "published", "official", idstr="2", published_at="2026-10-01T10:00:00+08:00"),
            Record("c", "failed", "official", idstr="3", published_at="2026-12-30T10:00:00+08:00"),
            Record("d", "published", "sub", published_at="2026-12-30T10:00:00+08:00")]
    assert ids_in_window(made, now, 30) == {"official": ["1"]}


def test_metrics_command_appends_commits_and_pushes(repos, sandbox):
    assert run_here(repos, sandbox).exit_code == 0
    sandbox.advance(6 * 3600)  # six hours of likes
    later = datetime.now(timezone.utc) + timedelta(hours=6)
    for n in (1, 2):
        done = run_cli(repos.work, sandbox, "metrics", "--now", (later + timedelta(minutes=n)).isoformat())
        assert done.returncode == 0, done.stdout + done.stderr
        assert "summary: 4 row(s) appended" in done.stdout
    month = (later.astimezone(CST)).strftime("%Y-%m")
    rows = list(csv.DictReader(io.StringIO((repos.work / f"metrics/official/{month}.csv").read_text())))
    assert len(rows) == 6 and {r["id"] for r in rows} == {records(repos.work)[p]["idstr"] for p in DUE_API[1:]}
    assert all(int(r["attitudes"]) > 0 for r in rows)
    assert (repos.work / f"metrics/sub/{month}.csv").exists()
    assert git(repos.work, "rev-parse", "HEAD") == git(repos.remote, "rev-parse", "main")
    assert git(repos.work, "log", "-1", "--format=%s").startswith("metrics: 4 post(s)")
    report = run_cli(repos.work, sandbox, "report")
    assert report.returncode == 0 and "by account:" in report.stdout and "official" in report.stdout
    data = json.loads(run_cli(repos.work, sandbox, "report", "--format", "json").stdout)
    official = next(s for s in data if s["group"] == "account" and s["name"] == "official")
    assert official["posts"] == 3 and official["measured"] == 3 and official["best_hours"]


def test_metrics_replay_on_a_moved_main(repos, sandbox):
    assert run_here(repos, sandbox).exit_code == 0
    other = repos.clone("other")
    now = datetime.now(timezone.utc).isoformat()
    assert run_cli(other, sandbox, "metrics", "--now", now).returncode == 0  # another run appends first
    done = run_cli(repos.work, sandbox, "metrics", "--now", now)
    assert done.returncode == 0, done.stdout + done.stderr
    month = datetime.now(timezone.utc).astimezone(CST).strftime("%Y-%m")
    text = (repos.work / f"metrics/official/{month}.csv").read_text()
    assert text.count("fetched_at") == 1 and len(text.splitlines()) == 1 + 3 + 3


def test_metrics_without_a_token(repos, sandbox):
    assert run_here(repos, sandbox).exit_code == 0
    done = run_cli(repos.work, sandbox, "metrics", env={"WEIBO_TOKEN_SUB": ""})
    assert done.returncode == 1 and "set WEIBO_TOKEN_SUB" in done.stdout


def test_report_statistics():
    def post(account, column, when, likes):
        return Post(f"{when}.md", account, column, datetime.fromisoformat(when),
                    Row("T", when, likes // 10, likes // 5, likes))
    posts = [post("official", "news", "2026-12-01T10:00:00+08:00", 100),  # Tue 10:00
             post("official", "news", "2026-12-08T10:30:00+08:00", 300),  # Tue 10:00 again
             post("official", "tips", "2026-12-04T15:30:00+08:00", 50),  # Fri 15:00
             Post("new.md", "official", "tips", datetime(2026, 12, 9, tzinfo=CST), None)]
    stats = {(s.group, s.name): s for s in summarise(posts, CST)}
    official = stats[("account", "official")]
    assert official.posts == 4 and official.measured == 3
    assert official.median == (10.0, 20.0, 100.0) and official.mean[2] == 150.0
    assert official.best_hours[0][0] == "Tue 10:00" and official.best_hours[0][2] == 2
    assert stats[("column", "tips")].measured == 1
    text = format_report(list(stats.values()))
    assert "by column:" in text and "Tue 10:00" in text and "(3 measured)" in text
    assert format_report([]) == "no published posts yet"


def test_report_reads_back_what_metrics_wrote(repos, sandbox):
    assert run_here(repos, sandbox).exit_code == 0

    def rows(root):
        found = records(root)
        path = root / "metrics/official/2026-12.csv"
        path.parent.mkdir(parents=True)
        lines = ["fetched_at,id,reposts,comments,attitudes"]
        for n, p in enumerate(DUE_API[1:]):
            lines += [f"2026-12-02T10:00:00+08:00,{found[p]['idstr']},1,1,{n}",
                      f"2026-12-03T10:00:00+08:00,{found[p]['idstr']},2,2,{10 * (n + 1)}"]
        path.write_text("\n".join(lines) + "\n")
    writer_commit(repos, "writer", rows)
    git(repos.work, "pull", "-q", "--ff-only")
    data = json.loads(run_cli(repos.work, None, "report", "--format", "json").stdout)
    news = next(s for s in data if s["group"] == "column" and s["name"] == "news")
    assert news["median"]["likes"] == 20 and news["mean"]["likes"] == 20  # the latest rows: 10, 20, 30
