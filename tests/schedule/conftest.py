"""Fixtures for the schedule tests; the repository helper lives in helpers.py."""
from __future__ import annotations

import pytest

from tests.schedule.helpers import Repo


@pytest.fixture
def repo(tmp_path):
    return Repo(tmp_path)


@pytest.fixture
def make_repo(tmp_path):
    """``make_repo(ceo_min=1, rules="{WB403: {tolerance: 5}}")``."""
    return lambda **kwargs: Repo(tmp_path, **kwargs)
