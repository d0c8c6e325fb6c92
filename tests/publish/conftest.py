"""A fresh Weibo sandbox (real clock) and a content repository with a bare remote, per test."""
from __future__ import annotations

import pytest

from tests.publish.helpers import make_repos
from weibo_lint.sandbox import Sandbox, SandboxConfig


@pytest.fixture
def sandbox():
    with Sandbox(SandboxConfig(safe_domains=("example.com",))) as running:
        yield running


@pytest.fixture
def repos(tmp_path):
    return make_repos(tmp_path)
