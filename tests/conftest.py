"""The whole suite speaks English unless a test chooses otherwise: its assertions read the
English messages, whatever the machine's LANG (tests/test_i18n.py tests the choice itself)."""
from __future__ import annotations

import os

os.environ["WEIBO_LINT_LANG"] = "en"

import pytest


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A test that switches the process to Chinese (an in-process CLI run) does not leave it so."""
    yield
    from weibo_lint import i18n

    i18n.activate("en")


@pytest.fixture
def forks(monkeypatch):
    """The worker processes weibo_lint.parallel.fork_map starts, counted in this process."""
    import multiprocessing.context

    started = []
    real = multiprocessing.context.ForkProcess.start
    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start",
                        lambda self: started.append(self) or real(self))
    return started
