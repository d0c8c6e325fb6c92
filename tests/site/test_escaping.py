"""User text is shown as text: a post, title, column, account or template containing markup
never becomes markup, in the pages or in the charts."""
from __future__ import annotations

import json
import re

from tests.site.site_helpers import build, copy_repo

EVIL = '<script>alert("x")</script>'


def _evil_repo(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    config = (repo / "weibo.yaml").read_text("utf-8")
    (repo / "weibo.yaml").write_text(config.replace("name: 小熊咖啡老板", "name: 老板<b>粗</b>")
                                     .replace("title: 小熊咖啡 content plan", "title: <i>plan</i>"), "utf-8")
    column = (repo / "columns" / "evening.yaml").read_text("utf-8")
    (repo / "columns" / "evening.yaml").write_text(column.replace("name: 晚安一问", "name: 晚安<img src=x onerror=alert(1)>"),
                                                   "utf-8")
    (repo / "templates" / "evening.j2").write_text('<script>alert("template")</script>#{{ column.topic }}# {{ body }}',
                                                   "utf-8")
    post = repo / "posts" / "2026-11" / "2026-11-20-evening-first-cup.md"
    post.write_text(post.read_text("utf-8").replace("title: 第一杯咖啡", f"title: '{EVIL}'")
                    .replace("你喝过的", r'\<script>alert("body")\</script> "quoted" & 你喝过的'), "utf-8")
    return repo


def test_markup_in_user_text_is_escaped_everywhere(tmp_path):
    site = build(_evil_repo(tmp_path))
    pages = {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in site.rglob("*.html")}
    for name, html in pages.items():
        assert not re.search(r"<script|<img src=x|<b>粗|<i>plan", html, re.IGNORECASE), name
    card = pages["post/2026-11/2026-11-20-evening-first-cup.html"]
    assert '&lt;script&gt;alert(&#34;template&#34;)&lt;/script&gt;' in card
    assert '&lt;script&gt;alert(&#34;body&#34;)&lt;/script&gt; &#34;quoted&#34; &amp; 你喝过的' in card
    assert "<title>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; · &lt;i&gt;plan&lt;/i&gt;</title>" in card
    assert "老板&lt;b&gt;粗&lt;/b&gt;" in card
    assert "晚安&lt;img src=x onerror=alert(1)&gt;" in pages["index.html"]


def test_chart_labels_are_escaped(tmp_path):
    repo = _evil_repo(tmp_path)
    site = build(repo)
    metrics = (site / "metrics.html").read_text("utf-8")
    assert "<svg" in metrics  # the charts are drawn: the evil column has metrics
    assert "晚安&lt;img src=x onerror=alert(1)&gt;" in metrics
    assert "<img src=x" not in metrics


def test_a_record_url_that_is_not_http_is_not_linked(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    record = repo / "published" / "brand" / "2026-11__2026-11-19-news-oat.json"
    data = json.loads(record.read_text("utf-8"))
    data["url"] = "javascript:alert(1)"
    record.write_text(json.dumps(data), "utf-8")
    site = build(repo)
    page = (site / "post" / "2026-11" / "2026-11-19-news-oat.html").read_text("utf-8")
    assert "javascript:" not in page and "view on Weibo" not in page
