"""The repository as a whole, as the collection rules read it: every post's summary, every
publication (the views of ``model``), WB408's memory of similar texts, and what several rules
derive alike (the schedule's timeline).

The views are protocols: the index (``index/views.py``, ``index/similar.py``) answers them
from its database, and the tests' plain in-memory versions answer the same.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from weibo_lint.config import Config
from weibo_lint.model import Column, PostsView, PublicationsView
from weibo_lint.schedule import timeline as schedule

if TYPE_CHECKING:
    from weibo_lint.schedule.similar import Pair


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

    def timeline(self) -> schedule.Timeline:
        """The schedule rules' timeline (``schedule.timeline.around``), made once however many
        rules ask."""
        return self.derived(_timeline)

    def derived(self, make: Callable[[Collection], _Derived]) -> _Derived:
        """``make(self)``, made once however many rules ask for it."""
        if make not in self._derived:
            self._derived[make] = make(self)
        return self._derived[make]


def _timeline(collection: Collection) -> schedule.Timeline:
    config = collection.config
    return schedule.around(collection.posts, config.accounts.values(), collection.now, config.timezone)
