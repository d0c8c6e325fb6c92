"""What a rule is, and what it sees.

A rule module defines ``CODE``, ``NAME``, ``SCOPE`` ("post", "column" or "collection"),
``LEVEL`` (its default), an ``Options`` frozen dataclass, and ``find(subject, options)``
that yields :class:`~weibo_lint.problem.Finding` values. Its docstring is its
documentation, with the sections "Why", "Bad", "Good" and "Options".
"""
from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields
from functools import cached_property
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

from weibo_lint.config import Config
from weibo_lint.counting import weibo_length
from weibo_lint.model import Account, Column, FieldIssue, ImageInfo, Post
from weibo_lint.problem import Finding, Level

if TYPE_CHECKING:
    from weibo_lint.render import Rendered


class Subject(Protocol):
    """What rules about fields (WB301–WB305) read of the post or column file they judge."""

    @property
    def path(self) -> str: ...

    @property
    def account(self) -> str | None: ...

    @property
    def issues(self) -> tuple[FieldIssue, ...]: ...

    def line_of(self, key: str) -> int: ...


@dataclass(frozen=True)
class PostContext:
    """A post with everything a post rule needs, resolved once by the engine."""

    post: Post
    config: Config
    column: Column | None
    account: Account | None
    rendered: Rendered | None  # None when rendering failed
    render_error: str | None
    limit: int  # the column's limit, else the account's, else 140
    images: tuple[ImageInfo, ...] = ()
    known_columns: tuple[str, ...] = ()
    column_names: tuple[tuple[str, str], ...] = ()  # (slug, name) of each column: what writers call them

    @property
    def subject(self) -> Subject:
        return self.post

    @cached_property
    def length(self) -> int | None:
        """The rendered text's count as Weibo counts it (None when rendering failed): WB101
        and WB103 both need it, and it is counted once."""
        if self.rendered is None:
            return None
        return weibo_length(self.rendered.text, astral_bytes=self.config.astral_bytes)


@dataclass(frozen=True)
class ColumnContext:
    """A column file with what a column rule needs to resolve its references."""

    column: Column
    config: Config
    templates: frozenset[str]  # template file names that exist

    @property
    def subject(self) -> Subject:
        return self.column


@dataclass(frozen=True)
class NoOptions:
    pass


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    scopes: tuple[str, ...]  # source | post | column | collection
    default_level: Level
    options_type: type
    find: Callable[..., Iterator[Finding]]  # the module's find(subject, options)
    doc: str
    fixable: bool = False
    doc_zh: str = ""  # the same documentation in Simplified Chinese (the module's DOC_ZH)

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name

    def doc_in(self, language: str) -> str:
        """The documentation in ``language`` (``zh-CN`` or ``en``)."""
        return self.doc_zh if language == "zh-CN" and self.doc_zh else self.doc

    def summary_in(self, language: str) -> str:
        doc = self.doc_in(language).strip()
        return doc.splitlines()[0] if doc else self.name

    @property
    def help(self) -> str:
        return self.doc

    def options(self, raw: Mapping[str, Any], where: str) -> Any:
        """Build the options dataclass from configuration; ValueError names the bad key."""
        known = {f.name: f for f in fields(self.options_type)}
        for key in raw:
            if key not in known:
                raise ValueError(f"{where}: rule {self.code} has no option {key!r}"
                                 + (f" (options: {', '.join(known)})" if known else " (it takes none)"))
        values = {}
        for key, value in raw.items():
            default = getattr(self.options_type(), key)
            if isinstance(default, tuple) and isinstance(value, list):
                value = tuple(value)
            wrong_bool = isinstance(value, bool) and not isinstance(default, bool)  # bool is an int subclass
            if wrong_bool or (default is not None and not isinstance(value, type(default)) and not (
                isinstance(default, float) and isinstance(value, int)
            )):
                raise ValueError(f"{where}: rule {self.code} option {key!r} expects {type(default).__name__}, "
                                 f"got {value!r}")
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                low, high = known[key].metadata.get("range", NUMBER_RANGE)
                if not low <= value <= high:  # also refuses .nan, which compares false with everything
                    raise ValueError(f"{where}: rule {self.code} option {key!r} must be from {low} to {high}, "
                                     f"got {value!r}")
            values[key] = value
        try:
            return self.options_type(**values)
        except ValueError as exc:  # options that contradict each other (the dataclass says which)
            raise ValueError(f"{where}: {exc}") from None


#: A numeric option's bounds unless its field says otherwise (``metadata={"range": (lo, hi)}``):
#: minutes, counts and weights all fit, and nothing downstream overflows a timedelta.
NUMBER_RANGE = (0, 1_000_000)


def rule_from_module(module: ModuleType) -> Rule:
    return Rule(
        code=module.CODE,
        name=module.NAME,
        scopes=(module.SCOPE,) if isinstance(module.SCOPE, str) else tuple(module.SCOPE),
        default_level=Level(module.LEVEL),
        options_type=getattr(module, "Options", NoOptions),
        find=module.find,
        doc=inspect.cleandoc(module.__doc__ or ""),
        doc_zh=inspect.cleandoc(getattr(module, "DOC_ZH", "")),
        fixable=getattr(module, "FIXABLE", False),
    )
