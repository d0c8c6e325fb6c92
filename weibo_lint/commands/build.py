"""``weibo-lint build``: the static preview site, or (``--summary``) the same facts as Markdown
for a pull request's ``$GITHUB_STEP_SUMMARY``."""
from __future__ import annotations

from pathlib import Path

import click

from weibo_lint.commands._options import config_option, load, now_option, resolve_now
from weibo_lint.i18n import N_, _


@click.command("build", help=N_("""Build the preview site: calendar, a page per post and column, metrics.

Exit 0 once the site (or the summary) is written: problems are shown, not failed on
(that is `weibo-lint check`'s job); 2 on a usage, configuration or template error.

\b
In a pull request's workflow:
  git diff --name-only --diff-filter=d "origin/$BASE...HEAD" -- posts > changed.txt
  weibo-lint build --summary "$GITHUB_STEP_SUMMARY" --posts changed.txt"""))
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False),
              help=N_("Folder to write the site to (default: _site beside weibo.yaml)."))
@click.option("--summary", "summary", metavar="FILE",
              help=N_("Instead of the site, append Markdown to FILE ('-': standard output): every problem, "
                   "errors first, and a preview of each post in --posts."))
@click.option("--posts", "posts_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help=N_("With --summary: the posts to preview, one path a line (an empty file: none; "
                   "default: every post); problems are those a check of these posts reports."))
@click.option("--max-previews", type=click.IntRange(min=0), default=50, show_default=True,
              help=N_("With --summary: preview at most this many posts."))
@click.option("--no-cache", is_flag=True, help=N_("Neither read nor write the result cache."))
@config_option
@now_option
def build_command(out, summary, posts_file, max_previews, no_cache, config_path, now_text):
    config = load(config_path)
    now = resolve_now(now_text, config)
    if summary is not None:
        _summary(config, now, summary, posts_file, max_previews, use_cache=not no_cache)
        return
    if posts_file is not None:
        raise click.UsageError("--posts goes with --summary")
    from weibo_lint.site.build import build_site

    result = build_site(config, out=out if out is not None else config.root / "_site", now=now,
                        use_cache=not no_cache)
    click.echo(_("Built {pages} pages ({posts} posts, {pictures} pictures, {problems} problems) in {out}").format(
        pages=result.pages, posts=result.posts, pictures=result.pictures, problems=result.problems, out=result.out))


def _summary(config, now, target: str, posts_file: Path | None, max_previews: int, *, use_cache: bool) -> None:
    from weibo_lint import repository
    from weibo_lint.rules import ALL_RULES
    from weibo_lint.site.inputs import gather
    from weibo_lint.site.pages import make_cards
    from weibo_lint.site.summary import format_summary, select_problems

    selected = None
    if posts_file is not None:
        try:
            lines = posts_file.read_bytes().decode("utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise click.UsageError(f"--posts {posts_file}: cannot read it as UTF-8 text: {exc}") from None
        listed = [Path(line.strip()) for line in lines if line.strip() and "\0" not in line]  # NUL: no such file
        existing = [path for path in listed if path.exists()]  # a deleted post has nothing to preview
        selected = set(repository.post_paths(config, existing)) if existing else set()
    data, _media = gather(config, now=now, use_cache=use_cache)
    whole = {rule.code for rule in ALL_RULES if set(rule.scopes) & {"collection", "column"}}
    problems = select_problems(data.problems, posts=set(data.results), selected=selected,
                               whole_repository_codes=whole)
    cards = [card for card in make_cards(data) if selected is None or card.path in selected]
    text = format_summary(problems, cards, max_previews=max_previews)
    if target == "-":
        click.echo(text, nl=False)
        return
    from weibo_lint.output import write_output

    write_output("--summary", target, text, append=True)  # $GITHUB_STEP_SUMMARY is appended to


COMMANDS = (build_command,)
