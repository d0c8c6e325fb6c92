"""Engagement from the metrics time series, read defensively and aggregated for the pages.

The publisher's ``weibo-lint metrics`` appends rows ``fetched_at,id,reposts,comments,attitudes``
to CSV files under ``metrics/``. The site reads whatever is there: a missing folder means no
metrics, a row it cannot read is counted and skipped (never a crash), and a header row, when
present, decides the column order.
"""
from __future__ import annotations

import csv
import io
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo

from weibo_lint.times import check_year

FIELDS = ("fetched_at", "id", "reposts", "comments", "attitudes")
ALIASES = {"likes": "attitudes", "attitudes_count": "attitudes", "reposts_count": "reposts",
           "comments_count": "comments", "idstr": "id", "time": "fetched_at"}


@dataclass(frozen=True)
class Snapshot:
    """One fetch of one status's counts."""

    fetched_at: datetime
    id: str
    reposts: int
    comments: int
    attitudes: int  # likes

    @property
    def engagement(self) -> int:
        return self.reposts + self.comments + self.attitudes


@dataclass(frozen=True)
class MetricsData:
    latest: Mapping[str, Snapshot]  # by status id: the newest fetch
    rows: int  # rows read
    skipped: int  # rows that could not be read


#: More than any status was ever counted: a row beyond it is damaged, and its sums would
#: overflow the floats of the statistics and charts (1e308 × 3).
MAX_COUNT = 10**12


def _count(value: str) -> int:
    text = value.strip()
    if len(text) > 40:  # int() refuses thousands of digits; no real count has forty
        raise ValueError("not a count")
    number = int(float(text))  # the API may give "12" or 12.0; inf/nan raise here
    if not 0 <= number <= MAX_COUNT:
        raise ValueError("not a plausible count")
    return number


def _when(value: str, tz: tzinfo) -> datetime:
    text = value.strip()
    if text.endswith(("z", "Z")):
        text = text[:-1] + "+00:00"
    parsed = datetime.fromisoformat(text)
    check_year(parsed, repr(value))  # raises ValueError: the row is skipped
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


def parse_rows(text: str, tz: tzinfo) -> tuple[list[Snapshot], int]:
    """The snapshots in one CSV text, and how many rows were skipped."""
    rows = list(csv.reader(io.StringIO(text)))
    order = list(FIELDS)
    if rows and any(cell.strip().lower() in (*FIELDS, *ALIASES) for cell in rows[0]):
        order = [ALIASES.get(cell.strip().lower(), cell.strip().lower()) for cell in rows[0]]
        rows = rows[1:]
    index = {name: order.index(name) for name in FIELDS if name in order}
    snapshots, skipped = [], 0
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue
        try:
            snapshots.append(Snapshot(
                fetched_at=_when(row[index["fetched_at"]], tz),
                id=row[index["id"]].strip(),
                reposts=_count(row[index["reposts"]]),
                comments=_count(row[index["comments"]]),
                attitudes=_count(row[index["attitudes"]]),
            ))
        except (KeyError, IndexError, ValueError, OverflowError):
            skipped += 1
    return snapshots, skipped


def collect(texts: Iterable[str], tz: tzinfo) -> MetricsData:
    """Every file's rows together: the newest snapshot per status id."""
    latest: dict[str, Snapshot] = {}
    rows = skipped = 0
    for text in texts:
        snapshots, bad = parse_rows(text, tz)
        rows += len(snapshots)
        skipped += bad
        for snap in snapshots:
            if not snap.id:
                skipped += 1
                continue
            known = latest.get(snap.id)
            if known is None or snap.fetched_at >= known.fetched_at:
                latest[snap.id] = snap
    return MetricsData(latest, rows, skipped)


@dataclass(frozen=True)
class Stat:
    """Mean and median of one count over a group of posts."""

    mean: float
    median: float


@dataclass(frozen=True)
class GroupStats:
    posts: int
    reposts: Stat
    comments: Stat
    attitudes: Stat
    engagement: Stat


def _stat(values: list[int]) -> Stat:
    return Stat(statistics.fmean(values), float(statistics.median(values))) if values else Stat(0.0, 0.0)


def group_stats(snapshots: list[Snapshot]) -> GroupStats:
    return GroupStats(
        posts=len(snapshots),
        reposts=_stat([s.reposts for s in snapshots]),
        comments=_stat([s.comments for s in snapshots]),
        attitudes=_stat([s.attitudes for s in snapshots]),
        engagement=_stat([s.engagement for s in snapshots]),
    )
