"""``weibo-lint calendar``: a table by day and account, with gaps and collisions marked; JSON."""
from __future__ import annotations

import json

from click.testing import CliRunner

from tests.schedule.helpers import NOW_TEXT
from weibo_lint.cli import cli


def calendar(repo, *args, monkeypatch):
    monkeypatch.chdir(repo.root)
    result = CliRunner().invoke(cli, ["calendar", "--now", NOW_TEXT, *args])
    return result


def test_the_json_calendar_lists_days_accounts_posts_and_marks(make_repo, monkeypatch):
    repo = make_repo(ceo_min=1)
    first = repo.post("news", "2026-11-24 10:00", extra="title: 冬季新品\n")
    close = repo.post("tips", "2026-11-24 10:20")
    draft = repo.post("daily", "2026-11-25 20:30", status="draft")
    daily = repo.post("daily", "2026-11-24 20:30")
    result = calendar(repo, "--days", "2", "--format", "json", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [d["date"] for d in data["dates"]] == ["2026-11-24", "2026-11-25"]
    day = {a["account"]: a for a in data["dates"][0]["accounts"]}
    assert [(p["path"], p["time"], p["status"]) for p in day["official"]["posts"]] == [
        (first, "2026-11-24T10:00:00+08:00", "approved"), (close, "2026-11-24T10:20:00+08:00", "approved")]
    assert day["official"]["posts"][0]["too_close"] == [close] and day["official"]["posts"][0]["title"] == "冬季新品"
    assert day["official"]["posts"][0]["limit"] == 140 and day["official"]["posts"][0]["chars"] > 0
    assert (day["ceo"]["count"], day["ceo"]["short"]) == (1, False)
    next_day = {a["account"]: a for a in data["dates"][1]["accounts"]}
    assert [p["path"] for p in next_day["ceo"]["posts"]] == [draft]
    assert (next_day["ceo"]["count"], next_day["ceo"]["short"]) == (0, True)  # a draft counts for nothing
    assert daily in {p["path"] for p in day["ceo"]["posts"]}


def test_the_text_table_marks_gaps_and_collisions(make_repo, monkeypatch):
    repo = make_repo(ceo_min=1)
    repo.post("news", "2026-11-24 10:00")
    repo.post("tips", "2026-11-24 10:20")
    result = calendar(repo, "--from", "2026-11-23", "--days", "7", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Calendar 2026-11-23 – 2026-11-29 (Asia/Shanghai)"
    assert sum("!! too close to" in line for line in lines) == 2
    assert sum("!! below min_per_day" in line for line in lines) == 7  # the ceo posts nothing all week
    assert any("!! 新品速递 (news): 1 of at least 2 in week 2026-W48" in line for line in lines)
    assert any(line.startswith("2026-11-24 Tue") for line in lines)


def test_the_account_filter_and_bad_options(make_repo, monkeypatch):
    repo = make_repo()
    repo.post("news", "2026-11-24 10:00")
    repo.post("daily", "2026-11-24 20:30")
    result = calendar(repo, "--days", "1", "--account", "星河咖啡林晓", "--format", "json", monkeypatch=monkeypatch)
    data = json.loads(result.output)
    assert [a["account"] for a in data["dates"][0]["accounts"]] == ["ceo"]
    assert [g["column"] for g in data["gaps"]] in ([], ["daily"])
    result = calendar(repo, "--account", "nobody", monkeypatch=monkeypatch)
    assert result.exit_code == 2 and "no such account" in result.output
    result = calendar(repo, "--from", "tomorrow", monkeypatch=monkeypatch)
    assert result.exit_code == 2 and "--from" in result.output


def test_published_posts_show_when_they_went_out(repo, monkeypatch):
    path = repo.post("tips", "2026-11-24 09:30")
    repo.record(path, "official", "2026-11-24T09:41:00+08:00")
    data = json.loads(calendar(repo, "--days", "1", "--format", "json", monkeypatch=monkeypatch).output)
    [post] = [p for a in data["dates"][0]["accounts"] for p in a["posts"]]
    assert (post["status"], post["time"]) == ("published", "2026-11-24T09:41:00+08:00")
