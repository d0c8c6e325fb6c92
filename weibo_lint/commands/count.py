"""``weibo-lint count``: Weibo's character count of a text, or of each line of input."""
from __future__ import annotations

import sys

import click

from weibo_lint.counting import weibo_length
from weibo_lint.i18n import N_


@click.command("count", help=N_('Count TEXT as Weibo does; with no TEXT (or -), count each line of standard input.'))
@click.argument("text", required=False)
@click.option("--astral-weight", type=click.IntRange(1, 4), default=2, show_default=True,
              help=N_("What a character outside the BMP (most emoji) counts."))
def count_command(text, astral_weight):
    if text is not None and text != "-":
        click.echo(weibo_length(text, astral_bytes=2 * astral_weight))
        return
    for line in sys.stdin:
        click.echo(weibo_length(line.rstrip("\r\n"), astral_bytes=2 * astral_weight))


COMMANDS = (count_command,)
