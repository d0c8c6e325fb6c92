"""Fixtures for the rule tests; the repository helper lives in rule_repo.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.rules.rule_repo import Repo


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path)


@pytest.fixture
def make_repo(tmp_path: Path):
    """``make_repo(rules="{WB501: {allow: [最好]}}")``: a repository with rule settings."""
    return lambda rules="{}": Repo(tmp_path, rules)
