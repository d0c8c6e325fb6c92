"""``weibo-lint freeze`` and ``unfreeze``: stop (or resume) all publishing from one commit.

Each edits only the ``freeze:`` block of weibo.yaml (comments and layout elsewhere stay as
they are), commits that one change and pushes it through the publisher's git edge: a
rejected push moves onto the remote's head and makes the same edit again there. When the
push still fails, this copy goes back to the remote's state and the message says the
freeze is not in force.
"""
from __future__ import annotations

import os

import click

from weibo_lint.commands._options import config_option, load, now_option, option_time, resolve_now
from weibo_lint.errors import ConfigError, GitError, UsageError
from weibo_lint.i18n import N_, _


class NotPushed(GitError):
    """The edit could not be pushed; this copy was put back as it was."""

    exit_code = 1


@click.command("freeze", help=N_("""Stop publishing now: add a freeze to weibo.yaml, commit it and push it.

Every publish run that starts after the push sends nothing for the frozen accounts (a run
already going stops before its next post). `weibo-lint unfreeze` lifts it."""))
@click.option("--reason", required=True, help=N_("Why publishing stops (shown in every publish run)."))
@click.option("--until", "until_text", metavar="ISO", help=N_("When the freeze ends by itself (default: when lifted)."))
@click.option("--account", "account_ref", metavar="A", help=N_("Only this account (default: every account)."))
@click.option("--no-push", is_flag=True, help=N_("Commit, but do not push."))
@now_option
@config_option
def freeze_command(reason, until_text, account_ref, no_push, now_text, config_path):
    from weibo_lint.freeze import Freeze, entry_of

    config = load(config_path)
    now = resolve_now(now_text, config).replace(second=0, microsecond=0)  # a minute's margin for clocks
    account = _account(config, account_ref)
    if not reason.strip():
        raise UsageError(_("--reason: say why publishing stops"))
    until = None
    if until_text:
        until = option_time("--until", until_text, config)
        if until <= now:
            raise UsageError(_("--until {until}: already past").format(until=until_text))
    added = Freeze(now, until, (account,) if account else None, reason.strip())

    def change(freezes):
        return [*freezes, added], [added]

    message = f"freeze: {added.reason} ({account or 'all accounts'})"
    _edit(config, change, message, push=not no_push, entry=lambda f: entry_of(f, config.timezone))
    click.echo(_("frozen: {accounts}, {how}").format(accounts=account or _("every account"),
                                                      how=added.describe(config.timezone)))


@click.command("unfreeze", help=N_("""Lift the freezes in force now: commit and push the change to weibo.yaml.

Posts that fell due during the freeze are not all sent at once: the next publish run
sends those still within their account's max_delay; older ones need --include-late or a
new time (`weibo-lint calendar` shows free slots)."""))
@click.option("--account", "account_ref", metavar="A", help=N_("Only for this account (default: every account)."))
@click.option("--no-push", is_flag=True, help=N_("Commit, but do not push."))
@now_option
@config_option
def unfreeze_command(account_ref, no_push, now_text, config_path):
    from weibo_lint.freeze import entry_of, lift

    config = load(config_path)
    now = resolve_now(now_text, config)
    account = _account(config, account_ref)
    def change(freezes):
        return lift(freezes, account, config.accounts, now)

    message = f"unfreeze: {account or 'all accounts'}"
    lifted = _edit(config, change, message, push=not no_push, entry=lambda f: entry_of(f, config.timezone))
    if not lifted:
        click.echo(_("nothing is frozen now"))
        return
    click.echo(_("lifted {count} freeze(s) for {accounts}").format(count=lifted, accounts=account or _("every account")))


def _account(config, ref: str | None) -> str | None:
    if not ref:
        return None
    found = config.account(ref)
    if found is None:
        raise UsageError(_("--account {ref}: no such account in weibo.yaml").format(ref=ref))
    return found.key


def _edit(config, change, message: str, *, push: bool, entry) -> int:
    """Apply ``change`` (freezes -> (new freezes, the changed ones)) to the committed weibo.yaml,
    commit and push it; the number of freezes changed."""
    from weibo_lint.freeze import parse_freezes, with_freezes
    from weibo_lint.frontmatter import SourceError, load_yaml
    from weibo_lint.publish.gitedge import GitEdge
    from weibo_lint.publish.settings import publish_settings
    from weibo_lint.redact import Redactor

    if config.path is None:
        raise UsageError(_("no weibo.yaml to freeze"))
    settings = publish_settings(config, os.environ)
    edge = GitEdge(config.root, settings, push=push, managed=(), redactor=Redactor.from_environ(os.environ))
    rel = edge.rel(config.path)
    path = edge.workdir / rel
    changed = [0]

    def build():
        text = path.read_text("utf-8-sig")  # after a rejected push: the remote's version
        try:
            raw = load_yaml(text)
        except SourceError as exc:
            raise ConfigError(f"{rel}:{exc.line}: {exc.message}") from None
        freezes, errors = parse_freezes(raw.get("freeze") if isinstance(raw, dict) else None, config.timezone,
                                        config.accounts, rel)
        if errors:
            raise ConfigError.of(errors)
        new, touched = change(freezes)
        changed[0] = len(touched)
        return {rel: with_freezes(text, [entry(f) for f in new]).encode("utf-8")}

    actor = os.environ.get("GITHUB_ACTOR")
    with edge.lock():
        if not edge.clean(rel):
            raise UsageError(_("{file} has changes not committed: commit or discard them first").format(file=rel))
        start = edge.catch_up()  # the freezes as the remote has them, not as this copy last saw
        build()
        if not changed[0]:
            return 0
        try:
            edge.save("freeze", build, message + (f"\n\nRequested by {actor}." if actor else ""))
        except GitError as exc:
            edge.reset_to(_remote_head(edge) or start)
            raise NotPushed(_("{error}\nThe change is NOT in force: this copy is back as {remote} has it. Run the "
                              "command again when {remote} can be reached (or edit freeze: in weibo.yaml and push "
                              "it).").format(error=exc.message, remote=settings.remote)) from None
        except ConfigError:
            edge.reset_to(start)
            raise
    return changed[0]


def _remote_head(edge) -> str | None:
    """The remote's head if it can be fetched now (a push that failed may have landed)."""
    try:
        return edge.fetch() if edge.push else None
    except GitError:
        return None


COMMANDS = (freeze_command, unfreeze_command)
