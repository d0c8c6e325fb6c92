"""The one walk over the repository's folders: posts, publication records, columns and
templates are all found by :func:`entries_under`, so they follow the same rules."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator


def entries_under(folder: str, suffixes: tuple[str, ...], *, any_case: bool = False, dot_folders: bool = False,
                  matching_folders: bool = False,
                  unlisted: Callable[[str, OSError], object] | None = None) -> Iterator[os.DirEntry[str]]:
    """The entries under ``folder`` whose names end in one of ``suffixes`` (in any case with
    ``any_case``: a post named '.MD' is found, to be reported rather than passed over).

    Folders are entered depth first, in name order (callers sort what they find); never
    through a symbolic link (a symlink loop must not hang the linter), nor when their name
    starts with a dot unless ``dot_folders``. A folder is itself yielded only with
    ``matching_folders``. An entry whose type cannot be read is taken for a file. A folder
    that cannot be listed goes, with its error, to ``unlisted`` (or is skipped when that is
    None): nothing in it is yielded.

    Plain strings and ``os.scandir``: pathlib objects cost more than the check itself at
    10,000 files, and the caller can stat an entry without naming it again.
    """
    if any_case:
        suffixes = tuple(suffix.lower() for suffix in suffixes)
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as listing:
                listed = list(listing)
        except OSError as exc:
            if unlisted is not None:
                unlisted(current, exc)
            continue
        folders = []
        for entry in listed:
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if is_folder:
                if (dot_folders or not entry.name.startswith(".")) and not _is_symlink(entry):
                    folders.append(entry.name)
                if not matching_folders:
                    continue
            if (entry.name.lower() if any_case else entry.name).endswith(suffixes):
                yield entry
        stack.extend(os.path.join(current, name) for name in sorted(folders, reverse=True))


def _is_symlink(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:  # gone since it was listed: entering it reports it as a folder that cannot be listed
        return False
