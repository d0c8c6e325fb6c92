"""A publish run: finish what an earlier run left, reconcile open intents, complete posts
held for review, publish what is due.

:func:`run_publish` is the one entry point (the ``publish`` command calls it); what a run
shares between its steps is :class:`~weibo_lint.publish.publisher.Publisher`.
"""
from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Mapping
from datetime import datetime

from weibo_lint.config import Config
from weibo_lint.errors import GitError
from weibo_lint.i18n import _
from weibo_lint.publish import attempt, content, reconcile, review, rounds
from weibo_lint.publish.gitedge import GitEdge
from weibo_lint.publish.plan import make_plan
from weibo_lint.publish.publisher import Options, Publisher, utc_now
from weibo_lint.publish.settings import managed_folders, publish_settings
from weibo_lint.publish.steps import StepHook, no_hook
from weibo_lint.publish.summary import RunReport
from weibo_lint.records import load_records, parse_record, record_path
from weibo_lint.redact import Redactor
from weibo_lint.usage import commit_usage

__all__ = ["Options", "Publisher", "keep_leftover", "run_publish", "utc_now"]


def keep_leftover(rel: str, data: bytes | None, committed: bool) -> bool:
    """Carry on an interrupted run's file, unless it is a claim that was never sent: an
    intent not committed (the API comes after the commit), or committed but never pushed
    when the claim went through the remote (the API comes after the push)."""
    if data is None or not rel.endswith(".json"):
        return True
    try:
        record = parse_record(data)
    except ValueError:
        return True
    if record.get("state") != "intent":
        return True
    return committed and record.get("claim") == "local"


def run_publish(config: Config, options: Options, *, environ: Mapping[str, str] = os.environ,
                on_step: StepHook = no_hook, sleep: Callable[[float], None] = time.sleep,
                wall: Callable[[], datetime] = utc_now) -> RunReport:
    """One publish run over ``config``'s repository (see the package docstring)."""
    settings = publish_settings(config, environ)
    edge = None
    if not options.dry_run:
        edge = GitEdge(config.root, settings, push=options.push, on_step=on_step, sleep=sleep,
                       redactor=Redactor.from_environ(environ),
                       managed=managed_folders(config))
    pub = Publisher(config, settings, options, edge, environ=environ, on_step=on_step, sleep=sleep, wall=wall)
    with edge.lock() if edge else contextlib.nullcontext():
        try:
            _run(pub)
        except GitError as exc:
            pub.report.git_failure = exc.message
        if edge is not None and not pub.report.git_failure:  # calls since the last commit (weibo_lint/usage.py)
            pub.report.notes.extend(commit_usage(edge, pub.usage))
    if edge is not None:
        pub.report.git_pushes, pub.report.git_replays = edge.pushes, edge.replays
    for client in pub.clients.values():
        pub.report.api_calls += client.calls
        pub.report.api_seconds += client.seconds
    return pub.report


def _run(pub: Publisher) -> None:
    config, options = pub.config, pub.options
    if pub.edge is not None:
        pub.report.notes.extend(pub.edge.sync(keep_leftover))
        pub.read_freezes()  # as committed on the remote now, not as this run's config was read
    records, problems = load_records(config)
    for problem in problems:
        pub.report.notes.append(f"{problem.path}: {problem.message}")
    def mine(account: str | None) -> bool:
        return options.mine(account, (account or "") in config.accounts)

    intents = [r for r in records.values() if r.state == "intent" and mine(r.account)]
    released: dict[str, int] = {}
    if options.dry_run:
        for record in intents:
            pub.report.add(record.path, record.account, "would-reconcile", "an unconfirmed attempt")
    elif intents:
        released = reconcile.reconcile_all(pub, intents)
        records, _problems = load_records(config)
    pub.learn_records(records)
    if pub.edge is not None:
        pub.base = pub.edge.head()  # claims must find every record of their account as here
        for record in records.values():  # another run's attempt, pulled in while reconciling
            account = config.accounts.get(record.account)
            if record.state == "intent" and account is not None and mine(account.key) and not pub.stopped(account):
                pub.report.add(record.path, record.account, "unsettled", "another run's attempt, not settled yet")
                pub.stop(account, _("an attempt to publish {path} is not settled yet; nothing newer goes out on "
                                    "this account until it is").format(path=record.path))
        review.complete_all(pub, {p: r for p, r in records.items() if mine(r.account)})
    pub.count_recent(records)
    found = []
    for candidate in content.candidates(config, records, options.now, mine):
        broken = _unreadable_record(config, candidate.path, candidate.account, problems)
        if broken:
            pub.report.add(candidate.path, candidate.account, "blocked", f"its record {broken} is unreadable: "
                           "repair it from git history, or delete it if the post never went out")
        else:
            found.append(candidate)
    for account in config.accounts.values():
        if mine(account.key):
            pub.frozen(account)
    plan = make_plan(found, records, config.accounts, now=options.now, include_late=options.include_late,
                     freezes=pub.freezes, tz=config.timezone)
    for skip in plan.skipped:
        pub.report.add(skip.path, skip.account, "waiting" if skip.reason == "pending" else skip.reason, skip.detail)
    pub.report.manual.extend(plan.manual)
    if options.accounts is not None and not options.dry_run and options.push:
        rounds.publish_rounds(pub, plan.publish, released)  # a shard: one push a round, not two a post
        return
    for item in plan.publish:
        if options.dry_run:
            pub.report.add(item.path, item.account, "would-publish", f"via {config.accounts[item.account].api}")
            pub.report.planned.append(item)
            continue
        attempt.publish_item(pub, item, released.get(item.path, 0))


def _unreadable_record(config: Config, path: str, account: str | None, problems) -> str | None:
    if not account:
        return None
    where = record_path(config, path, account).relative_to(config.root).as_posix()
    return where if any(p.path == where for p in problems) else None
