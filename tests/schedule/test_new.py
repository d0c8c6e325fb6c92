"""``weibo-lint new COLUMN``: a draft at the column's next free slot that lints clean."""
from __future__ import annotations

from click.testing import CliRunner

from tests.schedule.helpers import NOW, NOW_TEXT
from weibo_lint.cli import cli
from weibo_lint.schedule.scaffold import slug_of


def new(repo, monkeypatch, *args):
    monkeypatch.chdir(repo.root)
    return CliRunner().invoke(cli, ["new", *args, "--now", NOW_TEXT])


def test_the_next_free_slot_respects_cadence_posts_and_min_gap(repo, monkeypatch):
    repo.post("news", "2026-11-24 10:00")  # W48: Tuesday taken …
    repo.post("tips", "2026-11-26 09:30")  # … Thursday 10:00 is 30 min after a post of the account (min_gap 45m)
    result = new(repo, monkeypatch, "news", "--title", "Winter Gift Box!")
    assert result.exit_code == 0, result.output
    path = result.output.strip()
    assert path == "posts/2026-12/2026-12-01-news-winter-gift-box.md"  # the next Tuesday
    text = (repo.root / path).read_text()
    assert "publish_at: 2026-12-01 10:00\nstatus: draft\ntitle: Winter Gift Box!\nlink: https://www.example.com/\n" \
        in text


def test_a_full_period_is_skipped_and_drafts_occupy_their_slot(repo, monkeypatch):
    for day in ("2026-11-24", "2026-11-25", "2026-11-26"):  # W48 at its max of 3
        repo.post("news", f"{day} 10:00")
    first = new(repo, monkeypatch, "news").output.strip()
    second = new(repo, monkeypatch, "news").output.strip()
    assert (first, second) == ("posts/2026-12/2026-12-01-news-1.md", "posts/2026-12/2026-12-03-news-1.md")


def test_a_daily_column_fills_its_first_empty_day_and_chinese_titles_get_a_counter(repo, monkeypatch):
    repo.daily_posts("2026-11-24", 3)
    result = new(repo, monkeypatch, "daily", "--title", "入冬后的头一杯热饮")
    assert result.output.strip() == "posts/2026-11/2026-11-27-daily-1.md"
    again = new(repo, monkeypatch, "daily", "--title", "又一个问题")
    assert again.output.strip() == "posts/2026-11/2026-11-28-daily-1.md"


def test_the_scaffolded_post_lints_clean(repo, monkeypatch):
    for column in ("news", "daily", "tips"):
        assert new(repo, monkeypatch, column, "--title", "冬天的第一杯").exit_code == 0
    report = repo.report(now=NOW)
    assert [(p.path, p.code) for p in report.problems if p.path.startswith("posts/")] == []
    assert len(report.summaries) == 3


def test_an_unknown_column(repo, monkeypatch):
    result = new(repo, monkeypatch, "newz")
    assert result.exit_code == 2 and "no column 'newz'" in result.output and "did you mean 'news'" in result.output


def test_slugs():
    assert slug_of("Winter Gift Box!") == "winter-gift-box"
    assert slug_of("  --Hello__World 2026-- ") == "hello-world-2026"
    assert slug_of("冬天") is None and slug_of("!!!") is None and slug_of(None) is None
