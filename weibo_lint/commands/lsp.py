"""``weibo-lint lsp``: the language server, over standard input and output."""
from __future__ import annotations

import click

from weibo_lint.i18n import N_


@click.command("lsp", help=N_("""Run the language server over standard input and output, for editors: problems
as you type (the same as check's), quick fixes, the live count on hover, completion in the
front matter. See docs/editors.md for VS Code, Neovim and Helix."""))
@click.option("--stdio", is_flag=True, help=N_("Talk over standard input and output (the default; editors often pass it)."))
def lsp_command(stdio):
    import gc

    from weibo_lint.lsp.server import serve

    gc.enable()  # the CLI turns the collector off for short runs; a server runs for hours

    serve()


COMMANDS = (lsp_command,)
