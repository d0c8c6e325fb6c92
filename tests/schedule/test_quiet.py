"""Days to stay quiet: WB410, ``new`` and ``calendar`` keep promotional posts off them, not service posts.

The repository is helpers.Repo's (--now Tuesday 2026-11-24 09:00, Asia/Shanghai) with two
columns of the account ``official`` posting every day at 10:00: ``promo`` (promotional) and
``service``. 2026-12-13 is 南京大屠杀死难者国家公祭日, a built-in quiet day.
"""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from tests.schedule.helpers import NOW_TEXT, Repo
from weibo_lint.cli import cli
from weibo_lint.schedule.quiet import qingming

COLUMNS = {
    "promo": "name: 冬季促销\naccount: official\ntemplate: news.j2\npromotional: true\n"
             "cadence: {per: day, max: 1}\nslots: [\"10:00\"]\n",
    "service": "name: 门店服务\naccount: official\ntemplate: news.j2\npromotional: false\n"
               "cadence: {per: day, max: 1}\nslots: [\"10:00\"]\n",
}
NANJING = "南京大屠杀死难者国家公祭日"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return Repo(tmp_path, columns=COLUMNS)


def quiet_days(repo: Repo, yaml_text: str) -> None:
    with open(repo.root / "weibo.yaml", "a", encoding="utf-8") as handle:
        handle.write("quiet_days:\n" + yaml_text)


def run(*args: str):
    return CliRunner().invoke(cli, [*args, "--now", NOW_TEXT])


def wb410(repo: Repo) -> list[dict]:
    result = run("check", "--format", "json", "--no-cache")
    assert result.exit_code in (0, 1), result.output
    return [p for p in json.loads(result.output) if p["code"] == "WB410"]


def fill(repo: Repo, column: str, first: str, last: str) -> None:
    """One post of ``column`` at 10:00 on every day from ``first`` to ``last``."""
    day, end = date.fromisoformat(first), date.fromisoformat(last)
    while day <= end:
        repo.post(column, f"{day.isoformat()} 10:00")
        day += timedelta(days=1)


def test_check_warns_for_the_promotional_post_only(repo):
    promo = repo.post("promo", "2026-12-13 10:00")
    repo.post("service", "2026-12-13 10:00")
    repo.post("promo", "2026-12-14 10:00")
    found = wb410(repo)
    assert [(p["path"], p["line"], p["level"]) for p in found] == [(promo, 3, "warning")]
    assert NANJING in found[0]["message"] and "冬季促销" in found[0]["message"]
    assert "2026-12-13" in found[0]["message"]


def test_only_posts_the_publisher_still_owes_are_warned(repo):
    repo.post("promo", "2026-12-13 10:00", status="draft")  # the calendar marks it (below); approval warns
    out = repo.post("promo", "2026-09-18 10:00")
    repo.record(out, "official", "2026-09-18T10:00:00+08:00")
    assert wb410(repo) == []


def test_the_level_is_configurable(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    repo = Repo(tmp_path, columns=COLUMNS, rules="{quiet-day: error}")
    repo.post("promo", "2026-12-13 10:00")
    assert [p["level"] for p in wb410(repo)] == ["error"]
    off = Repo(tmp_path, columns=COLUMNS, rules="{WB410: 'off'}")
    assert off and wb410(off) == []


def test_new_skips_a_quiet_day_for_a_promotional_column_only(repo):
    fill(repo, "promo", "2026-11-24", "2026-12-12")
    fill(repo, "service", "2026-11-24", "2026-12-12")
    promo = run("new", "promo")
    service = run("new", "service")
    assert promo.exit_code == 0 and service.exit_code == 0, promo.output + service.output
    assert promo.output.strip() == "posts/2026-12/2026-12-14-promo-1.md"  # 12-13 skipped
    assert service.output.strip() == "posts/2026-12/2026-12-13-service-1.md"


def test_calendar_shows_the_quiet_day_and_marks_the_promotional_post(repo):
    promo = repo.post("promo", "2026-12-13 10:00")
    service = repo.post("service", "2026-12-13 15:30")
    draft = repo.post("promo", "2026-12-13 20:30", status="draft")  # a plan: marked before WB410 would warn
    text = run("calendar", "--from", "2026-12-12", "--days", "2")
    assert text.exit_code == 0, text.output
    day = text.output.split("2026-12-13", 1)[1]
    assert f"quiet day: 「{NANJING}」" in day
    assert "quiet day" not in text.output.split("2026-12-13", 1)[0]  # 12-12 is an ordinary day
    lines = {line.split()[-1] if "!!" not in line else line.split("!!")[0].split()[-1]: line
             for line in day.splitlines() if "posts/" in line}
    assert "!! promotional on a quiet day" in lines[promo]
    assert "quiet" not in lines[service]
    data = json.loads(run("calendar", "--from", "2026-12-13", "--days", "1", "--format", "json").output)
    official = next(a for a in data["dates"][0]["accounts"] if a["account"] == "official")
    assert official["quiet"] == NANJING
    assert {p["path"]: p["on_quiet_day"] for p in official["posts"]} == {promo: True, service: False, draft: True}


# Qingming as published (中国天文年历 / the Hong Kong Observatory's tables of the 24 solar terms).
PUBLISHED_QINGMING = {
    2000: 4, 2001: 5, 2002: 5, 2003: 5, 2004: 4, 2005: 5, 2006: 5, 2007: 5, 2008: 4, 2009: 4,
    2010: 5, 2011: 5, 2012: 4, 2013: 4, 2014: 5, 2015: 5, 2016: 4, 2017: 4, 2018: 5, 2019: 5,
    2020: 4, 2021: 4, 2022: 5, 2023: 5, 2024: 4, 2025: 4, 2026: 5, 2027: 5, 2028: 4, 2029: 4,
    2030: 5, 2031: 5, 2032: 4, 2033: 4, 2034: 5, 2035: 5, 2036: 4, 2037: 4, 2038: 5, 2039: 5,
    2040: 4, 2041: 4, 2042: 4, 2043: 5, 2044: 4, 2045: 4, 2046: 4, 2047: 5, 2048: 4, 2049: 4,
    2050: 4,
}


@pytest.mark.parametrize("year", sorted(PUBLISHED_QINGMING))
def test_qingming_equals_the_published_date(year):
    assert qingming(year) == date(year, 4, PUBLISHED_QINGMING[year])


def test_qingming_is_quiet_in_each_year(repo):
    first = repo.post("promo", "2026-04-05 10:00")  # Qingming 2026
    repo.post("promo", "2026-04-04 10:00")  # not Qingming in 2026
    second = repo.post("promo", "2027-04-05 10:00")
    found = wb410(repo)
    assert sorted(p["path"] for p in found) == sorted([first, second])
    assert all("清明节" in p["message"] for p in found)


def test_a_custom_quiet_day_for_one_account(repo):
    quiet_days(repo, "  - date: 2026-11-25\n    reason: 全国哀悼日\n    accounts: [official]\n"
                     "  - date: 05-12\n    reason: 汶川地震纪念日\n")
    mourning = repo.post("promo", "2026-11-25 10:00")
    yearly = repo.post("promo", "2027-05-12 10:00")
    found = {p["path"]: p["message"] for p in wb410(repo)}
    assert set(found) == {mourning, yearly}
    assert "全国哀悼日" in found[mourning] and "汶川地震纪念日" in found[yearly]
    assert run("new", "promo").output.strip() == "posts/2026-11/2026-11-24-promo-1.md"  # today, 10:00 is ahead
    fill(repo, "promo", "2026-11-24", "2026-11-24")
    assert run("new", "promo").output.strip() == "posts/2026-11/2026-11-26-promo-1.md"  # 11-25 skipped


def test_a_quiet_day_for_another_account_does_not_apply(repo):
    quiet_days(repo, "  - date: 2026-11-25\n    reason: 全国哀悼日\n    accounts: [ceo]\n")
    repo.post("promo", "2026-11-25 10:00")
    assert wb410(repo) == []


def test_a_builtin_day_can_be_turned_off(repo):
    quiet_days(repo, "  - date: 12-13\n    quiet: false\n  - date: qingming\n    quiet: false\n"
                     "    accounts: [official]\n")
    repo.post("promo", "2026-12-13 10:00")
    repo.post("promo", "2026-04-05 10:00")
    kept = repo.post("promo", "2026-09-18 10:00")
    assert [p["path"] for p in wb410(repo)] == [kept]


@pytest.mark.parametrize("entries, expected", [
    ("  - date: 2026-13-01\n    reason: x\n", "weibo.yaml:16: 'quiet_days.0.date' must be a date like 2026-04-04"),
    ("  - reason: x\n", "weibo.yaml:16: 'quiet_days.0' has no date"),
    ("  - date: 2026-04-04 10:00\n    reason: x\n", "weibo.yaml:16: 'quiet_days.0.date' must be a date like"),
    ("  - date: 02-30\n    reason: x\n", "weibo.yaml:16: 'quiet_days.0.date' must be a date like"),
    ("  - date: 12-13\n", "weibo.yaml:16: 'quiet_days.0' has no reason"),
    ("  - date: 12-13\n    reason: x\n  - date: 12-14\n    reason: y\n    acounts: [official]\n",
     "weibo.yaml:20: unknown setting 'quiet_days.1.acounts' (did you mean 'accounts'?)"),
    ("  - date: 12-13\n    reason: x\n    accounts: [oficial]\n",
     "weibo.yaml:18: 'quiet_days.0.accounts': no account 'oficial' in weibo.yaml (did you mean 'official'?)"),
    ("  - date: 12-13\n    reason: x\n    quiet: maybe\n", "weibo.yaml:18: 'quiet_days.0.quiet' must be true or false"),
    ("  - 12-13\n", "weibo.yaml:16: 'quiet_days.0' must be a mapping with date and reason"),
    ("  {date: 12-13}\n", "weibo.yaml:15: 'quiet_days' must be a list of entries"),
])
def test_bad_entries_stop_with_file_and_line(repo, entries, expected):
    quiet_days(repo, entries)
    result = run("check", "--no-cache")
    assert result.exit_code == 2
    assert expected in result.output, result.output
    assert "Traceback" not in result.output


def test_promotional_must_be_true_or_false(repo):
    (repo.root / "columns" / "promo.yaml").write_text(COLUMNS["promo"].replace("true", "sometimes"), encoding="utf-8")
    result = run("check", "--format", "json", "--no-cache")
    found = [(p["path"], p["code"], p["message"]) for p in json.loads(result.output) if p["code"] == "WB303"]
    assert found == [("columns/promo.yaml", "WB303", "promotional: expected true or false, got 'sometimes'")]
