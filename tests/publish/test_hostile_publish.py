"""The publisher in a hostile repository: records that are FIFOs, ill-typed or out of the
calendar, metrics beyond reason, a committed link that would carry its writes out of the
repository, a post whose text holds terminal control sequences. Through the real CLI with a
real bare remote and the sandbox: no hang, no traceback, nothing written outside, the other
posts still published."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from tests.publish.helpers import NOW, POSTS, make_repos, post_file, records, run_cli
from tests.support import git

BEANS = post_file("2026-12-01-bake-beans")
LATTE = post_file("2026-12-01-news-latte")


def _commit(work: Path, message: str) -> None:
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", message)
    git(work, "push", "-q", "origin", "main")


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(folder.rglob("*")):
        digest.update(file.as_posix().encode())
        if file.is_file():
            digest.update(file.read_bytes())
    return digest.hexdigest()


def _no_crash(done) -> None:
    assert done.returncode in (0, 1, 2), (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stdout + done.stderr and "internal error" not in done.stderr


def test_a_fifo_record_neither_hangs_nor_stops_the_others(tmp_path, sandbox):
    repos = make_repos(tmp_path)
    folder = repos.work / "published" / "sub"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "2026-12__2026-12-01-bake-beans.json")
    done = run_cli(repos.work, sandbox, "publish", "--now", NOW, timeout=60)
    _no_crash(done)
    assert "not a regular file" in done.stdout
    assert "blocked" in done.stdout and BEANS in done.stdout  # its record cannot be read: not re-sent
    assert records_on_weibo(sandbox) == 3  # the official account's three went out
    report = run_cli(repos.work, sandbox, "report", timeout=60)
    _no_crash(report)


def records_on_weibo(sandbox) -> int:
    return len(sandbox.posts())


def test_ill_typed_and_out_of_range_records_are_reported_not_crashed_on(tmp_path, sandbox):
    repos = make_repos(tmp_path)
    folder = repos.work / "published" / "official"
    folder.mkdir(parents=True)
    bad = {
        "2026-12__2026-12-01-news-latte.json": {"state": "published", "path": LATTE, "account": "official",
                                               "idstr": "5000000000000001", "published_at": 20261201},
        "2026-12__2026-12-01-news-oat.json": {"state": "published", "path": post_file("2026-12-01-news-oat"),
                                             "account": "official", "idstr": "5000000000000002",
                                             "published_at": "9999-12-31T23:59:59-14:00"},
        "2026-12__2026-12-01-news-gift.json": {"state": "published", "path": post_file("2026-12-01-news-gift"),
                                              "account": "official", "attempts": [[[[1]]]],
                                              "published_at": "2026-12-01T11:00:00+08:00"},
    }
    for name, data in bad.items():
        (folder / name).write_text(json.dumps(data), "utf-8")
    deep = folder / "2026-11__deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    metrics = repos.work / "metrics" / "official"
    metrics.mkdir(parents=True)
    (metrics / "2026-12.csv").write_text("fetched_at,id,reposts,comments,attitudes\n"
                                         f"2026-12-01T12:00:00+08:00,5000000000000001,{'9' * 5000},1e308,²\n",
                                         "utf-8")
    _commit(repos.work, "hostile records")
    for args in (["publish", "--now", NOW, "--dry-run"], ["publish", "--now", NOW], ["report"],
                 ["metrics", "--now", NOW, "--no-push"], ["check", "--now", NOW], ["build", "--now", NOW]):
        done = run_cli(repos.work, sandbox, *args, timeout=120)
        _no_crash(done)
    publish = run_cli(repos.work, sandbox, "publish", "--now", NOW)
    assert "'published_at' must be a text" in publish.stdout and "is not a time" in publish.stdout
    assert not any(p["text"] == POSTS["2026-12-01-news-latte"][3] for p in sandbox.posts())  # blocked, not re-sent


def test_a_linked_records_folder_carries_no_write_out(tmp_path, sandbox):
    repos = make_repos(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("keep\n", "utf-8")
    before = _digest(outside)
    (repos.work / "published").mkdir()
    (repos.work / "published" / "official").symlink_to(outside)
    _commit(repos.work, "a link in published/")
    done = run_cli(repos.work, sandbox, "publish", "--now", NOW, timeout=60)
    _no_crash(done)
    assert done.returncode in (1, 2) and "outside the repository" in done.stdout + done.stderr
    assert _digest(outside) == before
    assert not [p for p in sandbox.posts() if "example.com/p/latte" in p["text"]]  # no claim, no call


def test_a_posts_control_sequences_never_reach_the_terminal(tmp_path, sandbox):
    posts = {"2026-12-01-daily-question": ("daily", "2026-12-01 11:30", "approved",
                                           "今天想问大家：\x1b]0;owned\x07你一天喝几杯咖啡？\x1b[2J")}
    repos = make_repos(tmp_path, posts)
    done = run_cli(repos.work, sandbox, "publish", "--now", NOW)
    _no_crash(done)
    assert "你一天喝几杯咖啡" in done.stdout
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout


def test_a_post_linked_out_of_the_repository_is_never_sent(tmp_path, sandbox):
    repos = make_repos(tmp_path)
    secret = tmp_path / "secret.md"
    secret.write_text("---\ncolumn: news\npublish_at: 2026-12-01 10:45\nstatus: approved\n---\n"
                      "机密内容 https://www.example.com/p/secret\n", "utf-8")
    (repos.work / "posts" / "2026-12" / "2026-12-01-news-secret.md").symlink_to(secret)
    _commit(repos.work, "a link out")
    done = run_cli(repos.work, sandbox, "publish", "--now", NOW)
    _no_crash(done)
    assert not [p for p in sandbox.posts() if "机密" in p["text"]]
    assert "机密" not in done.stdout + done.stderr
    assert post_file("2026-12-01-news-secret") not in records(repos.work)
