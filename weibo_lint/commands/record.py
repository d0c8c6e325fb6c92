"""``weibo-lint record POST --id ID | --url URL``: register a post published by hand."""
from __future__ import annotations

from pathlib import Path

import click

from weibo_lint.commands._options import config_option, load, now_option, option_time, resolve_now
from weibo_lint.i18n import N_, _


@click.command("record", help=N_("""Record POST as published (a manual account's post, or an unconfirmed attempt a human
found on Weibo), commit the record and push it."""))
@click.argument("post", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--id", "idstr", metavar="ID", help=N_("The Weibo id (idstr) of the post."))
@click.option("--url", metavar="URL", help=N_("The post's address: https://weibo.com/<uid>/<code>, "
              "https://weibo.com/detail/<id>, https://m.weibo.cn/status/<id or code>, https://m.weibo.cn/detail/<id>."))
@click.option("--at", "at_text", metavar="ISO", help=N_("When it went out (default: the post's publish_at)."))
@click.option("--force", is_flag=True, help=N_("Replace a record that already says published."))
@click.option("--no-push", is_flag=True, help=N_("Commit the record but do not push it."))
@now_option
@config_option
def record_command(post, idstr, url, at_text, force, no_push, now_text, config_path):
    from weibo_lint.publish.register import register

    config = load(config_path)
    at = option_time("--at", at_text, config) if at_text else None
    now = resolve_now(now_text, config)
    record, notes = register(config, post, idstr=idstr, url=url, at=at, now=now, push=not no_push, force=force)
    for note in notes:
        click.echo(_("note: {note}").format(note=note))
    when = _("given with --at") if at_text else _("its publish_at; --at gives another")
    click.echo(_("recorded {path} as published on {account}: {value}, at {published_at} ({when})").format(path=record.path, account=record.account, value=record.url or record.idstr, published_at=record.published_at, when=when))


COMMANDS = (record_command,)
