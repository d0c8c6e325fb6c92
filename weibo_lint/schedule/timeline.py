"""What counts in a schedule: approved posts at their time, published posts at theirs.

Drafts count for nothing. A post with a publication record counts at the moment it went
out (``published_at``), whatever its front matter says now; an approved post without one
counts at its ``publish_at`` and is *pending*: the publisher still owes it.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # the core's types, for readers and mypy only
    from weibo_lint.model import Account, PostSummary, PostsView, PublicationsView, Published


class Scheduled(NamedTuple):  # a tuple: one per post, built on every run
    path: str
    column: str | None
    account: str | None
    status: str
    when: datetime  # UTC
    line: int  # of publish_at in the post
    text: str | None
    published: Any = None  # the Published record, if any

    @property
    def pending(self) -> bool:
        return self.published is None


def utc(instant: datetime, tz: tzinfo) -> datetime:
    """An instant in UTC; a naive one (an old record) is read in ``tz``."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=tz)
    return instant.astimezone(timezone.utc)


_WHEN = itemgetter(4)  # Scheduled.when


@dataclass
class Timeline:
    """Counting posts, earliest first, with lookups by column and account."""

    items: list[Scheduled]
    by_column: dict[str, list[Scheduled]] = field(default_factory=dict)
    by_account: dict[str, list[Scheduled]] = field(default_factory=dict)

    @property
    def pending(self) -> list[Scheduled]:
        return [item for item in self.items if item.published is None]

    def between(self, items: list[Scheduled], start: datetime, end: datetime) -> list[Scheduled]:
        """The items of ``items`` (a sorted list from this timeline) in ``[start, end)``."""
        return items[bisect.bisect_left(items, start, key=_WHEN):bisect.bisect_left(items, end, key=_WHEN)]


def build(posts: Iterable[PostSummary], published: Mapping[str, Published] | PublicationsView, tz: tzinfo) -> Timeline:
    """The counting posts, earliest first."""
    return _timeline(_pairs(posts, published), tz)


def _pairs(posts: Iterable[PostSummary], published: Mapping[str, Published] | PublicationsView) -> Iterator[tuple]:
    for post in posts:
        record = published.get(post.path)
        if record is not None:
            yield post, record
        elif post.status == "approved" and post.publish_at is not None:
            yield post, None


def _timeline(pairs: Iterable[tuple], tz: tzinfo) -> Timeline:
    items = []
    for post, record in pairs:
        when = utc(record.published_at, tz) if record is not None else post.publish_at.astimezone(timezone.utc)
        items.append(Scheduled(post.path, post.column, post.account, post.status, when, post.publish_line,
                               post.text, record))
    items.sort(key=itemgetter(4, 0))  # by time, then path
    timeline = Timeline(items)
    for item in items:
        if item.column:
            timeline.by_column.setdefault(item.column, []).append(item)
        if item.account:
            timeline.by_account.setdefault(item.account, []).append(item)
    return timeline


REACH = timedelta(days=62)  # more than a month and a week: every cadence period around the horizon


def around(posts: PostsView, accounts: Iterable[Account], now: datetime, tz: tzinfo) -> Timeline:
    """The rules' timeline (``Collection.timeline``): every pending post, and the publications
    from ``now - 62 d`` to ``now + horizon + 62 d`` or within the largest ``min_gap`` of a
    pending post (what WB401–WB408 look at). The posts answer that question themselves
    (``relevant``): the index decodes only those rows."""
    accounts = list(accounts)
    horizon = max((a.posting.horizon for a in accounts), default=timedelta(days=14))
    reach = max((a.posting.min_gap for a in accounts), default=timedelta(0))
    now = now.astimezone(timezone.utc)
    start, end = now - REACH, now + max(horizon, timedelta(days=14)) + REACH
    return _timeline(posts.relevant(start, end, reach), tz)
