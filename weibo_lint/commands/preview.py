"""``weibo-lint preview POST``: the exact text that will be posted, and what Weibo sees in it."""
from __future__ import annotations

from pathlib import Path

import click

from weibo_lint import repository
from weibo_lint.check import build_env
from weibo_lint.commands._options import config_option, load
from weibo_lint.counting import weibo_length
from weibo_lint.engine import parse_post, resolve_limit, resolve_post
from weibo_lint.entities import find_entities
from weibo_lint.errors import UsageError
from weibo_lint.frontmatter import SourceError
from weibo_lint.i18n import N_, _
from weibo_lint.index.scan import misnamed
from weibo_lint.terminal import pad, safe, safe_lines


@click.command("preview", help=N_('Print POST as it will be posted: text, count/limit, topics, mentions, links, pictures.'))
@click.argument("post", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--text-only", is_flag=True, help=N_("Print only the text to post."))
@config_option
def preview_command(post, text_only, config_path):
    config = load(config_path)
    env, _problems, _raw = build_env(config)
    path = repository.post_paths(config, [post])
    if not path:
        raise UsageError(f"{post}: not a Markdown post")
    wrong_name = misnamed(path[0])
    if wrong_name:  # as check reports it: never shown as a post it will not publish
        raise UsageError(f"{post}: {wrong_name.strerror}")
    raw = repository.read_bytes(config.root, path[0])
    if isinstance(raw, OSError):
        raise UsageError(f"{post}: cannot read: {raw.strerror or raw}")
    try:
        parsed = parse_post(path[0], raw, config)
    except SourceError as exc:
        raise UsageError(f"{post}:{exc.line}:{exc.column}: {exc.message}") from None
    resolved = resolve_post(parsed, env)
    if resolved.error is not None or resolved.rendered is None:
        raise UsageError(f"{post}: {resolved.error}")
    column, account, rendered = resolved.column, resolved.account, resolved.rendered
    if text_only:
        click.echo(safe_lines(rendered.text))
        return
    limit = resolve_limit(column, account)
    count = weibo_length(rendered.text, astral_bytes=config.astral_bytes)
    rule = "─" * 40
    click.echo(rule)
    click.echo(safe_lines(rendered.text))  # escape sequences in a post must not reach the terminal
    click.echo(rule)
    verdict = _("OK") if 0 < count <= limit else (_("EMPTY") if count == 0 else
                                                  _("over by {count}").format(count=count - limit))
    none = _("(none)")
    fact("count", f"{count}/{limit} ({verdict})")
    fact("account", safe(account.name) + " (" + account.api + ")" if account else _("(unknown)"))
    fact("column", safe(str(column.name if column else parsed.column or none)))
    when = parsed.publish_at.isoformat(sep=" ") if parsed.publish_at else _("(not scheduled)")
    fact("publish", _("{when}  status: {status}").format(when=when, status=parsed.status))
    entities = find_entities(rendered.text)
    for kind, label in (("topic", "topics"), ("mention", "mentions"), ("link", "links")):
        values = [e.text for e in entities if e.kind == kind]
        fact(label, safe("  ".join(values)) if values else none)
    pictures = list(parsed.images) + [p.src for p in rendered.flat.pictures]
    fact("pictures", safe("  ".join(pictures)) if pictures else none)


LABELS = {"count": N_("count"), "account": N_("account"), "column": N_("column"), "publish": N_("publish"),
          "topics": N_("topics"), "mentions": N_("mentions"), "links": N_("links"), "pictures": N_("pictures")}


def fact(label: str, value: str) -> None:
    """``label:`` padded to ten terminal cells, then ``value``."""
    click.echo(pad(_(LABELS[label]) + _(":"), 10) + value)


COMMANDS = (preview_command,)
