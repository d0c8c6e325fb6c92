"""``weibo-lint publish``: publish every approved post whose time has come, exactly once."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from weibo_lint.commands._options import config_option, load, now_option, resolve_now, resolve_shard, shard_option
from weibo_lint.errors import UsageError
from weibo_lint.i18n import N_, _
from weibo_lint.redact import Redactor
from weibo_lint.terminal import safe_lines


@click.command("publish", help=N_("""Publish approved, due posts through each account's API (or list them for manual accounts).

Exit 0 when everything due went out; 1 when anything failed, waits for a human or for
the next run; 2 on a usage or configuration error."""))
@now_option
@click.option("--dry-run", is_flag=True, help=N_("Show what would be published; send, write and commit nothing."))
@click.option("--account", "account_ref", metavar="A", help=N_("Only this account (its key or screen name)."))
@shard_option
@click.option("--no-push", is_flag=True,
              help=N_("Commit records but do not push (one machine only: the push is what keeps two runs apart)."))
@click.option("--include-late", is_flag=True, help=N_("Also publish posts more than their account's max_delay late."))
@click.option("--report", "report_path", type=click.Path(path_type=Path, dir_okay=False),
              help=N_("Also write what the run did as JSON to this file (for --summarize)."))
@click.option("--summarize", "summarize_dir", type=click.Path(path_type=Path, file_okay=False),
              help=N_("Publish nothing: merge the --report files of a run's shards found in this folder, "
                      "print them as one summary, and exit 1 if anything failed or a shard's report is missing."))
@config_option
def publish_command(now_text, dry_run, account_ref, shard_text, no_push, include_late, report_path, summarize_dir,
                    config_path):
    from weibo_lint.publish.summary import format_manual_text, format_markdown, format_text

    tokens = Redactor.from_environ(os.environ).text  # whatever an API answer carried

    def redact(text: str) -> str:  # and no control sequence from a post reaches the terminal
        return safe_lines(tokens(text))

    if summarize_dir is not None:
        if any((now_text, dry_run, account_ref, shard_text, no_push, include_late, report_path)):
            raise UsageError(_("--summarize only reads reports: it takes no other option but --config"))
        report, config, exit_code = _summarize(summarize_dir, config_path)
    else:
        report, config = _publish(now_text, dry_run, account_ref, shard_text, no_push, include_late, report_path,
                                  config_path, tokens)
        exit_code = report.exit_code
    if report.manual:
        click.echo(redact(format_manual_text(report.manual, config.timezone)))
        click.echo()
    for item in report.planned:
        heading = _("── would publish on {account}: {path}").format(account=item.account, path=item.path)
        pictures = "".join(_("  picture: {path}").format(path=p) + "\n" for p in item.pictures)
        click.echo(redact(f"{heading}\n{item.text}\n{pictures}"))
    click.echo(redact(format_text(report)))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(redact(format_markdown(report, config.timezone)) + "\n")
    sys.exit(exit_code)


def _publish(now_text, dry_run, account_ref, shard_text, no_push, include_late, report_path, config_path, tokens):
    from weibo_lint.publish.run import Options, run_publish
    from weibo_lint.publish.shard_report import publish_json, write_report
    from weibo_lint.publish.steps import crash_hook
    from weibo_lint.publish.workload import PUBLISH, shard_accounts

    shard = resolve_shard(shard_text)
    config = load(config_path)
    now = resolve_now(now_text, config)
    account = None
    if account_ref and shard:
        raise UsageError(_("--account and --shard: give one of them"))
    if account_ref:
        found = config.account(account_ref)
        if found is None:
            raise UsageError(_("--account {account}: no such account in weibo.yaml").format(account=account_ref))
        account = found.key
    accounts = shard_accounts(PUBLISH, config, shard, now) if shard else None  # from this checkout, before syncing
    options = Options(now=now, dry_run=dry_run, account=account, push=not no_push, include_late=include_late,
                      accounts=frozenset(accounts) if accounts is not None else None,
                      orphans=shard is None or shard.index == 1)
    report = run_publish(config, options, on_step=crash_hook())
    if report_path is not None:
        write_report(report_path, publish_json(report, shard, accounts), tokens)
    return report, config


def _summarize(folder: Path, config_path):
    from weibo_lint.publish.shard_report import merged_publish, read_reports

    config = load(config_path, required=False)
    reports = read_reports(folder, "publish")
    report = merged_publish(reports)
    return report, config, max(report.exit_code, reports.exit_code)


COMMANDS = (publish_command,)
