"""A post as a Weibo card: who posts it, what it says, its pictures, where it stands."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from weibo_lint.counting import weibo_length
from weibo_lint.engine import PostResult, resolve_limit
from weibo_lint.i18n import N_, _, weekday
from weibo_lint.model import Account, Column
from weibo_lint.problem import Problem
from weibo_lint.site import urls
from weibo_lint.site.cardtext import Segment, segments
from weibo_lint.site.metrics import Snapshot

# What a post is doing, from the front matter and the publisher's record.
STATE_LABELS = {
    "draft": N_("draft"),
    "scheduled": N_("scheduled"),
    "due": N_("due, not published"),
    "publishing": N_("publishing (unconfirmed)"),
    "published": N_("published"),
    "failed": N_("failed"),
}
_RECORD_STATES = {"published": "published", "failed": "failed", "intent": "publishing"}


def post_state(status: str, record: Mapping[str, Any] | None, when: datetime | None, now: datetime) -> str:
    if record is not None and record.get("state") in _RECORD_STATES:
        return _RECORD_STATES[record["state"]]
    if status != "approved":
        return "draft"
    return "due" if when is not None and when <= now else "scheduled"


def when_label(when: datetime | None) -> str:
    return f"{when:%Y-%m-%d} {weekday(when)} {when:%H:%M}" if when else _("not scheduled")


def grid_columns(pictures: int) -> int:
    """Weibo's picture grid: one picture large, two or four in a 2×2 grid, else three a row."""
    return 1 if pictures == 1 else 2 if pictures in (2, 4) else 3


@dataclass(frozen=True)
class Picture:
    label: str  # the path as written in the post
    src: str | None  # its copy in the site; None when it cannot be shown


@dataclass(frozen=True)
class Publication:
    url: str | None
    id: str
    at: str
    metrics: Snapshot | None


@dataclass(frozen=True)
class Card:
    path: str
    page: str
    title: str | None  # internal, never posted
    account: Account | None
    account_key: str | None
    column: Column | None
    column_slug: str | None
    when: datetime | None
    when_label: str
    state: str
    text: str | None  # None when it could not be rendered
    segments: tuple[Segment, ...]
    count: int
    limit: int
    pictures: tuple[Picture, ...]
    publication: Publication | None
    failure: str | None
    problems: tuple[Problem, ...]  # on this file, or naming it as related

    @property
    def state_label(self) -> str:
        return _(STATE_LABELS[self.state])

    @property
    def screen_name(self) -> str:
        return self.account.name if self.account else (self.account_key or "(unknown account)")

    @property
    def column_name(self) -> str:
        return self.column.name if self.column else (self.column_slug or "(no column)")

    @property
    def column_page(self) -> str | None:
        return urls.column_page(self.column.slug) if self.column else None

    @property
    def grid(self) -> int:
        return grid_columns(len(self.pictures))

    @property
    def over(self) -> bool:
        return self.count > self.limit or self.count == 0

    @property
    def worst(self) -> str | None:
        levels = {p.level.value for p in self.problems}
        return next((level for level in ("error", "warning", "info") if level in levels), None)

    @property
    def excerpt(self) -> str:
        text = " ".join((self.text or "").split())
        return text if len(text) <= 60 else text[:59] + "…"


def _publication(record: Mapping[str, Any] | None, metrics: Mapping[str, Snapshot]) -> Publication | None:
    if not record or record.get("state") != "published":
        return None
    ids = [str(record[key]) for key in ("idstr", "id", "mid") if record.get(key)]
    url = record.get("url")
    url = url if isinstance(url, str) and url.startswith(("https://", "http://")) else None
    latest = next((metrics[i] for i in ids if i in metrics), None)
    return Publication(url, ids[0] if ids else "", str(record.get("published_at", "")), latest)


def _failure(record: Mapping[str, Any] | None) -> str | None:
    if not record or record.get("state") != "failed":
        return None
    parts = [str(record[key]) for key in ("error_code", "error", "message") if record.get(key)]
    return " ".join(parts) or _("the publisher recorded a failure")


def build_card(result: PostResult, *, page: str, config, columns: Mapping[str, Column], now: datetime,
               record: Mapping[str, Any] | None, metrics: Mapping[str, Snapshot],
               pictures: tuple[Picture, ...], problems: tuple[Problem, ...], title: str | None) -> Card:
    summary = result.summary
    column_slug = summary.column if summary else None
    column = columns.get(column_slug or "")
    account_key = summary.account if summary else None
    account = config.account(account_key)
    text = summary.text if summary else None
    when = summary.publish_at.astimezone(config.timezone) if summary and summary.publish_at else None
    return Card(
        path=result.path,
        page=page,
        title=title,
        account=account,
        account_key=account_key,
        column=column,
        column_slug=column_slug,
        when=when,
        when_label=when_label(when),
        state=post_state(summary.status if summary else "draft", record, when, now),
        text=text,
        segments=segments(text) if text else (),
        count=weibo_length(text, astral_bytes=config.astral_bytes) if text else 0,
        limit=resolve_limit(column, account),
        pictures=pictures,
        publication=_publication(record, metrics),
        failure=_failure(record),
        problems=problems,
    )
