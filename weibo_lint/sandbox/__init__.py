"""A local emulator of the Sina Weibo Open API, for tests and for trying weibo-lint out."""
from __future__ import annotations

from weibo_lint.sandbox.clock import Clock
from weibo_lint.sandbox.config import SandboxConfig
from weibo_lint.sandbox.errors import WeiboError
from weibo_lint.sandbox.faults import KINDS as FAULT_KINDS
from weibo_lint.sandbox.faults import Fault
from weibo_lint.sandbox.server import Sandbox, run, serve_forever

__all__ = ["FAULT_KINDS", "Clock", "Fault", "Sandbox", "SandboxConfig", "WeiboError", "run", "serve_forever"]
