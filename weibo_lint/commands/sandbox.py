"""``weibo-lint sandbox``: a local emulator of the Weibo API to publish to without credentials."""
from __future__ import annotations

from pathlib import Path

import click

from weibo_lint.commands._options import config_option, load
from weibo_lint.i18n import N_


@click.command("sandbox", help=N_("""Serve an emulated Weibo API on http://127.0.0.1:PORT/2/ until Ctrl-C.

Its safe domains are the weibo.yaml accounts' safe_domain values. Point the publisher
at it with WEIBO_API_BASE=http://127.0.0.1:PORT/2/ and any token (one starting with
"expired" or "invalid" is refused as Weibo refuses those)."""))
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help=N_("Port on 127.0.0.1 (0: any free port)."))
@click.option("--state", "state", type=click.Path(path_type=Path, dir_okay=False),
              help=N_("Keep the sandbox's posts in this JSON file across restarts."))
@config_option
def sandbox_command(port, state, config_path):
    from weibo_lint.sandbox import run

    config = load(config_path, required=False)  # the sandbox runs anywhere; weibo.yaml only adds domains
    domains = tuple(sorted({a.safe_domain for a in config.accounts.values() if a.safe_domain}))
    run(port, state, domains)


COMMANDS = (sandbox_command,)
