"""``weibo-lint budget``: each API account's calls per Weibo day, planned and made, against its budget."""
from __future__ import annotations

from datetime import date

import click

from weibo_lint.commands._options import config_option, load, now_option, resolve_now
from weibo_lint.errors import UsageError
from weibo_lint.i18n import N_
from weibo_lint.terminal import safe_lines


@click.command("budget", help=N_("""Show, per API account and Weibo day (Beijing time), the API calls the schedule
will need (posts, reconciliation reads, metrics) against the daily budget, with the calls already
made (usage/). Days over the budget, or with more than 30 posts in an hour, are marked !!."""))
@click.option("--days", type=click.IntRange(1, 366), default=7, show_default=True,
              help=N_("How many days, from today."))
@click.option("--past", type=click.IntRange(0, 366), default=0, show_default=True,
              help=N_("Also this many days before today (calls made)."))
@click.option("--account", metavar="KEY", help=N_("Only this account (its key or screen name)."))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@now_option
@config_option
def budget_command(days, past, account, fmt, now_text, config_path):
    from weibo_lint.budget.days import weibo_day
    from weibo_lint.budget.forecast import posts_of
    from weibo_lint.budget.render import to_json, to_text
    from weibo_lint.budget.view import budget_view
    from weibo_lint.check import gather
    from weibo_lint.schedule.timeline import build
    from weibo_lint.usage import read_usage

    config = load(config_path)
    now = resolve_now(now_text, config)
    key = None
    if account is not None:
        found = config.account(account)
        if found is None:
            raise UsageError(f"--account {account}: no such account in weibo.yaml (accounts: "
                             f"{', '.join(config.accounts) or 'none configured'})")
        key = found.key
    today = weibo_day(now)
    dates = [date.fromordinal(today.toordinal() + n) for n in range(-past, days)]
    gathered = gather(config)
    view = budget_view(posts_of(build(gathered.summaries, gathered.published, config.timezone).items), read_usage(config, dates), config.accounts, config.budget,
                       today=today, dates=dates, only=key)
    click.echo(to_json(view) if fmt == "json" else safe_lines(to_text(view)), nl=False)


COMMANDS = (budget_command,)
