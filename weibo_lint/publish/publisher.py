"""What one publish run shares between reconciling, publishing and completing reviews: the
accounts' clients, stopping an account, saving records through the git edge, reading the
timeline as evidence. Its own module so that the steps of a run (``attempt``,
``reconcile``, ``review``) and the run itself (``run``) all use it without importing each
other in a circle.
"""
from __future__ import annotations

import os
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from weibo_lint.config import Config
from weibo_lint.errors import known
from weibo_lint.freeze import Freeze, active, parse_freezes
from weibo_lint.frontmatter import SourceError, load_yaml
from weibo_lint.i18n import N_, _
from weibo_lint.model import Account
from weibo_lint.publish import evidence
from weibo_lint.publish.api import Secret, WeiboClient
from weibo_lint.publish.gitedge import GitEdge
from weibo_lint.publish.outcomes import Answer, Kind
from weibo_lint.publish.settings import PublishSettings
from weibo_lint.publish.steps import StepHook
from weibo_lint.publish.summary import RunReport
from weibo_lint.records import Record, parse_record, record_path
from weibo_lint.redact import Redactor
from weibo_lint.usage import UsageMeter

HOURLY_LIMIT = 30  # posts per account per hour (docs/platform.md §2.3)
CLOCK_SLACK = timedelta(minutes=5)  # Weibo's clock may run a little ahead of ours
AUTH_HELP = N_("renew the access token and store it in {env}")


@dataclass(frozen=True)
class Options:
    now: datetime  # what is due is decided against this (--now)
    dry_run: bool = False
    account: str | None = None  # an account key
    push: bool = True
    include_late: bool = False
    # A shard's accounts (``publish --shard``): only these; and ``orphans`` says whether this
    # run also reports what belongs to no account of weibo.yaml (shard 1 does, the others not).
    accounts: frozenset[str] | None = None
    orphans: bool = True

    def mine(self, account: str | None, known: bool) -> bool:
        """Whether this run handles ``account`` (``known``: it is an account of weibo.yaml)."""
        if self.account is not None:
            return account == self.account
        if self.accounts is not None:
            return account in self.accounts if known else self.orphans
        return True


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
        self.defer = False  # records saved now wait for the next push (``rounds``)
        self.freezes: tuple[Freeze, ...] = config.freeze  # as committed: see ``read_freezes``
        self.started = wall()  # the run's clock is ``options.now`` plus the real time since
        self.runner = {"host": socket.gethostname(), "pid": os.getpid()}
        if environ.get("GITHUB_RUN_ID"):
            self.runner["run"] = environ["GITHUB_RUN_ID"]
        self.usage = UsageMeter(config, "publish", self.clock, runner=self.runner, write=edge is not None)

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
                             timeout=self.settings.timeout, redactor=Redactor.from_environ(self.environ),
                             meter=self.usage.meter(account.key))
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

    # -- freezes ------------------------------------------------------------------

    def read_freezes(self, rev: str = "HEAD") -> None:
        """The freezes of weibo.yaml as committed at ``rev`` (the run's config was read
        before syncing, and a freeze may have been pushed since). A freeze that cannot be
        read stops every account: when in doubt, nothing goes out."""
        if self.edge is None or self.config.path is None:
            return
        data = self.edge.read(rev, self.edge.rel(self.config.path))
        where = self.config.path.name
        try:
            raw = load_yaml(data.decode("utf-8-sig")) if data is not None else None
            errors: list[str] = []
            if isinstance(raw, dict):
                self.freezes, errors = parse_freezes(raw.get("freeze"), self.config.timezone, self.config.accounts,
                                                     where)
        except (UnicodeDecodeError, SourceError) as exc:
            errors = [getattr(exc, "message", None) or str(exc)]
        for account in self.config.accounts.values():
            if errors:
                self.stop(account, _("the committed {file} has a freeze that cannot be read ({error}); nothing "
                                     "goes out until it is fixed").format(file=where, error=errors[0]))

    def clock(self) -> datetime:
        """Now on the run's clock: ``--now`` (default the real time) and the time the run has
        taken since, so that a freeze pushed while the run goes (``from`` = then) covers it."""
        return self.options.now + max(self.wall() - self.started, timedelta(0))

    def frozen(self, account: Account) -> Freeze | None:
        """The freeze holding ``account`` now, as last read (and noted for the report)."""
        freeze = active(self.freezes, account.key, self.clock())
        if freeze is not None:
            self.report.frozen.setdefault(account.key, freeze.describe(self.config.timezone))
        return freeze

    # -- records -------------------------------------------------------------------

    def record_rel(self, record: Record) -> str:
        return known(self.edge, "the git edge").rel(record_path(self.config, record.path, record.account))

    def save(self, label: str, record: Record, message: str, *, expected: Record,
             delete: bool = False) -> bool:
        """Write (or delete) ``record`` and push it, provided its file still holds
        ``expected`` (as data: the bytes may be another version's layout); False when
        another run changed it first."""
        edge = known(self.edge, "the git edge")
        rel = self.record_rel(record)
        writes = {**self.usage.writes(edge.rel), rel: None if delete else record.to_bytes()}

        def unchanged(rev: str) -> bool:
            data = edge.read(rev, rel)
            try:
                return data is not None and Record.from_dict(parse_record(data)) == expected
            except (TypeError, ValueError):
                return False

        def lost() -> None:  # a deferred save another run's change made impossible
            self.report.notes.append(_("{path}: another run changed its record meanwhile; this run's result was: "
                                       "{state} {value}").format(path=record.path, state=record.state,
                                                                 value=record.idstr or record.error_code or ''))

        return edge.save(label, lambda: writes, message, guard=unchanged, defer=self.defer,
                         on_lost=lost if self.defer else None)

    def account_folder(self, account: str) -> str:
        return known(self.edge, "the git edge").rel(self.config.dir("published")) + f"/{account}/"

    def others_on(self, account: str, rev: str) -> list[str]:
        """Records of ``account`` that another run (or a human) changed between the plan's
        commit and ``rev``: any such change means someone else is publishing there."""
        edge, base = known(self.edge, "the git edge"), known(self.base, "the plan's commit")
        return edge.foreign(base, rev, self.account_folder(account))

    # -- evidence ------------------------------------------------------------------

    def look(self, account: Account, client: WeiboClient, attempt: Record, tries: int = 1) -> evidence.Look:
        """Our attempt's text on the account's timeline: what the page shows, whether it
        covers the time since the attempt, and the failed answer if it could not be read."""
        delay = self.settings.backoff
        since = evidence.since_intent(attempt.started_at)
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
