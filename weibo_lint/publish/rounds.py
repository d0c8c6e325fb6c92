"""Publishing in rounds: one push per round, whatever the number of accounts (sharded runs).

A run publishing post by post pushes twice a post (the claim, then the outcome). Many
shards doing so on one branch make the branch the bottleneck: every push must land on the
newest head, one at a time. In rounds, round *r* takes the *r*-th due post of every
account: all their claims are committed, then pushed **together** (with the previous
round's outcomes); only then are the posts sent, one by one, and their outcomes committed
to go with the next round's push (the last ones with a push of their own). The order that
makes a post exactly-once is kept for every post: its intent is on the remote before its
API call, and its outcome is recorded after the answer. An outcome waits longer for its
push, as it would if the push had failed: another run meanwhile sees the intent and leaves
the account alone (``publish.intent_grace``), and a crash leaves it to the reconciliation,
as any crash after the API call does.

A claim the push finds impossible (another run changed a record of its account since the
plan) is dropped before anything is sent, and reported as a claim refused in a run post by
post is; the other accounts of the round go on.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from weibo_lint.errors import known
from weibo_lint.publish import attempt
from weibo_lint.publish.plan import Item

if TYPE_CHECKING:
    from weibo_lint.publish.publisher import Publisher


def rounds(items: tuple[Item, ...]) -> list[list[Item]]:
    """``items`` (in the plan's order) as rounds: the n-th round holds each account's n-th post."""
    found: list[list[Item]] = []
    seen: dict[str, int] = {}
    for item in items:
        index = seen.get(item.account, 0)
        seen[item.account] = index + 1
        if index == len(found):
            found.append([])
        found[index].append(item)
    return found


def publish_rounds(pub: Publisher, items: tuple[Item, ...], released: Mapping[str, int]) -> None:
    edge = known(pub.edge, "the git edge")
    try:
        for batch in rounds(items):
            claimed = []
            for item in batch:
                prepared = attempt.prepare(pub, item, released.get(item.path, 0))
                if prepared is not None and attempt._claim(pub, item, prepared.intent, defer=True):
                    claimed.append((item, prepared))
            edge.flush("intent")  # the claims (and the last round's outcomes): then, and only then, the API
            pub.defer = True  # outcomes ride with the next round's claims
            for item, prepared in claimed:
                if not pub.report.has(item.path):  # else the push dropped its claim, and said so
                    attempt.send(pub, item, prepared)
            pub.defer = False
    finally:
        pub.defer = False
    edge.flush("outcome")

