"""A field that no post or column uses, usually a typo; the message suggests the closest known key.

Applies to post front matter and column files alike.

Why: a typo in front matter is silently ignored by every other tool; here it is an
error, so `pubish_at` never leaves a post unscheduled.

Bad: ``pubish_at: 2026-12-01 10:00``, ``status: ready``, ``publish_at: 2026-13-45 10:00``

Good: ``publish_at: 2026-12-01 10:00``, ``status: approved``

Options: none.
"""
from __future__ import annotations

from weibo_lint.problem import Finding

CODE = "WB302"
NAME = "unknown-field"
SCOPE = ("post", "column")
LEVEL = "error"


def check(context, options):
    subject = context.post if hasattr(context, "post") else context.column
    for issue in subject.issues:
        if issue.kind == "unknown":
            yield Finding(issue.message, line=issue.line)
