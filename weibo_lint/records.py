"""The publisher's record of what went out, kept under ``published/`` where writers never edit.

One JSON file per post (``published/<account>/<post path under posts/, '/' as '__'>.json``),
so two publications never touch the same file and the publisher's commits never conflict
with writers'. A record's ``state`` is ``intent`` (about to call the API), ``published``,
or ``failed`` (a permanent error, not retried until the post's text changes).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from weibo_lint.config import Config
from weibo_lint.rules.base import Published

STATES = ("intent", "published", "failed")


@dataclass(frozen=True)
class RecordProblem:
    path: str
    message: str


def record_path(config: Config, post_path: str, account: str) -> Path:
    """Where the record of ``post_path`` lives (repository-relative post path in)."""
    posts = PurePosixPath(config.paths["posts"])
    pure = PurePosixPath(post_path)
    inside = pure.relative_to(posts) if pure.is_relative_to(posts) else pure
    name = "__".join(inside.with_suffix("").parts) + ".json"
    return config.dir("published") / account / name


def read_records(config: Config) -> tuple[dict[str, dict[str, Any]], list[RecordProblem]]:
    """Every record, by post path; unreadable records are reported, not skipped silently."""
    folder = config.dir("published")
    records: dict[str, dict[str, Any]] = {}
    problems: list[RecordProblem] = []
    if not folder.is_dir():
        return records, problems
    for file in sorted(folder.rglob("*.json")):
        where = file.relative_to(config.root).as_posix()
        try:
            data = json.loads(file.read_text("utf-8"))
            if not isinstance(data, dict) or data.get("state") not in STATES or not isinstance(data.get("path"), str):
                raise ValueError("not a publication record")
        except (OSError, ValueError) as exc:
            problems.append(RecordProblem(where, f"unreadable publication record: {exc}"))
            continue
        records[data["path"]] = data
    return records, problems


def load_published(config: Config) -> dict[str, Published]:
    """The posts that went out (state ``published``), by post path, for the linter's rules."""
    records, _problems = read_records(config)
    published = {}
    for path, data in records.items():
        if data.get("state") != "published":
            continue
        try:
            when = datetime.fromisoformat(data["published_at"])
        except (KeyError, TypeError, ValueError):
            continue
        published[path] = Published(path=path, account=str(data.get("account", "")), id=str(data.get("idstr", "")),
                                    published_at=when, text_hash=data.get("text_sha256"))
    return published
