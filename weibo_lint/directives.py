"""Inline suppression: ``<!-- weibo-lint disable-next-line WB501 -->`` and friends.

Directives are HTML comments, so they never reach the rendered text. Forms:
``disable-next-line``, ``disable-line`` (on the line itself), ``disable`` … ``enable``
blocks; no codes means every rule. The front matter key ``weibo-lint-disable`` turns
rules off for the whole file. A malformed directive is itself reported (WB003), and so
is one that suppressed nothing (WB004). Rules weibo.yaml enforces (``enforce:``) are never
suppressed: a directive that names one is an error (WB003), and the rule still reports.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from weibo_lint.i18n import _

_DIRECTIVE = re.compile(r"<!--\s*weibo-lint\b(.*?)-->", re.DOTALL)
_ACTIONS = ("disable-next-line", "disable-line", "disable", "enable")


@dataclass
class Directive:
    line: int
    column: int
    action: str
    codes: frozenset[str] | None  # None: all rules
    first: int  # lines it covers, inclusive
    last: int
    used: bool = False


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)
    file_codes: frozenset[str] | None = frozenset()  # None: the whole file is off
    enforced: frozenset[str] = frozenset()  # never suppressed

    def suppresses(self, code: str, line: int) -> bool:
        if code in self.enforced:
            return False
        if self.file_codes is None or code in self.file_codes:
            return True
        for directive in self.directives:
            if directive.first <= line <= directive.last and (directive.codes is None or code in directive.codes):
                directive.used = True
                return True
        return False


@dataclass(frozen=True)
class DirectiveProblem:
    code: str  # WB003 invalid-directive | WB004 unused-directive
    line: int
    column: int
    message: str


def parse(text: str, known: dict[str, str], start: int = 0,
          enforced: frozenset[str] = frozenset()) -> tuple[Suppressions, list[DirectiveProblem]]:
    """Read the directives of a file from ``start`` (the body: a comment-like text in the
    front matter is a value, not a directive). ``known`` maps rule names and codes to codes;
    ``enforced`` holds the codes no directive may disable."""
    problems: list[DirectiveProblem] = []
    directives: list[Directive] = []
    open_blocks: list[Directive] = []
    if "weibo-lint" not in text:
        return Suppressions(enforced=enforced), problems
    last_line = text.count("\n") + 1
    for match in _DIRECTIVE.finditer(text, start):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        words = match.group(1).replace(",", " ").split()
        if not words or words[0] not in _ACTIONS:
            found = repr(words[0]) if words else _("nothing")
            problems.append(DirectiveProblem("WB003", line, column,
                                             _("unknown directive {found}: use {known}").format(
                                                 found=found, known=", ".join(_ACTIONS))))
            continue
        action, names = words[0], words[1:]
        codes = set()
        for name in names:
            if name not in known:
                problems.append(DirectiveProblem("WB003", line, column, _("unknown rule {name} in directive").format(name=repr(name))))
            elif known[name] in enforced:  # refused: reported once, at the 'disable', not again at its 'enable'
                if action != "enable":
                    problems.append(enforced_problem(name, line, column))
            else:
                codes.add(known[name])
        if names and not codes:
            continue
        code_set = frozenset(codes) if names else None
        if action == "enable":
            closed = [d for d in open_blocks if d.codes == code_set or code_set is None]
            if not closed:
                problems.append(DirectiveProblem("WB003", line, column, _("'enable' without a matching 'disable'")))
            for block in closed:
                block.last = line
                open_blocks.remove(block)
            continue
        first, last = {"disable-next-line": (line + 1, line + 1), "disable-line": (line, line)}.get(
            action, (line, last_line))
        directive = Directive(line, column, action, code_set, first, last)
        directives.append(directive)
        if action == "disable":
            open_blocks.append(directive)
    return Suppressions(directives=directives, enforced=enforced), problems


def enforced_problem(name: str, line: int, column: int) -> DirectiveProblem:
    """WB003 for disabling a rule weibo.yaml enforces: the directive is refused, the rule reports."""
    return DirectiveProblem("WB003", line, column,
                            _("rule {name} is enforced in weibo.yaml: no post may disable it").format(name=name))


def unused(suppressions: Suppressions) -> list[DirectiveProblem]:
    return [
        DirectiveProblem("WB004", d.line, d.column, _("'{action}' directive suppressed nothing: remove it").format(action=d.action))
        for d in suppressions.directives
        if not d.used
    ]
