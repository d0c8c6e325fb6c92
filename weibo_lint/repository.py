"""The file-system edge: find and read posts, columns, templates and pictures.

Everything here returns bytes or plain facts; parsing and checking happen in the core.
"""
from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from weibo_lint.config import Config
from weibo_lint.model import ImageInfo
from weibo_lint.names import not_utf8, printable, undecodable_original
from weibo_lint.safe_read import (
    COLUMN_BYTES,
    PICTURE_HEAD,
    POST_BYTES,
    TEMPLATE_BYTES,
    Confined,
    Refused,
    read_head,
    read_inside,
)
from weibo_lint.walk import entries_under

_MAGIC = ((b"\xff\xd8\xff", "jpeg"), (b"\x89PNG\r\n\x1a\n", "png"), (b"GIF87a", "gif"), (b"GIF89a", "gif"))


def relpath(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix() if path.is_absolute() else path.as_posix()
    except ValueError:
        return path.as_posix()


def walk(folder: Path, suffixes: tuple[str, ...], unlisted: list[tuple[Path, OSError]] | None = None) -> list[Path]:
    """Files under ``folder`` with one of ``suffixes``, sorted (found by :func:`weibo_lint.walk.entries_under`:
    dot-folders skipped, symlinked folders not followed). Folders that cannot be listed go to ``unlisted``."""
    if folder.is_file():
        return [folder]
    failed: list[tuple[str, OSError]] = []
    found = [Path(p) for p in _walk_strings(str(folder), suffixes, failed)]
    if unlisted is not None:
        unlisted.extend((Path(where), exc) for where, exc in failed)
    return found


def _walk_strings(folder: str, suffixes: tuple[str, ...], failed: list[tuple[str, OSError]] | None = None,
                  any_case: bool = False) -> list[str]:
    # Plain strings: pathlib objects cost more than the check itself at 10,000 files.
    keep = (lambda where, exc: failed.append((where, exc))) if failed is not None else None
    return sorted(entry.path for entry in entries_under(folder, suffixes, any_case=any_case, unlisted=keep))


def post_paths(config: Config, targets: list[Path] | None = None) -> list[str]:
    """Repository-relative paths of the posts to check: every post, or those under ``targets``."""
    root = str(config.root)
    folders = [str(config.dir("posts"))] if not targets else [os.path.abspath(t) for t in targets]
    if not targets and not os.path.isdir(folders[0]):
        return []  # no posts folder yet: nothing to check (not a file named "posts" to report)
    paths: list[str] = []
    for folder in folders:
        failed: list[tuple[str, OSError]] = []
        files = _walk_strings(folder, (".md", ".markdown"), failed, any_case=True) if os.path.isdir(folder) else [folder]
        files += [where for where, _exc in failed]  # reported as it cannot be read
        paths.extend(relative(os.path.abspath(f), root) for f in files)
    return sorted(set(paths))


def relative(absolute: str, root: str) -> str:
    """A path under ``root`` as a repository path (forward slashes); others stay absolute."""
    absolute = printable(absolute)
    if absolute.startswith(root + os.sep):
        return absolute[len(root) + 1:].replace(os.sep, "/")
    return Path(absolute).as_posix()


def _relative(file: Path, root: Path) -> str:
    return relative(os.path.abspath(file), str(root))


def read_bytes(root: Path, path: str) -> bytes | OSError:
    """A post's bytes; an error for a file outside the repository, one that is not a regular
    file, or one too large (see :mod:`weibo_lint.safe_read`)."""
    return PostReader(root).read(path)


class PostReader:
    """:func:`read_bytes` for many posts of one repository (see :class:`safe_read.Confined`)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.confined = Confined(root)

    def read(self, path: str) -> bytes | OSError:
        try:
            found = self.confined.read(path, POST_BYTES)
        except ValueError:  # a NUL byte in the name: no such file can exist
            return OSError(errno.ENOENT, "no such file (the name holds a NUL byte)", printable(path))
        if isinstance(found, OSError) and undecodable_original(os.path.join(self.root, path)):
            return not_utf8(path)
        return found


def column_files(config: Config) -> dict[str, bytes | OSError]:
    folder = config.dir("columns")
    unlisted: list[tuple[Path, OSError]] = []
    files = walk(folder, (".yaml", ".yml"), unlisted) if folder.is_dir() else []
    found = {_relative(f, config.root): read_inside(config.root, _relative(f, config.root), COLUMN_BYTES)
             for f in files}
    found.update((_relative(f, config.root), _unlisted(exc)) for f, exc in unlisted)
    return found


def _unlisted(error: OSError) -> OSError:
    return OSError(None, f"a folder that cannot be listed ({error.strerror or error}): the files in it are not read")


def templates(config: Config) -> tuple[dict[str, str], dict[str, str]]:
    """Template file name (relative to the templates folder) -> text, and for the templates
    that cannot be read, name -> why (posts using them report it)."""
    folder = config.dir("templates")
    found, failed = {}, {}
    unlisted: list[tuple[Path, OSError]] = []
    for file in walk(folder, (".j2", ".jinja", ".jinja2", ".txt"), unlisted) if folder.is_dir() else []:
        name = file.relative_to(folder).as_posix()
        raw = read_inside(config.root, _relative(file, config.root), TEMPLATE_BYTES)
        if isinstance(raw, OSError):
            failed[name] = str(raw.strerror or raw)
            continue
        try:
            found[name] = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            failed[name] = "not valid UTF-8"
    for file, exc in unlisted:
        failed[file.relative_to(folder).as_posix() + "/"] = str(_unlisted(exc).strerror)
    return found, failed


@dataclass
class ImageProbe:
    """Facts about pictures, asked once each. A path starting with ``./`` or ``../`` is
    relative to the post's folder (as Markdown editors preview them); any other relative
    path is relative to the repository root."""

    root: Path
    seen: dict[tuple[str, str], ImageInfo] = field(default_factory=dict)

    def __call__(self, src: str, post_path: str) -> ImageInfo:
        key = (src, post_path)
        if key not in self.seen:
            try:
                self.seen[key] = self._probe(src, post_path)
            except ValueError:  # a NUL byte or a lone surrogate in the name: no file has it
                self.seen[key] = ImageInfo(src, exists=False)
        return self.seen[key]

    def _probe(self, src: str, post_path: str) -> ImageInfo:
        if src.startswith(("http://", "https://")):
            return ImageInfo(src, exists=False, outside=True)
        reference = picture_reference(src, post_path)
        if reference is None:  # an absolute path
            return ImageInfo(src, exists=(Path(src).exists()), outside=True)
        resolved = Path(os.path.realpath(self.root / reference))
        try:
            resolved.relative_to(self.root)
        except ValueError:
            return ImageInfo(src, exists=resolved.exists(), outside=True)
        read = read_head(resolved, PICTURE_HEAD)
        if isinstance(read, Refused):  # a FIFO or a device: it exists and is no picture (never read)
            return ImageInfo(src, exists=True)
        if isinstance(read, OSError):  # gone, unreadable, or a folder
            return ImageInfo(src, exists=False, near=near_name(src, resolved, self.root))
        head, size = read
        return ImageInfo(src, exists=True, size=size, kind=picture_kind(head))


def picture_kind(head: bytes) -> str | None:
    """``jpeg``, ``png``, ``gif`` or ``webp`` by a file's first bytes (``PICTURE_HEAD`` of
    them); None for anything else."""
    kind = next((name for magic, name in _MAGIC if head.startswith(magic)), None)
    if kind is None and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kind = "webp"
    return kind


def near_name(src: str, resolved: Path, root: Path) -> str | None:
    """The file ``src`` likely means when it is missing: one whose name differs only in case
    or by one letter (``images/Latte.JPG`` → ``images/latte.jpg``), in its folder or, for a
    path from the root, in folders named like its own but for case (``Images/``). None if none."""
    folder = resolved.parent
    if not folder.is_dir():
        if src.startswith(("./", "../")):
            return None
        same_but_case = _same_but_case(folder, root)
        if same_but_case is None:
            return None
        folder = same_but_case
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.is_file()]
    except OSError:
        return None
    wanted = resolved.name
    found = next((n for n in names if n.lower() == wanted.lower()), None)
    found = found or next((n for n in sorted(names) if _one_edit_apart(n.lower(), wanted.lower())), None)
    if found is None:
        return None
    if folder != resolved.parent:
        return (folder / found).relative_to(root).as_posix()
    head, sep, _tail = src.rpartition("/")
    return f"{head}{sep}{found}"


def _same_but_case(folder: Path, root: Path) -> Path | None:
    """The existing folder inside ``root`` whose path differs from ``folder`` only in case."""
    if folder.is_dir() or folder == root:
        return folder if folder.is_dir() else None
    if root not in folder.parents:
        return None
    parent = _same_but_case(folder.parent, root)
    if parent is None:
        return None
    try:
        match = next((e.name for e in os.scandir(parent) if e.name.lower() == folder.name.lower() and e.is_dir()),
                     None)
    except OSError:
        return None
    return parent / match if match else None


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter changed, added or removed."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def picture_reference(src: str, post_path: str) -> PurePosixPath | None:
    """Where a post's picture reference points, relative to the repository root and before
    links are followed: ``./`` and ``../`` from the post's folder, anything else from the
    root. None when it is remote or absolute (then it is no file of the repository)."""
    if src.startswith(("http://", "https://", "/", "\\")) or (len(src) > 1 and src[1] == ":"):
        return None
    return (PurePosixPath(post_path).parent if src.startswith(("./", "../")) else PurePosixPath()) / src


def picture_file(root: Path, src: str, post_path: str) -> str | None:
    """The repository-relative file a picture reference names, links followed (as the image
    probe resolves it); None when it is remote, absolute or outside the repository."""
    reference = picture_reference(src, post_path)
    if reference is None:
        return None
    resolved = Path(os.path.realpath(root / reference))
    try:
        return resolved.relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
