"""Walking the posts and records folders as a full run does, and small helpers for it."""
from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from weibo_lint.config import Config
from weibo_lint.index.entries import Stat, stat_of
from weibo_lint.names import is_printable, not_utf8, undecodable_original
from weibo_lint.records import record_entries
from weibo_lint.repository import relative
from weibo_lint.walk import entries_under

POST_SUFFIXES = (".md", ".markdown")


class MisnamedPost(OSError):
    """A file under the posts folder named like a post but for the case of its suffix
    (``.MD``, ``.Markdown``): reported (WB001), never read as a post, so that it is neither
    checked nor published by one command and ignored by another."""


def misnamed(path: str) -> MisnamedPost | None:
    """The error for ``path`` if its suffix is a post's in another case, else None."""
    if path.endswith(POST_SUFFIXES) or not path.lower().endswith(POST_SUFFIXES):
        return None
    stem, _dot, suffix = path.rpartition(".")
    return MisnamedPost(None, f"not a post: its name ends in '.{suffix}', and posts are files named *.md or "
                              f"*.markdown, in lower case; rename it (git mv {path} {stem}.{suffix.lower()}) "
                              "to have it checked and published")


def blob_id(raw: bytes) -> str:
    """The id git gives these bytes as a blob (``git hash-object``)."""
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest()


def stat_into(root: Path, path: str, stats: dict[str, Stat | OSError]) -> bool:
    """The stat facts of ``path``, or an error when it exists but cannot be read (a dangling
    symbolic link, reported as the walk reports it); False when it is gone, or a folder (a
    row of a folder that could not be listed: the walk reports it, while it lasts)."""
    full = os.path.join(root, path)
    try:
        os.lstat(full)
        if misnamed(path):
            stats[path] = misnamed(path)  # type: ignore[assignment]
            return True
    except OSError:
        return False
    try:
        info = os.stat(full)
    except OSError as exc:
        stats[path] = exc
        return True
    if stat.S_ISDIR(info.st_mode):
        return False
    stats[path] = stat_of(info)
    return True


def folder_of(config: Config, name: str) -> str:
    return relative(os.path.abspath(config.dir(name)), str(config.root))


def is_post_path(path: str, prefix: str) -> bool:
    """What :func:`scan_posts` finds: under the posts folder, a Markdown suffix, no dot-folder."""
    if not path.startswith(prefix) or not path.lower().endswith(POST_SUFFIXES):
        return False
    return not any(part.startswith(".") for part in path[len(prefix):].split("/")[:-1])


def scan_posts(config: Config, extra: list[str]) -> dict[str, Stat | OSError]:
    """Every post under the posts folder (``.md``/``.markdown``; dot-folders and symlinked
    folders skipped, as ``repository.post_paths``), and ``extra`` paths, with their stat facts."""
    found: dict[str, Stat | OSError] = {}
    root = str(config.root)
    folder = os.path.abspath(config.dir("posts"))  # normalised once: the walk only appends names
    if os.path.isdir(folder):
        _walk(folder, root, found)
    for path in extra:
        if path not in found and misnamed(path):
            found[path] = misnamed(path)  # type: ignore[assignment]
        elif path not in found:
            try:
                found[path] = stat_of(os.stat(os.path.join(root, path)))
            except OSError as exc:
                found[path] = not_utf8(path) if undecodable_original(os.path.join(root, path)) else exc
    return dict(sorted(found.items()))


def _walk(folder: str, root: str, found: dict[str, Stat | OSError]) -> None:
    def refused(where: str, exc: OSError) -> None:  # reported on the folder: its posts would go unchecked unsaid
        found[relative(where, root)] = unlisted(exc)

    for entry in entries_under(folder, POST_SUFFIXES, any_case=True, unlisted=refused):
        path = relative(entry.path, root)
        if misnamed(path):
            found[path] = misnamed(path)  # type: ignore[assignment]
            continue
        found[path] = _stat(entry, path)


def unlisted(error: OSError) -> OSError:
    """The error reported on a folder that cannot be listed."""
    return OSError(None, f"a folder that cannot be listed ({error.strerror or error}): the posts in it are not checked")


def scan_records(config: Config) -> list[tuple[str, Stat | OSError]]:
    """The files ``published/**/*.json`` as ``records.read_records`` finds them, with their stat facts."""
    found: list[tuple[str, Stat | OSError]] = []
    folder = config.dir("published")
    if not folder.is_dir():
        return found
    root = str(config.root)
    for entry in record_entries(os.path.abspath(folder)):
        path = relative(entry.path, root)
        found.append((path, _stat(entry, path)))
    return sorted(found)


def _stat(entry: os.DirEntry[str], path: str) -> Stat | OSError:
    """A walked file's stat facts; the error that reports it when its name is not UTF-8 or it
    cannot be stat'ed (a dangling symbolic link)."""
    try:
        return stat_of(entry.stat()) if is_printable(path) else not_utf8(path)
    except OSError as exc:
        return exc
