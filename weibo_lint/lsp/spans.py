"""Where a finding in the rendered text ends in the source.

A problem as ``check`` reports it has a line and a column: where it starts. An editor
underlines a range, so the server runs the post rules through :class:`SpanNotes`, which
notes, for each finding in the rendered text, the source span the engine maps it to (the
engine maps its start; the same mapping gives its end), and the post's context (its
rendered text, count and limit) for hover. The rules' findings themselves pass through
untouched.
"""
from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator
from dataclasses import replace

from weibo_lint.rules.base import PostContext, Rule


class SpanNotes:
    """Wraps the post rules; notes ``(code, start offset) -> end offset`` while :meth:`noting`."""

    def __init__(self) -> None:
        self._local = threading.local()

    def rules(self, rules: Iterable[Rule]) -> list[Rule]:
        return [replace(rule, find=self._noting(rule)) if "post" in rule.scopes else rule for rule in rules]

    @contextlib.contextmanager
    def noting(self) -> Iterator[dict]:
        self._local.spans = {}
        self._local.context = None
        try:
            yield self._local.spans
        finally:
            self._local.spans = None

    @property
    def context(self) -> PostContext | None:
        """The post's context, as the last check under :meth:`noting` built it."""
        return getattr(self._local, "context", None)

    def _noting(self, rule: Rule):
        original = rule.find

        def find(context, options):
            spans = getattr(self._local, "spans", None)
            if spans is not None:
                self._local.context = context
            for finding in original(context, options):
                if spans is not None and finding.rendered is not None and context.rendered is not None:
                    span = source_span(context, finding.rendered)
                    if span is not None:
                        spans[(rule.code, span[0])] = span[1]
                yield finding

        return find


def source_span(context: PostContext, rendered: tuple[int, int]) -> tuple[int, int] | None:
    """The source offsets ``[start, end)`` that the rendered span ``rendered`` comes from."""
    start, end = rendered
    flattened = context.rendered
    if flattened is None:
        return None
    first = flattened.source_offset(start, context.post)
    if first is None:
        return None
    if end <= start:
        return first, first
    last = flattened.source_offset(end - 1, context.post)
    if last is None or last < first:
        return first, first + 1
    return first, last + 1
