"""Named steps of a publication, and the test-only hook that kills the process at one.

The run calls ``on_step(name)`` at each step. From the command line the hook is
:func:`crash_hook`: with ``WEIBO_LINT_CRASH_AT=<step>`` (or ``<step>#N`` for its N-th
occurrence) the process sends itself SIGKILL there, which is how the fault-injection tests
kill the publisher at each step. It does nothing unless that variable is set; never set
it outside tests.
"""
from __future__ import annotations

import os
import signal
from collections.abc import Callable, Mapping

CRASH_ENV = "WEIBO_LINT_CRASH_AT"

#: The steps, in the order one publication passes them.
STEPS = (
    "intent-written",  # the intent record is on disk, not committed
    "intent-committed",  # committed, not pushed
    "intent-pushed",  # the claim is on the remote; the API is not called yet
    "api-answered",  # Weibo answered (and, on success, accepted the post); nothing recorded yet
    "outcome-written",  # the published/failed record is on disk, not committed
    "outcome-committed",  # committed, not pushed
    "outcome-pushed",  # done
)

StepHook = Callable[[str], None]


def no_hook(step: str) -> None:
    """The default: steps are just names."""


def crash_hook(environ: Mapping[str, str] = os.environ) -> StepHook:
    """The hook the CLI installs: kill -9 at ``WEIBO_LINT_CRASH_AT`` (test-only)."""
    wanted = environ.get(CRASH_ENV, "").strip()
    if not wanted:
        return no_hook
    name, _, nth = wanted.partition("#")
    target = int(nth) if nth.isdigit() else 1
    seen = {"count": 0}

    def hook(step: str) -> None:
        if step != name:
            return
        seen["count"] += 1
        if seen["count"] == target:
            os.kill(os.getpid(), signal.SIGKILL)

    return hook
