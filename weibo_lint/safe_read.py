"""Reading a repository's files when the repository is hostile: only regular files inside it,
only so many bytes.

Content arrives through pull requests, and git stores symbolic links and the tool reads
whatever stands at a path: ``posts/x.md -> /etc/passwd`` would be read (and its first line
printed), a FIFO would block the read forever, ``-> /dev/zero`` would grow until killed.
The linter reads posts, column files, templates, records, metrics and site templates through
:func:`read_inside`, which refuses all three with an :class:`OSError` whose ``strerror``
says why, so callers report it as they report any unreadable file (pictures through
:func:`read_head`, weibo.yaml through :func:`read_regular`; the publisher's own reads are
yet to move here). Symbolic links that stay inside the repository are followed: the file
they lead to is under review too.
"""
from __future__ import annotations

import errno
import os
import stat as stat_module
from pathlib import Path

KIB = 1024
MIB = 1024 * KIB
# Far beyond anything real (a post is at most 2000 characters and its front matter), small
# enough that a hostile file cannot exhaust memory.
POST_BYTES = 16 * MIB  # still large enough to count a 10 MB post and say how much to cut
COLUMN_BYTES = 1 * MIB
TEMPLATE_BYTES = 1 * MIB
RECORD_BYTES = 1 * MIB
CONFIG_BYTES = 1 * MIB
METRICS_BYTES = 64 * MIB  # a time series that grows every day for years
PICTURE_HEAD = 16  # the magic bytes that tell a picture's format
# Opened without waiting: a FIFO would otherwise block the open itself until a writer came.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0) \
    | getattr(os, "O_BINARY", 0)
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_LINK_ERRORS = (errno.ELOOP, errno.EMLINK)  # what opening a link with O_NOFOLLOW gives (Linux, macOS; FreeBSD)


class Refused(OSError):
    """A file that is read nowhere: outside the repository, not a regular file, too large."""

    def __init__(self, reason: str) -> None:
        super().__init__(None, reason)


def inside(path: str, root: str) -> bool:
    """Whether the real path ``path`` is ``root`` or under it (both already resolved)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def confined(root: Path | str, path: str | Path) -> str | Refused:
    """The real path of ``path`` (relative to ``root``, or absolute) with every symbolic link
    followed, or why it is refused: it leads outside ``root``."""
    root_real = os.path.realpath(root)
    full = os.path.join(root_real, path)
    real = os.path.realpath(full)
    if not inside(real, root_real):
        if not inside(os.path.normpath(full), root_real):
            return Refused("is outside the repository")
        return Refused(f"leads outside the repository (a symbolic link to {real}); "
                       "commit the file itself")
    return real


def read_inside(root: Path | str, path: str | Path, limit: int) -> bytes | OSError:
    """The bytes of the regular file ``path`` inside ``root``, at most ``limit`` of them; else
    the error (a :class:`Refused` for a file this tool will not read)."""
    real = confined(root, path)
    if isinstance(real, OSError):
        return real
    return read_regular(real, limit)


class Confined:
    """:func:`read_inside` for many files of one repository (a check reads thousands): the
    root's real path and each folder's are found once, and a file that is not a symbolic
    link is opened as it is, never followed (``O_NOFOLLOW``), so one system call replaces the
    eight or so that resolving its whole path takes. A link, or a folder that leads outside,
    takes :func:`read_inside`'s way."""

    def __init__(self, root: Path | str) -> None:
        self.root = root
        self.root_real = os.path.realpath(root)
        self._folders: dict[str, str | None] = {}  # folder -> its real path, None: outside the root

    def read(self, path: str, limit: int) -> bytes | OSError:
        full = os.path.join(self.root_real, path)
        folder, name = os.path.split(full)
        try:
            real = self._folders[folder]
        except KeyError:
            real = os.path.realpath(folder)
            real = self._folders[folder] = real if inside(real, self.root_real) else None
        if real is None or not name or name in (".", "..") or not _NO_FOLLOW:
            return read_inside(self.root, path, limit)
        found = read_regular(os.path.join(real, name), limit, follow=False)
        if isinstance(found, OSError) and found.errno in _LINK_ERRORS:  # a symbolic link: see where it leads
            return read_inside(self.root, path, limit)
        return found


def read_regular(path: str | Path, limit: int, *, follow: bool = True) -> bytes | OSError:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes; never blocks
    (a FIFO is opened without waiting for a writer, then refused). Not ``follow``: a symbolic
    link is an :class:`OSError` with ``errno.ELOOP``."""

    def whole(fd: int, info: os.stat_result) -> bytes | OSError:
        if info.st_size > limit:
            return too_large(info.st_size, limit)
        chunks, total = [], 0
        while total <= limit:  # the file may grow while it is read: never past the limit
            chunk = os.read(fd, min(limit + 1 - total, MIB))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            return too_large(total, limit)
        return b"".join(chunks)

    return _with_regular(path, whole, follow=follow)


def read_head(path: str | Path, count: int) -> tuple[bytes, int] | OSError:
    """The first ``count`` bytes of the regular file ``path`` and its size (a picture's magic
    bytes); a folder gives :class:`IsADirectoryError`, any other special file :class:`Refused`."""
    return _with_regular(path, lambda fd, info: (os.read(fd, count), info.st_size), folder_error=True)


def _with_regular(path: str | Path, read, *, folder_error: bool = False, follow: bool = True):
    """``read(fd, stat)`` on ``path`` opened without blocking, if it is a regular file; else
    why not (an :class:`OSError`: a folder is :class:`IsADirectoryError` when ``folder_error``)."""
    try:
        fd = os.open(path, _OPEN_FLAGS if follow else _OPEN_FLAGS | _NO_FOLLOW)
    except OSError as exc:
        return exc
    try:
        info = os.fstat(fd)
        if folder_error and stat_module.S_ISDIR(info.st_mode):
            return IsADirectoryError(None, "a folder")
        if not stat_module.S_ISREG(info.st_mode):
            return Refused(f"not a regular file ({kind(info.st_mode)})")
        _blocking(fd)
        return read(fd, info)
    except OSError as exc:
        return exc
    finally:
        os.close(fd)


def _blocking(fd: int) -> None:
    """Reads of a regular file wait as usual (non-blocking was for the open only)."""
    if getattr(os, "O_NONBLOCK", 0):
        os.set_blocking(fd, True)


def too_large(size: int, limit: int) -> Refused:
    return Refused(f"too large: {size:,} bytes, more than the {limit:,} this tool reads")


def kind(mode: int) -> str:
    """What a file that is not a regular one is, in a word or two."""
    for test, name in ((stat_module.S_ISDIR, "a folder"), (stat_module.S_ISFIFO, "a FIFO"),
                       (stat_module.S_ISCHR, "a character device"), (stat_module.S_ISBLK, "a block device"),
                       (stat_module.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"
