"""A file that cannot be read as text: not UTF-8, binary, or unreadable.

Also a file this tool will not read (a post, column file or template): a symbolic link that
leads outside the repository, anything but a regular file (a FIFO, a device), one too
large (posts 16 MiB, column files and templates 1 MiB); and a folder under ``posts/``,
``columns/`` or ``templates/`` that cannot be listed. Symbolic links that stay inside the
repository are followed.

Why: a post Weibo cannot receive as text is not a post; every other file is still checked.
A file outside the repository is not under review, and must never be shown or rewritten.
A UTF-8 byte-order mark and Windows line ends (CRLF) are fine.

Bad: a post saved as GBK, a picture renamed to ``.md``, ``posts/x.md -> /etc/passwd``.

Good: the same text saved as UTF-8, committed as a file.

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
