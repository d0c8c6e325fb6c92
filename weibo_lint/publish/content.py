"""From a check report to the publisher's candidates: rendered text, pictures, lint errors.

The file system edge of the publisher: reads the post files (for their fingerprint) and
the pictures to upload.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path, PurePosixPath

from weibo_lint.check import gather, run_check
from weibo_lint.config import Config
from weibo_lint.problem import Level
from weibo_lint.publish.api import Picture
from weibo_lint.publish.plan import Candidate
from weibo_lint.records import Record
from weibo_lint.repository import picture_file, picture_kind
from weibo_lint.safe_read import MIB, PICTURE_HEAD, POST_BYTES, read_inside

PICTURE_BYTES = 20 * MIB  # Weibo takes under 5 MB; the linter refuses more (WB603) before this

# Findings about the publication itself, which publishing resolves: never a reason not to publish.
NOT_BLOCKING = frozenset({"WB407"})  # past-due-unpublished
_MIME = {"jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}


def source_sha256(root: Path, path: str) -> str:
    data = read_inside(root, path, POST_BYTES)  # never through a link out, never a FIFO
    return "" if isinstance(data, OSError) else hashlib.sha256(data).hexdigest()


def candidates(config: Config, records: Mapping[str, Record], now: datetime,
               mine: Callable[[str | None], bool] = lambda account: True) -> list[Candidate]:
    """Approved, due posts not yet published, of the accounts ``mine`` accepts (a shard's),
    re-checked: every post's summary comes from the linter's index (cheap), then only these
    posts are checked (``run_check`` targets), with the collection rules over the whole
    repository."""
    due = [s for s in gather(config).summaries
           if s.status == "approved" and s.publish_at is not None and s.publish_at <= now
           and not (s.path in records and records[s.path].state == "published") and mine(s.account)]
    if not due:
        return []
    report = run_check(config, now=now, targets=[config.root / s.path for s in due])
    errors: dict[str, list[str]] = {}
    for problem in report.problems:
        if problem.level is Level.ERROR and problem.code not in NOT_BLOCKING:
            errors.setdefault(problem.path, []).append(f"{problem.code} {problem.message}")
    found = []
    for summary in due:
        result = report.results.get(summary.path)
        pictures, picture_errors = [], []
        for info in result.images if result is not None else ():
            file = picture_file(config.root, info.path, summary.path)
            if file is None or not info.exists:
                picture_errors.append(f"picture {info.path!r} is not a file in the repository")
            elif file not in pictures:
                pictures.append(file)
        found.append(Candidate(
            path=summary.path, account=summary.account, column=summary.column, publish_at=summary.publish_at,
            text=summary.text, pictures=tuple(pictures),
            errors=tuple(errors.get(summary.path, []) + picture_errors),
            source_sha256=source_sha256(config.root, summary.path)))
    return found


class PictureError(Exception):
    """A picture that cannot be sent: gone, outside the repository, not a file, too large."""


def load_picture(root: Path, rel: str) -> Picture:
    data = read_inside(root, rel, PICTURE_BYTES)
    if isinstance(data, OSError):
        raise PictureError(f"picture {rel}: {data.strerror or data}")
    # WB603 keeps any other kind from being published; the type is only the upload's label.
    kind = picture_kind(data[:PICTURE_HEAD]) or "jpeg"
    return Picture(PurePosixPath(rel).name, data, _MIME[kind])
