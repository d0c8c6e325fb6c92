"""The command line: thin commands that parse options, call the core, report, exit.

Exit codes: 0 clean (warnings allowed), 1 problems found (or a failed publish),
2 usage or configuration error.
"""
from __future__ import annotations

import gc
from datetime import datetime, timezone
from pathlib import Path

import click

from weibo_lint import __version__
from weibo_lint.config import Config, load_config
from weibo_lint.errors import UsageError, WeiboLintError
from weibo_lint.times import parse_datetime


class _Group(click.Group):
    """Commands load lazily from ``weibo_lint.commands``; one handler for every failure
    that stops a command: a message, never a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        from weibo_lint.commands import command_names

        return sorted(set(super().list_commands(ctx)) | set(command_names()))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        from weibo_lint.commands import load_command

        if name != "sandbox":
            # A command is one short run that builds many objects and frees them at exit: the
            # cyclic collector would scan that heap over and over (a sixth of a cold check of
            # 10,000 posts) to find next to no cycles. The long-running sandbox keeps it.
            gc.disable()
        return super().get_command(ctx, name) or load_command(name)

    def invoke(self, ctx: click.Context):
        collecting = gc.isenabled()
        try:
            return super().invoke(ctx)
        except WeiboLintError as exc:
            from weibo_lint.redact import Redactor

            click.echo(Redactor.from_environ().text(f"weibo-lint: {exc.message}"), err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("weibo-lint: interrupted", err=True)
            ctx.exit(130)
        finally:
            if collecting:
                gc.enable()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="weibo-lint")
def cli() -> None:
    """Lint, schedule, publish and preview Weibo posts kept as Markdown in git."""


def config_option(func):
    return click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
                        help="weibo.yaml to use (default: found by walking up from here).")(func)


def now_option(func):
    return click.option("--now", "now_text", metavar="ISO",
                        help="Pretend it is this time (ISO 8601; default: the current time).")(func)


def load(config_path: Path | None) -> Config:
    if config_path is not None and not (config_path.exists() or config_path.is_symlink()):
        raise UsageError(f"--config {config_path}: no such file")  # anything else: load_config says what it is
    return load_config(config_path)


def resolve_now(text: str | None, config: Config) -> datetime:
    if not text:
        return datetime.now(timezone.utc).astimezone(config.timezone)
    try:
        return parse_datetime(text, config.timezone)
    except ValueError as exc:
        raise UsageError(f"--now: {exc}") from None


def main() -> None:
    cli(prog_name="weibo-lint")


if __name__ == "__main__":  # pragma: no cover
    main()
