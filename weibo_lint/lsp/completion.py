"""Completion in a post's front matter: field names, column slugs, account keys, status
values, picture paths and, for ``publish_at``, the column's next free slot (as ``weibo-lint
new`` picks it). Where the cursor stands is worked out by :func:`place`, a pure function
of the buffer's lines."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from lsprotocol import types

from weibo_lint.i18n import _
from weibo_lint.lsp.positions import Buffer
from weibo_lint.model import STATUSES
from weibo_lint.schema import POST_FIELDS

_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
_ITEM = re.compile(r"^\s+-\s*(.*)$|^\s*-\s+(.*)$")
_FLOW = re.compile(r"^images\s*:\s*\[(?:[^\]]*,)?\s*([^,\]]*)$")


@dataclass(frozen=True)
class Place:
    """What the cursor is completing: a ``key`` (``""``: a field name) and what is typed of it."""

    key: str
    typed: str
    start: int = 0  # the code-point column where what is typed starts (a completion replaces it)


def front_matter(buffer: Buffer) -> tuple[int, int] | None:
    """The 0-based lines ``[first, last)`` inside the front matter (None: there is none)."""
    if buffer.read_line(0).rstrip() != "---":
        return None
    for number in range(1, len(buffer.starts)):
        if buffer.line(number).rstrip() in ("---", "..."):
            return 1, number
    return 1, len(buffer.starts)  # not closed yet: the writer is typing it


def place(buffer: Buffer, line: int, column: int) -> Place | None:
    """Where the cursor (0-based line, code-point column) stands in the front matter."""
    inside = front_matter(buffer)
    if inside is None or not inside[0] <= line < inside[1]:
        return None
    before = buffer.line(line)[:column]
    flow = _FLOW.match(before)
    if flow:
        return _typed("images", before, flow.group(1))
    item = _ITEM.match(before)
    if item:
        for number in range(line - 1, inside[0] - 1, -1):  # the key the list belongs to
            found = _KEY.match(buffer.line(number))
            if found:
                return _typed(found.group(1), before, item.group(1) or item.group(2) or "")
        return None
    key = _KEY.match(before)
    if key:
        return _typed(key.group(1), before, key.group(2))
    if not before.startswith((" ", "\t")):
        return Place("", before, 0)
    return None


def _typed(key: str, before: str, value: str) -> Place:
    value = value.lstrip()
    return Place(key, value.strip().strip("'\""), len(before) - len(value))


def items(where: Place, *, columns: Mapping[str, str], accounts: Mapping[str, str], pictures: Iterable[str],
          next_slot: Callable[[], str | None]) -> list[types.CompletionItem]:
    """The completions at ``where``: ``columns`` slug -> name, ``accounts`` key -> description,
    ``pictures`` repository paths, ``next_slot()`` the publish_at to offer (None: none)."""
    kind = types.CompletionItemKind
    if where.key == "":
        return [types.CompletionItem(name, kind=kind.Field, insert_text=f"{name}: ") for name in POST_FIELDS]
    if where.key == "column":
        return [types.CompletionItem(slug, kind=kind.EnumMember, detail=name) for slug, name in sorted(columns.items())]
    if where.key == "account":
        return [types.CompletionItem(key, kind=kind.EnumMember, detail=about)
                for key, about in sorted(accounts.items())]
    if where.key == "status":
        return [types.CompletionItem(status, kind=kind.EnumMember) for status in STATUSES]
    if where.key == "images":
        return [types.CompletionItem(path, kind=kind.File) for path in pictures]
    if where.key == "publish_at":
        slot = next_slot()
        if slot is None:
            return []
        return [types.CompletionItem(slot, kind=kind.Value, detail=_("the column's next free slot"),
                                     preselect=True)]
    return []
