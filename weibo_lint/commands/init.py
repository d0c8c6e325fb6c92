"""``weibo-lint init [DIR]``: start a brand's content repository."""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import click

from weibo_lint import gitprocess, i18n
from weibo_lint.errors import UsageError
from weibo_lint.i18n import N_, _
from weibo_lint.starter import ACTION_REPOSITORY, APIS, LANGUAGES, Starter, files, problems

CREATED = N_("Created {count} files in {where}. Next:")
STEP_CHECK = N_("weibo-lint check                 # should find no problems")
STEP_PUSH = N_("# push it to GitHub{secret}, then merge a first approved post (see README.md)")
SECRET = N_(", add the repository secret {env}")


@click.command("init", help=N_("""Create a content repository in DIRECTORY (default: here): weibo.yaml, a column with its
template, a first draft post, images/, .gitignore, .pre-commit-config.yaml, the five GitHub
workflows and a README for the team. Refuses to overwrite existing files without --force."""))
@click.argument("directory", required=False, default=".", type=click.Path(path_type=Path, file_okay=False))
@click.option("--brand", default="我的品牌", show_default=True, help=N_("The account's screen name on Weibo."))
@click.option("--account", "account_key", default="official", show_default=True,
              help=N_("The account's key in weibo.yaml (lower case, digits, '-')."))
@click.option("--account-api", "api", type=click.Choice(APIS), default=None,
              help=N_("How posts go out: share (ordinary apps; needs --safe-domain), update (advanced write "
                   "right) or manual (pasted by hand). Default: share with --safe-domain, else manual."))
@click.option("--safe-domain", help=N_("The app's registered safe domain (安全域名), for share."))
@click.option("--language", type=click.Choice(LANGUAGES), default="zh-CN", show_default=True,
              help=N_("The language of the configuration's comments, the README and messages."))
@click.option("--timezone", "timezone_name", default="Asia/Shanghai", show_default=True,
              help=N_("The time zone publish_at times are read in."))
@click.option("--branch", default="main", show_default=True, help=N_("The branch posts are published from."))
@click.option("--action", "action_repo", default=ACTION_REPOSITORY, show_default=True, metavar="OWNER/REPO",
              help=N_("Where the workflows and the pre-commit hook take weibo-lint from."))
@click.option("--force", is_flag=True, help=N_("Overwrite files that already exist."))
def init_command(directory, brand, account_key, api, safe_domain, language, timezone_name, branch, action_repo,
                 force):
    from weibo_lint.times import zone

    starter = Starter(brand=brand, account=account_key, api=api or ("share" if safe_domain else "manual"),
                      safe_domain=safe_domain, language=language, timezone=timezone_name, branch=branch,
                      action_repo=action_repo)
    found = problems(starter)
    try:
        tz = zone(timezone_name)
    except ValueError as exc:
        found.append(f"--timezone: {exc}")
    if found:
        raise UsageError("; ".join(found))
    if directory.exists() and not directory.is_dir():
        raise UsageError(_("{path}: not a folder").format(path=directory))
    planned = files(starter, datetime.now(tz))
    existing = sorted(rel for rel in planned if (directory / rel).exists() or (directory / rel).is_symlink())
    if existing and not force:
        shown = ", ".join(existing[:5])
        if len(existing) > 5:
            shown += _(" and {count} more").format(count=len(existing) - 5)
        raise UsageError(_("{path}: {files} already exist(s); nothing was written (--force overwrites them)")
                         .format(path=directory, files=shown))
    for rel, text in planned.items():
        target = directory / rel
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_symlink():
                target.unlink()  # --force replaces the link itself, never what it points to
            with open(target, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except OSError as exc:
            raise UsageError(_("{path}: cannot write: {reason}").format(path=target, reason=exc.strerror or exc)) from None
    where = os.path.relpath(directory) if not os.path.relpath(directory).startswith("..") else str(directory)
    i18n.activate(language)  # the team's language, as the files it wrote
    secret = _(SECRET).format(env=starter.token_env) if starter.token_env else ""
    click.echo(_(CREATED).format(where=where, count=len(planned)))
    for step in next_steps(directory, where, branch, secret):
        click.echo("  " + step)


def next_steps(directory: Path, where: str, branch: str, secret: str) -> list[str]:
    """What to type next: no ``cd .``, and no ``git init`` inside a repository that exists."""
    steps = [] if where == "." else [f"cd {where}"]
    steps.append(_(STEP_CHECK))
    commit = 'git add -A && git commit -m "weibo-lint init"'
    answer = gitprocess.answer(directory, "rev-parse", "--is-inside-work-tree")  # git's own answer (None: no git)
    in_repository = answer is not None and answer.strip() == "true"
    steps.append(commit if in_repository else f"git init -b {branch} && {commit}")
    steps.append(_(STEP_PUSH).format(secret=secret))
    return steps


COMMANDS = (init_command,)
