"""``weibo-lint metrics``: fetch engagement counts of recent posts into ``metrics/``."""
from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

import click

from weibo_lint.commands._options import config_option, load, now_option, resolve_now, resolve_shard, shard_option
from weibo_lint.errors import UsageError
from weibo_lint.i18n import N_, _
from weibo_lint.redact import Redactor


@click.command("metrics", help=N_("""Append reposts, comments and likes of recent posts to metrics/<account>/<month>.csv,
commit and push. Exit 1 when an account could not be read."""))
@now_option
@click.option("--days", type=click.IntRange(1, 3650), default=None,
              help=N_("Posts published in this many days before now (default: weibo.yaml's budget.metrics_days, 30)."))
@shard_option
@click.option("--no-push", is_flag=True, help=N_("Commit the rows but do not push them."))
@click.option("--report", "report_path", type=click.Path(path_type=Path, dir_okay=False),
              help=N_("Also write what the run did as JSON to this file (for --summarize)."))
@click.option("--summarize", "summarize_dir", type=click.Path(path_type=Path, file_okay=False),
              help=N_("Measure nothing: merge the --report files of a run's shards found in this folder, "
                      "print them as one summary, and exit 1 if an account was not measured or a shard's report "
                      "is missing."))
@config_option
def metrics_command(now_text, days, shard_text, no_push, report_path, summarize_dir, config_path):
    from weibo_lint.publish.shard_report import MetricsSummary, merged_metrics, metrics_json, read_reports, write_report

    redact = Redactor.from_environ(os.environ).text
    if summarize_dir is not None:
        if any((now_text, days, shard_text, no_push, report_path)):
            raise UsageError(_("--summarize only reads reports: it takes no other option but --config"))
        summary = merged_metrics(read_reports(summarize_dir, "metrics"))
    else:
        from weibo_lint.publish.metrics import collect
        from weibo_lint.publish.workload import METRICS, shard_accounts

        shard = resolve_shard(shard_text)
        config = load(config_path)
        now = resolve_now(now_text, config)
        days = days or config.budget.metrics_days  # what the budget plans for, unless said otherwise
        accounts = None
        if shard is not None:  # from this checkout, before collect syncs: the matrix's assignment
            accounts = shard_accounts(METRICS, config, shard, now, days)
            config = dataclasses.replace(config, accounts={k: a for k, a in config.accounts.items() if k in accounts})
        summary = MetricsSummary.of(collect(config, now=now, days=days, push=not no_push))
        if report_path is not None:
            write_report(report_path, metrics_json(summary, shard, accounts), redact)
    for note in summary.notes:
        click.echo(redact(_("note: {note}").format(note=note)))
    for account, count in sorted(summary.rows.items()):
        missing = summary.missing.get(account) or []
        gone = _("; {count} not found (deleted?): {ids}").format(count=len(missing), ids=", ".join(missing[:5])) \
            if missing else ""
        click.echo(redact(_("{account}: {count} post(s) measured{gone}").format(account=account, count=count,
                                                                               gone=gone)))
    for account, why in sorted(summary.stopped.items()):
        click.echo(redact(_("{account}: not measured: {why}").format(account=account, why=why)))
    total = sum(summary.rows.values())
    click.echo(_("summary: {total} row(s) appended; {calls} API call(s)").format(total=total, calls=summary.calls))
    sys.exit(summary.exit_code)


COMMANDS = (metrics_command,)
