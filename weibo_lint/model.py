"""The content model: accounts, columns and posts, and what is known of them (a picture on
disk, a post's summary, a publication), as plain frozen values."""
from __future__ import annotations

from collections.abc import ItemsView, Iterator, Mapping, Sequence, ValuesView
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, NamedTuple, Protocol, overload

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


class PostSummary(NamedTuple):
    """What collection rules know of a post: front matter facts and the rendered text.
    A tuple, not a frozen dataclass: one is made per post on every run (a fifth of the cost)."""

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


class PostsView(Protocol):
    """Every post's summary, by path, as collection rules read it (``index.views.Summaries``)."""

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[PostSummary]: ...

    def __getitem__(self, index: int) -> PostSummary: ...

    def relevant(self, start: datetime, end: datetime,
                 reach: timedelta) -> list[tuple[PostSummary, Published | None]]:
        """Pending posts (approved, with a time, never published) by path, then the posts
        published in ``[start, end)`` or within ``reach`` of a pending post, by path, with
        their publications: all that the schedule rules look at."""
        ...


class EveryPost(Sequence[PostSummary]):
    """A ``PostsView``'s sequence: every post's summary, made by ``_load`` once, when first
    walked (a run's rules mostly ask ``relevant`` instead, which reads far fewer)."""

    _all: Sequence[PostSummary] | None = None

    def _load(self) -> Sequence[PostSummary]:
        raise NotImplementedError

    def _everything(self) -> Sequence[PostSummary]:
        if self._all is None:
            self._all = self._load()
        return self._all

    def __len__(self) -> int:
        return len(self._everything())

    @overload
    def __getitem__(self, index: int) -> PostSummary: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[PostSummary]: ...

    def __getitem__(self, index: int | slice) -> PostSummary | Sequence[PostSummary]:
        return self._everything()[index]

    def __iter__(self) -> Iterator[PostSummary]:
        return iter(self._everything())


class PublicationsView(Protocol):
    """Every publication, by post path, as collection rules read it (``index.views.Publications``)."""

    def __getitem__(self, path: str, /) -> Published: ...

    def __contains__(self, path: object, /) -> bool: ...

    def __iter__(self) -> Iterator[str]: ...

    def __len__(self) -> int: ...

    def get(self, path: str, /) -> Published | None: ...

    def values(self) -> ValuesView[Published]: ...

    def items(self) -> ItemsView[str, Published]: ...

    def with_digests(self, wanted: set[str]) -> list[Published]:
        """The publications whose ``text_sha256`` is one of ``wanted``, in mapping order."""
        ...

    def without_digest(self) -> list[tuple[Published, str | None]]:
        """The publications without a usable ``text_sha256``, with their post's text (if any)."""
        ...
