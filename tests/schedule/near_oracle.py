"""WB408's oracle: normalised texts and near-duplicate pairs computed the plain way.

Production keeps them in the index (index/similar.py ``NearDuplicates``), with integer
bigrams and prefix filtering; the oracle compares every pair of a group's texts by their
bigrams as strings, with nothing but the size bound ``|A ∩ B| <= min(|A|, |B|)`` to skip pairs
(exact: Jaccard ≥ t needs ``min >= t * max``). Its similarities are the same fractions, so
the very same floats. Also: a stand-in for ``Collection.published`` built from a mapping.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from weibo_lint.schedule.similar import Pair, normalise

EPSILON = 1e-9  # the production's tolerance for a similarity on the threshold


def bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i:i + 2] for i in range(len(text) - 1)) if len(text) > 1 else frozenset((text,))


def pairs(texts: Sequence[str], threshold: float) -> list[Pair]:
    """Every pair of different ``texts`` whose bigram Jaccard similarity ≥ ``threshold``."""
    if not 0 < threshold <= 1:
        return []
    grams = [bigrams(text) for text in texts]
    order = sorted(range(len(texts)), key=lambda i: len(grams[i]))
    found = []
    for at, x in enumerate(order):
        for y in order[at + 1:]:
            if len(grams[x]) < threshold * len(grams[y]) - EPSILON:
                break  # every later text is larger still
            shared = len(grams[x] & grams[y])
            similarity = shared / (len(grams[x]) + len(grams[y]) - shared)
            if similarity >= threshold - EPSILON and texts[x] != texts[y]:
                found.append(Pair(min(x, y), max(x, y), similarity))
    return sorted(found, key=lambda p: (p.first, p.second))


class Fresh:
    """What WB408 asks ``Collection.near_duplicates`` for, computed afresh, the plain way."""

    def normalised(self, texts: Sequence[str], digests: Sequence[str] | None = None) -> list[str]:
        return [normalise(text) for text in texts]

    def groups(self, groups: Mapping[str, Sequence[str]], threshold: float) -> dict[str, list[Pair]]:
        return {group: pairs(texts, threshold) for group, texts in groups.items()}

