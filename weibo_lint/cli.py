"""The command line: thin commands that parse options, call the core, report, exit.

Exit codes: 0 clean (warnings allowed), 1 problems found (or a failed publish),
2 usage or configuration error, 3 internal error (a bug in weibo-lint: please report it).
"""
from __future__ import annotations

import gc
import os
import sys

import click

from weibo_lint import __version__, i18n
from weibo_lint.commands._options import language_line
from weibo_lint.errors import INTERNAL_ERROR_EXIT, WeiboLintError
from weibo_lint.i18n import N_, _
from weibo_lint.terminal import safe


class _Group(click.Group):
    """Commands load lazily from ``weibo_lint.commands``; one handler for every failure
    that stops a command: a message, never a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        from weibo_lint.commands import command_names

        return sorted(set(super().list_commands(ctx)) | set(command_names()))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        from weibo_lint.commands import load_command

        command = super().get_command(ctx, name) or load_command(name)
        return translated(command) if command is not None else None

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        i18n.activate(i18n.choose(language_line(None)))  # `weibo-lint --help` comes before invoke
        translated(self)
        super().format_help(ctx, formatter)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name, command, rest = super().resolve_command(ctx, args)
        if name != "sandbox":
            # A command is one short run that builds many objects and frees them at exit: the
            # cyclic collector would scan that heap over and over to find next to no cycles.
            # The long-running sandbox keeps it. Here, inside invoke(), which gives the caller
            # its collector back; not in get_command(), which `--help` calls for every command.
            gc.disable()
        if name in NEEDS_GIT and not {"-h", "--help"} & set(rest):
            from weibo_lint.git import require_git
            from weibo_lint.tokens import bundled

            require_git(f"{name!r}")  # a GitError (exit 2) here, before any work
            # The process's environment is where every part reads tokens from (the publisher
            # by token_env, the redactor by name): a bundle's lines join it before any work.
            os.environ.update(bundled(os.environ))
        return name, command, rest

    def invoke(self, ctx: click.Context):
        collecting = gc.isenabled()
        i18n.activate(i18n.choose(language_line(None)))  # help and errors before load() in it too
        try:
            return super().invoke(ctx)
        except WeiboLintError as exc:
            from weibo_lint.redact import Redactor

            redact = Redactor.from_environ().text
            for message in exc.messages:  # several errors at once (weibo.yaml): one line each
                click.echo(redact(f"weibo-lint: {safe(message)}"), err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("weibo-lint: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # The reader went away (`weibo-lint rules | head -1`): not a bug. Exit as a process
            # killed by SIGPIPE would, and keep Python from failing again to flush at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(141)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise  # click's own ways out: usage errors (2), --help, ctx.exit
        except Exception as exc:  # a bug: exit 3, not 1 like findings
            _internal_error(exc)
            ctx.exit(INTERNAL_ERROR_EXIT)
        finally:
            if collecting:
                gc.enable()


def _internal_error(exc: BaseException) -> None:
    """One line that asks for a report; the traceback only with WEIBO_LINT_DEBUG=1 (CI logs
    stay readable, and a crash is told apart from findings by its exit code)."""
    from weibo_lint.redact import Redactor

    redact = Redactor.from_environ().text  # an exception's text may quote an API answer, and so a token
    if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
        import traceback

        click.echo(redact("".join(traceback.format_exception(exc))), err=True, nl=False)
    detail = safe(" ".join(str(exc).split())[:200])
    click.echo(redact(f"weibo-lint: internal error ({type(exc).__name__}{': ' + detail if detail else ''}); "
                      f"this is a bug, please report it (rerun with {DEBUG_ENV}=1 for the traceback)"), err=True)


DEBUG_ENV = "WEIBO_LINT_DEBUG"
NEEDS_GIT = frozenset({"publish", "metrics", "record"})  # they commit what they write
EXIT_CODES = N_("Exit codes: 0 clean (warnings allowed), 1 problems found (or warnings with --strict, or a "
                "failed publish), 2 usage or configuration error, 3 internal error (a bug: please report it; "
                "WEIBO_LINT_DEBUG=1 shows the traceback).")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES,
             help=N_("Lint, schedule, publish and preview Weibo posts kept as Markdown in git."))
@click.version_option(__version__, prog_name="weibo-lint")
def cli() -> None:
    if os.environ.get(CRASH_ENV) == "1":
        # The one test-only route to exit code 3 (tests/hostile/test_crashes.py): every other
        # internal error is a bug to be fixed, so the handler needs a crash it can rely on.
        raise RuntimeError(f"{CRASH_ENV}=1: a deliberate internal error")


CRASH_ENV = "WEIBO_LINT_TEST_CRASH"


def translated(command: click.Command) -> click.Command:
    """``command`` with its help texts in the active language. Click reads them when the
    commands are defined, before the language is chosen, so the English ones (marked with
    ``N_``) are kept and translated here, each time the language may have changed."""
    for item in (command, *command.params):
        english = item.__dict__.setdefault("_english_help", getattr(item, "help", None))
        if english:  # (Command and Option keep help in their __dict__; click's Parameter type has none)
            item.__dict__["help"] = _(english)
    epilog = command.__dict__.setdefault("_english_epilog", command.epilog)
    if epilog:
        command.epilog = _(epilog)
    return command


def main() -> None:
    """The ``weibo-lint`` program (the console script, ``python -m weibo_lint``)."""
    try:
        cli(prog_name="weibo-lint")
    finally:
        # The process ends here. Python's last act is a collection over every object still
        # alive, hundreds of thousands after a check, which frees none it would not free
        # anyway: about 5% of a check after one edit of 10,000 posts. Frozen, they are not
        # walked (their memory is freed as ever). An in-process caller of `cli` is not here.
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    main()
