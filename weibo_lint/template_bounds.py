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
* producing at most so many characters (a post's template :data:`MAX_OUTPUT` besides the
  body), counted as Jinja streams them, never joined beyond that.

A template that hits a bound fails on that post (WB104); every other post is still checked.
"""
from __future__ import annotations

import functools
import os
import signal
import threading
from collections.abc import Callable, Mapping
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment
from jinja2.utils import _PassArg

SECONDS = 1.0  # of CPU time per render; a real template takes well under a millisecond
MEMORY_HEADROOM = 512 * 1024 * 1024  # bytes of address space a render may add
MAX_OUTPUT = 1_000_000  # characters: Weibo takes 2000
MAX_ITEMS = 1_000_000  # characters of a text, or items of a list, one operation may build
MAX_BITS = 100_000  # of a number a template may compute


class TemplateLimit(Exception):
    """A template went past one of the bounds; the message says which."""


class _Bounded(SandboxedEnvironment):
    """A sandbox with repetition (``*``) and powers (``**``) checked first."""

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


class BoundedEnvironment(_Bounded, ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, bounded: for post templates."""


class BoundedSiteEnvironment(_Bounded, SandboxedEnvironment):
    """Jinja's sandbox, bounded: for the site templates a repository brings."""


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
        if (isinstance(sequence, (str, list, tuple, bytes)) and isinstance(times, int)
                and len(sequence) * times > MAX_ITEMS):
            raise TemplateLimit(f"repeating {len(sequence):,} items {times:,} times builds more than "
                                f"{MAX_ITEMS:,}, the most a template may")
    if _integer(left) and _integer(right) and left.bit_length() + right.bit_length() > MAX_BITS:
        raise TemplateLimit(f"a number of more than {MAX_BITS:,} bits, more than a template may compute")


def _check_power(base: Any, exponent: Any) -> None:
    if (_integer(base) and _integer(exponent) and abs(base) > 1 and exponent > 0
            and exponent * max(abs(base).bit_length() - 1, 1) > MAX_BITS):
        raise TemplateLimit(f"{base} ** {exponent} is a number of more than {MAX_BITS:,} bits, "
                            "more than a template may compute")


def _integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def render_bounded(compile_template: Callable[[], jinja2.Template], values: Mapping[str, Any], *,
                   limit: int = MAX_OUTPUT, seconds: float = SECONDS) -> str:
    """The template ``compile_template()`` gives, rendered with ``values``, compiling included
    (Jinja computes constant parts when it compiles), in at most ``seconds`` of CPU time and
    ``limit`` characters; :class:`TemplateLimit` past one of the bounds."""
    # Inline try/finally rather than context managers: the alarm's exception can come at any
    # bytecode, and only code already inside a ``try`` is sure to disarm it.
    pieces, size = [], 0
    previous = _cap_memory()
    try:
        timed = _arm(seconds)
        try:
            for piece in compile_template().generate(values):
                size += len(piece)
                if size > limit:
                    raise TemplateLimit(f"produces more than {limit:,} characters")
                pieces.append(piece)
        finally:
            try:
                _Alarm.armed = False
            finally:  # reached even when the alarm's exception comes at the very start of this block
                _Alarm.armed = False
                if timed:
                    signal.setitimer(signal.ITIMER_PROF, 0)
    except MemoryError:
        raise TemplateLimit(f"needs more than {MEMORY_HEADROOM // 2**20:,} MiB of memory") from None
    finally:
        if previous is not None:
            _resource.setrlimit(_resource.RLIMIT_AS, previous)
    return "".join(pieces)


class _Alarm:
    armed = False
    installed = False
    seconds = SECONDS


def _on_alarm(signum, frame) -> None:
    if _Alarm.armed:  # a signal that arrives after the render is over is ignored
        raise TemplateLimit(f"took more than {_Alarm.seconds:g} s of CPU time (a loop that does not end?)")


def _arm(seconds: float) -> bool:
    """Start the CPU-time alarm; False where none can be set (no ``setitimer``, not the main
    thread, or a profiler owns SIGPROF): the other bounds still hold."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    if not _Alarm.installed:
        if signal.getsignal(signal.SIGPROF) not in (signal.SIG_DFL, None):
            return False
        # Installed once and left: a late signal then meets a handler that ignores it, never
        # SIGPROF's default action (which ends the process).
        signal.signal(signal.SIGPROF, _on_alarm)
        _Alarm.installed = True
    _Alarm.armed, _Alarm.seconds = True, seconds
    # Fired again every tenth of a second: code that catches the first exception (a broad
    # ``except`` in a filter) meets the next one.
    signal.setitimer(signal.ITIMER_PROF, seconds, 0.1)
    return True


try:
    import resource as _resource

    _PAGE = os.sysconf("SC_PAGE_SIZE")
except (ImportError, ValueError, OSError, AttributeError):  # not POSIX
    _resource = None  # type: ignore[assignment]


def _cap_memory() -> tuple[int, int] | None:
    """Cap the address space at what is in use plus :data:`MEMORY_HEADROOM`; the limits to
    restore, or None when nothing was capped (no ``/proc``, or a tighter cap already)."""
    if _resource is None:
        return None
    try:
        fd = os.open("/proc/self/statm", os.O_RDONLY)  # Linux: pages of address space in use
        try:
            used = int(os.read(fd, 128).split()[0]) * _PAGE
        finally:
            os.close(fd)
    except (OSError, ValueError, IndexError):
        return None
    soft, hard = _resource.getrlimit(_resource.RLIMIT_AS)
    cap = used + MEMORY_HEADROOM
    if hard != _resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft != _resource.RLIM_INFINITY and soft <= cap:
        return None
    _resource.setrlimit(_resource.RLIMIT_AS, (cap, hard))
    return soft, hard
