"""The content model: accounts, columns and posts, and what is known of them (a picture on
disk, a post's summary, a publication), as plain frozen values."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

API_MODES = ("share", "update", "manual")
STATUSES = ("draft", "approved")


@dataclass(frozen=True)
class Posting:
    """An account's posting rules (weibo.yaml ``accounts.<key>.posting``)."""

    min_per_day: int = 0
    max_per_day: int | None = None
    min_gap: timedelta = timedelta(0)
    windows: tuple[tuple[int, int], ...] = ()  # minutes after midnight, [start, end)
    horizon: timedelta = timedelta(days=14)


@dataclass(frozen=True)
class Account:
    key: str  # how columns and posts refer to it
    name: str  # the Weibo screen name
    api: str  # share | update | manual
    limit: int
    pictures: int
    safe_domain: str | None = None
    token_env: str | None = None
    posting: Posting = field(default_factory=Posting)
    max_delay: timedelta = timedelta(hours=6)
    rip: str | None = None
    uid: str | None = None  # the account's Weibo user id, when known (checks `record --url`)

    def as_template_value(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "api": self.api, "limit": self.limit}


@dataclass(frozen=True)
class FieldIssue:
    """A front matter or column field that is missing, unknown or has a bad value."""

    kind: str  # missing | unknown | invalid
    key: str
    message: str
    line: int


@dataclass(frozen=True)
class Cadence:
    per: str  # day | week | month
    min: int = 0
    max: int | None = None


@dataclass(frozen=True)
class Column:
    slug: str
    path: str
    name: str
    account: str | None
    topic: str | None
    template: str | None
    limit: int | None
    cadence: Cadence | None
    slots: tuple[str, ...]
    data: Mapping[str, Any]
    key_lines: Mapping[str, int]
    issues: tuple[FieldIssue, ...] = ()

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)

    @property
    def promotional(self) -> bool:
        """``promotional: true``: a column that sells, kept off quiet days (a service column is not)."""
        return self.data.get("promotional") is True

    def as_template_value(self) -> dict[str, Any]:
        return {"slug": self.slug, "name": self.name, "topic": self.topic or "", "account": self.account}


@dataclass(frozen=True)
class Post:
    path: str  # repository-relative, forward slashes
    text: str  # the whole file, LF line ends
    meta: Mapping[str, Any]
    key_lines: Mapping[str, int]
    body: str
    body_offset: int
    body_line: int
    publish_at: datetime | None  # aware; None when absent or invalid
    issues: tuple[FieldIssue, ...] = ()

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)

    def _str(self, key: str) -> str | None:
        value = self.meta.get(key)
        return value if isinstance(value, str) and value else None

    @property
    def column(self) -> str | None:
        return self._str("column")

    @property
    def account(self) -> str | None:
        return self._str("account")

    @property
    def status(self) -> str:
        status = self.meta.get("status", "draft")
        return status if status in STATUSES else "draft"

    @property
    def images(self) -> tuple[str, ...]:
        images = self.meta.get("images") or ()
        if isinstance(images, str):
            images = (images,)
        return tuple(i for i in images if isinstance(i, str)) if isinstance(images, (list, tuple)) else ()

    @property
    def title(self) -> str | None:
        return self._str("title")

    @property
    def link(self) -> str | None:
        return self._str("link")


@dataclass(frozen=True)
class ImageInfo:
    """What the file system says about a picture a post attaches (filled in at the edge)."""

    path: str  # as written
    exists: bool
    outside: bool = False  # escapes the repository (.., absolute, symlink out)
    size: int = 0
    kind: str | None = None  # jpeg | png | gif | webp | None (unknown)
    near: str | None = None  # a missing picture's likely meant file, as it would be written


@dataclass(frozen=True)
class PostSummary:
    """What collection rules know of a post: front matter facts and the rendered text."""

    path: str
    column: str | None
    account: str | None  # the resolved account key
    status: str
    publish_at: datetime | None
    publish_line: int
    text: str | None


@dataclass(frozen=True)
class Published:
    """A publication the publisher recorded."""

    path: str
    account: str
    id: str
    published_at: datetime
    text_hash: str | None = None
