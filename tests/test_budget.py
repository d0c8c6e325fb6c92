"""``weibo-lint budget``, WB411 at its boundary, and the budget settings, through the real CLI."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from weibo_lint.cli import cli

NOW = "2026-12-01T09:00:00+08:00"
CONFIG = """\
timezone: {zone}
accounts:
  brand:
    name: 星河咖啡
    api: update
    limit: 2000
    token_env: WEIBO_TOKEN_BRAND
    daily_calls: {daily}
  ceo: {{name: 星河咖啡林晓, api: manual, limit: 2000}}
budget:
  reserve: 2
  metrics_runs: 1
"""


def make_repo(root: Path, daily: int = 6, posts: tuple[str, ...] = ("10:00", "11:00", "12:00"),
              day: str = "2026-12-02", zone: str = "Asia/Shanghai") -> Path:
    (root / "weibo.yaml").write_text(CONFIG.format(daily=daily, zone=zone), encoding="utf-8")
    (root / "columns").mkdir()
    (root / "columns" / "news.yaml").write_text("name: 新品速递\naccount: brand\n", encoding="utf-8")
    (root / "columns" / "daily.yaml").write_text("name: 每日一问\naccount: ceo\n", encoding="utf-8")
    (root / "posts").mkdir()
    for n, clock in enumerate(posts):
        (root / "posts" / f"p{n}.md").write_text(
            f"---\ncolumn: news\nstatus: approved\npublish_at: {day} {clock}\n---\n第 {n} 条新品消息：燕麦拿铁回来了\n",
            encoding="utf-8")
    (root / "posts" / "q.md").write_text("---\ncolumn: daily\nstatus: approved\npublish_at: 2026-12-02 21:00\n---\n"
                                         "今天想问大家：你一天喝几杯咖啡？\n", encoding="utf-8")
    return root


def cli_run(root: Path, *args: str, language: str = "en"):
    result = CliRunner().invoke(cli, [*args, "--config", str(root / "weibo.yaml")], env={"WEIBO_LINT_LANG": language})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"weibo-lint crashed: {result.exception!r}") from result.exception
    return result


def budget_findings(root: Path) -> list[dict]:
    result = cli_run(root, "check", "--format", "json", "--now", NOW, "--no-cache")
    assert result.exit_code in (0, 1), result.output
    return [p for p in json.loads(result.stdout) if p["code"] == "WB411"]


def test_the_rule_is_quiet_when_the_plan_just_fits(tmp_path):
    # 2026-12-02: 3 posts + 2 reserved + 1 metrics call (3 fresh ids) = 6 = the budget
    assert budget_findings(make_repo(tmp_path, daily=6)) == []


def test_the_rule_reports_the_day_one_call_over(tmp_path):
    found = budget_findings(make_repo(tmp_path, daily=5))
    assert len(found) == 1
    problem = found[0]
    assert problem["path"] == "weibo.yaml" and problem["level"] == "warning"
    assert "6 API calls on 2026-12-02" in problem["message"] and "daily budget is 5" in problem["message"]
    assert "3 for posts, 2 kept for reconciliation reads, 1 for metrics" in problem["message"]
    assert sorted(problem["related"]) == ["posts/p0.md", "posts/p1.md", "posts/p2.md"]


def test_the_rule_speaks_chinese(tmp_path):
    root = make_repo(tmp_path, daily=5)
    result = cli_run(root, "check", "--format", "json", "--now", NOW, "--no-cache", language="zh-CN")
    messages = [p["message"] for p in json.loads(result.stdout) if p["code"] == "WB411"]
    assert len(messages) == 1 and "每日额度" in messages[0] and "2026-12-02" in messages[0]


def test_budget_json_plans_days_and_counts_beijing_days(tmp_path):
    # 18:30 in Berlin on 2 December is 01:30 on 3 December in Beijing: Weibo's day
    root = make_repo(tmp_path, posts=("09:00", "18:30"), zone="Europe/Berlin")
    result = cli_run(root, "budget", "--now", "2026-12-01T12:00:00+01:00", "--days", "3", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["first"] == "2026-12-01" and data["last"] == "2026-12-03" and data["zone"] == "Asia/Shanghai"
    assert [a["key"] for a in data["accounts"]] == ["brand"]  # a manual account makes no calls
    days = {d["day"]: d for d in data["accounts"][0]["days"]}
    assert (days["2026-12-02"]["posts"], days["2026-12-03"]["posts"]) == (1, 1)
    assert days["2026-12-02"]["planned"] == 1 + 2 + 1 and days["2026-12-03"]["metrics"] == 1
    assert days["2026-12-01"]["used_total"] == 0 and days["2026-12-02"]["used"] is None
    assert days["2026-12-02"]["budget"] == 6 and days["2026-12-02"]["left"] == 2


def test_budget_text_marks_a_day_over_in_both_languages(tmp_path):
    root = make_repo(tmp_path, daily=5)
    english = cli_run(root, "budget", "--now", NOW, "--days", "2")
    assert english.exit_code == 0, english.output
    lines = english.stdout.splitlines()
    assert lines[0] == "API calls by account and Weibo day, 2026-12-01 – 2026-12-02 (Beijing time, UTC+8)"
    assert "星河咖啡 (brand): 5 calls a day" in lines
    header = next(line for line in lines if "planned" in line)
    assert header.split() == ["date", "posts", "reads", "metrics", "planned", "used", "expected", "left"]
    over = next(line for line in lines if line.lstrip().startswith("2026-12-02"))
    assert over.split()[2:10] == ["3", "2", "1", "6", "-", "6", "-1", "!!"] and "over the daily budget by 1" in over
    chinese = cli_run(root, "budget", "--now", NOW, "--days", "2", language="zh-CN")
    assert "每日" in chinese.stdout and "超出" in chinese.stdout
    columns = {len(line) - len(line.lstrip()) for line in chinese.stdout.splitlines() if line.startswith("  20")}
    assert columns == {2}


def test_budget_sums_the_usage_files_of_a_day(tmp_path):
    root = make_repo(tmp_path)
    folder = root / "usage" / "brand" / "2026-12-01"
    folder.mkdir(parents=True)
    (folder / "20261201T010000Z-aaaaaaaaaaaa.json").write_text(
        json.dumps({"calls": {"statuses/update": 2, "statuses/user_timeline": 1}}), encoding="utf-8")
    (folder / "20261201T020000Z-bbbbbbbbbbbb.json").write_text(
        json.dumps({"calls": {"statuses/count": 1, "statuses/update": 1}}), encoding="utf-8")
    (folder / "20261201T030000Z-cccccccccccc.json").write_text("{not json", encoding="utf-8")
    result = cli_run(root, "budget", "--now", NOW, "--days", "1", "--format", "json")
    data = json.loads(result.stdout)
    today = data["accounts"][0]["days"][0]
    assert today["used"] == {"statuses/count": 1, "statuses/update": 3, "statuses/user_timeline": 1}
    assert today["used_total"] == 5
    assert today["expected"] == 3 + 1 + 1  # per kind the larger of plan (0 posts today) and use
    assert len(data["notes"]) == 1 and "cccccccccccc.json: unreadable usage record" in data["notes"][0]


def test_bad_budget_settings_name_the_file_and_line(tmp_path):
    root = make_repo(tmp_path)
    text = (root / "weibo.yaml").read_text(encoding="utf-8")
    text = text.replace("    daily_calls: 6\n", "    daily_calls: -1\n").replace("  reserve: 2\n", "  reserve: 2\n  runs: 3\n")
    text += "  metrics_days: many\n"
    (root / "weibo.yaml").write_text(text, encoding="utf-8")
    result = cli_run(root, "budget", "--now", NOW)
    assert result.exit_code == 2
    where = str(root / "weibo.yaml")
    assert f"{where}:8: 'accounts.brand.daily_calls' must be a whole number from 1 to 1000000, got -1" in result.stderr
    assert f"{where}:12: unknown setting 'budget.runs'" in result.stderr
    assert f"{where}:14: 'budget.metrics_days' must be a whole number from 1 to 3650, got 'many'" in result.stderr
    assert "Traceback" not in result.output


def test_budget_for_one_account_by_key_or_name(tmp_path):
    root = make_repo(tmp_path)
    by_name = json.loads(cli_run(root, "budget", "--now", NOW, "--account", "星河咖啡", "--format", "json").stdout)
    assert [a["key"] for a in by_name["accounts"]] == ["brand"]
    manual = json.loads(cli_run(root, "budget", "--now", NOW, "--account", "ceo", "--format", "json").stdout)
    assert manual["accounts"] == []  # no API calls to plan
    unknown = cli_run(root, "budget", "--now", NOW, "--account", "nobody")
    assert unknown.exit_code == 2 and "--account nobody: no such account" in unknown.stderr
