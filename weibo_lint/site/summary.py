"""The check's findings and a preview of each changed post, as Markdown for a pull request.

GitHub turns at most 10 errors and 10 warnings of a step into annotations; the job summary
(``$GITHUB_STEP_SUMMARY``) has no such cap, so it lists every problem, errors first, and
shows each changed post as it will go out. User text is escaped for Markdown: every ASCII
punctuation character gets a backslash (CommonMark's escape), so a post's ``<script>`` or
``|`` can neither inject HTML nor break a table; a post's text sits in a code fence longer
than any run of backticks inside it.
"""
from __future__ import annotations

import re
from typing import Collection, Sequence

from weibo_lint.problem import Problem
from weibo_lint.site.cards import Card

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_ICONS = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}


def md(text: str) -> str:
    """Inline text safe in Markdown: punctuation escaped, one line."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(str(text).split()))


def fence(text: str, info: str = "text") -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    marks = "`" * max(3, longest + 1)
    return f"{marks}{info}\n{text}\n{marks}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _headline(problems: Sequence[Problem]) -> str:
    counts = {level: sum(1 for p in problems if p.level.value == level) for level in ("error", "warning", "info")}
    if not any(counts.values()):
        return "### weibo-lint: no problems"
    parts = [_plural(n, word) for word, n in (("error", counts["error"]), ("warning", counts["warning"]),
                                               ("notice", counts["info"])) if n]
    return f"### weibo-lint: {', '.join(parts)}"


def problems_table(problems: Sequence[Problem]) -> list[str]:
    ranked = sorted(problems, key=lambda p: (p.level.rank, p))
    lines = ["| | where | rule | message |", "|---|---|---|---|"]
    for p in ranked:
        message = md(p.message) + (f" \\(with {md(', '.join(p.related))}\\)" if p.related else "")
        lines.append(f"| {_ICONS.get(p.level.value, '')} {p.level.value} | {md(f'{p.path}:{p.line}:{p.column}')} "
                     f"| {md(p.code)} {md(p.name)} | {message} |")
    return lines


def preview(card: Card) -> list[str]:
    verdict = "" if not card.over else (" **empty**" if card.count == 0 else f" **over by {card.count - card.limit}**")
    account = md(card.screen_name) + (f" \\({md(card.account.api)}\\)" if card.account else "")
    lines = [
        f"#### {md(card.path)}",
        "",
        f"- account: {account}",
        f"- column: {md(card.column_name)}",
        f"- publish at: {md(card.when_label)} · status: {md(card.state_label)}",
        f"- count: **{card.count}/{card.limit}**{verdict}",
    ]
    if card.pictures:
        lines.append(f"- pictures: {', '.join(md(p.label) for p in card.pictures)}")
    lines.append("")
    lines.append(fence(card.text) if card.text is not None else "_This post cannot be rendered: see its problems._")
    return lines


def select_problems(problems: Sequence[Problem], *, posts: Collection[str], selected: Collection[str] | None,
                    whole_repository_codes: Collection[str]) -> list[Problem]:
    """What a check of ``selected`` reports: their own problems, and every problem about the
    whole repository (columns, cadence, collisions). ``None`` selects every post."""
    if selected is None:
        return list(problems)
    return [p for p in problems if p.path in selected or p.path not in posts or p.code in whole_repository_codes]


def format_summary(problems: Sequence[Problem], cards: Sequence[Card], *, max_previews: int = 50) -> str:
    """The whole summary: headline, every problem, then the previews."""
    lines = [_headline(problems), ""]
    if problems:
        lines += problems_table(problems) + [""]
    if cards:
        lines += [f"### {_plural(len(cards), 'post')} as {'it' if len(cards) == 1 else 'they'} will be posted", ""]
        for card in cards[:max_previews]:
            lines += preview(card) + [""]
        if len(cards) > max_previews:
            lines += [f"_{len(cards) - max_previews} more not shown \\(at most {max_previews} previews\\)._", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
