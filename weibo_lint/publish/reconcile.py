"""Intents without an outcome: find out what became of them before anything else is sent.

For each intent, once it is settled (its run is dead, or old enough that it must be):

* our text is on the account's timeline since the intent → ``published`` with that id;
* it is not, and the timeline reaches back past the intent → it never went out: the
  claim is released and the post is planned again in this same run (attempt + 1);
* it is not, and the timeline does not reach back that far → ``failed``, needing a
  human: re-sending could post it twice, so the publisher never does.

An intent that cannot be settled yet (its run may still be working, or the timeline cannot
be read) stops its account for the run: a newer post would push the attempt further down
the 5 posts the timeline shows, until nothing could prove whether it went out. Other
accounts go on.
"""
from __future__ import annotations

import os
import socket
from dataclasses import replace
from typing import TYPE_CHECKING

from weibo_lint.i18n import _
from weibo_lint.publish import attempt
from weibo_lint.publish.outcomes import Kind
from weibo_lint.records import Record

if TYPE_CHECKING:
    from weibo_lint.publish.publisher import Publisher


def reconcile_all(pub: Publisher, intents: list[Record]) -> dict[str, int]:
    """Reconcile ``intents``; the posts released for a fresh attempt, with their attempts."""
    released: dict[str, int] = {}
    for intent in sorted(intents, key=lambda r: (r.intent_at or "", r.path)):
        attempts = reconcile_one(pub, intent)
        if attempts is not None:
            released[intent.path] = attempts
    return released


def reconcile_one(pub: Publisher, intent: Record) -> int | None:
    account = pub.config.accounts.get(intent.account)
    if account is None or account.api == "manual":
        pub.report.add(intent.path, intent.account, "needs-human",
                       _("an unconfirmed attempt for account {account}, which is not an API account now").format(account=repr(intent.account)))
        return None
    if pub.stopped(account):
        pub.report.add(intent.path, intent.account, "unsettled", _("unconfirmed attempt; account stopped for this run"))
        return None
    started = intent.started_at
    age = pub.wall() - started
    wait = pub.settings.settle if _runner_dead(intent) else pub.settings.intent_grace
    if age < wait:
        who = intent.runner or {}
        pub.report.add(intent.path, intent.account, "unsettled",
                       _("attempt {attempts} by {host}:{pid} since {intent_at} may still be under way; checked again once it is {wait} old").format(attempts=intent.attempts, host=who.get("host", "?"), pid=who.get("pid", "?"), intent_at=intent.intent_at, wait=wait))
        pub.stop(account, _("an attempt to publish {path} is not settled yet; nothing newer goes out on this "
                            "account until it is").format(path=intent.path))
        return None
    client = pub.client(account)
    if client is None:
        pub.report.add(intent.path, intent.account, "unsettled", _("unconfirmed attempt; no token to check it"))
        return None
    seen = pub.look(account, client, intent, tries=2)
    found, covered, failure = seen.found, seen.covered, seen.failure
    if failure is not None:
        if failure.kind in (Kind.AUTH, Kind.TRANSIENT):
            pub.refused(account, failure)
        else:
            pub.stop(account, _("cannot read the timeline to check an earlier attempt ({answer})").format(answer=failure.describe()))
        pub.report.add(intent.path, intent.account, "unsettled", _("unconfirmed attempt; the timeline could not be read"))
        return None
    if found is not None:
        attempt.outcome(pub, intent, attempt.published(intent, found, via="reconciled from the timeline"),
                        "confirmed", _("an earlier attempt went out: found on the timeline"))
        return None
    if covered:
        if attempt.release(pub, intent, "not on the timeline: it never went out"):
            pub.report.notes.append(_("{path}: attempt {attempts} never went out; trying again").format(path=intent.path, attempts=intent.attempts))
            return intent.attempts
        pub.report.add(intent.path, intent.account, "skipped", _("another run resolved it first"))
        return None
    what = seen.describe()
    record = replace(intent, state="failed", error_code="unconfirmed", needs_human=True,
                     error=f"attempt {intent.attempts} at {intent.intent_at}: {what}. Look for it on the account; "
                           f"if it is there, `weibo-lint record {intent.path} --url ...`, else delete this record "
                           "to retry")
    attempt.outcome(pub, intent, record, "needs-human", record.error)
    return None



def _runner_dead(intent: Record) -> bool:
    """Whether the run that wrote ``intent`` is known to be gone (same host, no such process)."""
    runner = intent.runner or {}
    if runner.get("host") != socket.gethostname():
        return False
    try:
        pid = int(str(runner.get("pid")))
    except ValueError:
        return False
    if pid == os.getpid():
        return False
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            if handle.read().rsplit(")", 1)[-1].split()[0] == "Z":
                return True  # a zombie: killed, not yet reaped
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
