"""The metrics time series: rows of counts, and appending them to a CSV file. Pure.

``statuses/count.json`` answers ``[{"id", "comments", "reposts", "attitudes"}]``, numbers or
strings alike (docs/platform.md §4.3); each fetch becomes one :class:`Row` per post.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

BATCH = 100  # statuses/count.json: at most 100 ids a call (docs/platform.md §4.3)
COLUMNS = ("fetched_at", "id", "reposts", "comments", "attitudes")


@dataclass(frozen=True)
class Row:
    fetched_at: str
    id: str
    reposts: int
    comments: int
    attitudes: int


def ids_in_window(records: Iterable[Any], now: datetime, days: int) -> dict[str, list[str]]:
    """Ids of posts published in the last ``days`` days (up to ``now``), by account."""
    since = now - timedelta(days=days)
    found: dict[str, list[str]] = {}
    for record in records:
        if record.state != "published" or not record.idstr or not record.published_at:
            continue
        try:
            when = datetime.fromisoformat(record.published_at)
        except ValueError:
            continue
        if since <= when <= now:
            found.setdefault(record.account, []).append(record.idstr)
    return {account: sorted(set(ids)) for account, ids in found.items()}


def batches(ids: list[str], size: int = BATCH) -> list[list[str]]:
    return [ids[i:i + size] for i in range(0, len(ids), size)]


MAX_COUNT = 10**12  # more reposts than people on earth: not a count, skipped


def count_value(value: Any) -> int | None:
    """A count as Weibo gives it (a number or a text of ASCII digits); None for anything
    else: floats, other digits ('²'), or more digits than any real count has."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= MAX_COUNT else None
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 13:
        return None
    number = int(text)
    return number if number <= MAX_COUNT else None


def parse_counts(body: Any, fetched_at: str) -> list[Row]:
    """Rows from a ``statuses/count`` answer; items without a usable id or count are skipped."""
    rows = []
    for item in body if isinstance(body, list) else ():
        if not isinstance(item, dict):
            continue
        values = [count_value(item.get(key)) for key in ("reposts", "comments", "attitudes")]
        ident = str(item.get("id", "")).strip()
        if not ident.isdigit() or any(v is None for v in values):
            continue
        rows.append(Row(fetched_at, ident, *values))  # type: ignore[arg-type]
    return rows


def append_rows(existing: bytes | None, rows: list[Row]) -> bytes:
    """The file with ``rows`` appended (a header first when it is new)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    text = existing.decode("utf-8") if existing else ""
    if not text:
        writer.writerow(COLUMNS)
    elif not text.endswith("\n"):
        out.write("\n")
    for row in rows:
        writer.writerow((row.fetched_at, row.id, row.reposts, row.comments, row.attitudes))
    return text.encode("utf-8") + out.getvalue().encode("utf-8")
