"""The git edge: what changed since a reference, and what git knows about the working tree.

``check --changed-since REF`` reports on the files changed on this branch since it left REF
(``git diff REF...HEAD``, the three-dot form a pull request shows) plus what is not
committed yet (staged, unstaged, untracked and not ignored). Renames are followed: the new
path is changed, the old one gone. Paths come back relative to ``root`` (the folder of
weibo.yaml, which may sit below the repository's top); files outside it are left out.

The same git processes tell the index (check.py) which files may differ from the commit it
was last brought up to date at, so a warm run stats and reads only those. The processes run
side by side, while the caller decodes its index. Git itself is run by ``gitprocess``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from weibo_lint import gitprocess
from weibo_lint.errors import GitError

NO_GIT = "--changed-since needs git, and no 'git' program was found"


def require_git(what: str) -> None:
    """GitError (exit 2) when no ``git`` program is on PATH: said before any work, rather
    than from the first git command half-way through."""
    import shutil

    if shutil.which("git") is None and not os.environ.get("GIT_PYTHON_GIT_EXECUTABLE"):
        raise GitError(f"{what} needs git, and no 'git' program was found on PATH")


@dataclass(frozen=True)
class Changes:
    paths: frozenset[str]  # exist after the change: added, modified, renamed or copied to, untracked
    gone: frozenset[str]  # deleted, or renamed away

    @property
    def touched(self) -> frozenset[str]:
        return self.paths | self.gone


@dataclass(frozen=True)
class WorkTree:
    """What git says about the working tree against HEAD, for the index."""

    head: str  # the commit HEAD is at
    changed: frozenset[str]  # root-relative paths that may differ from HEAD (or from the index's commit)
    since_known: bool  # ``changed`` covers the changes since the index's commit too
    nested: bool  # a nested repository hides files from git: nothing can be vouched for


def changed_since(root: Path, ref: str) -> Changes:
    """The files changed since ``ref``; :class:`GitError` (exit 2) when git cannot say."""
    return Snapshot(root, ref).changes()


class Snapshot:
    """The git processes of one ``--changed-since`` run, started at once, read when needed."""

    def __init__(self, root: Path, ref: str) -> None:
        require_git("--changed-since")
        try:
            top, _git_dir = gitprocess.work_tree(root)
        except gitprocess.NotARepository as exc:
            if exc.bare:
                raise GitError(f"--changed-since: {root} is in a bare repository") from None
            raise GitError(f"--changed-since: {root} is not inside a git repository") from None
        except gitprocess.GitNotFound:
            raise GitError(NO_GIT) from None
        self.top = top.resolve()
        self.root = root.resolve()
        if not self.root.is_relative_to(self.top):
            raise GitError(f"--changed-since: {root} is not inside the work tree {self.top}")
        self.prefix = "" if self.root == self.top else self.root.relative_to(self.top).as_posix() + "/"
        if ref.startswith("-"):
            raise GitError(f"--changed-since {ref}: not a commit (a reference cannot start with '-')")
        self.ref = ref
        base = self._commit(ref, " (is it fetched? CI checkouts are often shallow)")
        self.head = self._commit("HEAD", " (the repository has no commit yet)")
        self._committed = self._start("diff", "--name-status", "-z", "-M", "--no-color", "--no-ext-diff",
                                      f"{base}...{self.head}", "--")
        self._uncommitted = self._start("diff", "--name-status", "-z", "-M", "--no-color", "--no-ext-diff",
                                        self.head, "--")
        self._untracked = self._start("ls-files", "--others", "--exclude-standard", "-z")
        self._since_index: gitprocess.Process | None = None
        self._since: str | None = None
        self._ignored: gitprocess.Process | None = None
        self._cache: dict[str, str] = {}

    def watch(self, since: str | None, folders: list[str]) -> None:
        """Also ask what changed since commit ``since`` and which ignored files ``folders`` hold."""
        inside = [self.prefix + f for f in folders]
        self._ignored = self._start("ls-files", "--others", "--ignored", "--exclude-standard", "-z", "--", *inside)
        if since and since != self.head:
            self._since_index = self._start("diff", "--name-status", "-z", "--no-renames", "--no-color",
                                            "--no-ext-diff", since, self.head, "--", *inside)
        self._since = since

    def changes(self) -> Changes:
        paths: set[str] = set()
        gone: set[str] = set()
        for name in ("committed", "uncommitted"):
            _read_name_status(self._output(name), paths, gone)
        paths.update(p for p in self._output("untracked").split("\0") if p)
        gone -= paths  # deleted on the branch, then added again
        return Changes(frozenset(self._under(paths)), frozenset(self._under(gone)))

    def work_tree(self) -> WorkTree:
        """Paths that may differ from HEAD (uncommitted, untracked, ignored) and, when git still
        has it, from the commit given to :meth:`watch`."""
        changed: set[str] = set()
        gone: set[str] = set()
        since_known = bool(self._since)
        if self._since_index is not None:
            try:
                _read_name_status(self._output("since_index"), changed, gone)
            except GitError:
                since_known = False  # that commit is gone (a rebase, a gc, a shallow CI checkout)
        _read_name_status(self._output("uncommitted"), changed, gone)
        untracked = [p for p in self._output("untracked").split("\0") if p]
        ignored = [p for p in self._output("ignored").split("\0") if p]
        nested = any(p.endswith("/") for p in untracked + ignored)
        return WorkTree(self.head, frozenset(self._under(changed | gone | set(untracked) | set(ignored))),
                        since_known, nested)

    def blobs(self, folders: list[str], paths: list[str] | None = None) -> dict[str, str]:
        """HEAD's blob id of each file under ``folders`` (or of ``paths`` only), root-relative."""
        if paths is not None and len(paths) <= 200:
            specs = [self.prefix + p for p in paths]
        else:
            specs = [self.prefix + f for f in folders]
        if not specs:
            return {}
        return _ls_tree_blobs(self._run("ls-tree", "-r", "-z", "--full-tree", self.head, "--", *specs), self.prefix)

    # -- plumbing ----------------------------------------------------------------------
    def _commit(self, name: str, hint: str) -> str:
        """The commit ``name`` resolves to, as a hash (so no later git argument comes from the user)."""
        try:
            return self._run("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}").strip()
        except GitError:
            raise GitError(f"--changed-since: {name!r} is not a commit in this repository{hint}") from None

    def _start(self, *args: str) -> gitprocess.Process:
        try:
            return gitprocess.start(self.top, "--literal-pathspecs", *args)
        except gitprocess.GitNotFound:
            raise GitError(NO_GIT) from None

    def _run(self, *args: str) -> str:
        process = self._start(*args)
        return self._finish(process, " ".join(args[:2]))

    def _output(self, name: str) -> str:
        if name not in self._cache:
            self._cache[name] = self._finish(getattr(self, "_" + name), name)
        return self._cache[name]

    def _finish(self, process: gitprocess.Process, what: str) -> str:
        try:
            out = gitprocess.finish(process)
        except gitprocess.GitFailed as exc:
            detail = exc.stderr.strip() or f"exit {exc.status}"
            raise GitError(f"--changed-since {self.ref}: git {what} failed: {detail}") from None
        return out.decode("utf-8", "surrogateescape")

    def _under(self, paths: set[str]) -> list[str]:
        """Repository paths (from the top) as root-relative paths, dropping those outside."""
        if not self.prefix:
            return sorted(paths)
        return sorted(p[len(self.prefix):] for p in paths if p.startswith(self.prefix))


def _ls_tree_blobs(output: str, prefix: str) -> dict[str, str]:
    """``git ls-tree -r -z``'s files under ``prefix``, as root-relative path -> blob id."""
    blobs = {}
    for line in output.split("\0"):
        meta, _tab, path = line.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "blob" and path.startswith(prefix):
            blobs[path[len(prefix):]] = parts[2]
    return blobs


def head_blobs(root: Path, folders: list[str]) -> tuple[str, dict[str, str]] | None:
    """The commit HEAD is at and its blob id of each file under ``folders`` (root-relative),
    for an index built by a full run to record which commit its rows match (the site
    workflow's build, whose index check.yml restores); None without git, outside a work
    tree, or before the first commit: then there is nothing to record."""
    prefix = gitprocess.answer(root, "rev-parse", "--show-prefix")
    head = gitprocess.answer(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    if prefix is None or not head:
        return None
    prefix, head = prefix.strip(), head.strip()
    listing = gitprocess.answer(root, "--literal-pathspecs", "ls-tree", "-r", "-z", "--full-tree", head, "--",
                         *(prefix + f for f in folders))
    return None if listing is None else (head, _ls_tree_blobs(listing, prefix))


def _read_name_status(output: str, paths: set[str], gone: set[str]) -> None:
    """``git diff --name-status -z``: a status, then one path (two for renames and copies)."""
    fields = output.split("\0")
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index][0]
        if status in "RC":
            old, new = fields[index + 1], fields[index + 2]
            index += 3
            if status == "R":
                gone.add(old)
                paths.discard(old)
            paths.add(new)
            gone.discard(new)
            continue
        path = fields[index + 1]
        index += 2
        if status == "D":
            gone.add(path)
            paths.discard(path)
        else:  # A, M, T (type change), U (unmerged), X
            paths.add(path)
            gone.discard(path)


def plain_folder(folder: Path) -> bool:
    """A real folder with no symbolic link on its way: what git sees there is what a walk sees."""
    return folder.is_dir() and os.path.realpath(folder) == os.path.abspath(folder)


def tracked(root: Path, path: Path) -> bool:
    """Whether git tracks ``path`` (or anything under it) in the repository holding ``root``.
    False without git or outside a repository: there is nothing git could have brought."""
    return bool(gitprocess.answer(root, "ls-files", "-z", "--", str(path), timeout=30))


