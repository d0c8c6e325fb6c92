"""A file that cannot be read as text: not UTF-8, binary, or unreadable.

Why: a post Weibo cannot receive as text is not a post; every other file is still checked.
A UTF-8 byte-order mark and Windows line ends (CRLF) are fine.

Bad: a post saved as GBK, or a picture renamed to ``.md``.

Good: the same text saved as UTF-8.

Options: none.
"""
from __future__ import annotations

from weibo_lint.problem import Finding

CODE = "WB001"
NAME = "unreadable-file"
SCOPE = "source"
LEVEL = "error"


def check(error, options):
    if error.code == CODE:
        yield Finding(error.message, line=error.line, column=error.column)
