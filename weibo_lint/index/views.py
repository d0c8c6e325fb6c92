"""The collection's posts and publications, read from the index as the rules ask for them.

``Summaries`` is every post's summary and ``Publications`` every publication: the
``PostsView`` and ``PublicationsView`` (model.py) a collection holds, decoded only
when walked whole. The schedule timeline asks ``Summaries.relevant()`` for what its rules
can look at (pending posts, and publications near ``now`` or near a pending post); WB408
asks ``Publications.with_digests()`` for repeats. So a warm run over 50,000 posts decodes
a few hundred rows.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta, tzinfo
from json.encoder import encode_basestring as _json_text
from typing import Any

from weibo_lint.cache import in_chunks
from weibo_lint.index.entries import micros
from weibo_lint.model import EveryPost, PostSummary, Published

_PUB = "pub.post, pub.account, pub.id, pub.published_at, pub.hash"


def _published(row: tuple) -> Published:
    post, account, id_, published_at, digest = row
    return Published(path=post, account=account, id=id_, published_at=datetime.fromisoformat(published_at),
                     text_hash=None if digest is None else json.loads(digest))


_SUMMARY = "path, column_slug, account, status, publish_at, line, text"  # a PostSummary's columns


def _summary(row: tuple) -> PostSummary:
    """A summary from the ``_SUMMARY`` columns of a row with ``has_summary = 1`` (the schedule
    decodes every pending post's on every run: no more than that is read)."""
    path, column, account, status, publish_at, line, text = row
    return PostSummary(path, column, account, status, datetime.fromisoformat(publish_at) if publish_at else None,
                       line, text)


class Summaries(EveryPost):
    """Every post's summary, by path (``PostSummary`` values), from the index."""

    def __init__(self, db: sqlite3.Connection, tz: tzinfo) -> None:
        self.db, self.tz = db, tz

    def _load(self) -> tuple[PostSummary, ...]:
        rows = self.db.execute(f"SELECT {_SUMMARY} FROM posts WHERE has_summary = 1 ORDER BY path")
        return tuple(_summary(row) for row in rows)

    def relevant(self, start: datetime, end: datetime,
                 reach: timedelta) -> list[tuple[PostSummary, Published | None]]:
        """Pending posts (approved, with a time, never published), and the posts published in
        ``[start, end)`` or within ``reach`` of a pending post, with their publications."""
        columns = ", ".join(f"p.{c}" for c in _SUMMARY.split(", "))
        rows = self.db.execute(f"SELECT {columns}, p.publish_us FROM posts p WHERE p.pending = 1 ORDER BY p.path")
        pending: list[tuple[PostSummary, Published | None]] = []
        anchors = []
        for *summary, at in rows:
            pending.append((_summary(summary), None))
            anchors.append(at)  # pending: it has a time
        ranges = [(micros(start, self.tz), micros(end, self.tz) - 1)]  # [start, end) in whole microseconds
        ranges += [(at - _us(reach), at + _us(reach)) for at in anchors]
        found: dict[str, tuple[PostSummary, Published | None]] = {}
        width = len(_SUMMARY.split(", "))
        for lo, hi in _merged(ranges):
            for row in self.db.execute(f"SELECT {columns}, {_PUB} FROM pub JOIN posts p ON p.path = pub.post "
                                       "WHERE p.has_summary = 1 AND pub.published_us BETWEEN ? AND ?", (lo, hi)):
                found[row[0]] = (_summary(row[:width]), _published(row[width:]))
        return pending + [found[path] for path in sorted(found)]


class Publications(Mapping[str, Published]):
    """Every publication, by post path (``Published`` values), from the index."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._all: dict[str, Published] | None = None

    def _everything(self) -> dict[str, Published]:
        if self._all is None:
            rows = self.db.execute(f"SELECT {_PUB} FROM pub ORDER BY pub.first_file_order")
            self._all = {row[0]: _published(row) for row in rows}
        return self._all

    def __getitem__(self, post: str) -> Published:
        if self._all is not None:
            return self._all[post]
        row = self.db.execute(f"SELECT {_PUB} FROM pub WHERE pub.post = ?", (post,)).fetchone()
        if row is None:
            raise KeyError(post)
        return _published(row)

    def __contains__(self, post: object) -> bool:
        if self._all is not None:
            return post in self._all
        return self.db.execute("SELECT 1 FROM pub WHERE post = ?", (post,)).fetchone() is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._everything())

    def __len__(self) -> int:
        return len(self._everything())

    def with_digests(self, wanted: set[str]) -> list[Published]:
        """The publications whose ``text_sha256`` is one of ``wanted``, in mapping order."""
        if not wanted:
            return []
        found: list[tuple[Any, Published]] = []
        digests = sorted(map(_json_text, wanted))  # as the column holds them: json.dumps, C's half of it
        for chunk, marks in in_chunks(digests):
            found += [(row[0], _published(row[1:])) for row in self.db.execute(
                f"SELECT pub.first_file_order, {_PUB} FROM pub WHERE pub.hash IN ({marks})", chunk)]
        return [published for _first, published in sorted(found, key=lambda pair: pair[0])]

    def without_digest(self) -> list[tuple[Published, str | None]]:
        """The publications without a usable ``text_sha256``, with their post's text (if any)."""
        rows = self.db.execute(f"SELECT {_PUB}, p.text FROM pub LEFT JOIN posts p ON p.path = pub.post "
                               "WHERE pub.hash_ok = 0 ORDER BY pub.first_file_order")
        return [(_published(row[:5]), row[5]) for row in rows]


def _us(delta: timedelta) -> int:
    return delta // datetime.resolution


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged
