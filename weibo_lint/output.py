"""Writing a report to a file named on the command line (``--output``, ``--ics``, ``--summary``).

A folder, a missing parent folder, a read-only place or a full disk is the user's to fix:
a usage error (exit 2) that names the option and the path, never a traceback.
"""
from __future__ import annotations

import os
from pathlib import Path

from weibo_lint.errors import UsageError
from weibo_lint.names import printable


def write_output(option: str, path: Path | str, data: str | bytes, *, append: bool = False) -> None:
    """Write (or append) ``data`` to ``path``; UsageError naming ``option`` when it cannot."""
    shown = f"{option} {printable(os.fspath(path))}"
    if os.path.isdir(path):
        raise UsageError(f"{shown}: is a folder; give a file name")
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        raise UsageError(f"{shown}: the folder {printable(parent)} does not exist")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with open(path, "ab" if append else "wb") as handle:
            handle.write(raw)
    except OSError as exc:  # no permission, disk full (ENOSPC shows on write or on close)
        raise UsageError(f"{shown}: cannot write: {exc.strerror or exc}") from None
    except ValueError:  # a NUL byte in the name
        raise UsageError(f"{shown}: not a usable file name") from None
