"""The collection's views held in memory: a test builds a ``Collection`` from plain tuples
with these, and holds the index's views (``weibo_lint.index.views``) against them.

The plain reading of ``PostsView`` and ``PublicationsView`` (``weibo_lint.model``):
walk everything, keep what the protocol's docstrings say.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta, timezone, tzinfo

from tests.schedule.near_oracle import Fresh
from weibo_lint.collection import Collection
from weibo_lint.model import PostSummary, Published
from weibo_lint.schedule.timeline import utc


class MemoryPosts(Sequence[PostSummary]):
    """Every post's summary, by path, and what ``relevant`` keeps of them, by walking them."""

    def __init__(self, posts: Iterable[PostSummary], published: Mapping[str, Published], tz: tzinfo) -> None:
        self.posts = tuple(sorted(posts, key=lambda post: post.path))
        self.published, self.tz = published, tz

    def __len__(self) -> int:
        return len(self.posts)

    def __getitem__(self, index):  # type: ignore[override]
        return self.posts[index]

    def relevant(self, start: datetime, end: datetime,
                 reach: timedelta) -> list[tuple[PostSummary, Published | None]]:
        pending = [post for post in self.posts if post.status == "approved" and post.publish_at is not None
                   and post.path not in self.published]
        anchors = sorted(post.publish_at.astimezone(timezone.utc) for post in pending)  # type: ignore[union-attr]
        kept: list[tuple[PostSummary, Published | None]] = []
        for post in self.posts:
            record = self.published.get(post.path)
            if record is not None:
                when = utc(record.published_at, self.tz)
                if start <= when < end or _near(anchors, when, reach):
                    kept.append((post, record))
        return [(post, None) for post in pending] + kept


def _near(anchors: list[datetime], when: datetime, reach: timedelta) -> bool:
    index = bisect.bisect_left(anchors, when - reach)
    return index < len(anchors) and anchors[index] <= when + reach


class MemoryPublications(dict[str, Published]):
    """Every publication, by post path, and the two questions WB408 asks of them, by walking them."""

    def __init__(self, published: Mapping[str, Published], texts: Mapping[str, str | None]) -> None:
        super().__init__(published)
        self.texts = dict(texts)  # post path -> its text

    def with_digests(self, wanted: set[str]) -> list[Published]:
        return [record for record in self.values() if record.text_hash in wanted]

    def without_digest(self) -> list[tuple[Published, str | None]]:
        return [(record, self.texts.get(record.path)) for record in self.values() if not record.text_hash]


def memory_collection(report, now: datetime) -> Collection:
    """A check report's collection, its posts and publications copied into memory."""
    config = report.env.config
    posts = tuple(report.summaries)
    published = MemoryPublications(dict(report.published), {post.path: post.text for post in posts})
    return Collection(config, report.env.columns, MemoryPosts(posts, published, config.timezone), now, published,
                      near_duplicates=Fresh())
