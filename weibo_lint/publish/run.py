"""A publish run: finish what an earlier run left, reconcile open intents, publish what is due.

:func:`run_publish` is the one entry point (the ``publish`` command calls it). The shared
machinery of a run lives in :class:`Publisher`: the accounts' clients, stopping an account,
saving records through the git edge, reading the timeline as evidence.
"""
from __future__ import annotations

import contextlib
import os
import socket
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable, Mapping

from weibo_lint.config import Config
from weibo_lint.errors import GitError
from weibo_lint.model import Account
from weibo_lint.publish import attempt, content, evidence, reconcile, review
from weibo_lint.publish.api import Secret, WeiboClient
from weibo_lint.publish.gitedge import GitEdge
from weibo_lint.publish.outcomes import Answer, Kind
from weibo_lint.publish.plan import make_plan
from weibo_lint.publish.settings import PublishSettings, publish_settings
from weibo_lint.publish.steps import StepHook, no_hook
from weibo_lint.publish.summary import RunReport
from weibo_lint.records import Record, load_records, parse_record, record_path
from weibo_lint.redact import Redactor
from weibo_lint.i18n import N_, _

HOURLY_LIMIT = 30  # posts per account per hour (PLATFORM.md §2, rate limits)
CLOCK_SLACK = timedelta(minutes=5)  # Weibo's clock may run a little ahead of ours
AUTH_HELP = N_("renew the access token and store it in {env}")


@dataclass(frozen=True)
class Options:
    now: datetime  # what is due is decided against this (--now)
    dry_run: bool = False
    account: str | None = None  # an account key
    push: bool = True
    include_late: bool = False


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Publisher:
    """What one run shares between reconciling and publishing."""

    def __init__(self, config: Config, settings: PublishSettings, options: Options, edge: GitEdge | None, *,
                 environ: Mapping[str, str], on_step: StepHook, sleep: Callable[[float], None],
                 wall: Callable[[], datetime]) -> None:
        self.config = config
        self.settings = settings
        self.options = options
        self.edge = edge
        self.environ = environ
        self.on_step = on_step
        self.sleep = sleep
        self.wall = wall  # the real clock: intents are compared with Weibo's created_at
        self.report = RunReport()
        self.clients: dict[str, WeiboClient] = {}
        self.recent: dict[str, int] = {}  # account -> posts in the last hour
        # account -> {idstr: when} of posts known to be on the account: what an intent
        # ``follows``, so that a timeline page showing one of them is known to reach back
        self.known: dict[str, dict[str, datetime]] = {}
        self.base: str | None = None  # the commit the plan was made from
        self.runner = {"host": socket.gethostname(), "pid": os.getpid()}
        if environ.get("GITHUB_RUN_ID"):
            self.runner["run"] = environ["GITHUB_RUN_ID"]

    # -- accounts ------------------------------------------------------------------

    def stop(self, account: Account, why: str) -> None:
        self.report.stopped.setdefault(account.key, why)

    def stopped(self, account: Account) -> str | None:
        return self.report.stopped.get(account.key)

    def client(self, account: Account) -> WeiboClient | None:
        """The account's client; None (and the account stopped) without a token."""
        if account.key in self.clients:
            return self.clients[account.key]
        token = self.environ.get(account.token_env or "", "").strip()
        if not token:
            self.stop(account, _("no access token: set {env} ({help})").format(
                env=account.token_env, help=_(AUTH_HELP).format(env=account.token_env)))
            return None
        client = WeiboClient(Secret(token), base=self.settings.api_base, upload_base=self.settings.upload_base,
                             timeout=self.settings.timeout, redactor=Redactor.from_environ(self.environ))
        self.clients[account.key] = client
        return client

    def refused(self, account: Account, answer: Answer) -> None:
        """Stop ``account`` after an auth or transient refusal, saying what to do."""
        if answer.kind is Kind.AUTH:
            self.stop(account, _("Weibo refused the token ({answer}): {help}").format(
                answer=answer.describe(), help=_(AUTH_HELP).format(env=account.token_env)))
        elif answer.kind is Kind.TRANSIENT:
            self.stop(account, _("Weibo says wait ({answer}); the rest goes out next run").format(
                answer=answer.describe()))
        else:
            self.stop(account, _("Weibo did not answer clearly ({answer}); the next run checks again").format(
                answer=answer.describe()))

    def room_this_hour(self, account: Account) -> bool:
        return self.recent.get(account.key, 0) < HOURLY_LIMIT

    def count_recent(self, records: Mapping[str, Record]) -> None:
        """Posts of each account in the last hour (by the real clock), from the records."""
        now = self.wall()
        for record in records.values():
            try:
                when = datetime.fromisoformat(record.published_at or record.intent_at or "")
            except ValueError:
                continue
            if when.tzinfo is None:
                continue
            if record.state in ("published", "intent") and now - timedelta(hours=1) <= when <= now + CLOCK_SLACK:
                self.recent[record.account] = self.recent.get(record.account, 0) + 1

    def learn(self, account: str, statuses: list[evidence.Seen]) -> None:
        """Remember posts seen on (or answered by) the account."""
        known = self.known.setdefault(account, {})
        for status in statuses:
            if status.idstr and status.created_at is not None:
                known[status.idstr] = status.created_at

    def learn_records(self, records: Mapping[str, Record]) -> None:
        for record in records.values():
            if record.state == "published" and record.idstr and record.published_at:
                try:
                    when = datetime.fromisoformat(record.published_at)
                except ValueError:
                    continue
                if when.tzinfo is not None:
                    self.known.setdefault(record.account, {})[record.idstr] = when

    def follows(self, account: str) -> tuple[str, ...]:
        """The newest posts known on ``account``, newest first (what a new intent follows)."""
        known = self.known.get(account, {})
        return tuple(sorted(known, key=lambda i: (known[i], len(i), i), reverse=True)[:evidence.TIMELINE_SIZE])

    # -- records -------------------------------------------------------------------

    def record_rel(self, record: Record) -> str:
        assert self.edge is not None
        return self.edge.rel(record_path(self.config, record.path, record.account))

    def save(self, label: str, record: Record, message: str, *, expected: Record,
             delete: bool = False) -> bool:
        """Write (or delete) ``record`` and push it, provided its file still holds
        ``expected`` (as data: the bytes may be another version's layout); False when
        another run changed it first."""
        edge = self.edge
        assert edge is not None
        rel = self.record_rel(record)
        writes = {rel: None if delete else record.to_bytes()}

        def unchanged(rev: str) -> bool:
            data = edge.read(rev, rel)
            try:
                return data is not None and Record.from_dict(parse_record(data)) == expected
            except (TypeError, ValueError):
                return False

        return edge.save(label, lambda: writes, message, guard=unchanged)

    def account_folder(self, account: str) -> str:
        assert self.edge is not None
        return self.edge.rel(self.config.dir("published")) + f"/{account}/"

    def others_on(self, account: str, rev: str) -> list[str]:
        """Records of ``account`` that another run (or a human) changed between the plan's
        commit and ``rev``: any such change means someone else is publishing there."""
        assert self.edge is not None and self.base is not None
        return self.edge.foreign(self.base, rev, self.account_folder(account))

    # -- evidence ------------------------------------------------------------------

    def look(self, account: Account, client: WeiboClient, attempt: Record, tries: int = 1) -> evidence.Look:
        """Our attempt's text on the account's timeline: what the page shows, whether it
        covers the time since the attempt, and the failed answer if it could not be read."""
        delay = self.settings.backoff
        since = evidence.since_intent(datetime.fromisoformat(attempt.intent_at or "1970-01-01T00:00:00+00:00"))
        for attempt_no in range(tries):
            answer = client.user_timeline()
            if answer.kind is not Kind.SUCCESS:
                if answer.kind in (Kind.AUTH, Kind.PERMANENT) or attempt_no == tries - 1:
                    return evidence.Look(failure=answer)
            else:
                statuses = evidence.timeline(answer.data)
                self.learn(account.key, statuses)
                look = evidence.look(statuses, attempt.text, since, attempt.follows)
                if look.found is not None or attempt_no == tries - 1:
                    return look
            self.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")


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
                       managed=(config.dir("published"), config.dir("metrics")))
    pub = Publisher(config, settings, options, edge, environ=environ, on_step=on_step, sleep=sleep, wall=wall)
    with edge.lock() if edge else contextlib.nullcontext():
        try:
            _run(pub)
        except GitError as exc:
            pub.report.git_failure = exc.message
    for client in pub.clients.values():
        pub.report.api_calls += client.calls
        pub.report.api_seconds += client.seconds
    return pub.report


def _run(pub: Publisher) -> None:
    config, options = pub.config, pub.options
    if pub.edge is not None:
        pub.report.notes.extend(pub.edge.sync(keep_leftover))
    records, problems = load_records(config)
    for problem in problems:
        pub.report.notes.append(f"{problem.path}: {problem.message}")
    only = config.account(options.account) if options.account else None
    intents = [r for r in records.values() if r.state == "intent" and (only is None or r.account == only.key)]
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
            if record.state == "intent" and account is not None and not pub.stopped(account):
                pub.report.add(record.path, record.account, "unsettled", "another run's attempt, not settled yet")
                pub.stop(account, _("an attempt to publish {path} is not settled yet; nothing newer goes out on "
                                    "this account until it is").format(path=record.path))
        review.complete_all(pub, records, only.key if only else None)
    pub.count_recent(records)
    found = []
    for candidate in content.candidates(config, records, options.now):
        broken = _unreadable_record(config, candidate.path, candidate.account, problems)
        if broken:
            pub.report.add(candidate.path, candidate.account, "blocked", f"its record {broken} is unreadable: "
                           "repair it from git history, or delete it if the post never went out")
        else:
            found.append(candidate)
    plan = make_plan(found, records, config.accounts, now=options.now, include_late=options.include_late,
                     only_account=only.key if only else None)
    for skip in plan.skipped:
        pub.report.add(skip.path, skip.account, "waiting" if skip.reason == "pending" else skip.reason, skip.detail)
    pub.report.manual.extend(plan.manual)
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
