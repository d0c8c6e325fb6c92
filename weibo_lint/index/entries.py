"""Index entries: what the index holds per file (stat facts, identity, what the rules need)."""
from __future__ import annotations

import json
import os
from datetime import datetime, timezone, tzinfo
from typing import Any, NamedTuple

from weibo_lint.model import PostSummary

MARGIN_NS = 2_000_000_000  # coarse file-system clocks (FAT: 2 s) and a scan's own duration
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

Stat = str  # "size:mtime_ns:ctime_ns:inode", compared as a whole


def stat_of(result: os.stat_result) -> Stat:
    return f"{result.st_size}:{result.st_mtime_ns}:{result.st_ctime_ns}:{result.st_ino}"


def trusted(stat: Stat, stored: Stat, scanned_ns: int) -> bool:
    """Whether a file whose stat facts were ``stored`` at ``scanned_ns`` is surely unchanged
    (git's "racy clean" rule: a file written in the clock tick of the scan proves nothing)."""
    if not stored or stat != stored:
        return False
    _size, mtime, ctime, _inode = stat.split(":")
    return max(int(mtime), int(ctime)) < scanned_ns - MARGIN_NS


def micros(instant: datetime, tz: tzinfo) -> int:
    """An instant as whole microseconds since 1970 (exact, for the index's time columns);
    a naive one is read in ``tz``."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=tz)
    return (instant - EPOCH) // _MICROSECOND


_MICROSECOND = datetime.resolution


def file_order(path: str) -> bytes:
    """A sort key giving the order of ``sorted(Path.rglob(...))``: part by part."""
    return b"\0".join(part.encode("utf-8", "surrogateescape") for part in path.split("/"))


class PostEntry(NamedTuple):
    path: str
    stat: Stat  # "" for a file that could not be read
    scanned_ns: int
    key: str  # content_key() of its bytes
    blob: str  # git's id of its bytes
    clean: bool  # its bytes are what the index's commit (Store.tree) holds at its path
    summary: PostSummary | None
    images: tuple[str, ...] = ()  # repository paths of the picture files it attaches


class RecordEntry(NamedTuple):
    """A file under ``published/`` and what the index takes from it (``records.parse_record``)."""

    path: str
    stat: Stat
    scanned_ns: int
    blob: str
    clean: bool
    post: str | None  # the post's path; None: not a publication record
    published_at: str = ""  # "" unless the state is ``published`` with a valid ISO time
    account: str = ""
    id: str = ""
    text_hash: Any = None  # text_sha256 as written (a text, or None)
    note: str = ""  # records.unfinished_note: "" unless the record is not ``published``


def post_entry_of_row(row: tuple) -> PostEntry:
    path, stat, scanned, key, blob, clean, has_summary, column, account, status, publish_at, line, images, text = row
    summary = None
    if has_summary:
        when = datetime.fromisoformat(publish_at) if publish_at else None
        summary = PostSummary(path, column, account, status, when, line, text)
    return PostEntry(path, stat, scanned, key, blob, bool(clean), summary,
                     tuple(images.split("\x1f")) if images else ())


def record_entry_of_row(row: tuple) -> RecordEntry:
    path, stat, scanned, blob, clean, post, published_at, account, id_, digest, note = row
    return RecordEntry(path, stat, scanned, blob, bool(clean), post, published_at or "", account or "", id_ or "",
                       None if digest is None else json.loads(digest), note or "")
