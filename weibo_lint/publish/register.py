"""``weibo-lint record``: register a publication made by hand (or resolve an unconfirmed one).

The id comes from ``--id`` or from the post's address in any form a writer has at hand
(see :func:`evidence.parse_post_url`). It is refused when the address names another user
than the account's ``uid`` (when weibo.yaml gives one), or when the id is already recorded
for another post. Without ``--at``, the time recorded is the post's ``publish_at``: a
human pastes the post around then, not when they run the command.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from weibo_lint import repository
from weibo_lint.check import run_check
from weibo_lint.config import Config
from weibo_lint.errors import UsageError, known
from weibo_lint.i18n import _
from weibo_lint.model import Account
from weibo_lint.publish import content, evidence
from weibo_lint.publish.gitedge import GitEdge
from weibo_lint.publish.run import keep_leftover
from weibo_lint.publish.settings import managed_folders, publish_settings
from weibo_lint.records import Record, load_records, record_path
from weibo_lint.redact import Redactor
from weibo_lint.repository import picture_file
from weibo_lint.schedule.similar import text_sha256


def register(config: Config, post: Path, *, idstr: str | None, url: str | None, at: datetime | None, now: datetime,
             push: bool, force: bool = False, environ: Mapping[str, str] = os.environ) -> tuple[Record, list[str]]:
    """Record ``post`` as published with ``idstr`` or ``url`` at ``at`` (None: its
    ``publish_at``, else ``now``); commit (and push) it."""
    uid, idstr = _post_id(idstr, url)
    paths = repository.post_paths(config, [post])
    if len(paths) != 1 or not (config.root / paths[0]).is_file():
        raise UsageError(_("{post}: not a post file").format(post=post))
    path = paths[0]
    edge = GitEdge(config.root, publish_settings(config, environ), push=push, redactor=Redactor.from_environ(environ),
                   managed=managed_folders(config))
    with edge.lock():
        notes = edge.sync(keep_leftover)
        report = run_check(config, now=now, targets=[config.root / path])
        result = report.results.get(path)
        summary = result.summary if result else None
        if result is None or summary is None or summary.text is None:
            raise UsageError(_("{path}: cannot be read or rendered; `weibo-lint check {path}` says why").format(path=path))
        account = _account(config, path, summary.account, uid, url)
        records, _problems = load_records(config)
        _refuse_an_id_of_another_post(records, path, idstr)
        if at is None:
            at = summary.publish_at or now
        old = records.get(path)
        if old is not None and old.state == "published" and not force:
            raise UsageError(_("{path} is already recorded as published ({value}); --force replaces that record").format(path=path, value=old.idstr or 'id unknown'))
        pictures = tuple(filter(None, (picture_file(config.root, i.path, path) for i in result.images)))
        record = Record(
            path=path, state="published", account=account.key, column=summary.column, text=summary.text,
            text_sha256=text_sha256(summary.text), source_sha256=content.source_sha256(config.root, path),
            pictures=pictures, attempts=old.attempts if old else 0, idstr=idstr, mid=idstr,
            url=evidence.post_url(uid, idstr) if uid else None, published_at=at.isoformat(timespec="seconds"),
            via="manual (weibo-lint record)")
        rel = edge.rel(record_path(config, path, account.key))
        writes: dict[str, bytes | None] = {rel: record.to_bytes()}
        if old is not None and old.account != account.key:
            writes[edge.rel(record_path(config, path, old.account))] = None
        expected = edge.read("HEAD", rel)
        saved = edge.save("record", lambda: writes, f"record: {path} published on {account.key} as {idstr}",
                          guard=lambda remote: edge.read(remote, rel) == expected)
        if not saved:
            raise UsageError(_("{path}: its record changed on the remote meanwhile; run the command again").format(path=path))
    return record, notes


def _post_id(idstr: str | None, url: str | None) -> tuple[str | None, str]:
    """The Weibo user id (when the address gives one) and the post's id, from ``--id`` or ``--url``."""
    if bool(idstr) == bool(url):
        raise UsageError("give the post's id (--id) or its address (--url), one of them")
    uid = None
    if url:
        try:
            uid, idstr = evidence.parse_post_url(url)
        except ValueError as exc:
            raise UsageError(_("--url: {exc}").format(exc=exc)) from None
    idstr = known(idstr, "the post's id")
    if not idstr.isdigit():
        raise UsageError(_("--id: a Weibo id is a number, got {idstr} (a short code goes in an address: --url)").format(idstr=repr(idstr)))
    return uid, idstr


def _account(config: Config, path: str, key: str | None, uid: str | None, url: str | None) -> Account:
    """The post's account; refused when weibo.yaml lacks it, or when the address is another user's."""
    account = config.accounts.get(key or "")
    if account is None:
        raise UsageError(_("{path}: no account {account} in weibo.yaml").format(path=path, account=repr(key)))
    if uid and account.uid and uid != account.uid:
        raise UsageError(_("{url} is a post of Weibo user {uid}, not of account {key} (uid {uid2} in weibo.yaml): check the address").format(url=url, uid=uid, key=account.key, uid2=account.uid))
    return account


def _refuse_an_id_of_another_post(records: Mapping[str, Record], path: str, idstr: str) -> None:
    """One post on Weibo is one post file."""
    for other in records.values():
        if other.path != path and idstr in (other.idstr, other.mid):
            raise UsageError(_("Weibo post {idstr} is already recorded for {path} ({account}); one post on Weibo is one post file: check the address").format(idstr=idstr, path=other.path, account=other.account))
