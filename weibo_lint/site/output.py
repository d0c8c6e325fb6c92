"""The site's output folder: which folder may be written, and replacing only what the last
build wrote.

A repository comes from many writers, and git keeps symbolic links: a committed ``_site``
link to ``posts/`` (with a marker file in it) once had a build empty the posts. So the
output folder is never reached through a symbolic link (no component of it inside the
repository, nor the folder itself), a build writes into a fresh staging folder beside it,
and the old folder is taken down file by file from the manifest the last build left:
only the regular files it lists are deleted, only folders left empty are removed, and a
folder holding anything else stops the build before any work.
"""
from __future__ import annotations

import os
import secrets
import shutil
import stat as stat_module
from pathlib import Path, PurePosixPath

from weibo_lint.errors import UsageError
from weibo_lint.safe_read import read_regular

MARKER = ".weibo-lint-site"  # the manifest: every file the build wrote, one path a line
MANIFEST_BYTES = 64 * 1024 * 1024
_HEADER = "# built by weibo-lint build: the files below are replaced by the next build\n"


def check_out(out: Path, root: Path) -> tuple[Path, list[str]]:
    """The output folder as an absolute path, and the files of the previous build in it to
    remove; :class:`UsageError` when the folder may not be written."""
    out = Path(os.path.abspath(out))
    root = Path(os.path.realpath(root))
    if out == root or out in root.parents or Path(os.path.realpath(out)) in (root, *root.parents):
        raise UsageError(f"--out {out}: would replace the repository itself; choose a folder inside it, like _site")
    _no_link_on_the_way(out, root)
    if not os.path.lexists(out):
        return out, []
    if not out.is_dir():
        raise UsageError(f"--out {out}: exists and is not a folder")
    return out, _previous_build(out)


def _no_link_on_the_way(out: Path, root: Path) -> None:
    """Inside the repository, no component below the root may be a symbolic link (git brings
    them); outside it, the folder given must not be one."""
    try:
        below = out.relative_to(root).parts
    except ValueError:
        below = ()
    steps = [root.joinpath(*below[:i]) for i in range(1, len(below) + 1)] if below else [out]
    for step in steps:
        if step.is_symlink():
            raise UsageError(f"--out {out}: {step} is a symbolic link (to {os.path.realpath(step)}); "
                             "the site is written only into a real folder")


def _previous_build(out: Path) -> list[str]:
    """The files a previous build left in ``out`` (all of them must be listed in its manifest)."""
    listed = _manifest(out)
    found: list[str] = []
    foreign: list[str] = []
    for current, dirs, files in os.walk(out):
        for name in dirs + files:
            full = os.path.join(current, name)
            relative = PurePosixPath(Path(os.path.relpath(full, out)).as_posix())
            if os.path.islink(full):
                foreign.append(f"{relative} (a symbolic link)")
            elif name in files and str(relative) != MARKER:
                (found if listed is not None and str(relative) in listed else foreign).append(str(relative))
    if foreign:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        why = "was not built by weibo-lint" if listed is None else "holds files the last build did not write"
        raise UsageError(f"--out {out}: the folder {why} ({shown}); remove them or choose another folder")
    return sorted(found)


def _manifest(out: Path) -> set[str] | None:
    """The paths the last build wrote, or None when ``out`` holds no manifest."""
    marker = out / MARKER
    if marker.is_symlink() or not marker.is_file():
        return None
    raw = read_regular(marker, MANIFEST_BYTES)
    if isinstance(raw, OSError):
        return None
    lines = raw.decode("utf-8", "replace").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def staging_folder(out: Path) -> Path:
    """A new, empty folder beside ``out`` to build into (nothing planted in it can redirect a write)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.building-{os.getpid()}-{secrets.token_hex(4)}"
    staging.mkdir()
    return staging


def write_manifest(staging: Path) -> None:
    files = sorted(Path(os.path.relpath(os.path.join(current, name), staging)).as_posix()
                   for current, _dirs, names in os.walk(staging) for name in names)
    (staging / MARKER).write_text(_HEADER + "".join(f"{f}\n" for f in files), encoding="utf-8")


def replace_folder(out: Path, staging: Path, previous: list[str]) -> None:
    """Put the staged build at ``out``: the previous build's files removed one by one (a file
    changed into anything but a regular file is left, and so is its folder), then the folders
    they leave empty, then the staging folder renamed."""
    if os.path.lexists(out):
        for relative in previous + [MARKER]:
            file = out / relative
            try:
                if stat_module.S_ISREG(os.lstat(file).st_mode):  # folders on the way were checked: no links
                    os.unlink(file)
            except OSError:
                continue
        for current, _dirs, _files in sorted(os.walk(out, topdown=False), key=lambda w: -len(w[0])):
            try:
                os.rmdir(current)  # only ever an empty folder
            except OSError:
                continue
    try:
        os.rename(staging, out)
    except OSError as exc:
        raise UsageError(f"--out {out}: could not replace the previous build ({exc.strerror or exc}): "
                         "something in it changed during the build; build again") from None


def discard_staging(staging: Path) -> None:
    """Remove a staging folder after a failed build (it holds nothing but what the build wrote)."""
    shutil.rmtree(staging, ignore_errors=True)
