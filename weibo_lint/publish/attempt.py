"""One publication: claim it in git, call the API, record what Weibo answered.

The order is the whole point (see the package docstring): the intent is pushed before
the API is called, and nothing but an answer (or the timeline's evidence) turns an
intent into ``published`` or ``failed``.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from weibo_lint.counting import weibo_length
from weibo_lint.errors import GitError, known
from weibo_lint.i18n import _
from weibo_lint.model import Account
from weibo_lint.publish import content, evidence
from weibo_lint.publish.api import Picture, WeiboClient
from weibo_lint.publish.outcomes import Answer, Kind
from weibo_lint.publish.plan import Item
from weibo_lint.records import Record, record_path
from weibo_lint.schedule.similar import text_sha256

if TYPE_CHECKING:
    from weibo_lint.publish.publisher import Publisher

CONFIRM_TRIES = 3  # timeline reads after an unclear answer, with backoff


def publish_item(pub: Publisher, item: Item, earlier_attempts: int = 0) -> None:
    prepared = prepare(pub, item, earlier_attempts)
    if prepared is not None and _claim(pub, item, prepared.intent):
        send(pub, item, prepared)


@dataclass(frozen=True)
class Prepared:
    """A post ready to claim: its intent, the account's client, its picture."""

    intent: Record
    client: WeiboClient
    picture: Picture | None


def prepare(pub: Publisher, item: Item, earlier_attempts: int = 0) -> Prepared | None:
    """The checks before a claim (account stopped, token, hourly limit, picture, freeze) and
    the intent to claim; None (the post reported) when it does not go out in this run."""
    account = pub.config.accounts[item.account]
    if pub.stopped(account):
        pub.report.add(item.path, item.account, "postponed", _("account stopped for this run"))
        return None
    client = pub.client(account)
    if client is None:
        pub.report.add(item.path, item.account, "postponed", _("account stopped for this run"))
        return None
    if not pub.room_this_hour(account):
        pub.stop(account, _("{count} posts in the last hour, Weibo's limit; the rest next run").format(
            count=pub.recent.get(account.key)))
        pub.report.add(item.path, item.account, "postponed", _("hourly limit"))
        return None
    if len(item.pictures) > 1:
        pub.report.add(item.path, item.account, "blocked",
                       _("{count} pictures: the API takes one a post (account {key})").format(count=len(item.pictures), key=account.key))
        return None
    try:
        picture = content.load_picture(pub.config.root, item.pictures[0]) if item.pictures else None
    except content.PictureError as exc:
        pub.report.add(item.path, item.account, "blocked", str(exc))
        return None
    if _frozen(pub, account, item):
        return None
    return Prepared(_intent(pub, item, max(item.attempts, earlier_attempts) + 1), client, picture)


def send(pub: Publisher, item: Item, prepared: Prepared) -> None:
    """After the claim went through: the API call and its record, unless the post changed
    or a freeze came in meanwhile (then the claim is released)."""
    intent, account = prepared.intent, pub.config.accounts[item.account]
    # A rejected push moved us onto a newer main: is the post still the one we planned?
    if content.source_sha256(pub.config.root, item.path) != item.source_sha256:
        release(pub, intent, "the post changed during the run")
        pub.report.add(item.path, item.account, "postponed", _("the post changed during the run; next run"))
        return
    pub.recent[item.account] = pub.recent.get(item.account, 0) + 1
    # The claim's push went onto the remote's head: a freeze pushed before it is in HEAD now.
    pub.read_freezes()
    if pub.stopped(account) or _frozen(pub, account, item):
        release(pub, intent, "frozen in weibo.yaml")
        pub.report.add(item.path, item.account, "postponed", _("account stopped for this run"))
        return
    answer = _send(prepared.client, account, intent.text, prepared.picture, pub.config.astral_bytes)
    pub.on_step("api-answered")
    settle(pub, account, prepared.client, intent, answer)


def _frozen(pub: Publisher, account: Account, item: Item) -> bool:
    """Whether a freeze holds ``account``: then the post is reported ``frozen``."""
    freeze = pub.frozen(account)
    if freeze is not None:
        pub.report.add(item.path, item.account, "frozen", freeze.describe(pub.config.timezone))
    return freeze is not None


def _intent(pub: Publisher, item: Item, attempts: int) -> Record:
    return Record(
        path=item.path, state="intent", account=item.account, column=item.column, text=item.text,
        text_sha256=text_sha256(item.text), source_sha256=item.source_sha256, pictures=item.pictures,
        nonce=uuid.uuid4().hex, attempts=attempts, claim="remote" if pub.options.push else "local",
        runner=dict(pub.runner), intent_at=pub.wall().isoformat(timespec="seconds"),
        follows=pub.follows(item.account))


def _claim(pub: Publisher, item: Item, intent: Record, *, defer: bool = False) -> bool:
    """Commit and push the intent: the lock that makes a post ours to send.

    The claim may go on top of a commit only if no one else changed any record of the
    account since the plan was made: not this post's (another run claimed or published
    it), and not another post's (another run is publishing on the account, and a post of
    ours between its attempt and its answer could push that attempt out of the 5 posts
    the timeline shows). Compared with the plan's commit, not with HEAD: a rejected push
    moves this run onto the other run's work, which must not become what it expects.

    ``defer``: commit only; the claim holds once :meth:`GitEdge.flush` has pushed it, and
    if that push finds another run's change it is dropped and reported as here."""
    edge = known(pub.edge, "the git edge")
    also: dict[str, bytes | None] = {}
    for other in pub.config.accounts:  # a failed record left under another account
        old = record_path(pub.config, item.path, other)
        if other != item.account and old.exists():
            also[edge.rel(old)] = None
    rel = pub.record_rel(intent)
    foreign: list[str] = []

    def nobody_else(rev: str) -> bool:
        foreign[:] = pub.others_on(item.account, rev)
        return not foreign

    def lost() -> None:
        account = pub.config.accounts[item.account]
        if rel in foreign:
            pub.report.add(item.path, item.account, "skipped", _("another run claimed or published it first"))
        else:
            pub.report.add(item.path, item.account, "postponed", _("another run is publishing on this account"))
        pub.stop(account, _("another run changed its records meanwhile ({names}); nothing more goes out on this account in this run").format(names=', '.join(foreign[:3])))

    message = f"publish: claim {item.path} for {item.account} (attempt {intent.attempts})"
    writes = {**also, **pub.usage.writes(edge.rel), rel: intent.to_bytes()}  # the calls so far ride along
    if not edge.save("intent", lambda: writes, message, guard=nobody_else, defer=defer,
                     on_lost=lost if defer else None):
        lost()
        return False
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
        status = known(evidence.seen(answer.data), "the status of a successful answer")
        outcome(pub, intent, published(intent, status, via=answer.endpoint), "published")
    elif kind is Kind.DELAYED:
        record = replace(intent, state="published", published_at=pub.wall().isoformat(timespec="seconds"),
                         under_review=True,
                         via=f"{answer.endpoint} ({answer.describe()}: accepted, shown after review)")
        outcome(pub, intent, record, "published",
                _("accepted for review ({answer}); a later run records its id when it shows").format(
                    answer=answer.describe()))
        pub.stop(account, _("{path} is under Weibo's review; nothing newer goes out on this account until it shows (so that it stays among the 5 posts a timeline read sees)").format(path=intent.path))
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
    seen = pub.look(account, client, intent, tries=tries)
    found, failure = seen.found, seen.failure
    if found is not None:
        how = "repeated content" if answer.kind is Kind.REPEATED else answer.describe()
        outcome(pub, intent, published(intent, found, via=f"{answer.endpoint} ({how}; found on the timeline)"),
                "published")
    elif answer.kind is Kind.REPEATED and failure is None:
        record = replace(intent, state="failed", error_code=answer.code, error=answer.message, needs_human=True)
        outcome(pub, intent, record, "needs-human",
                _("Weibo says the text was already posted ({answer}), and not by this attempt ({seen}): check the "
                  "account; if it is ours, `weibo-lint record {path} --url ...`").format(
                    answer=answer.describe(), seen=seen.describe(), path=intent.path))
    else:  # leave the intent: the next run reconciles it once Weibo has settled
        pub.refused(account, failure if failure is not None and failure.kind is Kind.AUTH else answer)
        pub.report.add(intent.path, intent.account, "unconfirmed",
                       _("{answer}; {seen}; the next run checks again, and nothing newer goes out on this account meanwhile").format(answer=answer.describe(), seen=seen.describe()))


def published(intent: Record, status: evidence.Seen, *, via: str) -> Record:
    when = status.created_at.isoformat() if status.created_at else intent.intent_at
    return replace(intent, state="published", idstr=status.idstr, mid=status.mid,
                   url=evidence.post_url(status.uid, status.mid), published_at=when, via=via,
                   error_code=None, error=None, needs_human=False, under_review=False)


def outcome(pub: Publisher, intent: Record, record: Record, status: str, detail: str | None = None) -> None:
    """Save what became of ``intent``. When the record cannot be pushed, the post's line is
    printed all the same, with its id: the commit holding it stays in this working copy
    only, and a run in another checkout has the timeline (or this line) to go by."""
    if record.state == "published":
        message = f"publish: {record.path} published on {record.account} as {record.idstr or '(id unknown)'}"
        detail = detail or (record.via or "")
        if record.idstr:
            pub.learn_records({record.path: record})
    else:
        message = f"publish: {record.path} failed on {record.account}: {record.error_code} {record.error}"
        detail = detail or f"{record.error_code} {record.error}"
    try:
        saved = pub.save("outcome", record, message, expected=intent)
    except GitError as exc:
        pub.report.add(record.path, record.account, status,
                       _("{detail}; its record is NOT on the remote ({message}): the next run here pushes it, a run elsewhere finds the post on the timeline (id {id})").format(detail=detail, message=exc.message, id=record.idstr or 'unknown'),
                       record.url)
        raise
    if not saved:
        pub.report.notes.append(_("{path}: another run changed its record meanwhile; this run's result was: {state} {value}").format(path=record.path, state=record.state, value=record.idstr or record.error_code or ''))
    pub.report.add(record.path, record.account, status, detail, record.url)


def release(pub: Publisher, intent: Record, why: str) -> bool:
    """Withdraw a claim Weibo certainly did not act on, so the post is planned afresh."""
    return pub.save("release", intent, f"publish: release {intent.path} ({why})",
                    expected=intent, delete=True)

