"""The cache folder: the index of every post and publication record, and per-post results.

One SQLite file in a folder the user may delete at any time (without a folder, or when the
file cannot be used, the same tables live in memory for the run). It holds

* the *index*, one row per file: its stat facts and when they were taken, the hashes of its
  bytes, and what the collection rules need (a post's front matter summary and rendered
  text; a record's publication facts). Rows are queried, not loaded: a warm run touches
  the rows of the files that changed, and the rules ask only for the posts they look at
  (see index/views.py);
* WB408's near-duplicate pairs and what finds a new text's pairs (index/similar.py);
* the *results*: each post's problems and picture facts, keyed by the hash of its path and
  bytes, valid for one environment (tool version, weibo.yaml, every column file and
  template; a new environment empties the file).

A run holds the write lock from start to end (``BEGIN IMMEDIATE``), so its queries see its
own writes and no other run's; a second run waits, then works in memory. Data only: text,
numbers and JSON, never pickle: a cache folder could arrive in a pull request, and loading
it must not run code. A foreign or broken file is dropped.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any, NamedTuple

from weibo_lint import __version__
from weibo_lint.engine import PostResult
from weibo_lint.index.entries import PostEntry, RecordEntry, file_order, micros, post_entry_of_row, record_entry_of_row
from weibo_lint.model import ImageInfo
from weibo_lint.problem import Edit, Level, Problem
from weibo_lint.terminal import safe

FILE_NAME = "index-v13.sqlite"
SCHEMA = "13"
LOCK_TIMEOUT = 5.0  # seconds a run waits for another to finish with the file before using memory
POST_COLUMNS = ("path, stat, scanned, key, blob, clean, has_summary, column_slug, account, status, publish_at, line, "
                "images, text")
RECORD_COLUMNS = "path, stat, scanned, blob, clean, post, published_at, account, id, hash, note"
_POST_ROW = ("path, stat, scanned, key, blob, clean, has_summary, column_slug, account, status, publish_at, publish_us, "
             "line, images, text")

# Times are kept twice: as written (ISO text) and as whole microseconds since 1970 (``*_us``,
# index/entries.micros), which SQL compares; ``file_order`` is records' path order (entries.file_order).
_TABLES = {
    "meta": "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "posts": "CREATE TABLE posts (path TEXT PRIMARY KEY, stat TEXT, scanned INTEGER, key TEXT, blob TEXT, "
             "clean INTEGER, has_summary INTEGER, column_slug TEXT, account TEXT, status TEXT, publish_at TEXT, "
             "publish_us INTEGER, line INTEGER, images TEXT, text TEXT, pending INTEGER NOT NULL DEFAULT 0)",
    "records": "CREATE TABLE records (path TEXT PRIMARY KEY, stat TEXT, scanned INTEGER, blob TEXT, "
               "clean INTEGER, post TEXT, published_at TEXT, published_us INTEGER, account TEXT, id TEXT, hash TEXT, "
               "hash_ok INTEGER, file_order BLOB, note TEXT)",
    "pub": "CREATE TABLE pub (post TEXT PRIMARY KEY, record TEXT, published_at TEXT, published_us INTEGER, "
           "account TEXT, id TEXT, hash TEXT, hash_ok INTEGER, first_file_order BLOB)",
    "results": "CREATE TABLE results (path TEXT PRIMARY KEY, key TEXT NOT NULL, problems TEXT NOT NULL, "
               "images TEXT NOT NULL, report TEXT, keys TEXT, levels TEXT NOT NULL)",
    # WB408's near-duplicate search, per group (index/similar.py)
    "near_norm": "CREATE TABLE near_norm (digest TEXT PRIMARY KEY, norm TEXT, ndigest TEXT)",
    "near_gram": "CREATE TABLE near_gram (grp TEXT PRIMARY KEY, grams BLOB)",
    "near_text": "CREATE TABLE near_text (grp TEXT, digest TEXT, size INTEGER, prefix BLOB, PRIMARY KEY (grp, digest))",
    "near_pair": "CREATE TABLE near_pair (grp TEXT, a TEXT, b TEXT, similarity REAL)",
    "posts_dirty": "CREATE INDEX posts_dirty ON posts (clean, path)",
    "posts_pending": "CREATE INDEX posts_pending ON posts (pending, path)",
    "posts_column": "CREATE INDEX posts_column ON posts (column_slug)",
    "records_dirty": "CREATE INDEX records_dirty ON records (clean, path)",
    "records_post": "CREATE INDEX records_post ON records (post, file_order)",
    "pub_published": "CREATE INDEX pub_published ON pub (published_us)",
    "pub_hash": "CREATE INDEX pub_hash ON pub (hash)",
    "near_pair_a": "CREATE INDEX near_pair_a ON near_pair (grp, a)",
    "near_pair_b": "CREATE INDEX near_pair_b ON near_pair (grp, b)",
}

_EMPTIED = ("posts", "records", "pub", "results", "near_norm", "near_gram", "near_text", "near_pair")


IN_CHUNK = 500  # keys per ``IN (…)`` query, well inside SQLite's limit on a statement's parameters


def in_chunks(keys: Sequence[Any]) -> Iterator[tuple[list[Any], str]]:
    """``keys`` in chunks for ``IN (…)`` queries, each with its placeholders (``?,?,…``)."""
    for start in range(0, len(keys), IN_CHUNK):
        chunk = list(keys[start:start + IN_CHUNK])
        yield chunk, ",".join("?" * len(chunk))


def environment_key(parts: Iterable[bytes | str]) -> str:
    from weibo_lint import i18n

    digest = hashlib.sha256(__version__.encode() + b"\0" + i18n.current().encode())  # results hold messages
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def content_key(path: str, raw: bytes) -> str:
    return hashlib.sha256(path.encode() + b"\0" + raw).hexdigest()


class Store:
    """The index and results of one run. Failing to use the file costs speed, never results."""

    def __init__(self, folder: Path | None, env_key: str) -> None:
        self.folder = folder
        self.db = (_open(folder / FILE_NAME, env_key) if folder is not None else None) or _memory(env_key)
        if folder is not None and _MEMORY_MARK in _memory_runs(self.db):
            _note(folder, "cannot be written (read-only, locked by another run, or the disk is full)")
        self._unsettled: set[str] | None = set()  # posts whose pending flag may be stale (None: all)

    @property
    def tree(self) -> str | None:
        """The commit every ``clean`` row matches; None before the first run in git."""
        row = self.db.execute("SELECT value FROM meta WHERE name = 'tree'").fetchone()
        return row[0] if row and row[0] else None

    def commit(self, tree: str | None = None) -> None:
        """End the run's transaction, recording ``tree`` (the commit every clean row now matches)."""
        if tree is not None:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('tree', ?)", (tree,))
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:  # the disk is full: only speed is lost
            if self.folder is not None:
                _note(self.folder, f"could not be saved ({exc})")

    def abandon(self) -> None:
        """Drop this run's changes and the lock (a run that failed)."""
        try:
            self.db.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    def close(self) -> None:
        """Give the index up (uncommitted changes are dropped); views read from it stop working."""
        self.db.close()

    # -- posts ---------------------------------------------------------------------------
    def posts(self, where: str = "", params: Iterable[Any] = ()) -> Iterator[PostEntry]:
        for row in self.db.execute(f"SELECT {POST_COLUMNS} FROM posts {where}", tuple(params)):
            yield post_entry_of_row(row)

    def facts_where(self, table: str, where: str = "", params: Iterable[Any] = ()) -> dict[str, tuple]:
        """path -> the stored (stat, scanned_ns, key, blob, clean) of a post, (stat, scanned_ns,
        blob, clean) of a record, without decoding the rest."""
        columns = "stat, scanned, key, blob, clean" if table == "posts" else "stat, scanned, blob, clean"
        return {row[0]: row[1:] for row in self.db.execute(f"SELECT path, {columns} FROM {table} {where}",
                                                            tuple(params))}

    def facts_of(self, table: str, paths: list[str]) -> dict[str, tuple]:
        facts: dict[str, tuple] = {}
        for chunk, marks in in_chunks(paths):
            facts.update(self.facts_where(table, f"WHERE path IN ({marks})", chunk))
        return facts

    def blobs(self, table: str, paths: list[str] | None = None) -> dict[str, str]:
        if paths is None:
            return dict(self.db.execute(f"SELECT path, blob FROM {table}"))
        blobs: dict[str, str] = {}
        for chunk, marks in in_chunks(paths):
            blobs.update(self.db.execute(f"SELECT path, blob FROM {table} WHERE path IN ({marks})", chunk))
        return blobs

    def has(self, table: str, path: str) -> bool:
        return self.db.execute(f"SELECT 1 FROM {table} WHERE path = ?", (path,)).fetchone() is not None

    def posts_at(self, paths: list[str]) -> list[PostEntry]:
        entries: list[PostEntry] = []
        for chunk, marks in in_chunks(paths):
            entries += self.posts(f"WHERE path IN ({marks})", chunk)
        return entries

    def put_posts(self, entries: Iterable[PostEntry], tz: tzinfo) -> None:
        rows = []
        for e in entries:
            s = e.summary
            rows.append((e.path, e.stat, e.scanned_ns, e.key, e.blob, int(e.clean), int(s is not None),
                         s.column if s else None, s.account if s else None, s.status if s else None,
                         s.publish_at.isoformat() if s and s.publish_at else None,
                         micros(s.publish_at, tz) if s and s.publish_at else None, s.publish_line if s else None,
                         "\x1f".join(e.images), s.text if s else None))
        self.db.executemany(f"INSERT OR REPLACE INTO posts ({_POST_ROW}) VALUES ({', '.join('?' * 15)})", rows)
        self._unsettle(row[0] for row in rows)

    def drop(self, table: str, paths: Iterable[str]) -> None:
        self.db.executemany(f"DELETE FROM {table} WHERE path = ?", [(p,) for p in paths])

    def set_clean(self, table: str, flags: Mapping[str, bool], *, every_row: bool = False) -> None:
        """Set the rows' ``clean`` flags; ``every_row``: ``flags`` names every row of the table."""
        if every_row:  # mostly clean (HEAD's blobs): one statement for all, then the few that are not
            self.db.execute(f"UPDATE {table} SET clean = 1 WHERE clean = 0")
            self.db.executemany(f"UPDATE {table} SET clean = 0 WHERE path = ?", [(p,) for p, c in flags.items() if not c])
            return
        self.db.executemany(f"UPDATE {table} SET clean = ? WHERE path = ? AND clean != ?",
                            [(int(c), p, int(c)) for p, c in flags.items()])

    # -- records -------------------------------------------------------------------------
    def records(self, where: str = "", params: Iterable[Any] = ()) -> Iterator[RecordEntry]:
        for row in self.db.execute(f"SELECT {RECORD_COLUMNS} FROM records {where}", tuple(params)):
            yield record_entry_of_row(row)

    def put_records(self, entries: Iterable[RecordEntry], tz: tzinfo) -> None:
        self.db.executemany(
            f"INSERT OR REPLACE INTO records VALUES ({', '.join('?' * 14)})",
            [(e.path, e.stat, e.scanned_ns, e.blob, int(e.clean), e.post, e.published_at,
              micros(datetime.fromisoformat(e.published_at), tz) if e.published_at else None, e.account, e.id,
              None if e.text_hash is None else json.dumps(e.text_hash, ensure_ascii=False),
              int(bool(e.text_hash)), file_order(e.path), e.note) for e in entries])

    def unfinished(self) -> dict[str, tuple[str, str]]:
        """Post path -> (record path, its note) of the records that are not ``published``
        (``records.unfinished_note``), the last in file order winning."""
        return {post: (path, note) for post, path, note in self.db.execute(
            "SELECT post, path, note FROM records WHERE note != '' AND post IS NOT NULL ORDER BY file_order")}

    def record_posts(self, paths: Iterable[str]) -> set[str]:
        """The posts the records at ``paths`` name (as stored)."""
        posts: set[str] = set()
        for chunk, marks in in_chunks(list(paths)):
            posts.update(post for (post,) in self.db.execute(
                f"SELECT post FROM records WHERE post IS NOT NULL AND path IN ({marks})", chunk))
        return posts

    def settle(self) -> None:
        """Mark which posts written or republished this run are pending (approved, with a time,
        and no publication): call it once the posts and the publications are up to date."""
        pending = ("pending = (has_summary = 1 AND status = 'approved' AND publish_us IS NOT NULL "
                   "AND NOT EXISTS (SELECT 1 FROM pub WHERE pub.post = posts.path))")
        if self._unsettled is None or len(self._unsettled) > 2000:
            self.db.execute(f"UPDATE posts SET {pending}")
        else:
            self.db.executemany(f"UPDATE posts SET {pending} WHERE path = ?", [(p,) for p in self._unsettled])
        self._unsettled = set()

    def _unsettle(self, posts: Iterable[str] | None) -> None:
        if posts is None or self._unsettled is None:
            self._unsettled = None
        else:
            self._unsettled.update(posts)

    def resolve(self, posts: set[str] | None) -> None:
        """Bring the publications of ``posts`` (None: all) up to date with the records
        (as records are read: per post, the last record file in path order wins, if it
        says ``published`` with a valid time)."""
        self._unsettle(posts)
        if posts is None or len(posts) > 2000:
            self.db.execute("DELETE FROM pub")
            self.db.execute(
                "INSERT INTO pub SELECT post, path, published_at, published_us, account, id, hash, hash_ok, first FROM ("
                "  SELECT r.*, MIN(file_order) OVER (PARTITION BY post) AS first,"
                "         ROW_NUMBER() OVER (PARTITION BY post ORDER BY file_order DESC) AS n"
                "  FROM records r WHERE post IS NOT NULL"
                ") WHERE n = 1 AND published_at != ''")
            return
        for post in sorted(posts):
            self.db.execute("DELETE FROM pub WHERE post = ?", (post,))
            self.db.execute("INSERT INTO pub SELECT post, path, published_at, published_us, account, id, hash, hash_ok, "
                            "(SELECT MIN(file_order) FROM records WHERE post = ?) FROM records WHERE post = ? "
                            "ORDER BY file_order DESC LIMIT 1", (post, post))
            self.db.execute("DELETE FROM pub WHERE post = ? AND published_at = ''", (post,))

    # -- per-post results ----------------------------------------------------------------
    def reports(self, paths: list[str]) -> dict[str, StoredReport]:
        """What reporting the posts at ``paths`` needs of their stored results, for those whose
        result was stored for the bytes their index row holds (the problems stay in the file:
        ``problems``). One join in SQLite, rather than both tables read whole into Python
        to compare the keys there (10,000 posts after one edit)."""
        found: dict[str, StoredReport] = {}
        columns = ", ".join(f"r.{column}" for column in _REPORT.split(", "))
        query = f"SELECT r.path, {columns} FROM results r JOIN posts p ON p.path = r.path AND p.key = r.key"
        if len(paths) > IN_CHUNK:
            wanted = set(paths)
            for path, *stored in self.db.execute(query):
                if path in wanted:
                    found[path] = StoredReport(*stored)
            return found
        for chunk, marks in in_chunks(paths):
            for path, *stored in self.db.execute(f"{query} WHERE r.path IN ({marks})", chunk):
                found[path] = StoredReport(*stored)
        return found

    def problems(self, paths: Sequence[str]) -> dict[str, str]:
        """Path -> stored problems (``StoredResult.problems``) of the posts at ``paths`` that
        have a stored result (every row, read at once, when many)."""
        if len(paths) > IN_CHUNK:
            wanted = set(paths)
            return {path: text for path, text in self.db.execute("SELECT path, problems FROM results")
                    if path in wanted}
        found: dict[str, str] = {}
        for chunk, marks in in_chunks(paths):
            found.update(self.db.execute(f"SELECT path, problems FROM results WHERE path IN ({marks})", chunk))
        return found

    def put_results(self, results: Mapping[str, tuple[str, StoredResult]], gone: Iterable[str] = ()) -> None:
        """Store each post's result (path -> (content key, ``dump_result``'s row))."""
        self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?)",
                            [(path, key, *stored) for path, (key, stored) in results.items()])
        self.drop("results", gone)


def discard(folder: Path) -> None:
    """Delete the index file (and SQLite's side files): the next run builds it afresh."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            (folder / (FILE_NAME + suffix)).unlink(missing_ok=True)
        except OSError:
            pass


def _open(file: Path, env_key: str) -> sqlite3.Connection | None:
    """The index file, locked for this run; None when it cannot be had (then: memory)."""
    for attempt in (1, 2):
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            gitignore = file.parent / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("*\n")
            for old in [*file.parent.glob("index-v*.sqlite*"), *file.parent.glob("posts-v*.json")]:
                if not old.name.startswith(file.name):  # an earlier version's cache: dead weight
                    old.unlink(missing_ok=True)
            db = _connect(str(file))
            db.execute("BEGIN IMMEDIATE")  # waits up to `timeout` for another run to finish
            if not _valid(db):
                db.execute("ROLLBACK")
                db.close()
                file.unlink(missing_ok=True)
                db = _connect(str(file))
                db.execute("BEGIN IMMEDIATE")
                _create(db, env_key)
            elif db.execute("SELECT value FROM meta WHERE name = 'env'").fetchone() != (env_key,):
                for table in _EMPTIED:  # a new tool version, weibo.yaml, column…
                    db.execute(f"DELETE FROM {table}")
                db.execute("DELETE FROM meta WHERE name = 'tree'")
                db.execute("INSERT OR REPLACE INTO meta VALUES ('env', ?)", (env_key,))
            return db
        except sqlite3.OperationalError:
            return None  # locked by another run beyond the timeout, or unwritable
        except (OSError, sqlite3.Error):
            if attempt == 2:
                return None
            try:
                file.unlink(missing_ok=True)
            except OSError:
                return None
    return None


def _connect(name: str) -> sqlite3.Connection:
    db = sqlite3.connect(name, timeout=LOCK_TIMEOUT, isolation_level=None, check_same_thread=False)
    for pragma in ("trusted_schema = OFF", "cell_size_check = ON", "synchronous = OFF", "temp_store = MEMORY",
                   "cache_size = -16384"):
        db.execute(f"PRAGMA {pragma}")
    return db


def _memory(env_key: str) -> sqlite3.Connection:
    db = _connect(":memory:")
    db.execute("BEGIN")
    _create(db, env_key)
    db.execute("INSERT INTO meta VALUES (?, '1')", (_MEMORY_MARK,))
    return db


_MEMORY_MARK = "in-memory"  # a meta row only the in-memory stand-in has


def _memory_runs(db: sqlite3.Connection) -> set[str]:
    return {row[0] for row in db.execute("SELECT name FROM meta WHERE name = ?", (_MEMORY_MARK,))}


def _note(folder: Path, why: str) -> None:
    """Say that the cache is not used: results are the same, only slower (a read-only checkout)."""
    print(f"weibo-lint: note: the cache folder {safe(str(folder))} {safe(why)}; "
          "checking without it (same results, slower)", file=sys.stderr)


def _create(db: sqlite3.Connection, env_key: str) -> None:
    for sql in _TABLES.values():
        db.execute(sql)
    db.execute("INSERT INTO meta VALUES ('schema', ?), ('env', ?)", (SCHEMA, env_key))


def _valid(db: sqlite3.Connection) -> bool:
    """Exactly our tables and schema version: anything else (a foreign or broken file) is dropped."""
    try:
        tables = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%'"))
        if tables != _TABLES:
            return False
        return db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone() == (SCHEMA,)
    except sqlite3.Error:
        return False


_REPORT = "images, report, keys, levels"


class StoredResult(NamedTuple):
    """A post's result as the results table keeps it: text, decoded only where needed (a
    warm run's JSON report is mostly ``report``, joined)."""

    problems: str  # JSON rows of its problems, fixes included
    images: str  # JSON rows of its picture facts
    report: str | None  # its problems as the JSON reporter prints them; None when one names another file
    keys: str | None  # the JSON reporter's merge keys for them (``reporters.json.stored``)
    levels: str  # the levels of its problems, space-separated


class StoredReport(NamedTuple):
    """What reporting a post needs of its stored result (``StoredResult`` without the problems)."""

    images: str
    report: str | None
    keys: str | None
    levels: str


def dump_result(result: PostResult) -> StoredResult:
    """A post's problems and picture facts as the results table stores them."""
    from weibo_lint.reporters.json import stored

    problems = result.problems
    report = stored(problems) if all(p.path == result.path for p in problems) else None
    return StoredResult(
        json.dumps([[p.path, p.line, p.column, p.code, p.name, p.level.value, p.message, list(p.related),
                     [[e.start, e.end, e.text] for e in p.fix]] for p in problems],
                   ensure_ascii=False, separators=(",", ":")),
        json.dumps([[i.path, i.exists, i.outside, i.size, i.kind, i.near] for i in result.images],
                   ensure_ascii=False, separators=(",", ":")),
        report.objects if report else None, report.keys if report else None,
        " ".join(sorted({p.level.value for p in problems})))


def load_problems(stored: str) -> tuple[Problem, ...]:
    """The problems :func:`dump_result` stored (``StoredResult.problems``; a foreign row raises
    ValueError, KeyError or TypeError)."""
    return tuple(
        Problem(path, line, column, code, name, Level(level), message, tuple(related),
                tuple(Edit(*edit) for edit in fix))
        for path, line, column, code, name, level, message, related, fix in json.loads(stored))


def load_images(stored: str) -> tuple[ImageInfo, ...]:
    """The picture facts :func:`dump_result` stored (``images``; errors as :func:`load_problems`)."""
    return tuple(ImageInfo(*image) for image in json.loads(stored))
