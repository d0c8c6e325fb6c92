"""The calls made, per account and Weibo day, by endpoint: what the usage records add up to. Pure."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

# What each endpoint is spent on, for the budget's columns.
KINDS = {"statuses/share": "posts", "statuses/update": "posts", "statuses/upload": "posts",
         "statuses/user_timeline": "reads", "statuses/count": "metrics"}


def kind_of(endpoint: str) -> str:
    return KINDS.get(endpoint, "other")


@dataclass
class Usage:
    """Calls recorded per account and day, by endpoint; files that could not be read."""

    calls: dict[tuple[str, date], Counter] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add(self, account: str, day: date, calls: dict[str, int]) -> None:
        self.calls.setdefault((account, day), Counter()).update(calls)

    def of(self, account: str, day: date) -> Counter:
        return self.calls.get((account, day), Counter())

    def total(self, account: str, day: date) -> int:
        return sum(self.of(account, day).values())

    def by_kind(self, account: str, day: date) -> Counter:
        kinds: Counter = Counter()
        for endpoint, calls in self.of(account, day).items():
            kinds[kind_of(endpoint)] += calls
        return kinds
