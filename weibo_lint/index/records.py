"""The publication records through the index: what the record files say (``records.read_records``), cheaply."""
from __future__ import annotations

import time

from weibo_lint.cache import Store
from weibo_lint.config import Config
from weibo_lint.index.entries import RecordEntry, Stat, trusted
from weibo_lint.index.scan import blob_id, folder_of, scan_records, stat_into
from weibo_lint.index.views import Publications
from weibo_lint.index.witness import Witness
from weibo_lint.records import parse_record, unfinished_note
from weibo_lint.safe_read import RECORD_BYTES, read_inside
from weibo_lint.times import parse_instant


def load_published(config: Config, store: Store, git: Witness | None = None) -> Publications:
    """The publication records through the index: per post, the last record file in path order wins
    (as ``records.read_records`` reads them), if it says ``published`` with a valid time."""
    scanned_ns = time.time_ns()
    if git is not None and git.vouches():
        facts = git.suspects(store, "records")
        files, gone = _suspects(config, store, git, facts)
    else:
        facts = store.facts_where("records")
        files = scan_records(config)
        gone = facts.keys() - {path for path, _stat in files}
    touched, fresh = [], []
    for path, stat in files:
        known = facts.get(path)
        if isinstance(stat, OSError):  # skipped, as records.read_records skips it, and tried again every run
            fresh.append(RecordEntry(path, "", scanned_ns, "", False, None))
            continue
        if known is not None and trusted(stat, known[0], known[1]):
            continue
        raw = read_inside(config.root, path, RECORD_BYTES)
        if isinstance(raw, OSError):
            fresh.append(RecordEntry(path, "", scanned_ns, "", False, None))
        elif known is not None and known[2] == blob_id(raw):
            touched.append((stat, scanned_ns, path))
        else:
            fresh.append(record_entry(path, stat, scanned_ns, raw))
    changed = store.record_posts([e.path for e in fresh] + list(gone))  # what they named before …
    store.drop("records", gone)
    store.put_records(fresh, config.timezone)
    changed |= {e.post for e in fresh if e.post is not None}  # … and after
    store.db.executemany("UPDATE records SET stat = ?, scanned = ? WHERE path = ?", touched)
    if git is not None:
        git.reconcile(store, "records", [path for path, _stat in files])
    store.resolve(changed)
    store.settle()
    return Publications(store.db)


def _suspects(config: Config, store: Store, git: Witness, facts: dict) -> tuple[list[tuple[str, Stat | OSError]], set]:
    stats: dict[str, Stat | OSError] = {}
    gone = {path for path in facts if not stat_into(config.root, path, stats)}
    prefix = folder_of(config, "published") + "/"
    for path in sorted(git.new_paths("records")):
        if path.startswith(prefix) and path.endswith(".json") and path not in facts and not store.has("records", path):
            stat_into(config.root, path, stats)
    return sorted(stats.items()), gone


def record_entry(path: str, stat: Stat, scanned_ns: int, raw: bytes) -> RecordEntry:
    """What the index takes from a record file (``post`` None: not a record)."""
    blob = blob_id(raw)
    try:
        data = parse_record(raw)
    except ValueError:
        return RecordEntry(path, stat, scanned_ns, blob, False, None)
    when = data.get("published_at") if data.get("state") == "published" else None
    if parse_instant(when) is None:  # not a time, or out of range: as if never published
        when = None
    return RecordEntry(path, stat, scanned_ns, blob, False, data["path"], when or "", str(data.get("account", "")),
                       str(data.get("idstr", "")), data.get("text_sha256"), unfinished_note(data))
