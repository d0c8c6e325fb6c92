"""``weibo-lint check``: lint posts and report problems."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from weibo_lint.check import run_check
from weibo_lint.commands._options import config_option, load, now_option, resolve_now
from weibo_lint.errors import UsageError
from weibo_lint.i18n import N_, _
from weibo_lint.output import write_output
from weibo_lint.problem import Level
from weibo_lint.reporters import FORMATS, choose_format


@click.command("check", help=N_('Check posts (default: every post under posts/).'))
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice([*FORMATS, "auto"]), default="auto", show_default=True)
@click.option("--strict", is_flag=True, help=N_("Exit 1 on warnings too."))
@click.option("--no-cache", is_flag=True, help=N_("Neither read nor write the result cache."))
@click.option("--changed-since", "changed_since", metavar="REF",
              help=N_("Report only on posts changed since REF in git (REF...HEAD, plus uncommitted and untracked "
                   "files), and those a changed weibo.yaml, column file, template or picture affects; "
                   "collection rules still cover every post."))
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help=N_("Write the report to this file instead of standard output."))
@config_option
@now_option
def check_command(paths, fmt, strict, no_cache, changed_since, output, config_path, now_text):
    config = load(config_path)
    now = resolve_now(now_text, config)
    if paths and changed_since is not None:
        raise UsageError("give PATHS or --changed-since, not both")
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise click.BadParameter(f"{path}: no such file or folder", param_hint="PATHS")
    report = run_check(config, now=now, targets=list(paths) or None, use_cache=not no_cache,
                       changed_since=changed_since)
    if not report.results and not report.problems:
        # Never "No problems." for a run that checked nothing.
        where = config.paths["posts"]
        if changed_since is not None:
            click.echo(_("No post under {folder}/ changed since {ref}: nothing to check.").format(
                folder=where, ref=changed_since))
            sys.exit(0)
        if paths:
            raise UsageError(_("none of the given paths is a post under {folder}/: nothing was checked").format(
                folder=where))
        raise UsageError(_("no posts under {folder}/: nothing was checked (weibo.yaml's paths.posts says where "
                           "posts live; `weibo-lint new COLUMN` writes one)").format(folder=where))
    text = render_report(report, fmt, config.root, stream=sys.stdout if output is None else None)
    if output is not None:
        write_output("--output", output, text)
    else:
        click.echo(text, nl=not text.endswith("\n"))
    failed = Level.ERROR in report.levels or (strict and Level.WARNING in report.levels)
    sys.exit(1 if failed else 0)


def render_report(report, fmt: str, root: Path, stream=None) -> str:
    """The report in the format asked for (``auto``: GitHub's inside Actions), the text one
    with each problem's source line, read from the repository."""
    from weibo_lint import __version__
    from weibo_lint.reporters import render
    from weibo_lint.safe_read import POST_BYTES, Confined

    fmt = choose_format(fmt, in_github_actions=os.environ.get("GITHUB_ACTIONS") == "true")
    if fmt == "json":  # mostly the posts' objects made when they were checked, joined
        from weibo_lint.reporters.json import format_json, format_json_files

        try:
            return format_json_files(report.json_files())
        except ValueError:  # a broken cache costs speed, never results
            return format_json(report.problems)
    lines: dict[str, list[str]] = {}
    reader = Confined(root)  # never a line of a file outside the repository

    def source_line(path: str, line: int) -> str | None:
        if path not in lines:
            raw = reader.read(path, POST_BYTES)
            try:
                lines[path] = [] if isinstance(raw, OSError) else \
                    raw.decode("utf-8-sig").replace("\r\n", "\n").split("\n")
            except UnicodeDecodeError:
                lines[path] = []
        return lines[path][line - 1] if 0 < line <= len(lines[path]) else None

    color = bool(stream is not None and stream.isatty() and not os.environ.get("NO_COLOR"))
    return render(report.problems, fmt, rules=report.env.rules.rules.values(), tool_version=__version__,
                  source_line=source_line, color=color)


COMMANDS = (check_command,)
