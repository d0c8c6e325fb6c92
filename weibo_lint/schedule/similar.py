"""Same or nearly the same text, found without comparing every pair.

Texts are normalised first (NFKC, case folded, every character that is not a letter or a
digit dropped: white space, punctuation, emoji), so a repeat that differs only in spacing or
punctuation is an exact duplicate, found by hashing. Nearly the same means a Jaccard
similarity of at least ``threshold`` between the sets of character bigrams (for Chinese, a
bigram is the natural unit of a word). Pairs are found with prefix filtering (Bayardo et
al., "Scaling up all pairs similarity search", WWW 2007): with the bigrams of every text
sorted rarest first (roughly: see ``prefix``), two texts that reach the threshold must share one of the first
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
from itertools import chain
from typing import Callable, Hashable, Iterable, Mapping, Sequence, Tuple

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
    return frozenset(map(str.__add__, text, text[1:]))  # each character with the next


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


COMMON = 3  # a bigram in this many texts of a group is ranked by its frequency


def common_ranks(grams: Sequence[frozenset[str]]) -> dict[str, int]:
    """The ranks of the bigrams found in ``COMMON`` or more of the texts, rarest first."""
    frequency = Counter(chain.from_iterable(grams))
    common = sorted(((gram, count) for gram, count in frequency.items() if count >= COMMON),
                    key=lambda item: (item[1], item[0]))
    return {gram: number for number, (gram, _count) in enumerate(common)}


def prefix(grams: frozenset[str], length: int, common: Mapping[str, int], keys: frozenset[str]) -> list[str]:
    """The first ``length`` of ``grams`` in the order prefix filtering uses: the bigrams that
    are not common first, by code points, highest first (no table needed, and a bigram never
    seen before is among them), then the common ones, rarest first (``common``, with
    ``keys`` its keys). Any fixed order keeps prefix filtering exact; rarest first keeps it
    fast."""
    rare = sorted(grams - keys, reverse=True)
    if len(rare) >= length:
        return rare[:length]
    return rare + sorted(grams & keys, key=common.__getitem__)[:length - len(rare)]


def prefix_length(size: int, threshold: float) -> int:
    """How many of a text's first (rarest) bigrams a similar text must share one of."""
    return size - math.ceil(threshold * size - _EPSILON) + 1


Posting = Tuple[Hashable, int, int]  # (text, the bigram's position in that text's order, that text's size)


def candidates(prefix: Sequence[str], size: int, threshold: float,
               postings: Callable[[str], Iterable[Posting]]) -> list[Hashable]:
    """The texts that may reach ``threshold`` with a text of ``size`` bigrams whose prefix (its
    first bigrams, in order) is ``prefix``: those sharing a prefix bigram (``postings`` lists the indexed
    texts holding one in their own prefix), of compatible size, that pass the positional filter.

    Exact for any fixed order of the bigrams: the first bigram two similar texts share lies in
    both prefixes. The order only decides how many candidates there are."""
    smallest, largest = threshold * size - _EPSILON, size / threshold + _EPSILON
    ratio = threshold / (1 + threshold)
    overlap: dict[Hashable, int] = {}  # candidate -> prefix overlap so far, -1 once pruned
    for i, gram in enumerate(prefix):
        for y, j, other in postings(gram):
            seen = overlap.get(y, 0)
            if seen < 0 or not smallest <= other <= largest:
                continue
            # Positional filter (PPJoin): what is left after these positions bounds the
            # overlap; drop a candidate that can no longer reach the overlap Jaccard needs.
            needed = math.ceil(ratio * (size + other) - _EPSILON)
            overlap[y] = seen + 1 if seen + 1 + min(size - i - 1, other - j - 1) >= needed else -1
    return [y for y, seen in overlap.items() if seen > 0]


def similar_pairs(texts: Sequence[str], threshold: float) -> list[Pair]:
    """Pairs of distinct ``texts`` (normalised) whose bigram Jaccard similarity ≥ ``threshold``."""
    return all_pairs(texts, threshold).pairs


@dataclass(frozen=True)
class Join:
    """All the pairs of a set of texts, and what finds a new text's pairs among them later."""

    pairs: list[Pair]
    common: dict[str, int]  # the ranks of the common bigrams (``common_ranks``)
    prefixes: list[list[str]]  # per text: its prefix (``prefix``)
    sizes: list[int]  # per text: how many distinct bigrams


def all_pairs(texts: Sequence[str], threshold: float) -> Join:
    if not 0 < threshold <= 1:
        return Join([], {}, [[] for _ in texts], [0 for _ in texts])
    grams = [bigrams(text) for text in texts]
    common = common_ranks(grams)
    keys = frozenset(common)
    prefixes: list[list[str]] = [[] for _ in texts]
    index: dict[str, list[Posting]] = {}  # bigram -> (text, its position in that text's prefix, its size)
    pairs: list[Pair] = []
    # Smallest first: a text then mostly meets indexed texts no larger than itself.
    for x in sorted(range(len(texts)), key=lambda i: (len(grams[i]), i)):
        mine, size = grams[x], len(grams[x])
        prefixes[x] = first = prefix(mine, prefix_length(size, threshold), common, keys)
        for y in candidates(first, size, threshold, lambda gram: index.get(gram, ())):
            theirs = grams[y]  # type: ignore[index]
            shared = len(mine & theirs)
            similarity = shared / (size + len(theirs) - shared)
            if similarity >= threshold - _EPSILON and texts[x] != texts[y]:  # type: ignore[index]
                pairs.append(Pair(min(x, y), max(x, y), similarity))  # type: ignore[type-var]
        for position, gram in enumerate(first):
            index.setdefault(gram, []).append((x, position, size))
    return Join(sorted(pairs, key=lambda p: (p.first, p.second)), common, prefixes, [len(g) for g in grams])


class Fresh:
    """Normalised texts and similar pairs computed afresh, as WB408 asks for them when no
    index remembers them between runs (index/similar.py does, with the same results)."""

    def normalised(self, texts: Sequence[str]) -> list[str]:
        return [normalise(text) for text in texts]

    def pairs(self, group: str, texts: Sequence[str], threshold: float) -> list[Pair]:
        return similar_pairs(texts, threshold)

    def groups(self, groups: Mapping[str, Sequence[str]], threshold: float) -> dict[str, list[Pair]]:
        if not 0 < threshold <= 1:
            return {group: [] for group in groups}
        return {group: similar_pairs(texts, threshold) for group, texts in groups.items()}
