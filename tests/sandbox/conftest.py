"""A real sandbox on a free port, its clock frozen at T0, and a client for it."""
from __future__ import annotations

import pytest

from tests.sandbox.helpers import Client, start


@pytest.fixture
def sandbox():
    sandbox = start()
    yield sandbox
    sandbox.close()


@pytest.fixture
def client(sandbox):
    return Client(sandbox)
