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
import random
import re
import sys
import unicodedata
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from typing import NamedTuple, TypeVar

_NOT_WORD = re.compile(r"[\W_]+")
_EPSILON = 1e-9
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"  # the machine's words
SHORT = 1 << 54  # the code of a text of one character or none: above every bigram's (< 2 ** 53)
_SIZE = itemgetter(2)  # of a posting


def normalise(text: str) -> str:
    """The text Weibo's repeat check most plausibly sees; falls back to the stripped text
    when nothing would be left (a post of emoji only)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_WORD.sub("", folded) or folded.strip()


def text_sha256(text: str) -> str:
    """The digest the publisher records for a published text (``text_sha256``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def bigrams(text: str) -> frozenset[int]:
    """The text's character bigrams, each one integer: two code points in a 64-bit word, read
    straight from the UTF-32 encoding (cheaper to make, hash and compare than two-character
    strings). A text too short for a bigram is its own one code, apart from every bigram's."""
    if len(text) < 2:
        return frozenset((SHORT + (ord(text) + 1 if text else 0),))
    raw = memoryview(text.encode(_UTF32, "surrogatepass"))
    size = len(raw)
    # Words at even and at odd characters: each character with the next.
    return frozenset(raw[:size // 8 * 8].cast("Q")).union(raw[4:4 + (size - 4) // 8 * 8].cast("Q"))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    common = len(a & b)
    return common / (len(a) + len(b) - common)


class Pair(NamedTuple):  # a tuple: thousands a run, made, sorted and compared in C
    first: int  # indexes into the input
    second: int
    similarity: float


COMMON = 3  # a bigram in this many texts of the sample is ranked by its frequency
SAMPLE = 2000  # texts of a group whose bigrams are counted


def common_ranks(grams: Sequence[Iterable[int]]) -> dict[int, int]:
    """The ranks of the bigrams found in ``COMMON`` or more of a sample of the texts (``SAMPLE``
    of them, drawn at random with a fixed seed), rarest first. A sample finds the bigrams
    common enough to matter (those in hundreds of texts, kept out of the prefixes) for a
    fraction of the cost of counting them all; any fixed order keeps the join exact. Not
    every n-th text: texts come in publishing order, where two columns of an account
    alternate, and every second text would count one column's template and miss the other's
    (whose common bigrams, taken for rare, then sat in every prefix: ``bench/real_bench.py
    --generated`` shows what that costs)."""
    if len(grams) > SAMPLE:
        grams = [grams[i] for i in sorted(random.Random(len(grams)).sample(range(len(grams)), SAMPLE))]
    frequency = Counter(chain.from_iterable(grams))
    common = sorted((count, gram) for gram, count in frequency.items() if count >= COMMON)
    return {gram: number for number, (_count, gram) in enumerate(common)}


def prefix(grams: frozenset[int], length: int, common: Mapping[int, int], keys: frozenset[int]) -> list[int]:
    """The first ``length`` of ``grams`` in the order prefix filtering uses: the bigrams that
    are not common first, by code (no table needed, and a bigram never seen before is among
    them), then the common ones, rarest first (``common``, with ``keys`` its keys). Any fixed
    order keeps prefix filtering exact; rarest first keeps it fast."""
    rare = sorted(grams - keys)
    if len(rare) >= length:
        return rare[:length]
    return rare + sorted(grams & keys, key=common.__getitem__)[:length - len(rare)]


def prefix_length(size: int, threshold: float) -> int:
    """How many of a text's first (rarest) bigrams a similar text must share one of."""
    return size - math.ceil(threshold * size - _EPSILON) + 1


def index_length(size: int, threshold: float) -> int:
    """How many of a text's first bigrams a similar text no smaller than it must share one
    of (PPJoin's index prefix: their overlap is at least ``2t / (1 + t)`` of the smaller)."""
    return size - math.ceil(2 * threshold / (1 + threshold) * size - _EPSILON) + 1


Text = TypeVar("Text", bound=Hashable)  # how a caller names a text: its position, its digest
BigramHit = tuple[Text, int, int]  # an inverted-index posting: (text, the bigram's position in that text's order, its size)


def candidates(prefix: Sequence[int], size: int, threshold: float, index: Mapping[int, list[BigramHit[Text]]],
               growing: bool = False) -> list[Text]:
    """The texts that may reach ``threshold`` with a text of ``size`` bigrams whose prefix (its
    first bigrams, in order) is ``prefix``: those sharing a prefix bigram (``index`` lists the
    indexed texts holding one in their own prefix), of compatible size, that pass the
    positional filter. ``growing``: no text probed later is smaller than this one, and each
    list of ``index`` is in ascending size, so the texts too small for this one are dropped
    from it for good.

    Exact for any fixed order of the bigrams: the first bigram two similar texts share lies in
    both prefixes. The order only decides how many candidates there are."""
    smallest, largest = threshold * size - _EPSILON, size / threshold + _EPSILON
    ratio = threshold / (1 + threshold)
    overlap: dict[Text, int] = {}  # candidate -> prefix overlap so far, -1 once pruned
    ceil, get = math.ceil, index.get
    for i, gram in enumerate(prefix):
        postings = get(gram)
        if not postings:
            continue
        if growing and postings[0][2] < smallest:
            del postings[:bisect_left(postings, smallest, key=_SIZE)]
        left = size - i - 1
        for y, j, other in postings:
            seen = overlap.get(y, 0)
            if seen < 0 or not smallest <= other <= largest:
                continue
            # Positional filter (PPJoin): what is left after these positions bounds the
            # overlap; drop a candidate that can no longer reach the overlap Jaccard needs.
            needed = ceil(ratio * (size + other) - _EPSILON)
            overlap[y] = seen + 1 if seen + 1 + min(left, other - j - 1) >= needed else -1
    return [y for y, seen in overlap.items() if seen > 0]


def similar_pairs(texts: Sequence[str], threshold: float) -> list[Pair]:
    """Pairs of distinct ``texts`` (normalised) whose bigram Jaccard similarity ≥ ``threshold``."""
    return all_pairs(texts, threshold).pairs


@dataclass(frozen=True)
class Join:
    """All the pairs of a set of texts, and what finds a new text's pairs among them later."""

    pairs: list[Pair]
    common: dict[int, int]  # the ranks of the common bigrams (``common_ranks``)
    prefixes: list[list[int]]  # per text: its prefix (``prefix``)
    sizes: list[int]  # per text: how many distinct bigrams


def all_pairs(texts: Sequence[str], threshold: float) -> Join:
    if not 0 < threshold <= 1:
        return Join([], {}, [[] for _ in texts], [0 for _ in texts])
    # Each text's bigrams kept as an array of 64-bit words, not a set of int objects: a tenth
    # of the memory (70 MB for 10,000 real posts as sets); a text's set is made again when it
    # is the one probing, and a candidate's array is only iterated.
    words = [array("Q", bigrams(text)) for text in texts]
    common = common_ranks(words)
    keys = frozenset(common)
    sizes = [len(grams) for grams in words]
    prefixes: list[list[int]] = [[] for _ in texts]
    index: dict[int, list[BigramHit[int]]] = {}  # bigram -> (text, its position in that text's prefix, its size)
    pairs: list[Pair] = []
    # Smallest first: a text then meets only indexed texts no larger than itself.
    for x in sorted(range(len(texts)), key=lambda i: (sizes[i], i)):
        mine, size = frozenset(words[x]), sizes[x]
        prefixes[x] = first = prefix(mine, prefix_length(size, threshold), common, keys)
        for y in candidates(first, size, threshold, index, growing=True):
            shared = len(mine.intersection(words[y]))
            similarity = shared / (size + sizes[y] - shared)
            if similarity >= threshold - _EPSILON and texts[x] != texts[y]:
                pairs.append(Pair(min(x, y), max(x, y), similarity))
        # Texts still to come are no smaller: they need only meet this one's index prefix.
        for position, gram in enumerate(first[:index_length(size, threshold)]):
            index.setdefault(gram, []).append((x, position, size))
    return Join(sorted(pairs, key=lambda p: (p.first, p.second)), common, prefixes, sizes)
