"""Reporters: pure functions from problems to text.

Every reporter takes the problems (in any order) and returns the whole report as
one string, ending in a newline unless it is empty; the CLI writes it out as is
(``click.echo(text, nl=False)``). Reporters never print and never look at the
environment: the CLI passes what they need (colour, source lines, limits).

Problems whose level is ``off`` are not reported (a rule turned off yields none,
but a reporter must not show one if it ever gets one).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from weibo_lint.problem import ORDER, Level, Problem

FORMATS: tuple[str, ...] = ("text", "json", "github", "sarif")


def choose_format(requested: str, *, in_github_actions: bool) -> str:
    """The format to use for ``--format requested``.

    ``auto`` means GitHub workflow commands inside GitHub Actions and text elsewhere;
    a name from :data:`FORMATS` is used as is. Anything else is a ``ValueError``.
    """
    name = requested.strip().lower()
    if name == "auto":
        return "github" if in_github_actions else "text"
    if name in FORMATS:
        return name
    raise ValueError(
        f"unknown output format {requested!r} (expected auto, {', '.join(FORMATS)})"
    )


def render(problems: Sequence[Problem], fmt: str, *, rules: Sequence = (), tool_version: str = "",
           source_line: Callable[[str, int], str | None] | None = None, color: bool = False) -> str:
    """The report in format ``fmt`` (one of :data:`FORMATS`, already chosen): SARIF names the
    ``rules`` and the tool's version; the text report shows ``source_line(path, line)`` under
    each problem, in ``color``."""
    if fmt == "json":
        from weibo_lint.reporters.json import format_json

        return format_json(problems)
    if fmt == "github":
        from weibo_lint.reporters.github import format_github

        return format_github(problems)
    if fmt == "sarif":
        from weibo_lint.reporters.sarif import format_sarif

        return format_sarif(problems, rules=list(rules), tool_version=tool_version)
    from weibo_lint.reporters.text import format_text

    return format_text(problems, source_line=source_line or (lambda _path, _line: None), color=color)


def reportable(problems: Iterable[Problem]) -> list[Problem]:
    """The problems a reporter shows, in their natural order (path, line, column, code)."""
    return sorted((p for p in problems if p.level is not Level.OFF), key=ORDER)


__all__ = ["FORMATS", "choose_format", "reportable"]
