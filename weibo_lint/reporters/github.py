"""The GitHub Actions reporter: workflow commands that become annotations.

::

    ::error file=posts/a.md,line=3,col=5,title=WB101 post-too-long::The post is too long.

Errors come first, then warnings, then notices (our ``info``); within a level the
order is by path, line and column. GitHub turns at most 10 errors and 10 warnings
(and 10 notices) of a step into annotations; ``max_per_level`` caps each level, and
the problems past the cap are still listed, as plain log lines that are not
commands, so the log keeps them all. ``None`` (the default) annotates everything.

Escaping follows GitHub's runner (``ActionCommand``): in the message ``%``, ``\\r``
and ``\\n`` become ``%25``, ``%0D`` and ``%0A``; in a property value ``:`` and ``,``
also become ``%3A`` and ``%2C``.
"""
from __future__ import annotations

from collections.abc import Iterable

from weibo_lint.problem import Level, Problem
from weibo_lint.reporters import reportable
from weibo_lint.terminal import safe

COMMANDS = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (the part after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property's value (``file=``, ``title=``...)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _message(problem: Problem) -> str:
    if problem.related:
        return f"{problem.message} (related: {', '.join(problem.related)})"
    return problem.message


def format_command(problem: Problem) -> str:
    """One problem as a workflow command."""
    # One f-string, not a dict of properties joined: a warm check of 10,000 real posts prints
    # some 26,000 of these. line and col are whole numbers, which need no escaping.
    title = escape_property(f"{problem.code} {problem.name}")
    return (f"::{COMMANDS[problem.level]} file={escape_property(problem.path)},line={problem.line},"
            f"col={problem.column},title={title}::{escape_data(_message(problem))}")


def _plain(problem: Problem) -> str:
    """A log line that no runner reads as a command (newlines flattened)."""
    text = (
        f"{problem.path}:{problem.line}:{problem.column}: {problem.level.value} "
        f"{problem.code} {problem.name} {_message(problem)}"
    )
    return safe(" ".join(text.splitlines()) or text)  # safe(): never a line the runner obeys


def format_github(problems: Iterable[Problem], *, max_per_level: int | None = None) -> str:
    """Workflow commands for the problems, errors first; see the module docstring."""
    shown = sorted(reportable(problems), key=lambda p: p.level.rank)  # stable: path order kept
    annotated: list[str] = []
    rest: list[Problem] = []
    counts: dict[Level, int] = {}
    for problem in shown:
        seen = counts.get(problem.level, 0)
        if max_per_level is not None and seen >= max_per_level:
            rest.append(problem)
            continue
        counts[problem.level] = seen + 1
        annotated.append(format_command(problem))
    lines = annotated
    if rest:
        lines.append(
            f"weibo-lint: {len(rest)} more problem{'s' if len(rest) != 1 else ''} "
            f"not annotated (at most {max_per_level} per level):"
        )
        lines.extend(_plain(problem) for problem in rest)
    return "\n".join(lines) + "\n" if lines else ""


__all__ = ["escape_data", "escape_property", "format_command", "format_github"]
