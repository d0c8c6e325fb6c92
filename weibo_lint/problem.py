"""Findings are data: what a rule yields, and the stamped problem a reporter prints."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from operator import attrgetter


class Level(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OFF = "off"

    @property
    def rank(self) -> int:
        """Sort key: errors first."""
        return ("error", "warning", "info", "off").index(self.value)


@dataclass(frozen=True)
class Edit:
    """Replace ``source[start:end]`` of the file with ``text`` (offsets into the file text)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Finding:
    """What a rule yields. The engine adds the path, code, name and configured level.

    A finding points at the file either directly (``line``/``column``, 1-based) or at a
    span of the rendered text (``rendered``), which the engine maps back to the Markdown
    source. ``path`` lets a collection rule point at another file (a column file);
    ``related`` names other files involved (both posts of a collision). ``level``, when
    set, replaces the rule's configured level (unless the rule is off).
    """

    message: str
    line: int | None = None
    column: int | None = None
    rendered: tuple[int, int] | None = None
    path: str | None = None
    related: tuple[str, ...] = ()
    fix: tuple[Edit, ...] = ()
    level: Level | None = None  # this finding's level, not the rule's (a justified claim is an info)


@dataclass(frozen=True, order=True)
class Problem:
    """A finding stamped with its identity; ordered by path, line, column, code."""

    path: str
    line: int
    column: int
    code: str
    name: str
    level: Level = field(compare=False)
    message: str = field(compare=False)
    related: tuple[str, ...] = field(default=(), compare=False)
    fix: tuple[Edit, ...] = field(default=(), compare=False, repr=False)

    def as_dict(self) -> dict:
        data = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "name": self.name,
            "level": self.level.value,
            "message": self.message,
        }
        if self.related:
            data["related"] = list(self.related)
        return data


#: A problem's place in a report, for ``sorted(problems, key=ORDER)``: the order ``<`` gives,
#: compared in C (a report of the 25,000 problems of a big repository sorts in milliseconds).
ORDER = attrgetter("path", "line", "column", "code", "name")
