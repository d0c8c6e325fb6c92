"""Helpers for the reporter tests: problems are built directly, no engine involved."""
from __future__ import annotations

import pytest

from weibo_lint.problem import Level, Problem


def make(
    path: str = "posts/a.md",
    line: int = 1,
    column: int = 1,
    code: str = "WB101",
    name: str = "post-too-long",
    level: Level = Level.ERROR,
    message: str = "The post is too long.",
    related: tuple[str, ...] = (),
) -> Problem:
    return Problem(
        path=path,
        line=line,
        column=column,
        code=code,
        name=name,
        level=level,
        message=message,
        related=related,
    )


@pytest.fixture
def problem():
    """The factory, as a fixture: ``problem(line=3, level=Level.INFO)``."""
    return make
