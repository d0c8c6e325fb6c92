"""What git vouches for: the index's view of the git edge (weibo_lint/git.py).

A row is vouched for when git reports no change to its path in the working tree and the
row's bytes are HEAD's blob: known from its ``clean`` flag (its bytes are what the index's
commit holds) plus the commits between that commit and HEAD, or, when git does not know
that commit (the index was built without git, or in another clone and restored here, or
git no longer has it), from HEAD's blob ids themselves (``git ls-tree``).
"""
from __future__ import annotations

from weibo_lint.cache import Store


class Witness:
    """What the git edge tells the index in one run (see git.Snapshot)."""

    def __init__(self, snapshot, folders: list[str]) -> None:
        self.snapshot = snapshot
        self.folders = folders
        self.work = snapshot.work_tree()
        self.head_blobs: dict[str, str] | None = None
        self._stored: dict[str, dict[str, str]] = {}  # table -> its rows' blob ids, read by suspects
        if not self.work.since_known and not self.work.nested:
            self.head_blobs = snapshot.blobs(folders)

    def vouches(self) -> bool:
        """False when nested repositories hide files from git: then every file is stat'ed."""
        return not self.work.nested

    def suspects(self, store: Store, table: str) -> dict[str, tuple]:
        """The stored facts of the rows git does not vouch for."""
        facts = store.facts_of(table, sorted(self.work.changed))
        if self.head_blobs is not None:
            # HEAD's blob ids vouch by themselves for a row holding one, whatever its clean
            # flag: an index built without git (``weibo-lint build``) and restored into a
            # fresh checkout (check.yml) is then read only where it differs from HEAD.
            blobs = self.head_blobs
            stored = self._stored[table] = store.blobs(table)
            stale = [path for path, blob in stored.items() if blobs.get(path) != blob]
            facts.update(store.facts_of(table, stale))
        else:
            facts.update(store.facts_where(table, "WHERE clean = 0"))
        return facts

    def new_paths(self, table: str) -> set[str]:
        """Files git reports that the index may not hold yet (after ``suspects`` of ``table``)."""
        stored = self._stored.get(table)
        if self.head_blobs is None or stored is None:
            return set(self.work.changed)
        return set(self.work.changed).union(path for path in self.head_blobs if path not in stored)

    def reconcile(self, store: Store, table: str, examined: list[str]) -> None:
        """Set ``clean`` (holds HEAD's blob) on the rows examined, or on every row when HEAD's
        blob ids are at hand: afterwards every clean row matches HEAD."""
        if self.head_blobs is not None:
            blobs = self.head_blobs
            known = self._stored.get(table)
            # The rows as ``suspects`` read them, with those examined since read again (a row
            # dropped meanwhile only makes an update that finds nothing).
            stored = store.blobs(table) if known is None else {**known, **store.blobs(table, examined)}
            store.set_clean(table, {path: blob == blobs.get(path) for path, blob in stored.items()}, every_row=True)
        else:
            blobs = self.snapshot.blobs(self.folders, examined)
            store.set_clean(table, {path: blob == blobs.get(path) for path, blob in store.blobs(table, examined).items()})
