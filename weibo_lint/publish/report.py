"""``weibo-lint report``: how posts did, per account and per column. Pure.

Each post counts with its latest row in the metrics time series. "Best hours" are the
hours of the week (in the configured time zone) whose posts got the most engagement
(reposts + comments + likes) on average.
"""
from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo

from weibo_lint.errors import known
from weibo_lint.i18n import WEEKDAYS, _
from weibo_lint.publish.series import Row

DAYS = WEEKDAYS  # N_-marked in weibo_lint.i18n


@dataclass(frozen=True)
class Post:
    """A published post with its latest counts (None: not measured yet)."""

    path: str
    account: str
    column: str
    published_at: datetime
    counts: Row | None


@dataclass(frozen=True)
class Stats:
    group: str  # "account" or "column"
    name: str
    posts: int
    measured: int
    median: tuple[float, float, float]  # reposts, comments, likes
    mean: tuple[float, float, float]
    best_hours: tuple[tuple[str, float, int], ...]  # ("Tue 10:00", mean engagement, posts)


def latest(rows: Iterable[Row]) -> dict[str, Row]:
    newest: dict[str, Row] = {}
    for row in rows:
        if row.id not in newest or row.fetched_at >= newest[row.id].fetched_at:
            newest[row.id] = row
    return newest


def join(records: Iterable, rows: Iterable[Row]) -> list[Post]:
    counts = latest(rows)
    posts = []
    for record in records:
        if record.state != "published" or not record.published_at:
            continue
        try:
            when = datetime.fromisoformat(record.published_at)
        except ValueError:
            continue
        posts.append(Post(record.path, record.account, record.column or "(no column)", when,
                          counts.get(record.idstr or "")))
    return posts


def summarise(posts: list[Post], tz: tzinfo, best: int = 3) -> list[Stats]:
    stats = []
    for group, key in (("account", lambda p: p.account), ("column", lambda p: p.column)):
        names = sorted({key(p) for p in posts})
        for name in names:
            stats.append(_stats(group, name, [p for p in posts if key(p) == name], tz, best))
    return stats


def _stats(group: str, name: str, posts: list[Post], tz: tzinfo, best: int) -> Stats:
    measured = [p for p in posts if p.counts is not None]
    series = [[float(getattr(p.counts, f)) for p in measured] for f in ("reposts", "comments", "attitudes")]
    median = tuple(statistics.median(s) if s else 0.0 for s in series)
    mean = tuple(statistics.fmean(s) if s else 0.0 for s in series)
    slots: dict[tuple[int, int], list[int]] = {}
    for post in measured:
        local = post.published_at.astimezone(tz)
        counts = known(post.counts, f"the counts of {post.path}")
        total = counts.reposts + counts.comments + counts.attitudes
        slots.setdefault((local.weekday(), local.hour), []).append(total)
    ranked = sorted(slots.items(), key=lambda kv: (-statistics.fmean(kv[1]), kv[0]))[:best]
    hours = tuple((f"{_(DAYS[d])} {h:02d}:00", statistics.fmean(v), len(v)) for (d, h), v in ranked)
    return Stats(group, name, len(posts), len(measured), median, mean, hours)  # type: ignore[arg-type]


def format_report(stats: list[Stats]) -> str:
    if not stats:
        return _("no published posts yet")
    lines = []
    for group in ("account", "column"):
        rows = [s for s in stats if s.group == group]
        if not rows:
            continue
        lines.append(_("by account:") if group == "account" else _("by column:"))
        posts, median, mean_ = _("posts"), _("median r/c/likes"), _("mean r/c/likes")
        lines.append(f"  {'':<20} {posts:>5}  {median:>18}  {mean_:>20}  " + _("best hours"))
        for s in rows:
            med = "/".join(f"{v:g}" for v in s.median)
            mean = "/".join(f"{v:.1f}" for v in s.mean)
            hours = ", ".join(f"{h} ({avg:.0f}, {n})" for h, avg, n in s.best_hours) or "-"
            measured = "" if s.measured == s.posts else _(" ({count} measured)").format(count=s.measured)
            lines.append(f"  {s.name:<20} {s.posts:>5}  {med:>18}  {mean:>20}  {hours}{measured}")
        lines.append("")
    return "\n".join(lines).rstrip()


def as_json(stats: list[Stats]) -> list[dict]:
    return [{"group": s.group, "name": s.name, "posts": s.posts, "measured": s.measured,
             "median": dict(zip(("reposts", "comments", "likes"), s.median)),
             "mean": dict(zip(("reposts", "comments", "likes"), s.mean)),
             "best_hours": [{"hour": h, "mean_engagement": a, "posts": n} for h, a, n in s.best_hours]}
            for s in stats]
