"""``weibo-lint record``: a manual publication, or a human resolving an unconfirmed attempt."""
from __future__ import annotations

from .helpers import git, post_file, records, run_cli

DAILY = post_file("2026-12-01-daily-question")
LATTE = post_file("2026-12-01-news-latte")


def test_record_by_url(repos):
    done = run_cli(repos.work, None, "record", DAILY, "--url", "https://weibo.com/1234567890/O00000001",
                   "--at", "2026-12-01 11:31")
    assert done.returncode == 0, done.stdout + done.stderr
    record = records(repos.work)[DAILY]
    assert record["state"] == "published" and record["account"] == "ceo" and record["via"].startswith("manual")
    assert record["idstr"] == "5000000000000001" and record["url"] == "https://weibo.com/1234567890/O00000001"
    assert record["published_at"] == "2026-12-01T11:31:00+08:00"
    assert record["text"] == "今天想问大家：你一天喝几杯咖啡？"
    assert git(repos.work, "rev-parse", "HEAD") == git(repos.remote, "rev-parse", "main")
    assert git(repos.work, "log", "-1", "--format=%s") == f"record: {DAILY} published on ceo as 5000000000000001"


def test_record_by_id_and_refusals(repos):
    assert run_cli(repos.work, None, "record", DAILY, "--id", "5000000000000007", "--no-push").returncode == 0
    assert records(repos.work)[DAILY]["idstr"] == "5000000000000007"
    again = run_cli(repos.work, None, "record", DAILY, "--id", "5000000000000008", "--no-push")
    assert again.returncode == 2 and "already recorded" in again.stderr
    assert run_cli(repos.work, None, "record", DAILY, "--id", "5000000000000008", "--no-push",
                   "--force").returncode == 0
    assert run_cli(repos.work, None, "record", DAILY).returncode == 2  # neither --id nor --url
    assert run_cli(repos.work, None, "record", DAILY, "--id", "abc").returncode == 2
    assert run_cli(repos.work, None, "record", DAILY, "--url", "https://example.com/1/2").returncode == 2
    assert run_cli(repos.work, None, "record", "posts/nope.md", "--id", "1").returncode == 2


def test_record_resolves_an_attempt_a_human_checked(repos):
    folder = repos.work / "published/official"
    folder.mkdir(parents=True)
    (folder / "2026-12__2026-12-01-news-latte.json").write_text(
        '{"state": "failed", "path": "%s", "account": "official", "error_code": "unconfirmed", '
        '"needs_human": true, "attempts": 1}' % LATTE)
    git(repos.work, "add", "-A")
    git(repos.work, "commit", "-q", "-m", "unconfirmed")
    git(repos.work, "push", "-q", "origin", "main")
    done = run_cli(repos.work, None, "record", LATTE, "--id", "5000000000000003")
    assert done.returncode == 0, done.stdout + done.stderr
    record = records(repos.work)[LATTE]
    assert record["state"] == "published" and record["attempts"] == 1 and "needs_human" not in record
