"""The ``/_sandbox/`` endpoints tests use to steer the emulator (not part of Weibo)."""
from __future__ import annotations

from datetime import datetime
from typing import Protocol

from weibo_lint.sandbox.clock import Clock
from weibo_lint.sandbox.faults import Fault, FaultQueue


class Sandbox(Protocol):
    """What the admin endpoints steer (the server's ``Sandbox``): typed here, so that this
    module needs nothing from the server that routes to it."""

    clock: Clock
    faults: FaultQueue

    def now(self) -> datetime: ...

    def posts(self) -> list[dict]: ...

    def calls(self) -> dict[str, int]: ...

    def add_fault(self, fault: Fault) -> Fault: ...

    def reset(self) -> None: ...

    def set_now(self, when: datetime) -> None: ...

    def advance(self, seconds: float) -> None: ...


class AdminError(ValueError):
    """A malformed admin request; answered 400 with ``{"error": message}``."""


def handle(sandbox: Sandbox, method: str, name: str, payload):
    """Answer ``method /_sandbox/<name>`` with JSON ``payload`` (None for no body)."""
    route = (method, name)
    if route == ("GET", "state"):
        return {
            "now": sandbox.now().isoformat(),
            "posts": sandbox.posts(),
            "faults": [f.as_json() for f in sandbox.faults.pending()],
            "calls": sandbox.calls(),
        }
    if route == ("GET", "clock"):
        return {"now": sandbox.now().isoformat()}
    if route == ("POST", "clock"):
        _set_clock(sandbox, payload)
        return {"now": sandbox.now().isoformat()}
    if route == ("GET", "faults"):
        return {"faults": [f.as_json() for f in sandbox.faults.pending()]}
    if route == ("POST", "faults"):
        items = payload if isinstance(payload, list) else [payload]
        try:
            faults = [Fault.from_json(item) for item in items]
        except (TypeError, ValueError) as exc:
            raise AdminError(str(exc)) from exc
        for fault in faults:  # all checked before any is queued
            sandbox.add_fault(fault)
        return {"faults": [f.as_json() for f in sandbox.faults.pending()]}
    if route == ("DELETE", "faults"):
        sandbox.faults.clear()
        return {"faults": []}
    if route == ("POST", "reset"):
        sandbox.reset()
        return {"ok": True}
    raise LookupError(name)


def _set_clock(sandbox: Sandbox, payload) -> None:
    if not isinstance(payload, dict):
        raise AdminError('send {"now": ISO}, {"advance_seconds": N} or {"real": true}')
    try:
        if payload.get("real"):
            sandbox.clock.reset()
        elif "now" in payload:
            sandbox.set_now(datetime.fromisoformat(payload["now"]))
        elif "advance_seconds" in payload:
            sandbox.advance(float(payload["advance_seconds"]))
        else:
            raise AdminError('send {"now": ISO}, {"advance_seconds": N} or {"real": true}')
    except (TypeError, ValueError) as exc:
        raise AdminError(str(exc)) from exc
