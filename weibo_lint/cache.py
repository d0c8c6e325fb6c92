"""A content-hash cache of per-post results, in a folder the user may delete at any time.

The key of a post is the hash of its bytes, its path, and everything its check depends on
(tool version, weibo.yaml, every column file and template). Pictures are re-probed on
every run and compared with the cached facts. JSON, never pickle: a cache folder could
arrive in a pull request, and loading it must not run code.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

from weibo_lint import __version__
from weibo_lint.engine import PostResult
from weibo_lint.problem import Edit, Level, Problem
from weibo_lint.rules.base import ImageInfo, PostSummary

FILE_NAME = "posts-v1.json"


def environment_key(parts: Iterable[bytes | str]) -> str:
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


class PostCache:
    def __init__(self, folder: Path | None, env_key: str) -> None:
        self.folder = folder
        self.env_key = env_key
        self.entries: dict[str, Any] = {}
        self.fresh: dict[str, Any] = {}
        if folder is not None:
            try:
                data = json.loads((folder / FILE_NAME).read_text("utf-8"))
                if isinstance(data, dict) and data.get("env") == env_key:
                    self.entries = data.get("posts", {})
            except (OSError, ValueError):
                pass  # no cache, or a broken one: start afresh

    def key(self, path: str, raw: bytes) -> str:
        return hashlib.sha256(path.encode() + b"\0" + raw).hexdigest()

    def get(self, key: str, probe) -> PostResult | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        try:
            result = _load(entry)
        except (KeyError, TypeError, ValueError):
            return None
        if any(probe(image.path, result.path) != image for image in result.images):
            return None
        self.fresh[key] = entry
        return result

    def put(self, key: str, result: PostResult) -> None:
        self.fresh[key] = _dump(result)

    def save(self) -> None:
        """Write the entries used this run (so the file does not grow forever), atomically."""
        if self.folder is None or (self.fresh.keys() == self.entries.keys()):
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / ".gitignore").write_text("*\n")
            fd, temp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({"env": self.env_key, "posts": self.fresh}, handle, ensure_ascii=False,
                          separators=(",", ":"))
            os.replace(temp, self.folder / FILE_NAME)
        except OSError:
            pass  # a cache that cannot be written only costs speed


def _dump(result: PostResult) -> dict:
    summary = result.summary
    return {
        "path": result.path,
        "problems": [
            [p.path, p.line, p.column, p.code, p.name, p.level.value, p.message, list(p.related),
             [[e.start, e.end, e.text] for e in p.fix]]
            for p in result.problems
        ],
        "summary": None if summary is None else {
            "path": summary.path, "column": summary.column, "account": summary.account,
            "status": summary.status,
            "publish_at": summary.publish_at.isoformat() if summary.publish_at else None,
            "publish_line": summary.publish_line, "text": summary.text,
        },
        "images": [[i.path, i.exists, i.outside, i.size, i.kind] for i in result.images],
    }


def _load(entry: dict) -> PostResult:
    problems = tuple(
        Problem(path, line, column, code, name, Level(level), message, tuple(related),
                tuple(Edit(*edit) for edit in fix))
        for path, line, column, code, name, level, message, related, fix in entry["problems"]
    )
    data = entry["summary"]
    summary = None
    if data is not None:
        data = dict(data)
        data["publish_at"] = datetime.fromisoformat(data["publish_at"]) if data["publish_at"] else None
        summary = PostSummary(**data)
    images = tuple(ImageInfo(*image) for image in entry["images"])
    return PostResult(entry["path"], problems, summary, images)
