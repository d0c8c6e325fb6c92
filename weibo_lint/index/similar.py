"""WB408's near-duplicate pairs, kept in the index and brought up to date with what changed.

Finding every near-duplicate pair among 10,000 pending texts costs seconds; a run after one
edit has one new text to place. Per group (an account's pending texts at one threshold) the
index keeps the ranks of the common bigrams, each text's prefix and size, and the pairs
found. A run then drops the texts that are gone (and their pairs) and probes only the new
ones against the stored prefixes (``schedule.similar.candidates``). Prefix filtering is
exact for any fixed order of the bigrams, so the order stays fixed between rebuilds (a
bigram that was not common then is ranked as rare, by its code points, whatever it is
now); when many texts are new, the group is rebuilt from scratch. Either way the pairs are
those ``similar_pairs`` finds: the tests compare them through random edits.
"""
from __future__ import annotations

import hashlib
import sqlite3
from typing import Sequence

from weibo_lint.schedule.similar import (Pair, all_pairs, bigrams, candidates, jaccard, normalise,
                                         prefix_length, ranker, _EPSILON)

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
            self._forget(name, sorted(stored - position.keys()))
            if added:
                self._add(name, texts, digests, added, threshold)
        pairs = [Pair(min(position[a], position[b]), max(position[a], position[b]), similarity)
                 for a, b, similarity in self.db.execute("SELECT a, b, similarity FROM near_pair WHERE grp = ?",
                                                         (name,))]
        return sorted(pairs, key=lambda p: (p.first, p.second))

    def _rebuild(self, name: str, texts: Sequence[str], digests: list[str], threshold: float) -> None:
        for table in ("near_gram", "near_text", "near_pair"):
            self.db.execute(f"DELETE FROM {table} WHERE grp = ?", (name,))
        join = all_pairs(texts, threshold)
        self.db.executemany("INSERT INTO near_gram VALUES (?, ?, ?)", [(name, g, r) for g, r in join.common.items()])
        self.db.executemany("INSERT INTO near_text VALUES (?, ?, ?, ?)",
                            [(name, d, size, _dump(prefix)) for d, size, prefix in zip(digests, join.sizes, join.prefixes)])
        self.db.executemany("INSERT INTO near_pair VALUES (?, ?, ?, ?)",
                            [(name, digests[p.first], digests[p.second], p.similarity) for p in join.pairs])

    def _forget(self, name: str, gone: list[str]) -> None:
        for start in range(0, len(gone), _CHUNK):
            chunk = gone[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"DELETE FROM near_text WHERE grp = ? AND digest IN ({marks})", (name, *chunk))
            self.db.execute(f"DELETE FROM near_pair WHERE grp = ? AND (a IN ({marks}) OR b IN ({marks}))",
                            (name, *chunk, *chunk))

    def _add(self, name: str, texts: Sequence[str], digests: list[str], added: list[int], threshold: float) -> None:
        text_of = dict(zip(digests, texts))
        postings: dict[int, list] = {}  # bigram -> (text, position, size), from every stored prefix
        for d, size, prefix in self.db.execute("SELECT digest, size, prefix FROM near_text WHERE grp = ?", (name,)):
            for pos, gram in enumerate(_load(prefix)):
                postings.setdefault(gram, []).append((d, pos, size))
        grams = {i: bigrams(texts[i]) for i in added}
        rank = ranker(self._common(name, sorted(set().union(*grams.values()))))
        pairs, rows = [], []
        for i in added:  # each probes the stored texts and the new ones before it
            mine, size = grams[i], len(grams[i])
            prefix = sorted(map(rank, mine))[:prefix_length(size, threshold)]
            for other in candidates(prefix, size, threshold, lambda gram: postings.get(gram, ())):
                theirs = text_of[other]  # type: ignore[index]
                similarity = jaccard(mine, bigrams(theirs))
                if similarity >= threshold - _EPSILON and theirs != texts[i]:
                    pairs.append((name, digests[i], other, similarity))
            for pos, gram in enumerate(prefix):
                postings.setdefault(gram, []).append((digests[i], pos, size))
            rows.append((name, digests[i], size, _dump(prefix)))
        self.db.executemany("INSERT INTO near_pair VALUES (?, ?, ?, ?)", pairs)
        self.db.executemany("INSERT INTO near_text VALUES (?, ?, ?, ?)", rows)

    def _common(self, name: str, grams: list[str]) -> dict[str, int]:
        """The stored ranks of those of ``grams`` that were common when the group was built."""
        common: dict[str, int] = {}
        for start in range(0, len(grams), _CHUNK):
            chunk = grams[start:start + _CHUNK]
            common.update(self.db.execute(f"SELECT gram, rank FROM near_gram WHERE grp = ? AND gram IN "
                                          f"({','.join('?' * len(chunk))})", (name, *chunk)))
        return common


def _dump(prefix: list[int]) -> str:
    return " ".join(map(str, prefix))


def _load(prefix: str) -> list[int]:
    return [int(gram) for gram in prefix.split()]
