"""Bounds on what rendering a template may cost: CPU time, memory, and the text it produces.

Templates come from pull requests. Jinja's sandbox keeps them from the file system and from
Python's internals, not from ``{{ 'x' * 1000000000 }}`` (a gigabyte string) or loops nested
until the run is killed. Each render therefore runs

* with its repetitions checked before they are made (``*`` and ``**`` on texts, lists and
  numbers: :class:`BoundedEnvironment`), so the common blow-ups get a clear message;
* under a CPU-time alarm (``ITIMER_PROF``): Python code that runs longer is interrupted
  wherever it is, in this process or in a forked worker (each runs its jobs in its main
  thread). Elsewhere than in a main thread no alarm can be set, and the render is not timed;
* with the address space capped at what the process uses plus :data:`MEMORY_HEADROOM`
  (``RLIMIT_AS``, on Linux), so any other allocation that would exhaust memory fails with
  ``MemoryError`` instead;
* producing at most :data:`MAX_OUTPUT` characters besides the body (read from Jinja's
  stream, never joined beyond that).

A template that hits a bound fails on that post (WB104); every other post is still checked.
"""
from __future__ import annotations

import functools
import os
import signal
import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Mapping

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import _PassArg

SECONDS = 1.0  # of CPU time per render; a real template takes well under a millisecond
MEMORY_HEADROOM = 512 * 1024 * 1024  # bytes of address space a render may add
MAX_OUTPUT = 1_000_000  # characters: Weibo takes 2000
MAX_ITEMS = 1_000_000  # characters of a text, or items of a list, one operation may build
MAX_BITS = 100_000  # of a number a template may compute


class TemplateLimit(Exception):
    """A template went past one of the bounds; the message says which."""


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with repetition (``*``) and powers (``**``) checked first."""

    intercepted_binops = frozenset({"*", "**"})  # also keeps Jinja from folding them at compile time

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters = {name: _unfoldable(func) for name, func in self.filters.items()}

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_product(left, right)
        elif operator == "**":
            _check_power(left, right)
        return super().call_binop(context, operator, left, right)


def _unfoldable(func: Callable) -> Callable:
    """``func`` as a filter Jinja cannot run while compiling: it computes filters of constants
    then (``{{ 'x' | center(2000000000) }}``), outside every bound. A filter that takes the
    context is never run early, so each becomes one, handing on what the original takes."""
    takes = getattr(func, "jinja_pass_arg", None)

    @functools.wraps(func)
    def unfoldable(context, *args: Any, **kwargs: Any) -> Any:
        if takes is _PassArg.context:
            return func(context, *args, **kwargs)
        if takes is _PassArg.eval_context:
            return func(context.eval_ctx, *args, **kwargs)
        if takes is _PassArg.environment:
            return func(context.environment, *args, **kwargs)
        return func(*args, **kwargs)

    unfoldable.jinja_pass_arg = _PassArg.context  # type: ignore[attr-defined]
    return unfoldable


def _check_product(left: Any, right: Any) -> None:
    for sequence, times in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple, bytes)) and isinstance(times, int):
            if len(sequence) * times > MAX_ITEMS:
                raise TemplateLimit(f"repeating {len(sequence):,} items {times:,} times builds more than "
                                    f"{MAX_ITEMS:,}, the most a template may")
    if _integer(left) and _integer(right) and left.bit_length() + right.bit_length() > MAX_BITS:
        raise TemplateLimit(f"a number of more than {MAX_BITS:,} bits, more than a template may compute")


def _check_power(base: Any, exponent: Any) -> None:
    if _integer(base) and _integer(exponent) and abs(base) > 1 and exponent > 0:
        if exponent * max(abs(base).bit_length() - 1, 1) > MAX_BITS:
            raise TemplateLimit(f"{base} ** {exponent} is a number of more than {MAX_BITS:,} bits, "
                                "more than a template may compute")


def _integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def render_bounded(compile_template: Callable[[], jinja2.Template], values: Mapping[str, Any],
                   given: int = 0) -> str:
    """The template ``compile_template()`` gives, rendered with ``values``, compiling included
    (Jinja computes constant parts when it compiles) within the bounds; :class:`TemplateLimit`
    past one of them. ``given``: characters of text the values bring (the body), allowed in
    the output beyond :data:`MAX_OUTPUT` (a long post is WB101's to report)."""
    pieces, size, limit = [], 0, MAX_OUTPUT + given
    with _memory_cap(), _cpu_alarm():  # the alarm is off before the memory cap is lifted
        for piece in compile_template().generate(values):
            size += len(piece)
            if size > limit:
                raise TemplateLimit(f"produces more than {limit:,} characters")
            pieces.append(piece)
    return "".join(pieces)


class _Alarm:
    armed = False
    installed = False


def _on_alarm(signum, frame) -> None:
    if _Alarm.armed:  # a signal that arrives after the render is over is ignored
        raise TemplateLimit(f"took more than {SECONDS:g} s of CPU time (a loop that does not end?)")


@contextmanager
def _cpu_alarm() -> Iterator[None]:
    if not _Alarm.installed:
        if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread() \
                or signal.getsignal(signal.SIGPROF) not in (signal.SIG_DFL, None):
            yield  # no alarm here (or a profiler owns it): the other bounds still hold
            return
        # Installed once and left: a late signal then meets a handler that ignores it, never
        # SIGPROF's default action (which ends the process).
        signal.signal(signal.SIGPROF, _on_alarm)
        _Alarm.installed = True
    _Alarm.armed = True
    # Fired again every tenth of a second: code that catches the first exception (a broad
    # ``except`` in a filter) meets the next one.
    signal.setitimer(signal.ITIMER_PROF, SECONDS, 0.1)
    try:
        yield
    finally:
        try:
            _Alarm.armed = False
        finally:  # reached even when the alarm's exception comes at the very start of this block
            _Alarm.armed = False
            signal.setitimer(signal.ITIMER_PROF, 0)


@contextmanager
def _memory_cap() -> Iterator[None]:
    try:
        import resource

        with open("/proc/self/statm", "rb") as handle:  # Linux: pages of address space in use
            used = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError):
        yield  # no way to cap it here: the repetition checks and the alarm still hold
        return
    cap = used + MEMORY_HEADROOM
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft != resource.RLIM_INFINITY and soft <= cap:
        yield  # already capped tighter by whoever runs us
        return
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    except MemoryError:
        raise TemplateLimit(f"needs more than {MEMORY_HEADROOM // 2**20:,} MiB of memory") from None
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
