"""``weibo-lint metrics``: fetch engagement counts of recent posts into ``metrics/``."""
from __future__ import annotations

import os
import sys

import click

from weibo_lint.commands._options import config_option, load, now_option, resolve_now
from weibo_lint.i18n import N_, _
from weibo_lint.redact import Redactor


@click.command("metrics", help=N_("""Append reposts, comments and likes of recent posts to metrics/<account>/<month>.csv,
commit and push. Exit 1 when an account could not be read."""))
@now_option
@click.option("--days", type=click.IntRange(1, 3650), default=30, show_default=True,
              help=N_("Posts published in this many days before now."))
@click.option("--no-push", is_flag=True, help=N_("Commit the rows but do not push them."))
@config_option
def metrics_command(now_text, days, no_push, config_path):
    from weibo_lint.publish.metrics import collect

    config = load(config_path)
    now = resolve_now(now_text, config)
    report = collect(config, now=now, days=days, push=not no_push)
    redact = Redactor.from_environ(os.environ).text
    for note in report.notes:
        click.echo(redact(_("note: {note}").format(note=note)))
    for account, rows in sorted(report.rows.items()):
        missing = report.missing.get(account) or []
        gone = _("; {count} not found (deleted?): {ids}").format(count=len(missing), ids=", ".join(missing[:5])) \
            if missing else ""
        click.echo(redact(_("{account}: {count} post(s) measured{gone}").format(account=account, count=len(rows),
                                                                               gone=gone)))
    for account, why in sorted(report.stopped.items()):
        click.echo(redact(_("{account}: not measured: {why}").format(account=account, why=why)))
    total = sum(len(r) for r in report.rows.values())
    click.echo(_("summary: {total} row(s) appended; {calls} API call(s)").format(total=total, calls=report.calls))
    sys.exit(report.exit_code)


COMMANDS = (metrics_command,)
