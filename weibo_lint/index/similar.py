"""WB408's near-duplicate pairs, kept in the index and brought up to date with what changed.

Finding every near-duplicate pair among 10,000 pending real texts costs half a second; a run
after one edit has one new text to place. Per group (an account's pending texts at one
threshold) the index keeps the ranks of the common bigrams, each text's prefix and size, and
the pairs found. A run then drops the texts that are gone (and their pairs) and probes only the new
ones against the stored prefixes (``schedule.similar.candidates``). Prefix filtering is
exact for any fixed order of the bigrams, so the order stays fixed between rebuilds (a
bigram that was not common then is ordered as a rare one, by its code, whatever it is now);
when many texts are new, the group is rebuilt from scratch. Either way the pairs are those
every pair compared would give: the tests compare them with a brute-force oracle
(tests/schedule/near_oracle.py) through random edits, on generated and on real text.
"""
from __future__ import annotations

import hashlib
import sqlite3
from array import array
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from weibo_lint.cache import in_chunks
from weibo_lint.parallel import fork_map
from weibo_lint.schedule.similar import (
    _EPSILON,
    BigramHit,
    Join,
    Pair,
    all_pairs,
    bigrams,
    candidates,
    jaccard,
    normalise,
    prefix,
    prefix_length,
    text_sha256,
)

REBUILD_SHARE = 4  # rebuild a group when more than a quarter of its texts are new (and over the floor)
REBUILD_FLOOR = 64


class _Plan(NamedTuple):
    name: str  # the group's name in the tables
    digests: list[str]  # of its texts, in order
    rebuild: bool  # join from scratch, else bring the stored join up to date
    added: list[int]  # texts not stored
    gone: list[str]  # digests stored, no longer among the texts


PARALLEL_TEXTS = 3000  # below this many texts in all, forking costs more than a second core saves


def _join(threshold: float, texts: Sequence[str]) -> Join:
    return all_pairs(texts, threshold)


def join_all(groups: Sequence[Sequence[str]], threshold: float) -> list[Join]:
    """``all_pairs`` of each group of texts, two or more groups in parallel where it pays."""
    if sum(map(len, groups)) < PARALLEL_TEXTS:
        return [all_pairs(texts, threshold) for texts in groups]
    # Largest first, so that the last group to start is a small one.
    order = sorted(range(len(groups)), key=lambda i: -len(groups[i]))
    joins = dict(zip(order, fork_map(_join, threshold, [groups[i] for i in order])))
    return [joins[i] for i in range(len(groups))]


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class NearDuplicates:
    """Normalised texts and similar pairs as WB408 asks for them, remembered in the index
    between runs: the pairs are those ``similar_pairs`` finds afresh."""

    def __init__(self, db: sqlite3.Connection, known: Mapping[str, str] | None = None) -> None:
        self.db = db
        self.known = known or {}  # text -> normalised, computed elsewhere this run (the check's workers)
        self.norm_digests: dict[str, str] = {}  # normalised text -> its ``digest``, as remembered

    def normalised(self, texts: Sequence[str], digests: Sequence[str] | None = None) -> list[str]:
        """``normalise`` of each text (NFKC costs more than a lookup by digest); asked once a run,
        for every text, so what it does not ask for is gone. ``digests``: the texts'
        ``text_sha256``, when the caller has them already."""
        digests = digests if digests is not None else [text_sha256(text) for text in texts]
        rows = self.db.execute("SELECT digest, norm, ndigest FROM near_norm")
        known = {d: (norm, of_norm) for d, norm, of_norm in rows}
        fresh = self.known
        new = {}
        for d, text in zip(digests, texts):
            if d not in known and d not in new:
                norm = fresh.get(text) or normalise(text)
                new[d] = (norm, digest(norm))
        self.db.executemany("INSERT OR REPLACE INTO near_norm VALUES (?, ?, ?)", [(d, *row) for d, row in new.items()])
        if len(known) > 2 * len(digests) + 1000:  # mostly texts long gone: keep the current ones
            self.db.execute("DELETE FROM near_norm")
            self.db.executemany("INSERT OR REPLACE INTO near_norm VALUES (?, ?, ?)",
                                [(d, *(new[d] if d in new else known[d])) for d in dict.fromkeys(digests)])
        known.update(new)
        found = [known[d] for d in digests]
        self.norm_digests.update(found)
        return [norm for norm, _of_norm in found]

    def pairs(self, group: str, texts: Sequence[str], threshold: float) -> list[Pair]:
        """``similar_pairs(texts, threshold)`` of distinct texts, for a named group of them."""
        return self.groups({group: texts}, threshold)[group]

    def groups(self, groups: Mapping[str, Sequence[str]], threshold: float) -> dict[str, list[Pair]]:
        """``pairs`` of each named group, the only groups kept; those rebuilt from scratch are
        joined in parallel."""
        if not 0 < threshold <= 1:
            return {group: [] for group in groups}
        plans = {group: self._plan(f"{threshold!r}\0{group}", texts) for group, texts in groups.items()}
        self._drop_others({plan.name for plan in plans.values()})
        rebuilt = [group for group, plan in plans.items() if plan.rebuild]
        joins = dict(zip(rebuilt, join_all([groups[group] for group in rebuilt], threshold)))
        found = {}
        for group, plan in plans.items():
            texts = groups[group]
            if plan.rebuild:
                self._store(plan.name, plan.digests, joins[group])
            else:
                self._forget(plan.name, plan.gone)
                if plan.added:
                    self._add(plan.name, texts, plan.digests, plan.added, threshold)
            position = {d: i for i, d in enumerate(plan.digests)}
            pairs = []
            for a, b, similarity in self.db.execute("SELECT a, b, similarity FROM near_pair WHERE grp = ?",
                                                    (plan.name,)):
                x, y = position[a], position[b]
                pairs.append(Pair(x, y, similarity) if x < y else Pair(y, x, similarity))
            found[group] = sorted(pairs)  # by first, then second: no two pairs share both
        return found

    def _drop_others(self, names: set[str]) -> None:
        """Forget the groups not asked for: an account with nothing pending, a threshold
        changed. The index keeps one run's groups, not every group there ever was."""
        stale = [name for (name,) in self.db.execute("SELECT DISTINCT grp FROM near_text") if name not in names]
        for name in stale:
            for table in ("near_gram", "near_text", "near_pair"):
                self.db.execute(f"DELETE FROM {table} WHERE grp = ?", (name,))

    def _plan(self, name: str, texts: Sequence[str]) -> _Plan:
        remembered = self.norm_digests
        digests = [remembered.get(text) or digest(text) for text in texts]
        stored = {d for (d,) in self.db.execute("SELECT digest FROM near_text WHERE grp = ?", (name,))}
        added = [i for i, d in enumerate(digests) if d not in stored]
        rebuild = not stored or len(added) > max(REBUILD_FLOOR, len(texts) // REBUILD_SHARE)
        return _Plan(name, digests, rebuild, added, sorted(stored - set(digests)))

    def _store(self, name: str, digests: list[str], join: Join) -> None:
        for table in ("near_gram", "near_text", "near_pair"):
            self.db.execute(f"DELETE FROM {table} WHERE grp = ?", (name,))
        # The common bigrams, rarest first, in one row: thousands of rows cost more to write
        # than an edit's run saves by reading only those of its new texts.
        ranked = sorted(join.common, key=join.common.__getitem__)
        self.db.execute("INSERT INTO near_gram VALUES (?, ?)", (name, _dump(ranked)))
        self.db.executemany("INSERT INTO near_text VALUES (?, ?, ?, ?)",
                            [(name, d, n, _dump(first)) for d, n, first in zip(digests, join.sizes, join.prefixes)])
        self.db.executemany("INSERT INTO near_pair VALUES (?, ?, ?, ?)",
                            [(name, digests[p.first], digests[p.second], p.similarity) for p in join.pairs])

    def _forget(self, name: str, gone: list[str]) -> None:
        for chunk, marks in in_chunks(gone):
            self.db.execute(f"DELETE FROM near_text WHERE grp = ? AND digest IN ({marks})", (name, *chunk))
            self.db.execute(f"DELETE FROM near_pair WHERE grp = ? AND (a IN ({marks}) OR b IN ({marks}))",
                            (name, *chunk, *chunk))

    def _add(self, name: str, texts: Sequence[str], digests: list[str], added: list[int], threshold: float) -> None:
        text_of = dict(zip(digests, texts))
        grams = {i: bigrams(texts[i]) for i in added}
        common = self._common(name)
        keys = frozenset(common)
        firsts = {i: prefix(mine, prefix_length(len(mine), threshold), common, keys) for i, mine in grams.items()}
        wanted = set().union(*firsts.values())  # the only bigrams ever probed
        sizes = [len(g) for g in grams.values()]
        # Only texts of a size that can reach the threshold with a new one (candidates' bounds).
        smallest, largest = threshold * min(sizes) - _EPSILON, max(sizes) / threshold + _EPSILON
        postings: dict[int, list[BigramHit[str]]] = {}  # bigram -> (text, position, size), from the stored prefixes
        for d, size, stored in self.db.execute("SELECT digest, size, prefix FROM near_text WHERE grp = ? AND "
                                               "size BETWEEN ? AND ?", (name, smallest, largest)):
            stored_first = _load(stored)
            if not wanted.isdisjoint(stored_first):
                for pos, gram in enumerate(stored_first):
                    postings.setdefault(gram, []).append((d, pos, size))
        pairs, rows = [], []
        for i in added:  # each probes the stored texts and the new ones before it
            mine, size, first = grams[i], len(grams[i]), firsts[i]
            for other in candidates(first, size, threshold, postings):
                theirs = text_of[other]
                similarity = jaccard(mine, bigrams(theirs))
                if similarity >= threshold - _EPSILON and theirs != texts[i]:
                    pairs.append((name, digests[i], other, similarity))
            for pos, gram in enumerate(first):
                postings.setdefault(gram, []).append((digests[i], pos, size))
            rows.append((name, digests[i], size, _dump(first)))
        self.db.executemany("INSERT INTO near_pair VALUES (?, ?, ?, ?)", pairs)
        self.db.executemany("INSERT INTO near_text VALUES (?, ?, ?, ?)", rows)

    def _common(self, name: str) -> dict[int, int]:
        """The ranks of the bigrams that were common when the group was built."""
        row = self.db.execute("SELECT grams FROM near_gram WHERE grp = ?", (name,)).fetchone()
        ranked = _load(row[0]) if row else ()
        return dict(zip(ranked, range(len(ranked))))


def _dump(grams: list[int]) -> bytes:
    """Bigrams as the index keeps them: their codes, 64-bit words (a prefix is read for every
    stored text of a compatible size when one is added; decoding JSON cost more)."""
    return array("q", grams).tobytes()


def _load(stored: bytes) -> array:
    words = array("q")
    words.frombytes(stored)
    return words
