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
from collections.abc import Collection, Sequence

from weibo_lint.i18n import _, ngettext
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


def _headline(problems: Sequence[Problem]) -> str:
    counts = {level: sum(1 for p in problems if p.level.value == level) for level in ("error", "warning", "info")}
    if not any(counts.values()):
        return _("### weibo-lint: no problems")
    parts = [text.format(count=n) for text, n in (
        (ngettext("{count} error", "{count} errors", counts["error"]), counts["error"]),
        (ngettext("{count} warning", "{count} warnings", counts["warning"]), counts["warning"]),
        (ngettext("{count} notice", "{count} notices", counts["info"]), counts["info"])) if n]
    return "### weibo-lint: " + _(", ").join(parts)


def problems_table(problems: Sequence[Problem]) -> list[str]:
    ranked = sorted(problems, key=lambda p: (p.level.rank, p))
    lines = [_("| | where | rule | message |"), "|---|---|---|---|"]
    for p in ranked:
        message = md(p.message) + (" \\(" + _("with {paths}").format(paths=md(", ".join(p.related))) + "\\)"
                                   if p.related else "")
        lines.append(f"| {_ICONS.get(p.level.value, '')} {_(p.level.value)} | {md(f'{p.path}:{p.line}:{p.column}')} "
                     f"| {md(p.code)} {md(p.name)} | {message} |")
    return lines


def preview(card: Card) -> list[str]:
    verdict = "" if not card.over else (" **" + _("empty") + "**" if card.count == 0 else
                                        " **" + _("over by {count}").format(count=card.count - card.limit) + "**")
    account = md(card.screen_name) + (f" \\({md(card.account.api)}\\)" if card.account else "")
    lines = [
        f"#### {md(card.path)}",
        "",
        _("- account: {account}").format(account=account),
        _("- column: {column}").format(column=md(card.column_name)),
        _("- publish at: {when} · status: {state}").format(when=md(card.when_label), state=md(card.state_label)),
        _("- count: {count}").format(count=f"**{card.count}/{card.limit}**") + verdict,
    ]
    if card.pictures:
        lines.append(_("- pictures: {pictures}").format(pictures=", ".join(md(p.label) for p in card.pictures)))
    lines.append("")
    lines.append(fence(card.text) if card.text is not None else
                 "_" + _("This post cannot be rendered: see its problems.") + "_")
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
        lines += ["### " + ngettext("{count} post as it will be posted", "{count} posts as they will be posted",
                                    len(cards)).format(count=len(cards)), ""]
        for card in cards[:max_previews]:
            lines += preview(card) + [""]
        if len(cards) > max_previews:
            lines += ["_" + _("{more} more not shown \\(at most {most} previews\\).").format(
                more=len(cards) - max_previews, most=max_previews) + "_", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
