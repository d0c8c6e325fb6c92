"""The column's template is missing, does not compile, or fails on this post.

Templates run in a sandbox with strict undefined values, so ``{{ post.lnk }}`` fails
here rather than posting an empty gap. They run within bounds, too: a second of CPU time,
512 MiB of memory, a million characters (besides the body) of output, and no repetition
(``'x' * 1000000000``) or power building more than that; a template past one fails on
each post that uses it. A template that cannot be read is reported here for each post
using it (and as WB001 on its file). The message names the template's file and line
(``templates/news.j2:3: syntax error: unexpected '}'``); a syntax error is reported on the
template file too. A front matter or column key the post lacks may be tested
(``{% if post.link %}``); printing it, or testing a misspelt key, fails.

Why: a post that cannot be rendered cannot be counted or published.

Bad: ``{{ post.link }}`` in a template, used by a post without ``link``.

Good: ``{{ post.link | default('') }}``, or give the post its link.

Options: none.
"""
from __future__ import annotations

from weibo_lint.problem import Finding

CODE = "WB104"
NAME = "template-error"
SCOPE = "post"
LEVEL = "error"


def check(context, options):
    if context.render_error:
        yield Finding(context.render_error, line=context.post.line_of("column"))
