"""weibo.yaml's word settings: ``enforce`` (rules no post may disable) and ``lexicons``
(the team's own word lists, which WB505 reports).

::

    enforce: [WB501, lexicon-term]
    lexicons:
      - file: lexicons/competitors.txt
        level: warning            # error (default), warning or info
        message: 竞品名称，请勿提及

A lexicon file is read here, when the configuration is loaded, through ``safe_read`` like
every file of a repository that comes from pull requests (inside the repository, regular,
at most :data:`LEXICON_BYTES`): a missing or unreadable one is a configuration error that
names it. Whether the codes of ``enforce`` name rules is the rule registry's to judge
(``engine.RuleSet``), as for ``rules:``.
"""
from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from weibo_lint.i18n import _
from weibo_lint.safe_read import MIB, read_inside

LEXICON_KEYS = ("file", "level", "message")
LEXICON_LEVELS = ("error", "warning", "info")
LEXICON_BYTES = 8 * MIB  # a few hundred thousand terms


@dataclass(frozen=True)
class Lexicon:
    """A team's word list, read."""

    path: str  # from the repository's root, as git names it
    level: str
    message: str
    terms: tuple[str, ...]
    digest: str  # of the file's bytes: part of the check cache's key

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What tells two lexicons apart, cheap to hash (the terms are in the digest)."""
        return self.path, self.level, self.message, self.digest


def read_enforce(value: Any, where: str) -> tuple[tuple[str, ...], list[str]]:
    """The rule codes or names of ``enforce``, as written, and what is wrong with it."""
    if value is None:
        return (), []
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        return (), [_("{where}: 'enforce' must be a list of rule codes or names, like [WB501, WB505]").format(
            where=where)]
    return tuple(value), []


def read_lexicons(value: Any, root: Path, where: str) -> tuple[tuple[Lexicon, ...], list[str]]:
    """The lexicons ``lexicons`` names, read from the repository at ``root``, and every error."""
    if value is None:
        return (), []
    if not isinstance(value, list):
        return (), [_("{where}: 'lexicons' must be a list of {{file, level, message}}").format(where=where)]
    lexicons: list = []
    errors: list[str] = []
    for number, spec in enumerate(value, 1):
        lexicon = _lexicon(number, spec, root, where, errors)
        if lexicon is not None:
            lexicons.append(lexicon)
    return tuple(lexicons), errors


def _lexicon(number: int, spec: Any, root: Path, where: str, errors: list[str]) -> Lexicon | None:
    if not isinstance(spec, dict):
        errors.append(_("{where}: 'lexicons': entry {number} must be a mapping with file, level and message").format(
            where=where, number=number))
        return None
    before = len(errors)
    unknown = [str(k) for k in spec if k not in LEXICON_KEYS]
    if unknown:
        errors.append(_("{where}: 'lexicons': entry {number} has an unknown key {key}: use {known}").format(
            where=where, number=number, key=repr(unknown[0]), known=", ".join(LEXICON_KEYS)))
    file, level, message = spec.get("file"), spec.get("level", "error"), spec.get("message")
    if not isinstance(file, str) or not file.strip():
        errors.append(_("{where}: 'lexicons': entry {number} needs 'file', the word list's path in the "
                        "repository").format(where=where, number=number))
    if level not in LEXICON_LEVELS:
        errors.append(_("{where}: 'lexicons': entry {number}: 'level' must be one of {names}, got {level}").format(
            where=where, number=number, names=", ".join(LEXICON_LEVELS), level=repr(level)))
    if not isinstance(message, str) or not message.strip():
        errors.append(_("{where}: 'lexicons': entry {number} needs 'message', what a writer is told of its "
                        "words (\"competitor name\")").format(where=where, number=number))
    if len(errors) > before or not isinstance(file, str) or not isinstance(message, str):
        return None  # (the two types were checked above: the test tells mypy so)
    path = posixpath.normpath(file.strip().replace("\\", "/"))
    raw = read_inside(root, path, LEXICON_BYTES)
    if isinstance(raw, OSError):
        errors.append(_("{where}: 'lexicons': {file} cannot be read: {why}").format(
            where=where, file=path, why=raw.strerror or raw))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        errors.append(_("{where}: 'lexicons': {file} is not valid UTF-8").format(where=where, file=path))
        return None
    terms = tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))
    return Lexicon(path, level, message.strip(), terms, hashlib.sha256(raw).hexdigest())
