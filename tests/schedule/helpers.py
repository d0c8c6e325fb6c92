"""A small real content repository in tmp_path with cadence, slots and posting rules.

``--now`` is Tuesday 2026-11-24 09:00 in Asia/Shanghai (01:00 UTC); the horizon is 14 days,
so it ends on Tuesday 2026-12-08 09:00: days 11-24 … 12-07 are complete, 12-08 is cut;
ISO weeks W48 (11-23 … 11-29) and W49 (11-30 … 12-06) are complete, W50 is cut.

Accounts: ``official`` (share, windows 09:30-12:00, 15:30-17:30, 20:30-23:30, min_gap 45m),
``ceo`` (manual). Columns: ``daily`` (ceo, 1 a day at 20:30), ``news`` (official, 2-3 a week,
tue/thu 10:00), ``tips`` (official, no cadence, no slots).
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.support import write_repository
from weibo_lint.check import run_check
from weibo_lint.config import load_config

NOW = datetime(2026, 11, 24, 1, 0, tzinfo=timezone.utc)
NOW_TEXT = "2026-11-24T09:00:00+08:00"

WEIBO_YAML = """\
timezone: Asia/Shanghai
accounts:
  official:
    name: 星河咖啡
    api: share
    safe_domain: www.example.com
    posting: {{min_per_day: {official_min}, max_per_day: {official_max}, min_gap: 45m,
              windows: ["09:30-12:00", "15:30-17:30", "20:30-23:30"], horizon: 14d}}
  ceo:
    name: 星河咖啡林晓
    api: manual
    limit: 2000
    posting: {{min_per_day: {ceo_min}, max_per_day: 3, min_gap: 30m}}
rules: {rules}
"""
COLUMNS = {
    "daily": "name: 每日一问\naccount: ceo\ntopic: 每日一问\ntemplate: daily.j2\n"
             "cadence: {per: day, min: 1, max: 1}\nslots: [\"20:30\"]\n",
    "news": "name: 新品速递\naccount: official\ntemplate: news.j2\n"
            "cadence: {per: week, min: 2, max: 3}\nslots: [\"tue 10:00\", \"周四 10:00\"]\n",
    "tips": "name: 服务小贴士\naccount: official\ntemplate: news.j2\n",
}
TEMPLATES = {
    "daily.j2": "#{{ column.topic }}# {{ body }}",
    "news.j2": "【{{ column.name }}】{{ body }}详情 {{ post.link }}",
}


class Repo:
    def __init__(self, root: Path, *, rules: str = "{}", official_min: int = 0, official_max: int = 8,
                 ceo_min: int = 0, columns: dict[str, str] | None = None) -> None:
        self.root = root
        self.counter = 0
        write_repository(root, WEIBO_YAML.format(rules=rules, official_min=official_min, official_max=official_max,
                                                 ceo_min=ceo_min),
                         columns=columns or COLUMNS, templates=TEMPLATES, folders=("columns", "templates", "posts"))

    def post(self, column: str, when: str, *, status: str = "approved", body: str | None = None,
             name: str | None = None, extra: str = "") -> str:
        """Write a post; returns its repository path. ``publish_at`` is on line 3."""
        self.counter += 1
        body = body if body is not None else f"第 {self.counter} 条：今天聊聊咖啡和生活里的第 {self.counter} 件小事。"
        link = "link: https://www.example.com/p/1\n" if column in ("news", "tips") else ""
        name = name or f"{when[:10]}-{column}-{self.counter}.md"
        path = self.root / "posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ncolumn: {column}\npublish_at: {when}\nstatus: {status}\n{link}{extra}---\n{body}\n",
                        encoding="utf-8")
        return f"posts/{name}"

    def daily_posts(self, first: str, days: int, *, skip: tuple[str, ...] = ()) -> list[str]:
        """One approved ``daily`` post at 20:30 on each of ``days`` days from ``first``."""
        start = datetime.fromisoformat(first)
        paths = []
        for offset in range(days):
            day = (start + timedelta(days=offset)).date().isoformat()
            if day not in skip:
                paths.append(self.post("daily", f"{day} 20:30"))
        return paths

    def record(self, post: str, account: str, published_at: str, *, text: str | None = None,
               state: str = "published", extra: dict | None = None) -> None:
        """A publication record for ``post`` (as the publisher writes it), with ``extra`` fields."""
        inside = Path(post).relative_to("posts").with_suffix("")
        target = self.root / "published" / account / ("__".join(inside.parts) + ".json")
        target.parent.mkdir(parents=True, exist_ok=True)
        data = {"path": post, "state": state, "account": account, "idstr": "5012345678901234",
                "published_at": published_at}
        if text is not None:
            data["text_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        data.update(extra or {})
        target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    def report(self, *, now: datetime = NOW, use_cache: bool = False, **kwargs):
        return run_check(load_config(self.root / "weibo.yaml"), now=now, use_cache=use_cache, **kwargs)

    def found(self, *codes: str, now: datetime = NOW) -> list[tuple[str, int, str]]:
        """(path, line, code) of each problem with one of ``codes``, sorted."""
        return sorted((p.path, p.line, p.code) for p in self.report(now=now).problems if p.code in codes)

    def problems(self, *codes: str, now: datetime = NOW):
        return [p for p in self.report(now=now).problems if p.code in codes]
