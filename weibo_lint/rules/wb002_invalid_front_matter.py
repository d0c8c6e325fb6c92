"""Front matter that cannot be read: missing ``---`` delimiters, YAML syntax errors
(reported at their line), aliases, a key given twice (YAML would silently keep the last:
``status: draft`` then ``status: approved`` reads as approved; reported at the second), a
number too long to read, or something other than a mapping. Two slips of a Chinese input
method are named as such: a key followed by a full-width colon (``status：approved``: "use a
half-width ':'"), and a value holding ``: `` left unquoted (``title: 新品: 冬季``: "put the
value in quotes").

Why: without front matter a post has no column, time or status; the file is reported
and every other file is still checked. Column files are held to the same YAML rules.

Bad::

    ---
    column: [daily-question
    ---

Good::

    ---
    column: daily-question
    ---

Options: none.
"""
from __future__ import annotations

from weibo_lint.problem import Finding

CODE = "WB002"
NAME = "invalid-front-matter"
SCOPE = "source"
LEVEL = "error"


def check(error, options):
    if error.code == CODE:
        yield Finding(error.message, line=error.line, column=error.column)
