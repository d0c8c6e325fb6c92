"""A content repository of real Weibo posts, for benchmarks.

The texts come from ``../shared/corpus/weibo-real-20k.jsonl.gz`` (see its README): real posts
with stacked topics, reposts, near-duplicates, long posts and stray ``#`` and ``@``, which
generated text does not have. Each becomes a post of one ``manual`` account's column, whose
template opens it with the column's topic; every post is approved and in the future of
``NOW``, so every rule, the schedule's included, has work to do.
"""
from __future__ import annotations

import gzip
import json
import os
from datetime import datetime, timedelta, timezone
from hashlib import sha256
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "weibo-real-20k.jsonl.gz"
NOW = "2026-01-01T00:00:00+08:00"  # every post is after this

CONFIG = """\
timezone: Asia/Shanghai
accounts:
  brand:
    name: 星河咖啡
    api: manual
    limit: 2000
    pictures: 9
    posting:
      max_per_day: 12
      min_gap: 30m
      horizon: 14d
rules: {}
"""
COLUMN = "name: 每日见闻\naccount: brand\ntopic: 每日见闻\ntemplate: daily.j2\ncadence: {per: day, min: 1, max: 12}\n"
TEMPLATE = "#{{ column.topic }}# {{ body }}"


def corpus_path() -> Path:
    return Path(os.environ.get("WEIBO_LINT_CORPUS", CORPUS))


def load_texts(path: Path | None = None) -> list[str]:
    """The corpus's texts, in file order; FileNotFoundError when it is not there."""
    with gzip.open(path or corpus_path(), "rt", encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def build(root: Path, texts: list[str], count: int, published: int = 0) -> list[Path]:
    """Write a repository of ``count`` posts (the texts repeat when there are fewer) into
    ``root``; the first ``published`` of them went out before ``NOW`` and have their records."""
    (root / "columns").mkdir(parents=True, exist_ok=True)
    (root / "templates").mkdir(exist_ok=True)
    (root / "weibo.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "columns" / "daily.yaml").write_text(COLUMN, encoding="utf-8")
    (root / "templates" / "daily.j2").write_text(TEMPLATE, encoding="utf-8")
    step = timedelta(minutes=40)
    start = datetime(2026, 1, 2, 8, 0) - step * published
    paths = []
    folders: set[Path] = set()
    for index in range(count):
        text = texts[index % len(texts)]
        when = start + step * index
        folder = root / "posts" / when.strftime("%Y-%m")
        if folder not in folders:
            folder.mkdir(parents=True, exist_ok=True)
            folders.add(folder)
        path = folder / f"{when:%Y-%m-%d-%H%M}-daily-{index}.md"
        path.write_text(f"---\ncolumn: daily\npublish_at: {when:%Y-%m-%d %H:%M}\nstatus: approved\n---\n{text}\n",
                        encoding="utf-8")
        paths.append(path)
        if index < published:
            _record(root, path.relative_to(root).as_posix(), f"#每日见闻# {text}", index, when)
    return paths


def _record(root: Path, post: str, text: str, index: int, when: datetime) -> None:
    """The publisher's record of a post that went out at ``when`` (Beijing time)."""
    record = root / "published" / "brand" / (post[len("posts/"):].replace("/", "__") + ".json")
    record.parent.mkdir(parents=True, exist_ok=True)
    at = (when - timedelta(hours=8)).replace(tzinfo=timezone.utc)
    record.write_text(json.dumps({
        "path": post, "state": "published", "account": "brand", "column": "daily", "text": text,
        "text_sha256": sha256(text.encode()).hexdigest(), "idstr": str(5_000_000_000_000_000 + index),
        "published_at": at.isoformat(), "via": "manual",
    }, ensure_ascii=False), encoding="utf-8")
