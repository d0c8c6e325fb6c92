"""Posts Weibo accepted for review (20032): find them on the timeline once they show.

Weibo answers 20032 without a status, so the record says ``published`` with
``under_review`` and no id. Each later run reads the account's timeline for such a post
and, once it shows, completes the record with its id, address and time, without a human.
Until then, for ``publish.review_wait``, nothing newer goes out on the account: a newer
post would push it down the 5 posts the timeline shows before it ever appeared there.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import TYPE_CHECKING

from weibo_lint.i18n import _
from weibo_lint.publish import attempt
from weibo_lint.records import Record

if TYPE_CHECKING:
    from weibo_lint.publish.publisher import Publisher

LOOKUP_FOR = timedelta(days=3)  # after this, a human records it (`weibo-lint record --url`)


def pending(records: Mapping[str, Record]) -> list[Record]:
    """Records of posts under review whose id is not known yet, oldest first."""
    found = [r for r in records.values() if r.state == "published" and r.under_review and not r.idstr]
    return sorted(found, key=lambda r: (r.intent_at or "", r.path))


def complete_all(pub: Publisher, records: Mapping[str, Record], only: str | None = None) -> None:
    for record in pending(records):
        if only is not None and record.account != only:
            continue
        complete_one(pub, record)


def complete_one(pub: Publisher, record: Record) -> None:
    account = pub.config.accounts.get(record.account)
    if account is None or account.api == "manual" or pub.stopped(account):
        return
    started = record.started_at
    age = pub.wall() - started
    if age > LOOKUP_FOR:
        pub.report.notes.append(_("{path}: accepted for review {intent_at} and never seen since; if it is on Weibo, `weibo-lint record {path} --url ...` records its id").format(path=record.path, intent_at=record.intent_at))
        return
    client = pub.client(account)
    if client is None:
        return
    seen = pub.look(account, client, record)
    if seen.found is not None:
        status = seen.found
        done = attempt.published(record, status, via=f"{record.via or 'statuses'}; shown after review")
        attempt.outcome(pub, record, done, "confirmed", _("accepted for review earlier; now shown, id recorded"))
        return
    what = seen.describe()
    if age < pub.settings.review_wait and seen.failure is None and seen.covered:
        pub.report.add(record.path, record.account, "in-review", _("not shown yet ({what})").format(what=what))
        pub.stop(account, _("{path} is still under Weibo's review; nothing newer goes out on this account until it shows, or until it is {review_wait} old").format(path=record.path, review_wait=pub.settings.review_wait))
        return
    pub.report.notes.append(_("{path}: accepted for review at {intent_at}, id still unknown: {what}").format(path=record.path, intent_at=record.intent_at, what=what))
