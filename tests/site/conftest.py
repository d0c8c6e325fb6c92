"""Fixtures for the site's tests (helpers live in ``site_helpers``)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.site_helpers import build, copy_repo


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The fixture repository's site, built once per test session (read-only for tests)."""
    repo = copy_repo(tmp_path_factory.mktemp("site") / "repo")
    return build(repo)
