"""WB408's near-duplicate pairs, kept in the index and brought up to date with what changed.

Finding every near-duplicate pair among 10,000 pending texts costs seconds; a run after one
edit has one new text to place. Per group (an account's pending texts at one threshold) the
index keeps the bigram ranks, each text's prefix and size, and the pairs found. A run then
drops the texts that are gone (and their pairs) and probes only the new ones against the
stored prefixes (``schedule.similar.candidates``). Prefix filtering is exact for any fixed
order of the bigrams, so ranks stay fixed between rebuilds (a bigram never seen before
ranks rarest of all); when many texts are new the group is rebuilt from scratch, with the
ranks of its current texts. Either way the pairs are those ``similar_pairs`` finds: the
tests compare them on random edits.
"""
from __future__ import annotations

import hashlib
import sqlite3
from typing import Sequence

from weibo_lint.schedule.similar import (Pair, all_pairs, bigrams, candidates, jaccard, normalise,
                                         prefix_length, _EPSILON)

REBUILD_SHARE = 4  # rebuild a group when more than a quarter of its texts are new (and over the floor)
REBUILD_FLOOR = 64
_CHUNK = 500


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class NearDuplicates:
    """``schedule.similar.Fresh``, remembered in the index between runs."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def normalised(self, texts: Sequence[str]) -> list[str]:
        """``normalise`` of each text (NFKC costs more than a lookup by digest); asked once a run,
        for every text, so what it does not ask for is gone."""
        digests = [digest(text) for text in texts]
        known = dict(self.db.execute("SELECT digest, norm FROM near_norm"))
        new = {d: normalise(text) for d, text in zip(digests, texts) if d not in known}
        self.db.executemany("INSERT OR REPLACE INTO near_norm VALUES (?, ?)", new.items())
        if len(known) > 2 * len(digests) + 1000:  # mostly texts long gone: keep the current ones
            self.db.execute("DELETE FROM near_norm")
            self.db.executemany("INSERT OR REPLACE INTO near_norm VALUES (?, ?)",
                                [(d, new[d] if d in new else known[d]) for d in digests])
        known.update(new)
        return [known[d] for d in digests]

    def pairs(self, group: str, texts: Sequence[str], threshold: float) -> list[Pair]:
        """``similar_pairs(texts, threshold)`` of distinct texts, for a named group of them."""
        if not 0 < threshold <= 1:
            return []
        name = f"{threshold!r}\0{group}"
        digests = [digest(text) for text in texts]
        position = {d: i for i, d in enumerate(digests)}
        stored = {d for (d,) in self.db.execute("SELECT digest FROM near_text WHERE grp = ?", (name,))}
        added = [i for i, d in enumerate(digests) if d not in stored]
        if not stored or len(added) > max(REBUILD_FLOOR, len(texts) // REBUILD_SHARE):
            self._rebuild(name, texts, digests, threshold)
        else:
            self._forget(name, stored - position.keys())
            self._add(name, texts, digests, added, threshold)
        pairs = [Pair(min(position[a], position[b]), max(position[a], position[b]), similarity)
                 for a, b, similarity in self.db.execute("SELECT a, b, similarity FROM near_pair WHERE grp = ?",
                                                         (name,))]
        return sorted(pairs, key=lambda p: (p.first, p.second))

    def _rebuild(self, name: str, texts: Sequence[str], digests: list[str], threshold: float) -> None:
        for table in ("near_gram", "near_text", "near_prefix", "near_pair"):
            self.db.execute(f"DELETE FROM {table} WHERE grp = ?", (name,))
        join = all_pairs(texts, threshold)
        self.db.executemany("INSERT INTO near_gram VALUES (?, ?, ?)", [(name, g, r) for g, r in join.rank.items()])
        self.db.executemany("INSERT INTO near_text VALUES (?, ?, ?)",
                            [(name, d, size) for d, size in zip(digests, join.sizes)])
        self.db.executemany("INSERT INTO near_prefix VALUES (?, ?, ?, ?, ?)",
                            [(name, gram, d, pos, size) for d, prefix, size in zip(digests, join.prefixes, join.sizes)
                             for pos, gram in enumerate(prefix)])
        self.db.executemany("INSERT INTO near_pair VALUES (?, ?, ?, ?)",
                            [(name, digests[p.first], digests[p.second], p.similarity) for p in join.pairs])

    def _forget(self, name: str, gone: set[str]) -> None:
        rows = [(name, d) for d in gone]
        self.db.executemany("DELETE FROM near_text WHERE grp = ? AND digest = ?", rows)
        self.db.executemany("DELETE FROM near_prefix WHERE grp = ? AND digest = ?", rows)
        self.db.executemany("DELETE FROM near_pair WHERE grp = ? AND a = ?", rows)
        self.db.executemany("DELETE FROM near_pair WHERE grp = ? AND b = ?", rows)

    def _add(self, name: str, texts: Sequence[str], digests: list[str], added: list[int], threshold: float) -> None:
        text_of = dict(zip(digests, texts))
        grams = {i: bigrams(texts[i]) for i in added}
        rank = self._ranks(name, sorted(set().union(*grams.values())) if grams else [])
        for i in added:  # each probes the texts stored before it, the new ones included
            mine, size = grams[i], len(grams[i])
            prefix = sorted(rank[g] for g in mine)[:prefix_length(size, threshold)]
            postings: dict[int, list] = {}
            for start in range(0, len(prefix), _CHUNK):
                chunk = prefix[start:start + _CHUNK]
                for gram, d, pos, other in self.db.execute(
                        f"SELECT gram, digest, pos, size FROM near_prefix WHERE grp = ? AND gram IN "
                        f"({','.join('?' * len(chunk))})", (name, *chunk)):
                    postings.setdefault(gram, []).append((d, pos, other))
            pairs = []
            for other_digest in candidates(prefix, size, threshold, lambda gram: postings.get(gram, ())):
                theirs = text_of[other_digest]  # type: ignore[index]
                similarity = jaccard(mine, bigrams(theirs))
                if similarity >= threshold - _EPSILON and theirs != texts[i]:
                    pairs.append((name, digests[i], other_digest, similarity))
            self.db.executemany("INSERT INTO near_pair VALUES (?, ?, ?, ?)", pairs)
            self.db.execute("INSERT INTO near_text VALUES (?, ?, ?)", (name, digests[i], size))
            self.db.executemany("INSERT INTO near_prefix VALUES (?, ?, ?, ?, ?)",
                                [(name, gram, digests[i], pos, size) for pos, gram in enumerate(prefix)])

    def _ranks(self, name: str, grams: list[str]) -> dict[str, int]:
        """The stored ranks of ``grams``; a bigram never seen ranks rarer than every other."""
        rank: dict[str, int] = {}
        for start in range(0, len(grams), _CHUNK):
            chunk = grams[start:start + _CHUNK]
            rank.update(self.db.execute(f"SELECT gram, rank FROM near_gram WHERE grp = ? AND gram IN "
                                        f"({','.join('?' * len(chunk))})", (name, *chunk)))
        unseen = [g for g in grams if g not in rank]
        if unseen:
            (lowest,) = self.db.execute("SELECT COALESCE(MIN(rank), 0) FROM near_gram WHERE grp = ?",
                                        (name,)).fetchone()
            for offset, gram in enumerate(unseen, start=1):
                rank[gram] = lowest - offset
            self.db.executemany("INSERT INTO near_gram VALUES (?, ?, ?)", [(name, g, rank[g]) for g in unseen])
        return rank
