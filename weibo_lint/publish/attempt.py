"""One publication: claim it in git, call the API, record what Weibo answered.

The order is the whole point (see the package docstring): the intent is pushed before
the API is called, and nothing but an answer (or the timeline's evidence) turns an
intent into ``published`` or ``failed``.
"""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from weibo_lint.counting import weibo_length
from weibo_lint.model import Account
from weibo_lint.publish import content, evidence
from weibo_lint.publish.api import Picture, WeiboClient
from weibo_lint.publish.outcomes import Answer, Kind
from weibo_lint.publish.plan import Item
from weibo_lint.records import Record, record_path, text_sha256

if TYPE_CHECKING:
    from weibo_lint.publish.run import Publisher

CONFIRM_TRIES = 3  # timeline reads after an unclear answer, with backoff


def publish_item(pub: Publisher, item: Item, earlier_attempts: int = 0) -> None:
    account = pub.config.accounts[item.account]
    if pub.stopped(account):
        pub.report.add(item.path, item.account, "postponed", "account stopped for this run")
        return
    client = pub.client(account)
    if client is None:
        pub.report.add(item.path, item.account, "postponed", "account stopped for this run")
        return
    if not pub.room_this_hour(account):
        pub.stop(account, f"{pub.recent.get(account.key)} posts in the last hour, Weibo's limit; the rest next run")
        pub.report.add(item.path, item.account, "postponed", "hourly limit")
        return
    if len(item.pictures) > 1:
        pub.report.add(item.path, item.account, "blocked",
                       f"{len(item.pictures)} pictures: the API takes one a post (account {account.key})")
        return
    picture = content.load_picture(pub.config.root, item.pictures[0]) if item.pictures else None
    intent = _intent(pub, item, max(item.attempts, earlier_attempts) + 1)
    if not _claim(pub, item, intent):
        return
    answer = _send(client, account, intent.text, picture, pub.config.astral_bytes)
    pub.on_step("api-answered")
    settle(pub, account, client, intent, answer)


def _intent(pub: Publisher, item: Item, attempts: int) -> Record:
    return Record(
        path=item.path, state="intent", account=item.account, column=item.column, text=item.text,
        text_sha256=text_sha256(item.text), source_sha256=item.source_sha256, pictures=item.pictures,
        nonce=uuid.uuid4().hex, attempts=attempts, claim="remote" if pub.options.push else "local",
        runner=dict(pub.runner), intent_at=pub.wall().isoformat(timespec="seconds"))


def _claim(pub: Publisher, item: Item, intent: Record) -> bool:
    """Commit and push the intent: the lock that makes a post ours to send."""
    expected = pub.current(intent)
    also: dict[str, bytes | None] = {}
    for other in pub.config.accounts:  # a failed record left under another account
        old = record_path(pub.config, item.path, other)
        if other != item.account and old.exists():
            also[pub.edge.rel(old)] = None  # type: ignore[union-attr]
    message = f"publish: claim {item.path} for {item.account} (attempt {intent.attempts})"
    if not pub.save("intent", intent, message, expected=expected, also=also):
        pub.report.add(item.path, item.account, "skipped", "another run claimed it first")
        return False
    # A rejected push moved us onto a newer main: is the post still the one we planned?
    if content.source_sha256(pub.config.root, item.path) != item.source_sha256:
        release(pub, intent, "the post changed during the run")
        pub.report.add(item.path, item.account, "postponed", "the post changed during the run; next run")
        return False
    pub.recent[item.account] = pub.recent.get(item.account, 0) + 1
    return True


def _send(client: WeiboClient, account: Account, text: str, picture: Picture | None, astral_bytes: int) -> Answer:
    if account.api == "share":
        return client.share(text, picture, account.rip)
    if picture is not None:
        return client.upload(text, picture)
    return client.update(text, long_text=weibo_length(text, astral_bytes=astral_bytes) > 140)


def settle(pub: Publisher, account: Account, client: WeiboClient, intent: Record, answer: Answer) -> None:
    """Turn Weibo's answer to a claimed intent into its record."""
    kind = answer.kind
    if kind is Kind.SUCCESS:
        status = evidence.seen(answer.data)
        assert status is not None
        outcome(pub, intent, published(intent, status, via=answer.endpoint), "published")
    elif kind is Kind.DELAYED:
        record = replace(intent, state="published", published_at=pub.wall().isoformat(timespec="seconds"),
                         via=f"{answer.endpoint} ({answer.describe()}: shown after review; id unknown)")
        outcome(pub, intent, record, "published")
    elif kind is Kind.REPEATED:
        confirm(pub, account, client, intent, answer, tries=1)
    elif kind is Kind.PERMANENT:
        record = replace(intent, state="failed", error_code=answer.code, error=answer.message or answer.describe())
        outcome(pub, intent, record, "failed")
    elif kind in (Kind.TRANSIENT, Kind.AUTH):
        release(pub, intent, f"Weibo refused it for now ({answer.describe()})")
        pub.refused(account, answer)
        pub.report.add(intent.path, intent.account, "postponed", answer.describe())
    else:
        confirm(pub, account, client, intent, answer, tries=CONFIRM_TRIES)


def confirm(pub: Publisher, account: Account, client: WeiboClient, intent: Record, answer: Answer,
            *, tries: int) -> None:
    """After a repeated-content refusal or no clear answer: believe only the timeline."""
    found, _covered, failure = pub.look(account, client, intent.text, _at(intent), tries=tries)
    if found is not None:
        how = "repeated content" if answer.kind is Kind.REPEATED else answer.describe()
        outcome(pub, intent, published(intent, found, via=f"{answer.endpoint} ({how}; found on the timeline)"),
                "published")
    elif answer.kind is Kind.REPEATED and failure is None:
        record = replace(intent, state="failed", error_code=answer.code, error=answer.message, needs_human=True)
        outcome(pub, intent, record, "needs-human",
                f"Weibo says the text was already posted ({answer.describe()}), and not by this attempt: check "
                f"the account; if it is ours, `weibo-lint record {intent.path} --url ...`")
    else:  # leave the intent: the next run reconciles it once Weibo has settled
        pub.refused(account, failure if failure is not None and failure.kind is Kind.AUTH else answer)
        pub.report.add(intent.path, intent.account, "unconfirmed",
                       f"{answer.describe()}; not on the timeline (yet): the next run checks again")


def published(intent: Record, status: evidence.Seen, *, via: str) -> Record:
    when = status.created_at.isoformat() if status.created_at else intent.intent_at
    return replace(intent, state="published", idstr=status.idstr, mid=status.mid,
                   url=evidence.post_url(status.uid, status.mid), published_at=when, via=via,
                   error_code=None, error=None, needs_human=False)


def outcome(pub: Publisher, intent: Record, record: Record, status: str, detail: str | None = None) -> None:
    if record.state == "published":
        message = f"publish: {record.path} published on {record.account} as {record.idstr or '(id unknown)'}"
        detail = detail or (record.via or "")
    else:
        message = f"publish: {record.path} failed on {record.account}: {record.error_code} {record.error}"
        detail = detail or f"{record.error_code} {record.error}"
    if not pub.save("outcome", record, message, expected=intent.to_bytes()):
        pub.report.notes.append(f"{record.path}: another run changed its record meanwhile; this run's "
                                f"result was: {record.state} {record.idstr or record.error_code or ''}")
    pub.report.add(record.path, record.account, status, detail, record.url)


def release(pub: Publisher, intent: Record, why: str) -> bool:
    """Withdraw a claim Weibo certainly did not act on, so the post is planned afresh."""
    return pub.save("release", intent, f"publish: release {intent.path} ({why})",
                    expected=intent.to_bytes(), delete=True)


def _at(record: Record) -> datetime:
    return datetime.fromisoformat(record.intent_at or "1970-01-01T00:00:00+00:00")
