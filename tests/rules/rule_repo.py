"""Helpers for the rule tests: a small real content repository in tmp_path, checked through run_check.

Accounts: ``official`` (share, safe domain www.example.com), ``ceo`` (manual, 2000),
``sub`` (update, 2000). Columns:

- ``plain``: ceo, no template, no topic (the body is posted as it is)
- ``daily``: ceo, topic 每日一问, template ``#{{ column.topic }}# {{ body }}``
- ``news``: official, topic 新品速递, template ``【{{ column.name }}】{{ body }} {{ post.link }}``
- ``roast``: sub, topic 烘焙日记, no template

A post written with :meth:`Repo.post` has the front matter ``---``, ``column: …``, any
extra lines, ``---``; with no extra lines the body starts on line 4 (``BODY``).
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from tests.support import write_repository
from weibo_lint.check import run_check
from weibo_lint.config import load_config

BODY = 4  # the body's first line in a post without extra front matter
NOW = datetime(2026, 11, 24, 1, tzinfo=timezone.utc)

WEIBO_YAML = """\
timezone: Asia/Shanghai
accounts:
  official:
    name: 星河咖啡
    api: share
    safe_domain: www.example.com
    token_env: WEIBO_TOKEN_OFFICIAL
  ceo:
    name: 星河咖啡林晓
    api: manual
    limit: 2000
  sub:
    name: 星河咖啡烘焙工坊
    api: update
    limit: 2000
    token_env: WEIBO_TOKEN_SUB
rules: {rules}
"""

COLUMNS = {
    "plain": "name: 随手记\naccount: ceo\n",
    "daily": "name: 每日一问\naccount: ceo\ntopic: 每日一问\ntemplate: daily.j2\n",
    "news": "name: 新品速递\naccount: official\ntopic: 新品速递\ntemplate: news.j2\n",
    "roast": "name: 烘焙日记\naccount: sub\ntopic: 烘焙日记\n",
}
TEMPLATES = {
    "daily.j2": "#{{ column.topic }}# {{ body }}",
    "news.j2": "【{{ column.name }}】{{ body }} {{ post.link }}",
}
# The smallest files each format's magic bytes recognise.
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 32
GIF = b"GIF89a" + b"\0" * 32
WEBP = b"RIFF\0\0\0\0WEBPVP8 " + b"\0" * 32


class Repo:
    def __init__(self, root: Path, rules: str = "{}") -> None:
        self.root = root
        write_repository(root, WEIBO_YAML.format(rules=rules), columns=COLUMNS, templates=TEMPLATES,
                         folders=("columns", "templates", "posts", "images"))

    def post(self, body: str, *, column: str = "plain", front: str = "", name: str = "a.md") -> str:
        """Write posts/<name>; ``front`` is extra front matter lines (each ending in a newline)."""
        path = self.root / "posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ncolumn: {column}\n{front}---\n{body}", encoding="utf-8")
        return f"posts/{name}"

    def file(self, relative: str, data: bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def problems(self, *codes: str):
        config = load_config(self.root / "weibo.yaml")
        report = run_check(config, now=NOW, use_cache=False)
        return [p for p in report.problems if not codes or p.code in codes]

    def found(self, *codes: str) -> list[tuple[int, int, str]]:
        """(line, column, code) of each problem with one of ``codes``, sorted."""
        return sorted((p.line, p.column, p.code) for p in self.problems(*codes))
