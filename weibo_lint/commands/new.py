"""``weibo-lint new COLUMN``: a new draft at the column's next free slot; prints its path."""
from __future__ import annotations

import os
from pathlib import Path

import click

from weibo_lint.check import gather
from weibo_lint.commands._options import config_option, load, now_option, resolve_now
from weibo_lint.errors import UsageError
from weibo_lint.i18n import N_
from weibo_lint.model import Posting
from weibo_lint.safe_read import confined
from weibo_lint.schedule import free, scaffold
from weibo_lint.schedule.slots import parse_slots
from weibo_lint.schedule.timeline import utc
from weibo_lint.schema import did_you_mean


@click.command("new", help=N_("""Create a draft post of COLUMN at its next free slot (after --now), respecting the column's
cadence and slots, the posts already planned and the account's min_gap; print its path."""))
@click.argument("column")
@click.option("--title", help=N_("The post's title (an ASCII title also names the file)."))
@config_option
@now_option
def new_command(column, title, config_path, now_text):
    config = load(config_path)
    now = resolve_now(now_text, config)
    gathered = gather(config)
    found = gathered.env.columns.get(column)
    if found is None:
        known = ", ".join(sorted(gathered.env.columns)) or "none"
        raise UsageError(f"no column {column!r}{did_you_mean(column, list(gathered.env.columns))} (columns: {known})")
    account = config.account(found.account)
    posting = account.posting if account else Posting()
    slots, errors = parse_slots(found.slots)
    if errors:
        raise UsageError(f"{found.path}: {errors[0]}")
    rules = free.Rules(slots=slots, per=found.cadence.per if found.cadence else None,
                       max_per_period=found.cadence.max if found.cadence else None, min_gap=posting.min_gap,
                       max_per_day=posting.max_per_day, windows=posting.windows,
                       closed=_quiet_days(config, found, account))
    column_times, account_times = [], []
    for summary in gathered.summaries:  # drafts too: a new draft must not land on another one
        record = gathered.published.get(summary.path)
        when = record.published_at if record is not None else summary.publish_at
        if when is None:
            continue
        if summary.column == found.slug:
            column_times.append(utc(when, config.timezone))
        if account is not None and summary.account == account.key:
            account_times.append(utc(when, config.timezone))
    moment = free.next_free(rules, free.Occupancy(tuple(column_times), tuple(account_times)), now, config.timezone)
    if moment is None:
        raise UsageError(f"column {found.slug}: no free slot in the next {free.SEARCH_DAYS} days")
    posts = config.dir("posts")
    name = scaffold.file_name(moment, found.slug, title, lambda n: (posts / n).exists())
    template = gathered.env.templates.get(found.template) if found.template else None
    text = scaffold.post_text(column=found.slug, column_name=found.name, moment=moment, title=title,
                              fields=scaffold.template_fields(template),
                              safe_domain=account.safe_domain if account else None)
    target = posts / name
    real = confined(config.root, target)  # a month folder linked out of the repository: not written through
    if isinstance(real, OSError):
        raise UsageError(f"{target}: cannot write: {real.strerror}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as exc:
        raise UsageError(f"{target}: cannot write: {exc.strerror or exc}") from None
    click.echo(_shown(target))


def _quiet_days(config, column, account):
    """A promotional column's closed days: the quiet days of its account (none for a service column)."""
    if not column.promotional:
        return None
    key = account.key if account else column.account
    return lambda day: config.quiet.on(day, key) is not None


def _shown(path: Path) -> str:
    relative = os.path.relpath(path, Path.cwd())
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


COMMANDS = (new_command,)
