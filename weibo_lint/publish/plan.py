"""Which posts a run publishes, in which order, and why the others wait. Pure.

A post is published when it is ``approved``, due (``publish_at`` ≤ now), has no record
yet (or a ``failed`` one whose post has changed since), has no lint errors, and is not
more than its account's ``max_delay`` late (unless ``include_late``). Order: by
``publish_at``, then path, so a catch-up run keeps the schedule's order.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo

from weibo_lint.errors import known
from weibo_lint.freeze import Freeze, active
from weibo_lint.i18n import _
from weibo_lint.model import Account
from weibo_lint.records import Record
from weibo_lint.schedule.similar import text_sha256


@dataclass(frozen=True)
class Candidate:
    """An approved post as the check saw it (filled in at the edge)."""

    path: str
    account: str | None  # the resolved account key
    column: str | None
    publish_at: datetime | None
    text: str | None  # the rendered text; None when rendering failed
    pictures: tuple[str, ...]  # repository-relative files
    errors: tuple[str, ...] = ()  # lint errors, "WB101 message"
    source_sha256: str = ""


@dataclass(frozen=True)
class Item:
    """A post to publish (or, for a manual account, to paste)."""

    path: str
    account: str
    column: str | None
    publish_at: datetime
    text: str
    pictures: tuple[str, ...]
    source_sha256: str
    late_by: timedelta
    attempts: int = 0  # earlier attempts (a failed record being retried)


@dataclass(frozen=True)
class Skip:
    path: str
    account: str | None
    reason: str  # late | blocked | failed | pending | no-account | frozen
    detail: str


@dataclass(frozen=True)
class Plan:
    publish: tuple[Item, ...]  # API accounts, in order
    manual: tuple[Item, ...]  # manual accounts: printed for a human
    skipped: tuple[Skip, ...]


def is_due(candidate: Candidate, now: datetime) -> bool:
    return candidate.publish_at is not None and candidate.publish_at <= now


def make_plan(candidates: list[Candidate], records: Mapping[str, Record], accounts: Mapping[str, Account], *,
              now: datetime, include_late: bool = False, only_account: str | None = None,
              freezes: Iterable[Freeze] = (), tz: tzinfo = timezone.utc) -> Plan:
    """What to send now. A post of an account frozen at ``now`` is skipped as ``frozen``
    whenever it was due: after the freeze it goes only if ``max_delay`` (or
    ``include_late``) still allows, like any late post."""
    freezes = tuple(freezes)
    publish: list[Item] = []
    manual: list[Item] = []
    skipped: list[Skip] = []
    for cand in sorted(candidates, key=lambda c: (c.publish_at or now, c.path)):
        if not is_due(cand, now):
            continue
        account = accounts.get(cand.account or "")
        if only_account is not None and (account is None or account.key != only_account):
            continue
        record = records.get(cand.path)
        if record is not None and record.state == "published":
            continue
        if record is not None and record.state == "intent":
            skipped.append(Skip(cand.path, cand.account, "pending",
                                _("an earlier attempt is not confirmed yet (see the reconciliation above)")))
            continue
        if record is not None and record.state == "failed" and _unchanged(record, cand):
            skipped.append(Skip(cand.path, cand.account, "failed",
                                _("failed earlier ({why}); edit the post to try again").format(why=_why(record))))
            continue
        if account is None:
            skipped.append(Skip(cand.path, cand.account, "no-account",
                                _("no account {name} in weibo.yaml").format(name=repr(cand.account))
                                if cand.account else _("no account")))
            continue
        freeze = active(freezes, account.key, now)
        if freeze is not None:
            skipped.append(Skip(cand.path, account.key, "frozen", freeze.describe(tz)))
            continue
        if cand.errors or cand.text is None:
            detail = "; ".join(cand.errors) or _("the text could not be rendered")
            skipped.append(Skip(cand.path, account.key, "blocked", _("lint errors: {errors}").format(errors=detail)))
            continue
        publish_at = known(cand.publish_at, f"the time of {cand.path}")
        late_by = now - publish_at
        if account.api != "manual" and late_by > account.max_delay and not include_late:
            skipped.append(Skip(cand.path, account.key, "late",
                                _("{late} late (max_delay {most}): reschedule it, or publish with --include-late")
                                .format(late=_duration(late_by), most=_duration(account.max_delay))))
            continue
        item = Item(cand.path, account.key, cand.column, publish_at, cand.text, cand.pictures,
                    cand.source_sha256, late_by, attempts=record.attempts if record else 0)
        (manual if account.api == "manual" else publish).append(item)
    return Plan(tuple(publish), tuple(manual), tuple(skipped))


def _unchanged(record: Record, cand: Candidate) -> bool:
    same_source = record.source_sha256 is None or record.source_sha256 == cand.source_sha256
    same_text = cand.text is None or record.text_sha256 == text_sha256(cand.text)
    return same_source and same_text


def _why(record: Record) -> str:
    return " ".join(str(x) for x in (record.error_code, record.error) if x) or _("no reason recorded")


def _duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 1440)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days}d" if days else "", f"{hours}h" if hours else "", f"{minutes}m" if minutes or not (days or hours) else ""]
    return "".join(parts)
