"""The repository's posts as the collection rules read them, with the editor's buffer of one
post in place of the saved file: what ``check`` would see if the buffer were saved.

``relevant`` answers as the index does (every pending post, and the publications in the
window or within ``reach`` of a pending post), with the open post's pending state and time
taken from the buffer: the index is asked for both its own window and the open post's
neighbourhood, and the publications kept are exactly those near a pending post as the
buffer has it.
"""
from __future__ import annotations

import bisect
from datetime import datetime, timedelta, timezone, tzinfo

from weibo_lint.model import EveryPost, PostSummary, PostsView, PublicationsView, Published
from weibo_lint.schedule.timeline import utc

_DAY = timedelta(days=1)
MEMO_SIZE = 8  # answers of the index remembered (a day's window, the open post's neighbourhood…)


def _day(instant: datetime) -> datetime:
    instant = instant.astimezone(timezone.utc)
    return datetime(instant.year, instant.month, instant.day, tzinfo=timezone.utc)


class OverlayPosts(EveryPost):
    """``base`` (the index's posts) with ``summary`` (the buffer's) in place of its row.

    ``memo`` keeps the index's answers between checks while the index stays as it is (the
    caller empties it when the index changes): the index is asked for whole UTC days around
    each window, and the answer cut down to the window exactly, so that a clock that moves
    on between keystrokes asks nothing new until the next day.
    """

    def __init__(self, base: PostsView, summary: PostSummary, published: PublicationsView, tz: tzinfo,
                 memo: dict | None = None) -> None:
        self.base, self.summary, self.published, self.tz = base, summary, published, tz
        self.memo = memo if memo is not None else {}

    def _ask(self, start: datetime, end: datetime, reach: timedelta) -> list[tuple[PostSummary, Published | None]]:
        key = (_day(start), _day(end) + _DAY, reach)
        if key not in self.memo:
            if len(self.memo) >= MEMO_SIZE:
                self.memo.clear()
            self.memo[key] = self.base.relevant(*key)
        return self.memo[key]

    def _load(self) -> list[PostSummary]:
        posts = [s for s in self.base if s.path != self.summary.path] + [self.summary]
        return sorted(posts, key=lambda s: s.path)

    def _pending(self) -> bool:
        mine = self.summary
        return mine.status == "approved" and mine.publish_at is not None and mine.path not in self.published

    def relevant(self, start: datetime, end: datetime,
                 reach: timedelta) -> list[tuple[PostSummary, Published | None]]:
        mine = self.summary
        found = {s.path: (s, p) for s, p in self._ask(start, end, reach)}
        if self._pending() and mine.publish_at is not None:
            at = mine.publish_at.astimezone(timezone.utc)
            found.update((s.path, (s, p)) for s, p in self._ask(at - reach, at + reach, reach))
        found.pop(mine.path, None)
        record = self.published.get(mine.path) if mine.path in self.published else None
        pending = [(s, p) for s, p in found.values() if p is None]
        if self._pending():
            pending.append((mine, None))
        anchors = sorted(s.publish_at.astimezone(timezone.utc) for s, _p in pending if s.publish_at is not None)
        lo, hi = start.astimezone(timezone.utc), end.astimezone(timezone.utc)

        def kept(record: Published) -> bool:
            when = utc(record.published_at, self.tz)
            near = bisect.bisect_left(anchors, when - reach)  # the first anchor not before reach
            return lo <= when < hi or (near < len(anchors) and anchors[near] <= when + reach)

        out = [(s, p) for s, p in found.values() if p is not None and kept(p)]
        if record is not None and kept(record):
            out.append((mine, record))
        return sorted(pending, key=lambda pair: pair[0].path) + sorted(out, key=lambda pair: pair[0].path)
