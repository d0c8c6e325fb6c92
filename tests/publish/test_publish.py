"""Publishing against the sandbox over HTTP, with a real bare git remote."""
from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta, timezone

from tests.publish.helpers import (
    DUE_API,
    NOW,
    OFFICIAL_TOKEN,
    PNG,
    assert_consistent,
    body,
    by_status,
    post_file,
    records,
    run_cli,
    run_here,
    steer,
    write_post,
    writer_commit,
)
from tests.support import git

LATTE = post_file("2026-12-01-news-latte")
OAT = post_file("2026-12-01-news-oat")
BEANS = post_file("2026-12-01-bake-beans")
DAILY = post_file("2026-12-01-daily-question")


def test_publishes_due_posts_in_order_and_records_them(repos, sandbox):
    report = run_here(repos, sandbox)
    assert report.exit_code == 0, report.results
    assert by_status(report) == {"published": sorted(DUE_API)}
    assert_consistent(repos, sandbox)
    posts = sandbox.posts()
    assert [p["text"] for p in posts] == [records(repos.work)[p]["text"] for p in DUE_API]  # publish_at order
    assert {p["endpoint"] for p in posts} == {"statuses/share", "statuses/update"}
    assert next(p for p in posts if p["endpoint"] == "statuses/update")["is_longtext"]  # 144 > 140
    record = records(repos.work)[LATTE]
    assert record["account"] == "official" and record["column"] == "news" and record["attempts"] == 1
    assert record["text"] == body("2026-12-01-news-latte")
    assert record["url"].startswith("https://weibo.com/") and record["mid"] == record["idstr"]
    assert datetime.fromisoformat(record["published_at"]).tzinfo is not None
    assert len(record["text_sha256"]) == 64 and record["via"] == "statuses/share"
    assert git(repos.work, "log", "-1", "--format=%an <%ae>") == "Publisher Bot <bot@example.com>"
    # A second run has nothing to do and sends nothing.
    again = run_here(repos, sandbox)
    assert again.exit_code == 0 and again.results == [] and len(sandbox.posts()) == 4


def test_linter_sees_the_records(repos, sandbox):
    from tests.published_oracle import load_published
    from weibo_lint.config import load_config

    run_here(repos, sandbox)
    published = load_published(load_config(repos.work / "weibo.yaml"))
    assert sorted(published) == sorted(DUE_API)
    assert published[LATTE].account == "official" and published[LATTE].id.isdigit()


def test_dry_run_sends_and_commits_nothing(repos, sandbox):
    head = git(repos.work, "rev-parse", "HEAD")
    report = run_here(repos, sandbox, dry_run=True)
    assert by_status(report) == {"would-publish": sorted(DUE_API)}
    assert [i.path for i in report.manual] == [DAILY]
    assert sandbox.posts() == [] and git(repos.work, "rev-parse", "HEAD") == head
    assert not (repos.work / "published").exists()


def test_manual_account_prints_the_text_and_writes_the_step_summary(repos, sandbox, tmp_path):
    summary = tmp_path / "summary.md"
    done = run_cli(repos.work, sandbox, "publish", "--now", NOW, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert done.returncode == 0, done.stdout + done.stderr
    text = body("2026-12-01-daily-question")
    assert text in done.stdout and f"weibo-lint record {DAILY}" in done.stdout
    markdown = summary.read_text("utf-8")
    assert "### To post by hand" in markdown and text in markdown and "| published |" in markdown
    assert not any(p["text"] == text for p in sandbox.posts())


def test_account_filter_by_key_or_screen_name(repos, sandbox):
    report = run_here(repos, sandbox, account="sub")
    assert by_status(report) == {"published": [BEANS]} and report.manual == []
    done = run_cli(repos.work, sandbox, "publish", "--now", NOW, "--account", "星河咖啡")
    assert done.returncode == 0, done.stdout + done.stderr
    assert_consistent(repos, sandbox)
    assert run_cli(repos.work, sandbox, "publish", "--account", "nobody").returncode == 2


def test_no_push_commits_locally_and_a_later_run_pushes(repos, sandbox):
    remote_head = git(repos.remote, "rev-parse", "main")
    report = run_here(repos, sandbox, push=False)
    assert report.exit_code == 0
    assert git(repos.remote, "rev-parse", "main") == remote_head
    assert records(repos.work)[LATTE]["claim"] == "local"
    later = run_here(repos, sandbox)
    assert later.exit_code == 0 and any("interrupted run" in n for n in later.notes)
    assert_consistent(repos, sandbox)


def test_late_posts_wait_for_include_late(repos, sandbox):
    evening = "2026-12-01T16:15:00+08:00"  # latte is 6 h 15 min late: over the 6 h default
    report = run_here(repos, sandbox, now=evening)
    assert report.exit_code == 1
    assert by_status(report)["late"] == [BEANS, LATTE]
    assert {p["text"] for p in sandbox.posts()} == {body("2026-12-01-news-oat"), body("2026-12-01-news-gift")}
    forced = run_here(repos, sandbox, now=evening, include_late=True)
    assert forced.exit_code == 0 and by_status(forced) == {"published": [BEANS, LATTE]}
    assert_consistent(repos, sandbox)


def test_a_post_with_lint_errors_is_not_published(repos, sandbox):
    def topic(root):
        write_post(root, "2026-12-01-news-latte", "news", "2026-12-01 10:00", "approved",
                   "#冬季限定# 拿铁今天上市。详情 https://www.example.com/p/latte")
    writer_commit(repos, "writer", topic)
    report = run_here(repos, sandbox)
    assert report.exit_code == 1
    blocked = [r for r in report.results if r.status == "blocked"]
    assert [r.path for r in blocked] == [LATTE] and "WB203" in blocked[0].detail
    assert len(sandbox.posts()) == 3 and LATTE not in records(repos.work)


def test_permanent_error_is_recorded_and_retried_only_after_an_edit(repos, sandbox):
    steer(sandbox, "error", error_code=20018, error="illegal url!")
    report = run_here(repos, sandbox)
    assert report.exit_code == 1 and by_status(report)["failed"] == [LATTE]
    record = records(repos.work)[LATTE]
    assert record["state"] == "failed" and record["error_code"] == 20018 and record["error"] == "illegal url!"
    again = run_here(repos, sandbox)
    assert by_status(again) == {"failed": [LATTE]} and "edit the post" in again.results[0].detail
    assert len(sandbox.posts()) == 3

    def edit(root):
        write_post(root, "2026-12-01-news-latte", "news", "2026-12-01 10:00", "approved",
                   "冬季限定拿铁今天上市。详情 https://www.example.com/p/latte2")
    writer_commit(repos, "writer", edit)
    fixed = run_here(repos, sandbox)
    assert fixed.exit_code == 0 and by_status(fixed) == {"published": [LATTE]}
    assert records(repos.work)[LATTE]["attempts"] == 2
    assert len(sandbox.posts()) == 4


def test_repeated_content_that_is_not_ours_needs_a_human(repos, sandbox):
    import requests

    sandbox.set_now(datetime.now(timezone.utc) - timedelta(hours=2))  # someone posted it two hours ago
    requests.post(sandbox.base_url + "statuses/share.json", data={"status": body("2026-12-01-news-latte")},
                  headers={"Authorization": f"OAuth2 {OFFICIAL_TOKEN}"}, timeout=5).raise_for_status()
    sandbox.clock.reset()
    report = run_here(repos, sandbox)
    assert by_status(report)["needs-human"] == [LATTE] and report.exit_code == 1
    record = records(repos.work)[LATTE]
    assert record["state"] == "failed" and record["needs_human"] and record["error_code"] == 20019
    assert sum(p["text"] == record["text"] for p in sandbox.posts()) == 1


def test_repeated_content_from_our_own_earlier_attempt_is_ours(repos, sandbox):
    import requests

    def sneak(step):  # "our earlier attempt" reaches Weibo just after the claim
        if step == "intent-pushed" and not sandbox.posts():
            requests.post(sandbox.base_url + "statuses/update.json", data={"status": body("2026-12-01-bake-beans"),
                          "is_longtext": "1"}, headers={"Authorization": "OAuth2 tok-sub-0a8e4c2b6d1f"},
                          timeout=5).raise_for_status()
    report = run_here(repos, sandbox, on_step=sneak)
    assert report.exit_code == 0
    assert "repeated content; found on the timeline" in records(repos.work)[BEANS]["via"]
    assert_consistent(repos, sandbox)


def test_pictures_go_with_share_and_through_upload(repos, sandbox):
    def pictures(root):
        (root / "images").mkdir(exist_ok=True)
        (root / "images" / "cup.png").write_bytes(PNG)
        write_post(root, "2026-12-01-news-latte", "news", "2026-12-01 10:00", "approved",
                   body("2026-12-01-news-latte"), extra="images:\n  - images/cup.png\n")
        write_post(root, "2026-12-01-bake-beans", "bake", "2026-12-01 09:00", "approved",
                   "今天烘了一锅新豆子。", extra="images:\n  - images/cup.png\n")
    writer_commit(repos, "writer", pictures)
    report = run_here(repos, sandbox)
    assert report.exit_code == 0, report.results
    by_endpoint = {p["endpoint"]: p for p in sandbox.posts()}
    assert by_endpoint["statuses/upload"]["picture"]["size"] == len(PNG)
    shares = [p for p in sandbox.posts() if p["endpoint"] == "statuses/share" and p["picture"]]
    assert len(shares) == 1 and records(repos.work)[LATTE]["pictures"] == ["images/cup.png"]


def test_main_moved_during_the_claim(repos, sandbox):
    moved = []

    def writer_pushes(step):
        if step == "intent-committed" and not moved:
            moved.append(writer_commit(repos, "writer", lambda root: (root / "NOTES.md").write_text("hi\n")))
    report = run_here(repos, sandbox, on_step=writer_pushes)
    assert report.exit_code == 0, report.results
    assert_consistent(repos, sandbox)
    assert git(repos.work, "merge-base", "--is-ancestor", moved[0], "HEAD") == ""
    assert (repos.work / "NOTES.md").exists()


def test_another_run_claimed_the_post_first(repos, sandbox):
    rival = {"state": "intent", "path": BEANS, "account": "sub", "runner": {"host": "elsewhere", "pid": 1},
             "intent_at": datetime.now(timezone.utc).isoformat(), "claim": "remote", "text": "x"}

    def rival_claims(step):
        if step == "intent-committed" and not (repos.base / "writer").exists():
            writer_commit(repos, "writer", lambda root: _write_json(
                root / "published/sub/2026-12__2026-12-01-bake-beans.json", rival))
    report = run_here(repos, sandbox, on_step=rival_claims)
    assert by_status(report)["skipped"] == [BEANS]
    assert not any(p["endpoint"] == "statuses/update" for p in sandbox.posts())
    assert records(repos.work)[BEANS]["runner"]["host"] == "elsewhere"
    assert git(repos.work, "rev-parse", "HEAD") == git(repos.remote, "rev-parse", "main")
    later = run_here(repos, sandbox)  # the rival's intent is young and from another host: left alone
    # an unsettled attempt holds its account and fails the run (exit 1): documented
    assert by_status(later) == {"unsettled": [BEANS]} and later.exit_code == 1
    assert "sub" in later.stopped


def test_post_edited_while_being_claimed_is_released(repos, sandbox):
    def edit(step):
        if step == "intent-committed" and not (repos.base / "writer").exists():
            writer_commit(repos, "writer", lambda root: write_post(
                root, "2026-12-01-bake-beans", "bake", "2026-12-01 09:00", "approved", "改过的烘焙日记。"))
    report = run_here(repos, sandbox, on_step=edit)
    assert by_status(report)["postponed"] == [BEANS]
    assert BEANS not in records(repos.work)
    again = run_here(repos, sandbox)
    assert again.exit_code == 0
    assert any(p["text"] == "改过的烘焙日记。" for p in sandbox.posts())


def test_remote_unreachable_before_the_api_call(repos, sandbox):
    hidden = repos.base / "hidden.git"

    def cut(step):
        if step == "intent-committed" and not hidden.exists():
            shutil.move(repos.remote, hidden)
    report = run_here(repos, sandbox, on_step=cut)
    assert report.exit_code == 1 and "cannot push" in report.git_failure
    assert sandbox.posts() == []  # no push, no API call
    shutil.move(hidden, repos.remote)
    again = run_here(repos, sandbox)
    assert again.exit_code == 0, again.results
    assert_consistent(repos, sandbox)


def test_remote_unreachable_after_the_api_call(repos, sandbox):
    hidden = repos.base / "hidden.git"

    def cut(step):
        if step == "outcome-committed" and not hidden.exists():
            shutil.move(repos.remote, hidden)
    report = run_here(repos, sandbox, on_step=cut)
    assert report.exit_code == 1 and report.git_failure
    assert len(sandbox.posts()) == 1
    shutil.move(hidden, repos.remote)
    again = run_here(repos, sandbox)
    assert again.exit_code == 0, again.results
    assert_consistent(repos, sandbox)


def test_local_commits_of_other_files_are_not_pushed_behind_the_users_back(repos, sandbox):
    (repos.work / "NOTES.md").write_text("local\n")
    git(repos.work, "add", "NOTES.md")
    git(repos.work, "commit", "-q", "-m", "local note")
    report = run_here(repos, sandbox)
    assert report.exit_code == 1 and "NOTES.md" in report.git_failure and sandbox.posts() == []


def test_hourly_limit(repos, sandbox):
    recent = datetime.now(timezone.utc) - timedelta(minutes=10)

    def thirty(root):
        for n in range(30):
            _write_json(root / f"published/official/old-{n}.json", {
                "state": "published", "path": f"posts/old/{n}.md", "account": "official", "idstr": str(n),
                "published_at": recent.isoformat()})
    writer_commit(repos, "writer", thirty)
    report = run_here(repos, sandbox, account="official")
    assert report.exit_code == 1 and "last hour" in report.stopped["official"]
    assert sandbox.posts() == []


def _write_json(path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
