"""Faults a test queues for the next matching API requests.

A fault applies to ``count`` matching requests, after letting ``after`` of them through
untouched (``after: 5`` hits the sixth post of a burst).

Kinds (``accept`` = the request is first handled normally, so a post is stored):

* ``drop``: close the connection without answering; ``accept-then-drop`` is ``drop``
  with ``accept`` always on: the post is stored, the client never hears so.
* ``http-500``: answer HTTP 500 with an HTML body.
* ``garbage``: answer HTTP 200 with a body that is not JSON.
* ``error``: answer the Weibo error ``error_code`` (``error`` message, ``http_status``).
* ``timeout``: wait ``seconds``, then handle and answer normally (the client has
  usually given up by then, yet the post is stored).
* ``review``: store the post but keep it out of every read for ``seconds`` (sandbox
  clock), and answer ``20032`` (accepted, shown after review) without a status.
* ``echo``: answer with the request echoed back, ``Authorization`` header included, as
  careless gateways do: with ``accept``, in unknown fields of the success answer; else in
  the error text and an unknown field of the Weibo error ``error_code`` (default 10017).
"""
from __future__ import annotations

import threading
from dataclasses import asdict, dataclass

KINDS = ("drop", "accept-then-drop", "http-500", "garbage", "error", "timeout", "review", "echo")


def endpoint_name(value: str) -> str:
    """``/2/statuses/share.json``, ``statuses/share.json`` and ``statuses/share`` alike."""
    value = value.strip().strip("/")
    if value.startswith("2/"):
        value = value[2:]
    return value.removesuffix(".json")


@dataclass
class Fault:
    kind: str
    endpoint: str | None = None  # None or "*" matches every API endpoint
    count: int = 1
    after: int = 0  # matching requests to let through first
    seconds: float = 30.0
    error_code: int | str | None = None
    error: str | None = None
    http_status: int | None = None
    accept: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; known: {', '.join(KINDS)}")
        if self.kind == "accept-then-drop":
            self.accept = True
        if self.kind == "timeout":
            self.accept = True  # the request is handled once the wait is over
        if self.kind == "review":
            self.accept = True  # stored, hidden while under review
        if self.kind == "error" and self.error_code is None:
            raise ValueError("an 'error' fault needs an error_code")
        if not isinstance(self.count, int) or self.count < 1:
            raise ValueError("a fault's count must be a positive integer")
        if not isinstance(self.after, int) or self.after < 0:
            raise ValueError("a fault's after must be a whole number ≥ 0")
        if self.seconds < 0:
            raise ValueError("a fault's seconds cannot be negative")
        if self.endpoint in ("*", ""):
            self.endpoint = None
        elif self.endpoint is not None:
            self.endpoint = endpoint_name(self.endpoint)

    @classmethod
    def from_json(cls, data: dict) -> Fault:
        if not isinstance(data, dict):
            raise ValueError("a fault is a JSON object")
        known = set(cls.__dataclass_fields__)
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown fault field(s): {', '.join(sorted(unknown))}")
        return cls(**data)

    def as_json(self) -> dict:
        return asdict(self)

    def matches(self, endpoint: str) -> bool:
        return self.endpoint is None or self.endpoint == endpoint


class FaultQueue:
    """Faults in the order added; each request takes the first one matching it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def take(self, endpoint: str) -> Fault | None:
        """The fault for this request, used up once its count is spent."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(endpoint):
                    if fault.after > 0:  # let this one through, and count it
                        fault.after -= 1
                        return None
                    fault.count -= 1
                    if fault.count == 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def pending(self) -> list[Fault]:
        with self._lock:
            return [Fault(**asdict(f)) for f in self._faults]

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()
