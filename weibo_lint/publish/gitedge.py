"""The git edge: commit the publisher's files, and push them as a compare-and-swap.

The publisher only ever writes files under its own folders (``published/``, ``metrics/``),
so every change it makes can be *replayed*: rather than rebasing, a rejected push fetches,
moves to the remote's head and writes the same files again on top of it. Before replaying,
a ``guard`` looks at the remote's version of the file: if another run changed it (claimed
the same post), the save is lost and the caller skips the post. A push that lands is
therefore a fast-forward from a tree in which the file was exactly as the caller expected.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import random
import re
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from weibo_lint import gitprocess
from weibo_lint.errors import GitError
from weibo_lint.gitprocess import GitFailed
from weibo_lint.i18n import _
from weibo_lint.publish.settings import PublishSettings
from weibo_lint.publish.steps import StepHook, no_hook
from weibo_lint.records import is_temporary, write_atomic
from weibo_lint.redact import NOBODY, Redactor, shorten
from weibo_lint.safe_read import confined

MAX_MOVES = 200  # rejected pushes because main moved (each one another run's progress), before giving up
MAX_PAUSE = 8.0  # the longest pause between replays, in units of publish.backoff
MAX_SUBJECT = 2000  # characters of a commit message (they travel as one argument to git)
Writes = Mapping[str, "bytes | None"]  # repository-relative path -> new bytes (None: delete)
_CREDENTIALS = re.compile(r"(\w+://)[^/@\s]+@")
_COMMIT = re.compile(r"[0-9a-f]{40}")


def blob_id(data: bytes | None) -> str | None:
    """The id git gives a file with these bytes (None: no file), to compare without reading."""
    if data is None:
        return None
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass(eq=False)
class Pending:
    """A save committed and waiting for a push (see :meth:`GitEdge.save`'s ``defer``)."""

    build: Callable[[], Writes]
    message: str
    guard: Callable[[str], bool] | None
    on_lost: Callable[[], None] | None = None


def _joined(messages: list[str]) -> str:
    """One commit message for several changes replayed together."""
    if len(messages) == 1:
        return messages[0]
    return f"publish: {len(messages)} changes\n\n" + "\n".join(f"- {m.splitlines()[0]}" for m in messages)


def _clean(exc: Exception) -> str:
    """A git failure in one line, with any credentials in a URL blanked out."""
    text = exc.stderr if isinstance(exc, GitFailed) and exc.stderr else str(exc)
    text = " ".join(str(text).replace("stderr:", "").strip(" '\n").split())
    return _CREDENTIALS.sub(r"\1***@", text)[:300]


class GitEdge:
    """The repository holding ``root``, its branch and (when pushing) its remote."""

    def __init__(self, root: Path, settings: PublishSettings, *, push: bool, managed: tuple[Path, ...],
                 on_step: StepHook = no_hook, sleep: Callable[[float], None] = time.sleep,
                 redactor: Redactor = NOBODY) -> None:
        try:
            top, self.git_dir = gitprocess.work_tree(root)
        except gitprocess.NotARepository:
            raise GitError(f"{root}: not inside a git repository; the publisher records its work in git") from None
        self.workdir = top.resolve()
        self.settings = settings
        self.push = push
        self.managed = tuple(self.rel(folder) + "/" for folder in managed)  # the only files it writes
        self.on_step = on_step
        self.sleep = sleep
        # path -> blob ids of what this run wrote there (all of them: with deferred saves the
        # remote may still show an earlier one of ours)
        self.written: dict[str, set[str | None]] = {}
        self.pending: list[Pending] = []  # deferred saves: committed here, not pushed yet
        self._diffs: dict[tuple[str, str], dict[str, str | None]] = {}
        self.pushes = 0  # pushes that landed
        self.replays = 0  # pushes rejected because the branch moved, then replayed on top of it
        self.redactor = redactor  # no token is ever written or committed, whatever its source
        self.remote = settings.remote
        self.branch = settings.branch or self._current_branch()
        if push and self.remote not in gitprocess.run(self.workdir, "remote").split():
            raise GitError(f"no git remote {self.remote!r} to push to (set publish.remote, or use --no-push)")
        self.env = {
            "GIT_AUTHOR_NAME": settings.author_name, "GIT_AUTHOR_EMAIL": settings.author_email,
            "GIT_COMMITTER_NAME": settings.author_name, "GIT_COMMITTER_EMAIL": settings.author_email,
            "GIT_TERMINAL_PROMPT": "0",
        }

    def _current_branch(self) -> str:
        try:
            return gitprocess.run(self.workdir, "symbolic-ref", "--quiet", "--short", "HEAD")
        except GitFailed:
            raise GitError("HEAD is detached: check out the branch to publish from, or set publish.branch") from None

    @property
    def tracking(self) -> str:
        return f"refs/remotes/{self.remote}/{self.branch}"

    def rel(self, path: Path) -> str:
        """``path`` relative to the working tree, links not followed (where a link leads is
        :meth:`_write`'s question)."""
        try:
            return Path(os.path.abspath(path)).relative_to(self.workdir).as_posix()
        except ValueError:
            raise GitError(f"{path}: outside the repository {self.workdir}") from None

    def _git(self, *args: str) -> str:
        return gitprocess.run(self.workdir, *args, env=self.env)

    # -- reading -------------------------------------------------------------------

    def _is_ancestor(self, older: str, newer: str) -> bool:
        try:
            self._git("merge-base", "--is-ancestor", older, newer)
        except GitFailed as exc:
            if exc.status == 1:
                return False
            raise
        return True

    def head(self) -> str:
        return gitprocess.run(self.workdir, "rev-parse", "--verify", "HEAD^{commit}")

    def read(self, rev: str, rel: str) -> bytes | None:
        """A file's bytes at ``rev``; None when it is not there."""
        try:
            return gitprocess.run_bytes(self.workdir, "show", f"{rev}:{rel}")
        except GitFailed:
            return None

    def changed(self, base: str, rev: str, folder: str) -> dict[str, str | None]:
        """Files under ``folder`` that differ between ``base`` and ``rev``: their blob id at
        ``rev`` (None: deleted there). Between two commit ids (a replay asks for every claim
        of a round), one diff of the managed folders answers every folder under them."""
        if _COMMIT.fullmatch(base) and _COMMIT.fullmatch(rev) and folder.startswith(self.managed):
            if (base, rev) not in self._diffs:
                self._diffs = {(base, rev): self._diff(base, rev, *self.managed)}  # only the newest pair
            return {rel: blob for rel, blob in self._diffs[(base, rev)].items() if rel.startswith(folder)}
        return self._diff(base, rev, folder)

    def _diff(self, base: str, rev: str, *folders: str) -> dict[str, str | None]:
        out = self._git("diff", "--raw", "--no-renames", "--abbrev=40", "-z", base, rev, "--", *folders)
        fields = out.split("\0")
        changed: dict[str, str | None] = {}
        for meta, rel in zip(fields[0::2], fields[1::2]):
            parts = meta.split()
            if len(parts) >= 5:
                changed[rel] = None if parts[4].startswith("D") else parts[3]
        return changed

    def foreign(self, base: str, rev: str, folder: str) -> list[str]:
        """Files under ``folder`` changed between ``base`` and ``rev`` by someone else: not
        as this run last wrote them."""
        return sorted(rel for rel, blob in self.changed(base, rev, folder).items()
                      if blob not in self.written.get(rel, ()))

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """One publisher at a time in this working copy (other copies coordinate by push)."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no lock, the push still guards
            yield
            return
        with open(self.git_dir / "weibo-lint.lock", "w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise GitError("another weibo-lint run is working in this repository") from None
            yield

    # -- writing -------------------------------------------------------------------

    def _write(self, writes: Writes) -> None:
        for rel, data in writes.items():
            where = confined(self.workdir, Path(rel).parent)
            if isinstance(where, OSError) or (self.workdir / rel).is_dir():
                # a committed link (published/official -> /somewhere) must not carry a write out
                raise GitError(f"{rel}: {getattr(where, 'strerror', None) or 'a folder stands there'}: "
                               "the publisher writes only its own files inside the repository")
            if data is not None:
                data = self.redactor.bytes(data)
            self.written.setdefault(rel, set()).add(blob_id(data))
            path = self.workdir / rel
            if data is None:
                path.unlink(missing_ok=True)
            else:
                write_atomic(path, data)

    def _commit(self, writes: Writes, message: str) -> bool:
        paths = sorted(writes)
        if not paths:
            return False
        message = shorten(self.redactor.text(message), MAX_SUBJECT)
        self._git("add", "--all", "--", *paths)
        try:
            self._git("commit", "--quiet", "--no-verify", "--no-gpg-sign", "-m", message, "--", *paths)
        except GitFailed:
            if self._git("diff", "--cached", "--name-only", "--", *paths):
                raise
            return False  # nothing changed
        return True

    def _reset(self, rev: str) -> None:
        try:  # stale stat data (files copied or touched) would make --keep refuse clean files
            self._git("update-index", "-q", "--refresh")
        except GitFailed:
            pass  # modified files: --keep decides whether they are in the way
        try:
            self._git("reset", "--quiet", "--keep", rev)
        except GitFailed as exc:
            raise GitError(f"cannot move to {self.remote}/{self.branch}: {_clean(exc)}") from None

    # -- the remote ----------------------------------------------------------------

    def _moved(self) -> str | None:
        """The remote's head after a failed push, if it moved past ours (None: it did not, or
        it cannot be reached)."""
        try:
            remote = self._fetch_once()
        except GitFailed:
            return None
        return remote if remote is not None and not self._is_ancestor(remote, "HEAD") else None

    def _fetch_once(self) -> str | None:
        self._git("fetch", "--quiet", "--no-tags", self.remote,
                  f"+refs/heads/{self.branch}:{self.tracking}")
        try:
            return self._git("rev-parse", "--verify", "--quiet", self.tracking).strip() or None
        except GitFailed:
            return None

    def fetch(self) -> str | None:
        """The remote branch's head after fetching it (retried with backoff)."""
        delay, failure = self.settings.backoff, ""
        for attempt in range(self.settings.push_retries + 1):
            try:
                return self._fetch_once()
            except GitFailed as exc:
                failure = _clean(exc)
                if attempt < self.settings.push_retries:
                    self.sleep(delay)
                    delay *= 2
        raise GitError(f"cannot fetch {self.remote} {self.branch}: {failure}")

    def save(self, label: str, build: Callable[[], Writes], message: str,
             guard: Callable[[str], bool] | None = None, *, defer: bool = False,
             on_lost: Callable[[], None] | None = None) -> bool:
        """Write ``build()``, commit it and (when pushing) push it. ``guard(rev)`` says whether
        the change may go on top of ``rev``: it is asked of HEAD first (an earlier rejected
        push may have moved this run onto another run's work), then of the remote's head
        after each rejected push. False when it says no (the local branch is then the
        remote's, or untouched). GitError when the remote stays out of reach (the commit is
        kept; the next run's :meth:`sync` finishes the job).

        ``defer``: commit only; the next push (a save that is not deferred, or :meth:`flush`)
        takes it along, asking its ``guard`` again if that push is rejected; ``on_lost`` is
        called if the guard then says no. Deferred saves waiting are pushed with this one."""
        if guard is not None and not guard("HEAD"):
            return False
        writes = build()
        self._write(writes)
        self.on_step(f"{label}-written")
        self._commit(writes, message)
        self.on_step(f"{label}-committed")
        if not self.push:
            return True
        entry = Pending(build, message, guard, on_lost)
        self.pending.append(entry)
        if defer:
            return True
        return entry not in self.flush(label)

    def flush(self, label: str = "flush") -> list[Pending]:
        """Push the deferred saves (one push for all); those another run's change made
        impossible (their guard said no on the moved branch) are dropped and returned, each
        ``on_lost`` called. GitError when the remote stays out of reach."""
        entries, self.pending = self.pending, []
        if not entries or not self.push:
            return []
        lost: list[Pending] = []
        delay, failure, failures, moves = self.settings.backoff, "", 0, 0
        while True:
            try:
                self._git("push", "--quiet", "--porcelain", self.remote, f"HEAD:refs/heads/{self.branch}")
                self.pushes += 1
                self.on_step(f"{label}-pushed")
                return lost
            except GitFailed as exc:
                failure = _clean(exc)
            remote = self._moved()
            if remote is not None and moves < MAX_MOVES:  # rejected because main moved: progress elsewhere
                moves += 1
                self.replays += 1
                self._reset(remote)
                kept = []
                for entry in entries:
                    if entry.guard is not None and not entry.guard(remote):
                        lost.append(entry)
                        if entry.on_lost is not None:
                            entry.on_lost()
                    else:
                        kept.append(entry)
                entries = kept
                if not entries:
                    return lost  # nothing of ours left to push: the local branch is the remote's
                # Replayed on the remote's head as one commit: the files of every change, in order.
                writes: dict[str, bytes | None] = {}
                for entry in entries:
                    writes.update(entry.build())
                self._write(writes)
                self._commit(writes, _joined([entry.message for entry in entries]))
                # Out of step with the other runs: a random pause, its range doubling with each
                # rejection (bounded), so that many shards pushing at once spread out.
                self.sleep(random.uniform(0, self.settings.backoff * min(MAX_PAUSE, 2 ** (moves - 1) / 4)))
                continue
            failures += 1
            if failures > self.settings.push_retries:
                break
            self.sleep(delay)
            delay *= 2
        raise GitError(f"cannot push to {self.remote} {self.branch}: {failure}")

    # -- changing a file of the content (``weibo-lint freeze``) -----------------------

    def catch_up(self) -> str:
        """Fast-forward to the remote's head before changing a file outside the managed
        folders; the commit now checked out. GitError when this copy has commits the remote
        lacks (they would be pushed along) or the file's folder has changes not committed."""
        if not self.push:
            return self.head()
        remote = self.fetch()
        if remote is None:
            raise GitError(f"{self.remote} has no branch {self.branch!r}")
        if not self._is_ancestor("HEAD", remote):
            raise GitError(f"this copy has commits not on {self.remote}/{self.branch}: push or drop them first")
        self._reset(remote)
        return remote

    def clean(self, rel: str) -> bool:
        """Whether ``rel`` is as HEAD has it (nothing edited and not committed)."""
        return not self._git("status", "--porcelain", "--", rel).strip()

    def reset_to(self, rev: str) -> None:
        """Move the branch and the working tree back to ``rev`` (changes of ours dropped)."""
        self._reset(rev)

    # -- finishing what an earlier run left -----------------------------------------

    def _managed(self, rel: str) -> bool:
        return rel.startswith(self.managed)

    def _dirty(self) -> dict[str, bytes | None]:
        """Changes under the managed folders not committed: their bytes now (None: deleted)."""
        folders = list(self.managed)
        if not folders:
            return {}
        changed = self._git("diff", "--no-renames", "--name-only", "HEAD", "--", *folders).splitlines()
        changed += self._git("ls-files", "--others", "--exclude-standard", "--", *folders).splitlines()
        dirty = {}
        for rel in sorted(set(filter(None, changed))):
            path = self.workdir / rel
            if is_temporary(path.name):  # a write killed before its rename: never a record
                path.unlink(missing_ok=True)
                continue
            dirty[rel] = path.read_bytes() if path.is_file() else None
        return dirty

    def _restore(self, rels: list[str]) -> None:
        """Put ``rels`` back as HEAD has them, in the index and the working tree."""
        if not rels:
            return
        self._git("reset", "--quiet", "HEAD", "--", *rels)
        self._write({rel: self.read("HEAD", rel) for rel in rels})

    def sync(self, keep: Callable[[str, bytes | None, bool], bool]) -> list[str]:
        """Finish what an interrupted run left: files written but not committed, commits not
        pushed. ``keep(path, bytes, committed)`` says which to carry on; the others (claims
        never sent) are dropped. Then the local branch is the remote's plus those files."""
        notes: list[str] = []
        dirty = self._dirty()
        self._restore(sorted(dirty))
        carry = {rel: data for rel, data in dirty.items() if keep(rel, data, False)}
        if self.push:
            remote = self.fetch()
            if remote is None:
                raise GitError(f"{self.remote} has no branch {self.branch!r} to publish to")
            carried = self._ahead(remote, keep, notes)
            before = self.head()
            for rel in list(carry):  # written on top of ``before``: the remote must not have moved it
                if self.read(remote, rel) != self.read(before, rel) and rel not in carried:
                    notes.append(_("{path}: changed on {remote} too; kept {remote}'s version").format(path=rel, remote=self.remote))
                    del carry[rel]
            self._reset(remote)
            carried.update(carry)
            carry = carried
        if carry:
            self.save("sync", lambda: carry, "publish: finish an interrupted run\n\n" +
                      "\n".join(f"- {rel}" for rel in sorted(carry)))
            notes.append(_("finished an interrupted run: {count} record(s) committed").format(count=len(carry)))
        return notes

    def _ahead(self, remote: str, keep: Callable[[str, bytes | None, bool], bool], notes: list[str]) -> dict:
        """Local commits the remote lacks, as files to carry over (only managed files allowed)."""
        head = self.head()
        if self._is_ancestor(head, remote):
            return {}
        try:
            base_sha = self._git("merge-base", head, remote)
        except GitFailed as exc:
            if exc.status != 1:  # 1: no common commit
                raise
            raise GitError(f"the local branch and {self.remote}/{self.branch} share no history") from None
        changed = self._git("diff", "--no-renames", "--name-only", base_sha, head).splitlines()
        outside = [rel for rel in changed if rel and not self._managed(rel)]
        if outside:
            raise GitError(f"the local branch has commits not on {self.remote}/{self.branch} that change "
                           f"{outside[0]}{' and more' if len(outside) > 1 else ''}: push or drop them first, "
                           "or use --no-push")
        carried = {}
        for rel in filter(None, changed):
            ours = self.read(head, rel)
            if self.read(remote, rel) != self.read(base_sha, rel):
                notes.append(_("{path}: changed on {remote} too; kept {remote}'s version").format(path=rel, remote=self.remote))
                continue
            if keep(rel, ours, True):
                carried[rel] = ours
        return carried
