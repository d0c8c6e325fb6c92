"""``weibo-lint publish``: publish every approved post whose time has come, exactly once."""
from __future__ import annotations

import os
import sys

import click

from weibo_lint.commands._options import config_option, load, now_option, resolve_now
from weibo_lint.errors import UsageError
from weibo_lint.i18n import N_
from weibo_lint.redact import Redactor
from weibo_lint.terminal import safe_lines


@click.command("publish", help=N_("""Publish approved, due posts through each account's API (or list them for manual accounts).

Exit 0 when everything due went out; 1 when anything failed, waits for a human or for
the next run; 2 on a usage or configuration error."""))
@now_option
@click.option("--dry-run", is_flag=True, help=N_("Show what would be published; send, write and commit nothing."))
@click.option("--account", "account_ref", metavar="A", help=N_("Only this account (its key or screen name)."))
@click.option("--no-push", is_flag=True,
              help=N_("Commit records but do not push (one machine only: the push is what keeps two runs apart)."))
@click.option("--include-late", is_flag=True, help=N_("Also publish posts more than their account's max_delay late."))
@config_option
def publish_command(now_text, dry_run, account_ref, no_push, include_late, config_path):
    from weibo_lint.publish.run import Options, run_publish
    from weibo_lint.publish.steps import crash_hook
    from weibo_lint.publish.summary import format_manual_text, format_markdown, format_text

    config = load(config_path)
    now = resolve_now(now_text, config)
    account = None
    if account_ref:
        found = config.account(account_ref)
        if found is None:
            raise UsageError(f"--account {account_ref}: no such account in weibo.yaml")
        account = found.key
    options = Options(now=now, dry_run=dry_run, account=account, push=not no_push, include_late=include_late)
    report = run_publish(config, options, on_step=crash_hook())
    tokens = Redactor.from_environ(os.environ).text  # whatever an API answer carried

    def redact(text: str) -> str:  # and no control sequence from a post reaches the terminal
        return safe_lines(tokens(text))

    if report.manual:
        click.echo(redact(format_manual_text(report.manual, config.timezone)))
        click.echo()
    for item in report.planned:
        click.echo(redact(f"── would publish on {item.account}: {item.path}\n{item.text}\n"
                          + "".join(f"  picture: {p}\n" for p in item.pictures)))
    click.echo(redact(format_text(report)))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(redact(format_markdown(report, config.timezone)) + "\n")
    sys.exit(report.exit_code)


COMMANDS = (publish_command,)
