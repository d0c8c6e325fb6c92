"""File names that are not UTF-8, as text that every later step can carry.

POSIX file names are bytes; Python hands an undecodable one over with lone surrogates, which
no encoder, database or report accepts. At the edge such a name becomes its printable form
(each undecodable byte as ``\\xNN``) and the file is reported unreadable: rename it.
"""
from __future__ import annotations

import errno
import os
import re

_ESCAPED_BYTE = re.compile(r"\\x([89a-f][0-9a-f])")


def printable(path: str) -> str:
    """``path`` with each undecodable byte written ``\\xNN`` (unchanged when it is UTF-8)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path


def is_printable(path: str) -> bool:
    return printable(path) == path


def not_utf8(path: str) -> OSError:
    """The error that stands for reading a file whose name is not UTF-8."""
    return OSError(errno.EILSEQ, "the file name is not valid UTF-8 (rename the file)", path)


def undecodable_original(full: str) -> bool:
    """True when ``full`` is the printable form of an existing file whose name is not UTF-8."""
    if "\\x" not in full:
        return False
    original = _ESCAPED_BYTE.sub(lambda m: chr(0xDC00 + int(m.group(1), 16)), full)
    return original != full and os.path.lexists(original)
