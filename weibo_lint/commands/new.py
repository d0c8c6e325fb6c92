"""``weibo-lint new COLUMN``: a new draft at the column's next free slot; prints its path."""
from __future__ import annotations

import os
from pathlib import Path

import click

from weibo_lint.check import gather
from weibo_lint.column_slot import next_slot
from weibo_lint.commands._options import config_option, load, now_option, resolve_now
from weibo_lint.errors import UsageError
from weibo_lint.i18n import N_
from weibo_lint.safe_read import confined
from weibo_lint.schedule import free, scaffold
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
    try:
        moment = next_slot(config, found, gathered.summaries, gathered.published, now)
    except ValueError as exc:
        raise UsageError(f"{found.path}: {exc}") from None
    if moment is None:
        raise UsageError(f"column {found.slug}: no free slot in the next {free.SEARCH_DAYS} days")
    account = config.account(found.account)
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


def _shown(path: Path) -> str:
    relative = os.path.relpath(path, Path.cwd())
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


COMMANDS = (new_command,)
