"""``weibo-lint fix``: apply the safe fixes, leave everything else untouched."""
from __future__ import annotations

import difflib
import sys
from pathlib import Path

import click

from weibo_lint.check import CheckReport, run_check
from weibo_lint.commands._options import config_option, load, now_option, resolve_now
from weibo_lint.fixer import FileFix, fix_post
from weibo_lint.i18n import N_, _, ngettext
from weibo_lint.problem import Level
from weibo_lint.safe_read import POST_BYTES, confined, read_regular
from weibo_lint.terminal import safe, safe_lines


def _describe(fix: FileFix, verb: str) -> str:
    counts = ", ".join(f"{code} ×{count}" for code, count in sorted(fix.fixed.items()))
    line = f"{fix.path}: {_(verb)} {sum(fix.fixed.values())} ({counts})"
    if fix.left:
        line += f"; {fix.left} more could not be applied (their edits overlap): run fix again"
    return line


def _diff(fix: FileFix) -> str:
    lines = difflib.unified_diff(fix.before.splitlines(keepends=True), fix.after.splitlines(keepends=True),
                                 fromfile=f"a/{fix.path}", tofile=f"b/{fix.path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _fix_file(root: Path, path: str, env, fixable: frozenset[str], write: bool) -> FileFix | None:
    """One post fixed (and written, with ``write``); None when it cannot be read or written (said)."""
    file = confined(root, path)  # a link out of the repository is neither read nor written
    raw = file if isinstance(file, OSError) else read_regular(file, POST_BYTES)
    try:
        if isinstance(raw, OSError):
            raise raw
        disk = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        click.echo(safe(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}"), err=True)
        return None
    fix = fix_post(path, disk, env, fixable)
    if write and fix.after != fix.before:
        try:
            Path(str(file)).write_bytes(fix.after.encode("utf-8"))
        except OSError as exc:
            click.echo(safe(f"{path}: cannot write: {exc.strerror or exc}"), err=True)
            return None
    return fix


@click.command("fix", help=N_("""Apply the safe fixes to posts (default: every post under posts/).

Safe fixes: close a Twitter-style '#tag' as '#tag#' (WB201), '＃' → '#' (WB202),
spacing and punctuation between Chinese and Latin text (WB502). Nothing else in the
files changes: code spans and code blocks are left as written, a UTF-8 BOM and CRLF
line ends are kept.

Exit status: 0 when no errors remain after fixing (warnings allowed), whether or not
a file changed; 1 when errors remain that fix cannot repair ('weibo-lint check'
lists them), or a file could not be written; 2 on a usage or configuration error;
3 on an internal error (a bug: please report it).
With --dry-run or --diff the status tells what would remain after fixing."""))
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help=N_("Say what would be fixed; write nothing."))
@click.option("--diff", "show_diff", is_flag=True, help=N_("Print the changes as a unified diff; write nothing."))
@config_option
@now_option
def fix_command(paths, dry_run, show_diff, config_path, now_text):
    config = load(config_path)
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise click.BadParameter(f"{path}: no such file or folder", param_hint="PATHS")
    # The same clock as check's: the errors that remain (and so the exit status) depend on it.
    report = run_check(config, now=resolve_now(now_text, config), targets=list(paths) or None, use_cache=False)
    write = not (dry_run or show_diff)
    fixes, failed = _fix_files(config.root, report, write, show_diff)
    _say_what_was_fixed(fixes, write, show_diff)
    errors = _errors_left(report, fixes)
    if errors:
        click.echo(ngettext("{count} error remains that fix cannot repair: run 'weibo-lint check' to see it.",
                            "{count} errors remain that fix cannot repair: run 'weibo-lint check' to see them.",
                            errors).format(count=errors), err=True)
    sys.exit(1 if errors or failed else 0)


def _fix_files(root: Path, report: CheckReport, write: bool, show_diff: bool) -> tuple[dict[str, FileFix], bool]:
    """Every post with a fixable problem fixed (each said as it is done); the ones that
    change, by path, and whether a file could not be read or written."""
    fixable = frozenset(code for code, rule in report.env.rules.rules.items() if rule.fixable)
    candidates = sorted({p.path for p in report.problems if p.code in fixable and p.fix})
    verb = N_("fixed") if write else N_("would fix")
    fixes: dict[str, FileFix] = {}
    failed = False
    for path in candidates:
        fix = _fix_file(root, path, report.env, fixable, write)
        if fix is None:
            failed = True
        elif fix.after != fix.before:
            fixes[path] = fix
            click.echo(safe_lines(_diff(fix) if show_diff else _describe(fix, verb)), nl=not show_diff)
    return fixes, failed


def _say_what_was_fixed(fixes: dict[str, FileFix], write: bool, show_diff: bool) -> None:
    if not fixes:
        click.echo(_("Nothing to fix."), err=show_diff)
        return
    total = sum(sum(f.fixed.values()) for f in fixes.values())
    done = ngettext("{count} problem", "{count} problems", total).format(count=total)
    where = ngettext("{count} file", "{count} files", len(fixes)).format(count=len(fixes))
    message = _("Fixed {problems} in {files}.") if write else _("Would fix {problems} in {files}.")
    click.echo(message.format(problems=done, files=where), err=show_diff)


def _errors_left(report: CheckReport, fixes: dict[str, FileFix]) -> int:
    """The errors after fixing: the report's, with each fixed file's problems as they are now."""
    remaining = [p for p in report.problems if p.path not in fixes or p not in report.results[p.path].problems]
    remaining += [p for f in fixes.values() for p in f.problems]
    return sum(1 for p in remaining if p.level is Level.ERROR)


COMMANDS = (fix_command,)
