"""The repository as a whole, as the collection rules read it: every post's summary, every
publication, WB408's memory of similar texts, and what several rules derive alike.

The views are protocols: the index (``index/views.py``, ``index/similar.py``) answers them
from its database, and the tests' plain in-memory versions answer the same.
"""
from __future__ import annotations

from collections.abc import Callable, ItemsView, Iterator, Mapping, Sequence, ValuesView
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from weibo_lint.config import Config
from weibo_lint.model import Column, PostSummary, Published

if TYPE_CHECKING:
    from weibo_lint.schedule.similar import Pair


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


_Derived = TypeVar("_Derived")


class NearDuplicatesView(Protocol):
    """What WB408 asks of its memory of normalised texts and similar pairs (the index's
    ``NearDuplicates``; the tests' brute-force oracle answers the same)."""

    def normalised(self, texts: Sequence[str], digests: Sequence[str] | None = None) -> list[str]: ...

    def groups(self, groups: Mapping[str, Sequence[str]], threshold: float) -> dict[str, list[Pair]]: ...


@dataclass(frozen=True)
class Collection:
    """The whole repository, for rules about more than one file."""

    config: Config
    columns: Mapping[str, Column]
    posts: PostsView
    now: datetime
    published: PublicationsView  # by post path
    # post path -> (record path, what the record says) for records that are not ``published``
    unfinished: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    # WB408's normalised texts and similar pairs, remembered between runs (index/similar.py)
    near_duplicates: NearDuplicatesView = field(kw_only=True)
    # what several rules derive alike (the schedule timeline): made by ``derived``, once
    _derived: dict[Callable[[Collection], Any], Any] = field(default_factory=dict, init=False, repr=False,
                                                             compare=False)

    def derived(self, make: Callable[[Collection], _Derived]) -> _Derived:
        """``make(self)``, made once however many rules ask for it."""
        if make not in self._derived:
            self._derived[make] = make(self)
        return self._derived[make]
