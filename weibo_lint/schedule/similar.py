"""Same or nearly the same text, found without comparing every pair.

Texts are normalised first (NFKC, case folded, every character that is not a letter or a
digit dropped: white space, punctuation, emoji), so a repeat that differs only in spacing or
punctuation is an exact duplicate, found by hashing. Nearly the same means a Jaccard
similarity of at least ``threshold`` between the sets of character bigrams (for Chinese, a
bigram is the natural unit of a word). Pairs are found with prefix filtering (Bayardo et
al., "Scaling up all pairs similarity search", WWW 2007): with the bigrams of every text
sorted rarest first, two texts that reach the threshold must share one of the first
``n - ceil(threshold * n) + 1`` bigrams of each, so only texts sharing such a bigram, and of
compatible sizes, are ever compared. The result is exact, not an estimate.
"""
from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Hashable, Sequence

_NOT_WORD = re.compile(r"[\W_]+")
_EPSILON = 1e-9


def normalise(text: str) -> str:
    """The text Weibo's repeat check most plausibly sees; falls back to the stripped text
    when nothing would be left (a post of emoji only)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_WORD.sub("", folded) or folded.strip()


def text_sha256(text: str) -> str:
    """The digest the publisher records for a published text (``text_sha256``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def bigrams(text: str) -> frozenset[str]:
    if len(text) < 2:
        return frozenset((text,))
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    common = len(a & b)
    return common / (len(a) + len(b) - common)


@dataclass(frozen=True)
class Pair:
    first: int  # indexes into the input
    second: int
    similarity: float


def exact_groups(keys: Sequence[Hashable]) -> list[list[int]]:
    """Indexes of equal keys, groups of two or more, in input order."""
    groups: dict[Hashable, list[int]] = {}
    for index, key in enumerate(keys):
        groups.setdefault(key, []).append(index)
    return [group for group in groups.values() if len(group) > 1]


def similar_pairs(texts: Sequence[str], threshold: float) -> list[Pair]:
    """Pairs of distinct ``texts`` (normalised) whose bigram Jaccard similarity ≥ ``threshold``."""
    if not 0 < threshold <= 1:
        return []
    grams = [bigrams(text) for text in texts]
    frequency = Counter(gram for text_grams in grams for gram in text_grams)
    # Each bigram becomes its rank, rarest first: sorting a text's grams is then sorting small
    # ints, and intersecting two texts compares ints, not strings.
    rank = {gram: number for number, (gram, _count) in enumerate(sorted(frequency.items(), key=lambda i: (i[1], i[0])))}
    sets = [frozenset(rank[gram] for gram in text_grams) for text_grams in grams]
    index: dict[int, list[tuple[int, int]]] = {}  # bigram -> (text, its position in that text's order)
    pairs: list[Pair] = []
    ratio = threshold / (1 + threshold)
    for x in sorted(range(len(texts)), key=lambda i: (len(sets[i]), i)):
        size = len(sets[x])
        prefix = sorted(sets[x])[:size - math.ceil(threshold * size - _EPSILON) + 1]
        smallest = threshold * size - _EPSILON
        overlap: dict[int, int] = {}  # candidate -> prefix overlap so far, -1 once pruned
        for i, gram in enumerate(prefix):
            for y, j in index.get(gram, ()):
                seen = overlap.get(y, 0)
                if seen < 0:
                    continue
                other = len(sets[y])
                if other < smallest:
                    continue
                # Positional filter (PPJoin): what is left after these positions bounds the
                # overlap; drop a candidate that can no longer reach the overlap Jaccard needs.
                needed = math.ceil(ratio * (size + other) - _EPSILON)
                if seen + 1 + min(size - i - 1, other - j - 1) >= needed:
                    overlap[y] = seen + 1
                else:
                    overlap[y] = -1
        mine = sets[x]
        for y, seen in overlap.items():
            if seen <= 0:
                continue
            theirs = sets[y]
            common = len(mine & theirs)
            similarity = common / (size + len(theirs) - common)
            if similarity >= threshold - _EPSILON and texts[x] != texts[y]:
                pairs.append(Pair(min(x, y), max(x, y), similarity))
        for position, gram in enumerate(prefix):
            index.setdefault(gram, []).append((x, position))
    return sorted(pairs, key=lambda p: (p.first, p.second))
