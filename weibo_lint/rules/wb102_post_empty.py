"""The rendered post has nothing to post.

Why: Weibo needs at least one character (API error 20008 "content is null").

Bad: a post whose body is only an HTML comment, with a template that adds nothing.

Good: a body with text.

Options: none.
"""
from __future__ import annotations

from weibo_lint.problem import Finding
from weibo_lint.i18n import _

CODE = "WB102"
NAME = "post-empty"
SCOPE = "post"
LEVEL = "error"


def check(context, options):
    if context.rendered is not None and not context.rendered.text.strip():
        yield Finding(_("nothing to post: the rendered text is empty"), line=context.post.body_line)
