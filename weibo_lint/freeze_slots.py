"""Posts a freeze held past their account's ``max_delay``, each with its next free slot.

When a freeze lifts, the publisher sends only what is still within ``max_delay`` (or
everything with ``--include-late``); the rest needs a new ``publish_at``. ``weibo-lint
calendar`` lists these posts with the first free slot of their column after the freeze
(the same search ``weibo-lint new`` makes), each suggestion taking its slot so that two
held posts are not offered the same time.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from weibo_lint.freeze import Freeze, active
from weibo_lint.i18n import _
from weibo_lint.model import Account, Column, PostSummary, Published
from weibo_lint.schedule import free
from weibo_lint.schedule.slots import parse_slots
from weibo_lint.schedule.timeline import utc


@dataclass(frozen=True)
class Held:
    path: str
    account: str
    due: datetime  # aware
    slot: datetime | None  # None: no free slot found, or the freeze is still open-ended


def held_posts(summaries: Sequence[PostSummary], published: Mapping[str, Published], columns: Mapping[str, Column],
               accounts: Mapping[str, Account], freezes: Sequence[Freeze], *, now: datetime,
               tz: tzinfo) -> list[Held]:
    """Approved, unpublished posts that fell due during a freeze and are now (or will be, when
    the freeze holding them ends) more than their account's ``max_delay`` late."""
    held: list[Held] = []
    taken = [(s, utc(published[s.path].published_at if s.path in published else s.publish_at, tz))
             for s in summaries if s.publish_at is not None]
    for summary, due in sorted(taken, key=lambda pair: (pair[1], pair[0].path)):
        account = accounts.get(summary.account or "")
        if summary.status != "approved" or summary.path in published or account is None or account.api == "manual":
            continue
        if due >= now or active(freezes, account.key, due) is None:
            continue
        still = active(freezes, account.key, now)
        resume = now if still is None else still.until
        if resume is not None and resume - due <= account.max_delay:
            continue  # the first run after the freeze sends it
        column = columns.get(summary.column or "")
        slot = None if resume is None or column is None else _next_slot(column, account, taken, resume, tz)
        if slot is not None:
            taken.append((summary, slot))
        held.append(Held(summary.path, account.key, due, slot))
    return held


def _next_slot(column: Column, account: Account, taken, after: datetime, tz: tzinfo) -> datetime | None:
    slots, _errors = parse_slots(column.slots)
    rules = free.Rules(slots=slots, per=column.cadence.per if column.cadence else None,
                       max_per_period=column.cadence.max if column.cadence else None,
                       min_gap=account.posting.min_gap, max_per_day=account.posting.max_per_day,
                       windows=account.posting.windows)
    column_times = tuple(when for s, when in taken if s.column == column.slug)
    account_times = tuple(when for s, when in taken if s.account == account.key)
    return free.next_free(rules, free.Occupancy(column_times, account_times), after - timedelta(seconds=1), tz)


def held_text(held: Sequence[Held], tz: tzinfo) -> str:
    """The calendar's section about ``held`` (empty without any)."""
    if not held:
        return ""
    lines = ["", _("Held by a freeze past max_delay (give each a new publish_at, or publish with --include-late):")]
    for item in held:
        due = f"{item.due.astimezone(tz):%Y-%m-%d %H:%M}"
        if item.slot is None:
            lines.append("  " + _("{path} [{account}], due {due}: no free slot until the freeze ends").format(
                path=item.path, account=item.account, due=due))
        else:
            lines.append("  " + _("{path} [{account}], due {due}: next free slot {slot}").format(
                path=item.path, account=item.account, due=due, slot=f"{item.slot.astimezone(tz):%Y-%m-%d %H:%M}"))
    return "\n".join(lines) + "\n"
