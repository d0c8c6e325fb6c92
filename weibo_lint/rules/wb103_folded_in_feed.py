"""A long post: the feed shows only its first 140 characters, then 「全文」.

Why: most readers see only the start in their feed; make sure it carries the message.

Bad: the key offer in the 200th character of a long post.

Good: the key offer in the first 140.

Options: ``fold`` (default 140) — where the feed folds.
"""
from __future__ import annotations

from dataclasses import dataclass

from weibo_lint.counting import weibo_length
from weibo_lint.problem import Finding
from weibo_lint.i18n import _

CODE = "WB103"
NAME = "folded-in-feed"
SCOPE = "post"
LEVEL = "info"


@dataclass(frozen=True)
class Options:
    fold: int = 140


def check(context, options):
    if context.rendered is None:
        return
    count = weibo_length(context.rendered.text, astral_bytes=context.config.astral_bytes)
    if options.fold < count <= context.limit:
        yield Finding(_("{count} characters: the feed shows only the first {fold}, then 「全文」")
                      .format(count=count, fold=options.fold),
                      line=context.rendered.body_line(context.post))
