"""``weibo-lint calendar``: the coming days by account, as a table, JSON or an iCalendar file."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from weibo_lint import repository
from weibo_lint.check import gather
from weibo_lint.commands._options import config_option, load, now_option, resolve_now
from weibo_lint.counting import weibo_length
from weibo_lint.engine import parse_post, resolve_limit
from weibo_lint.errors import UsageError
from weibo_lint.frontmatter import SourceError
from weibo_lint.i18n import N_
from weibo_lint.output import write_output
from weibo_lint.schedule import calendar as model
from weibo_lint.schedule.periods import midnight
from weibo_lint.schedule.render import to_json, to_text
from weibo_lint.schedule.timeline import utc
from weibo_lint.terminal import safe_lines
from weibo_lint.times import check_year


@click.command("calendar", help=N_('Show the posts of the coming days by day and account, with gaps and collisions marked.'))
@click.option("--from", "first_text", metavar="DATE", help=N_("First day (YYYY-MM-DD; default: today, per --now)."))
@click.option("--days", type=click.IntRange(1, 366), default=14, show_default=True, help=N_("How many days."))
@click.option("--account", metavar="KEY", help=N_("Only this account (its key or screen name)."))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--ics", "ics_path", type=click.Path(path_type=Path, dir_okay=False),
              help=N_("Also write the days as an iCalendar file, one event per post."))
@click.option("--link-base", metavar="URL",
              help=N_("Link events to the post files under this URL (e.g. https://github.com/org/repo/blob/main); "
                   "default: the repository path."))
@config_option
@now_option
def calendar_command(first_text, days, account, fmt, ics_path, link_base, config_path, now_text):
    config = load(config_path)
    now = resolve_now(now_text, config)
    first = _date(first_text) if first_text else now.astimezone(config.timezone).date()
    key = None
    if account is not None:
        found = config.account(account)
        if found is None:
            known = ", ".join(config.accounts) or "none configured"
            raise UsageError(f"--account {account}: no such account in weibo.yaml (accounts: {known})")
        key = found.key
    gathered = gather(config)
    env = gathered.env
    window = (midnight(first, config.timezone), midnight(date.fromordinal(first.toordinal() + days), config.timezone))
    in_range = [s.path for s in gathered.summaries
                if window[0] <= (_when(s, gathered.published, config.timezone) or window[1]) < window[1]]

    def measure(summary):
        if summary.text is None:
            return None
        column = env.columns.get(summary.column or "")
        return (weibo_length(summary.text, astral_bytes=config.astral_bytes),
                resolve_limit(column, config.account(summary.account)))

    sources = model.Sources(posts=gathered.summaries, published=gathered.published, columns=env.columns,
                            accounts=config.accounts, tz=config.timezone, zone=config.timezone_name,
                            titles=_titles(config, in_range), measure=measure, quiet=config.quiet)
    calendar = model.build(sources, first, days, key)
    if ics_path is not None:
        from weibo_lint.schedule.ics import to_ics

        name = f"weibo-lint: {config.root.name}" + (f" ({key})" if key else "")
        write_output("--ics", ics_path, to_ics(calendar, now=now, name=name, link_base=link_base))
    held = []  # posts a freeze held past max_delay: where they could go now
    if config.freeze:
        from weibo_lint.freeze_slots import held_posts

        held = [h for h in held_posts(gathered.summaries, gathered.published, env.columns, config.accounts,
                                      config.freeze, now=now, tz=config.timezone) if key in (None, h.account)]
    if fmt == "json":
        click.echo(to_json(calendar, held, config.timezone), nl=False)
    else:
        from weibo_lint.freeze_slots import held_text

        click.echo(safe_lines(to_text(calendar) + held_text(held, config.timezone)), nl=False)


def _date(text: str) -> date:
    try:
        first = date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--from {text!r}: expected a date like 2026-12-01") from None
    try:
        check_year(first, repr(text))
    except ValueError as exc:
        raise UsageError(f"--from {exc}") from None
    return first


def _when(summary, published, tz):
    record = published.get(summary.path)
    when = record.published_at if record is not None else summary.publish_at
    return utc(when, tz) if when is not None else None


def _titles(config, paths: list[str]) -> dict[str, str]:
    """The ``title`` of the posts shown (read at the edge: the index keeps only what rules need)."""
    titles = {}
    for path in paths:
        raw = repository.read_bytes(config.root, path)
        if isinstance(raw, OSError):
            continue
        try:
            title = parse_post(path, raw, config).title
        except SourceError:
            continue
        if title:
            titles[path] = title
    return titles


COMMANDS = (calendar_command,)
