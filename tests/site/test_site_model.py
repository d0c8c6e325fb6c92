"""The pure page-model pieces, table-driven: card text, states, grids, cadence, metrics, charts."""
from __future__ import annotations

import ast
import dataclasses
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.site.site_helpers import NOW, REPO
from weibo_lint.config import load_config
from weibo_lint.model import Cadence, Column, Posting, PostSummary, Published
from weibo_lint.problem import Level, Problem
from weibo_lint.schedule import timeline
from weibo_lint.site import urls
from weibo_lint.site.calendar import column_health, quota_health
from weibo_lint.site.cards import grid_columns, post_state
from weibo_lint.site.cardtext import segments
from weibo_lint.site.charts import HeatCell, Series, heatmap, line_chart
from weibo_lint.site.metrics import collect, parse_rows

TZ = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize("text, expected", [
    ("#新品# 上市", [("topic", "#新品#"), ("text", " 上市")]),
    ("问 @小熊咖啡: 好", [("text", "问 "), ("mention", "@小熊咖啡"), ("text", ": 好")]),
    ("详情 https://example.com/a#b 见", [("text", "详情 "), ("link", "网页链接"), ("text", " 见")]),
    ("好喝[心]", [("text", "好喝"), ("emoticon", "[心]")]),
    ("plain", [("text", "plain")]),
])
def test_card_text_pieces(text, expected):
    assert [(s.kind, s.text) for s in segments(text)] == expected


def test_a_link_piece_keeps_its_url():
    (link,) = [s for s in segments("x https://example.com/p?q=1 y") if s.kind == "link"]
    assert link.value == "https://example.com/p?q=1"


@pytest.mark.parametrize("status, record, when, expected", [
    ("draft", None, "2026-11-24T10:00", "draft"),
    ("approved", None, "2026-11-24T10:00", "scheduled"),
    ("approved", None, "2026-11-23T09:00", "due"),
    ("approved", None, None, "scheduled"),
    ("approved", {"state": "intent"}, "2026-11-23T08:00", "publishing"),
    ("approved", {"state": "published"}, "2026-11-23T08:00", "published"),
    ("draft", {"state": "failed"}, "2026-11-23T08:00", "failed"),
    ("approved", {"state": "bogus"}, "2026-11-24T10:00", "scheduled"),
])
def test_post_state(status, record, when, expected):
    moment = datetime.fromisoformat(when).replace(tzinfo=TZ) if when else None
    assert post_state(status, record, moment, NOW) == expected


@pytest.mark.parametrize("pictures, columns", [(1, 1), (2, 2), (3, 3), (4, 2), (5, 3), (9, 3)])
def test_picture_grid_follows_weibo(pictures, columns):
    assert grid_columns(pictures) == columns


@pytest.mark.parametrize("page, target, href", [
    ("index.html", "post/2026-11/a.html", "post/2026-11/a.html"),
    ("post/2026-11/a.html", "index.html", "../../index.html"),
    ("column/x.html", "post/2026-11/a b#c.html", "../post/2026-11/a%20b%23c.html"),
    ("post/a.html", "media/images/图.png", "../media/images/%E5%9B%BE.png"),
    ("post/2026-11/a.html", "post/2026-11/b.html", "b.html"),
    ("post/2026-11/a.html", "post/2026-12/b.html", "../2026-12/b.html"),
    ("post/post/a.html", "post/b.html", "../b.html"),
    ("index.html", "index.html", "index.html"),
])
def test_relative_links(page, target, href):
    assert urls.relative(page, target) == href


@pytest.mark.parametrize("post_path, page", [
    ("posts/2026-11/a.md", "post/2026-11/a.html"),
    ("posts/a.markdown", "post/a.html"),
    ("elsewhere/b.md", "post/elsewhere/b.html"),
    ("posts/a.b.md", "post/a.b.html"),
    ("posts/noext", "post/noext.html"),
    ("posts/../x.md", None),
    ("/abs/x.md", None),
])
def test_post_pages(post_path, page):
    made = urls.post_page(post_path, "posts")
    if page is None:  # never outside the post/ folder: a hashed name instead
        assert re.fullmatch(r"post/[0-9a-f]{16}\.html", made)
    else:
        assert made == page


def test_pictures_outside_the_site_get_no_media_path():
    assert urls.media_path("../etc/passwd") is None and urls.media_path("/etc/passwd") is None
    assert urls.media_path("images/a.png") == "media/images/a.png"


def _summary(path, when, status="approved", column="news", account="brand"):
    return PostSummary(path, column, account, status, datetime.fromisoformat(when).replace(tzinfo=TZ), 3, "text")


def _column(per, low, high, slug="news", account="brand"):
    return Column(slug, f"columns/{slug}.yaml", slug, account, None, None, None, Cadence(per, low, high), (), {}, {})


def test_weekly_health_counts_each_week_ignores_drafts_and_leaves_cut_weeks_open():
    posts = [_summary("a.md", "2026-11-24 10:00"), _summary("b.md", "2026-11-26 10:00"),
             _summary("c.md", "2026-11-27 10:00"), _summary("d.md", "2026-12-01 10:00", status="draft"),
             _summary("e.md", "2026-12-08 10:00", status="draft")]
    line = timeline.build(posts, {}, TZ)
    periods = column_health(_column("week", 1, 2), line, now=NOW, horizon=timedelta(days=14), tz=TZ)
    assert [(p.label, p.count, p.state) for p in periods] == [
        ("11-23 – 11-29", 3, "excess"), ("11-30 – 12-06", 0, "gap"), ("12-07 – 12-13", 0, "open")]


def test_a_published_post_counts_when_it_went_out():
    posts = [_summary("a.md", "2026-11-30 10:00")]
    went_out = {"a.md": Published("a.md", "brand", "1", datetime(2026, 11, 24, 10, 0, tzinfo=TZ))}
    periods = column_health(_column("day", 1, 1), timeline.build(posts, went_out, TZ), now=NOW,
                            horizon=timedelta(days=2), tz=TZ)
    assert [(p.label, p.count, p.state) for p in periods] == [
        ("11-23 Mon", 0, "gap"), ("11-24 Tue", 1, "ok"), ("11-25 Wed", 0, "open")]


def test_monthly_health_and_quota():
    months = column_health(_column("month", 1, None), timeline.build([], {}, TZ), now=NOW,
                           horizon=timedelta(days=40), tz=TZ)
    assert [(p.label, p.state, p.wanted) for p in months] == [
        ("2026-11", "gap", "≥ 1"), ("2026-12", "gap", "≥ 1"), ("2027-01", "open", "≥ 1")]
    posts = [_summary("a.md", "2026-11-23 10:00"), _summary("b.md", "2026-11-23 11:00")]
    quota = quota_health("brand", Posting(min_per_day=0, max_per_day=1, horizon=timedelta(days=1)),
                         timeline.build(posts, {}, TZ), now=NOW, tz=TZ)
    assert [(p.label, p.count, p.state) for p in quota] == [("11-23 Mon", 2, "excess"), ("11-24 Tue", 0, "ok")]


def test_metrics_rows_with_header_strings_aliases_and_bad_rows():
    text = ("id,fetched_at,likes,comments,reposts\n"
            "1,2026-11-21T06:00:00+08:00,\"10\",2.0,1\n"
            "1,2026-11-22T06:00:00,20,4,2\n"  # no offset: the configured zone
            "2,yesterday,1,1,1\n"
            "3,2026-11-22T06:00:00Z,-1,0,0\n"
            "\n"
            "4,2026-11-22T06:00:00Z\n")
    rows, skipped = parse_rows(text, TZ)
    assert [(r.id, r.attitudes, r.comments, r.reposts) for r in rows] == [("1", 10, 2, 1), ("1", 20, 4, 2)]
    assert rows[1].fetched_at.tzinfo == TZ and skipped == 3


def test_metrics_without_header_and_the_newest_fetch_wins():
    data = collect(["2026-11-22T06:00:00+08:00,9,1,1,1\n", ("2026-11-21T06:00:00+08:00,9,5,5,5\n"
                                                            "2026-11-23T06:00:00+08:00,9,2,3,4\n"), "garbage"], TZ)
    assert data.latest["9"].engagement == 9 and data.rows == 3 and data.skipped == 1


def test_charts_escape_labels_and_are_empty_without_data():
    chart = line_chart([Series("<b>x</b>", ((date(2026, 11, 20), 3.0), (date(2026, 11, 21), 5.0)))],
                       title="t & t", unit="u")
    assert "<b>" not in chart and "&lt;b&gt;x&lt;/b&gt;" in chart and "t &amp; t" in chart
    assert chart.count("<circle") == 2
    assert line_chart([], title="t", unit="u") == "" and heatmap([], title="t", unit="u") == ""
    heat = heatmap([HeatCell(0, 20, 2, 10.0), HeatCell(4, 10, 1, 5.0)], title="h", unit="u")
    assert heat.count('class="empty"') == 7 * 24 - 2 and "Mon 20:00 — 2 posts" in heat


def _problem(path, code, level=Level.ERROR, related=()):
    return Problem(path, 1, 1, code, "name", level, f"{code} message", related)


def test_linter_findings_show_on_the_calendar_and_the_column(tmp_path):
    """Collisions (on both posts) and gaps (on the column file) that the schedule rules report
    are visible, whatever rules exist today: the problems are injected."""
    from weibo_lint.site.inputs import gather
    from weibo_lint.site.pages import SiteSettings, site_pages
    from weibo_lint.site.writer import environment, render_page

    config = load_config(REPO / "weibo.yaml")
    data, _media = gather(config, now=NOW, use_cache=False)
    a, b = "posts/2026-11/2026-11-23-evening-rainy-day.md", "posts/2026-11/2026-11-24-evening-draft.md"
    data = dataclasses.replace(data, problems=[
        _problem(a, "WB405", related=(b,)),
        _problem("columns/evening.yaml", "WB401", Level.WARNING),
    ])
    pages = {page.path: page for page in site_pages(data, SiteSettings())}
    env = environment(None)
    index = render_page(env, pages["index.html"])
    assert index.count('title="WB405 message">WB405</span>') == 2  # on both posts of the collision
    assert '<a href="column/evening.html"><code>columns/evening.yaml</code></a>' in index
    column = render_page(env, pages["column/evening.html"])
    assert "WB401 message" in column
    draft = render_page(env, pages["post/2026-11/2026-11-24-evening-draft.html"])
    assert "WB405 message" in draft and f"with {b}" in draft


CORE = ("urls", "cardtext", "cards", "calendar", "metrics", "charts", "dashboard", "pages", "summary")
EDGE_MODULES = {"click", "requests", "git", "subprocess", "http", "urllib.request", "socket", "shutil",
                "playwright", "weibo_lint.check", "weibo_lint.repository", "weibo_lint.records",
                "weibo_lint.site.inputs", "weibo_lint.site.writer", "weibo_lint.site.build"}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def edge_imports(path: Path) -> set[str]:
    return {name for name in _imports(path) if any(name == e or name.startswith(e + ".") for e in EDGE_MODULES)}


@pytest.mark.parametrize("module", CORE)
def test_the_page_model_does_no_io(module):
    import weibo_lint.site as site

    assert edge_imports(Path(site.__file__).parent / f"{module}.py") == set()


def test_the_import_check_sees_an_edge_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import click\nfrom weibo_lint.records import read_records\n", "utf-8")
    assert edge_imports(bad) == {"click", "weibo_lint.records"}


def test_engagement_is_drawn_by_day_then_by_week_over_long_histories():
    from types import SimpleNamespace

    from weibo_lint.site.dashboard import _engagement_series

    def measured(day: str, engagement: int):
        metrics = SimpleNamespace(engagement=engagement)
        when = datetime.fromisoformat(f"{day} 10:00").replace(tzinfo=TZ)
        return SimpleNamespace(column_name="新品", publication=SimpleNamespace(metrics=metrics)), when

    short = [measured("2026-11-02", 10), measured("2026-11-03", 20), measured("2026-11-03", 40)]
    series, bucket = _engagement_series(short)
    assert bucket == "day" and series[0].points == ((date(2026, 11, 2), 10.0), (date(2026, 11, 3), 30.0))
    long = short + [measured("2027-02-10", 5)]
    series, bucket = _engagement_series(long)
    assert bucket == "week"
    assert series[0].points == ((date(2026, 11, 2), 70 / 3), (date(2027, 2, 8), 5.0))
