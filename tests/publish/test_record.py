"""``weibo-lint record``: a manual publication, or a human resolving an unconfirmed attempt."""
from __future__ import annotations

from tests.publish.helpers import post_file, records, run_cli
from tests.support import git

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


# Real pairs of a short code and its mid, as Weibo shows them (weibo.com/<uid>/<code> and
# m.weibo.cn/detail/<mid> of the same post).
REAL = [("Hd1N2qpta", "4331051486294436"), ("z8ElgBLeQ", "3520617028999724")]


def test_mid_and_short_code_convert_both_ways():
    from weibo_lint.publish.evidence import base62_to_mid, mid_to_base62

    for code, mid in REAL:
        assert base62_to_mid(code) == mid and mid_to_base62(mid) == code


def test_every_address_form_a_writer_has():
    from weibo_lint.publish.evidence import parse_post_url

    code, mid = REAL[0]
    forms = {
        f"https://weibo.com/2034565060/{code}": "2034565060",
        f"https://weibo.com/2034565060/{code}?pagetype=profilefeed#comment": "2034565060",
        f"https://www.weibo.com/2034565060/{mid}": "2034565060",
        f"https://weibo.com/detail/{mid}": None,
        f"https://m.weibo.cn/status/{mid}?from=groupmessage": None,
        f"https://m.weibo.cn/status/{code}": None,
        f"https://m.weibo.cn/detail/{mid}": None,
        f"http://m.weibo.cn/detail/{mid}/": None,
    }
    for url, uid in forms.items():
        assert parse_post_url(url) == (uid, mid), url


def test_record_takes_a_mobile_address_and_the_posts_own_time(repos):
    done = run_cli(repos.work, None, "record", DAILY, "--url", "https://m.weibo.cn/detail/4331051486294436?sudaref=x",
                   "--no-push")
    assert done.returncode == 0, done.stdout + done.stderr
    record = records(repos.work)[DAILY]
    assert record["idstr"] == "4331051486294436"
    assert record["published_at"] == "2026-12-01T11:30:00+08:00"  # the post's publish_at, not the clock
    assert "at 2026-12-01T11:30:00+08:00 (its publish_at" in done.stdout


def test_record_refuses_another_accounts_post_and_an_id_recorded_elsewhere(tmp_path):
    from tests.publish.helpers import CONFIG, make_repos

    repos = make_repos(tmp_path, config=CONFIG.replace("    api: manual\n", "    api: manual\n    uid: 1234567890\n"))
    wrong = run_cli(repos.work, None, "record", DAILY, "--url", "https://weibo.com/2034565060/Hd1N2qpta",
                    "--no-push")
    assert wrong.returncode == 2 and "2034565060" in wrong.stderr and "1234567890" in wrong.stderr
    assert DAILY not in records(repos.work)
    right = run_cli(repos.work, None, "record", DAILY, "--url", "https://weibo.com/1234567890/Hd1N2qpta",
                    "--no-push")
    assert right.returncode == 0, right.stderr
    twice = run_cli(repos.work, None, "record", LATTE, "--id", "4331051486294436", "--no-push")
    assert twice.returncode == 2 and DAILY in twice.stderr and "already recorded" in twice.stderr
    assert LATTE not in records(repos.work)
    bad_uid = CONFIG.replace("    api: manual\n", "    api: manual\n    uid: lin-xiao\n")
    (repos.work / "weibo.yaml").write_text(bad_uid, "utf-8")
    assert "uid" in run_cli(repos.work, None, "record", DAILY, "--id", "1", "--no-push").stderr
