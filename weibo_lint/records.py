"""The publisher's record of what went out, kept under ``published/`` where writers never edit.

One JSON file per post (``published/<account>/<post path under posts/, '/' as '__'>.json``),
so two publications never touch the same file and the publisher's commits never conflict
with writers'. A record's ``state`` is ``intent`` (about to call the API), ``published``,
or ``failed`` (a permanent error, not retried until the post's text changes).

Fields (all but ``path`` and ``state`` optional; unknown ones are kept):

* ``account``, ``column``: where the post went;
* ``text``, ``text_sha256``: the exact text sent; ``source_sha256``: the post file's bytes;
  ``pictures``: the pictures sent (repository paths);
* ``nonce``, ``attempts``, ``claim`` (``remote``: pushed before the API call, ``local``:
  committed only, as with ``--no-push``), ``runner`` (host, pid, CI run), ``intent_at``;
  ``follows``: ids of the account's posts known to exist before the API call (the evidence
  that a timeline page reaches back past the attempt);
* ``idstr``, ``mid``, ``url``, ``published_at`` (the status's ``created_at``), ``via``
  (the endpoint, ``manual``, or how a reconciliation found it); ``under_review``: Weibo
  accepted the post for review (20032) and its id is not known yet;
* ``error_code``, ``error``, ``needs_human``: why it failed.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from weibo_lint.config import Config
from weibo_lint.safe_read import RECORD_BYTES, read_inside
from weibo_lint.times import MAX_YEAR, MIN_YEAR, parse_instant
from weibo_lint.walk import entries_under

STATES = ("intent", "published", "failed")


@dataclass(frozen=True)
class RecordProblem:
    path: str
    message: str


@dataclass(frozen=True)
class Record:
    """One post's publication record, as stored."""

    path: str
    state: str
    account: str = ""
    column: str | None = None
    text: str = ""
    text_sha256: str = ""
    source_sha256: str | None = None
    pictures: tuple[str, ...] = ()
    nonce: str | None = None
    attempts: int = 0
    claim: str | None = None
    runner: Mapping[str, Any] | None = None
    intent_at: str | None = None
    follows: tuple[str, ...] = ()
    idstr: str | None = None
    mid: str | None = None
    url: str | None = None
    published_at: str | None = None
    via: str | None = None
    error_code: int | str | None = None
    error: str | None = None
    needs_human: bool = False
    under_review: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)  # fields this version does not know

    @property
    def started_at(self) -> datetime:
        """When the attempt began: its intent's time (a record without one: its publication's)."""
        return datetime.fromisoformat(self.intent_at or self.published_at or "1970-01-01T00:00:00+00:00")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Record:
        known = {f.name for f in fields(cls)} - {"extra"}
        values = {k: v for k, v in data.items() if k in known}
        values["pictures"] = tuple(values.get("pictures") or ())
        values["follows"] = tuple(str(i) for i in values.get("follows") or () if isinstance(i, (str, int)))
        values["under_review"] = bool(values.get("under_review"))
        values["attempts"] = int(values.get("attempts") or 0)
        values["needs_human"] = bool(values.get("needs_human"))
        return cls(**values, extra={k: v for k, v in data.items() if k not in known})

    def as_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if k != "extra"}
        data["pictures"] = list(self.pictures)
        data["follows"] = list(self.follows)
        data = {k: v for k, v in data.items() if v not in (None, [], False) or k in ("path", "state")}
        return {**data, **dict(self.extra)}

    def to_bytes(self) -> bytes:
        return (json.dumps(self.as_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


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
    for file in sorted(Path(entry.path) for entry in record_entries(str(folder))):  # Path order: part by part
        where = file.relative_to(config.root).as_posix()
        raw = read_inside(config.root, file, RECORD_BYTES)  # a regular file inside, bounded
        if isinstance(raw, OSError):
            problems.append(RecordProblem(where, f"unreadable publication record: {raw.strerror or raw}"))
            continue
        try:
            data = parse_record(raw)
        except ValueError as exc:
            problems.append(RecordProblem(where, f"unreadable publication record: {exc}"))
            continue
        records[data["path"]] = data
    return records, problems


def record_entries(folder: str) -> Iterator[os.DirEntry[str]]:
    """The record files under ``folder``: ``**/*.json`` as ``Path.rglob`` finds it (the rule records
    were always found by, kept so a record is neither added nor lost): dot-folders entered, and a
    folder so named found too (then reported, as it is no record); symlinked folders not
    followed, a folder that cannot be listed skipped."""
    return entries_under(folder, (".json",), dot_folders=True, matching_folders=True)


# Fields and the types a record may hold them as (None always allowed); anything else makes
# the record unreadable, reported with its path, never a crash further on.
_TEXT_FIELDS = ("account", "column", "text", "text_sha256", "source_sha256", "nonce", "claim", "intent_at", "idstr",
                "mid", "url", "published_at", "via", "error")
_TIME_FIELDS = ("intent_at", "published_at")
_ID_FIELDS = ("idstr", "mid")


def parse_record(raw: bytes) -> dict[str, Any]:
    """A record file's bytes to its data; ValueError (saying what is wrong) when it is not a
    record this version can trust: ill-typed fields, times that are no times."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(data, dict) or data.get("state") not in STATES or not isinstance(data.get("path"), str):
        raise ValueError("not a publication record")
    _check_texts_and_times(data)
    _check_the_other_fields(data)
    return data


def _check_texts_and_times(data: dict[str, Any]) -> None:
    """The text fields are texts (an id written as a JSON number becomes its text), and the
    times are times; ValueError saying which is not."""
    for key in _TEXT_FIELDS:
        value = data.get(key)
        if key in _ID_FIELDS and isinstance(value, int) and not isinstance(value, bool):
            data[key] = str(value)  # an id written as a JSON number is still that id
        elif value is not None and not isinstance(value, str):
            raise ValueError(f"'{key}' must be a text, got {type(value).__name__}")
    for key in _TIME_FIELDS:
        if data.get(key) not in (None, "") and parse_instant(data[key]) is None:
            raise ValueError(f"'{key}' is not a time with an offset from {MIN_YEAR} to {MAX_YEAR}: {data[key]!r:.60}")


def _check_the_other_fields(data: dict[str, Any]) -> None:
    attempts = data.get("attempts")
    if attempts is not None and (isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 0):
        raise ValueError(f"'attempts' must be a whole number, got {attempts!r:.60}")
    for key in ("pictures", "follows"):
        if data.get(key) is not None and (not isinstance(data[key], list)
                                          or not all(isinstance(i, str) for i in data[key])):
            raise ValueError(f"'{key}' must be a list of texts")
    if data.get("runner") is not None and not isinstance(data["runner"], dict):
        raise ValueError("'runner' must be a mapping")
    code = data.get("error_code")
    if code is not None and (isinstance(code, bool) or not isinstance(code, (int, str))):
        raise ValueError("'error_code' must be a number or a text")


def load_records(config: Config) -> tuple[dict[str, Record], list[RecordProblem]]:
    """Like :func:`read_records`, as :class:`Record` values."""
    records, problems = read_records(config)
    return {path: Record.from_dict(data) for path, data in records.items()}, problems


TEMP_SUFFIX = ".tmp"  # a write in progress: ``.<name>.<random>.tmp``, never a record


def is_temporary(name: str) -> bool:
    """Whether a file name is one :func:`write_atomic` uses while writing (left behind by a
    kill between the write and the rename)."""
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def unfinished_note(data: Mapping[str, Any]) -> str:
    """What a record that is not ``published`` says of its post, in a few words ("" for a
    published one): WB407 shows it instead of "never published"."""
    state = data.get("state")
    if state == "failed":
        code, error = data.get("error_code"), data.get("error")
        why = " ".join(str(part) for part in (f"Weibo error {code}" if code is not None else None, error) if part)
        return f"publishing failed ({why or 'no reason recorded'})" + \
            ("; a human must check whether it went out" if data.get("needs_human") else "")
    if state == "intent":
        return f"a publish run claimed it at {data.get('intent_at') or 'an unknown time'} and has not confirmed it"
    return ""
