"""Failures that stop a command. Each carries its message and exit code; the CLI prints it."""
from __future__ import annotations

from typing import TypeVar

#: Not a finding, nor a usage error: weibo-lint itself failed (a bug; the CLI asks for a report).
INTERNAL_ERROR_EXIT = 3


class WeiboLintError(Exception):
    """Base failure: a clear message for a human, and the exit code to leave with."""

    exit_code = 2

    def __init__(self, message: str, messages: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.messages = messages or (message,)  # one line each, as the CLI prints them

    @classmethod
    def of(cls, messages: list[str] | tuple[str, ...]):
        """One failure reporting several errors at once (each its own line)."""
        return cls("\n".join(messages), tuple(messages))


class UsageError(WeiboLintError):
    exit_code = 2


class ConfigError(WeiboLintError):
    """weibo.yaml is missing or invalid; the message names the file and key."""

    exit_code = 2


class GitError(WeiboLintError):
    exit_code = 2



class Invariant(RuntimeError):
    """Something the code before had made sure of is not so: a bug (the CLI exits 3)."""


T = TypeVar("T")


def known(value: T | None, what: str) -> T:
    """``value``, which the code before has made sure is there; :class:`Invariant` when it is
    None. A real check, not an ``assert``: those vanish under ``python -O``."""
    if value is None:
        raise Invariant(f"{what} is missing")
    return value
