"""``weibo-lint report``: engagement per account and per column, from ``metrics/``."""
from __future__ import annotations

import json

import click

from weibo_lint.commands._options import config_option, load
from weibo_lint.i18n import N_
from weibo_lint.terminal import safe, safe_lines


@click.command("report", help=N_('Per account and column: posts, median and mean reposts/comments/likes, best hours of the week.'))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@config_option
def report_command(fmt, config_path):
    from weibo_lint.publish.metrics import read_rows
    from weibo_lint.publish.report import as_json, format_report, join, summarise
    from weibo_lint.records import load_records

    config = load(config_path)
    records, problems = load_records(config)
    for problem in problems:
        click.echo(safe(f"note: {problem.path}: {problem.message}"), err=True)
    unreadable: list[str] = []
    rows = [row for _account, row in read_rows(config, unreadable)]
    for note in unreadable:
        click.echo(safe(f"note: {note}: skipped"), err=True)
    stats = summarise(join(records.values(), rows), config.timezone)
    if fmt == "json":
        click.echo(json.dumps(as_json(stats), ensure_ascii=False, indent=2))
    else:
        click.echo(safe_lines(format_report(stats)))


COMMANDS = (report_command,)
