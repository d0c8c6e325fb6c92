"""Many words found at once in a folded text: an Aho–Corasick automaton (``ahocorasick-rs``,
the Rust ``aho-corasick`` crate's bindings).

One pass over the text whatever the number of words, so a team's list of 10,000 names
costs about what a list of 10 does (bench/lexicon_bench.py). Not ``pyahocorasick``: a node
of its trie looks its next character up among its children one by one, and a list of
10,000 Chinese words has thousands of first characters, so matching a post took a hundred
times longer with 10,000 words than with 10. Words and text are folded alike (:mod:`textfold`), so
「最 好」, 「最優」 and ``ＴＯＰ１`` are found as 「最好」, 「最优」 and ``top1``.

Where words overlap, the one that starts first wins, and of those the longest; the text
then goes on after it. Words made of Latin letters or digits at an end match as whole
words only, judged on the text as written (``TOP1`` is not found in ``ATOP1`` or ``TOP10``).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from weibo_lint.textfold import BOUNDARY, Folded, fold_word

_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


@dataclass(frozen=True)
class Match:
    start: int  # in the original text
    end: int
    word: str  # the folded word that matched
    value: Any  # what the word was added with


class WordMatcher:
    """Words (each with a value) to find; the first value given for a word is kept."""

    def __init__(self, words: Iterable[tuple[str, Any]]) -> None:
        import ahocorasick_rs

        entries: dict[str, Any] = {}
        for word, value in words:
            key = fold_word(word)
            if key and BOUNDARY not in key and key not in entries:
                entries[key] = value
        self._keys = list(entries)
        self._values = list(entries.values())
        self.empty = not self._keys
        # Every match, overlapping ones too: where the longest word is no whole word
        # (``TOP10`` for ``top1``) a shorter one at the same place may be.
        self._automaton = None if self.empty else ahocorasick_rs.AhoCorasick(self._keys)

    def find(self, folded: Folded, original: str) -> list[Match]:
        if self._automaton is None or not folded.text:
            return []
        # (index, start, end) in characters of the folded text; leftmost first, then longest.
        candidates = sorted(((start, start - end, index) for index, start, end
                             in self._automaton.find_matches_as_indexes(folded.text, overlapping=True)))
        found: list[Match] = []
        reached = 0
        for start, negative_length, index in candidates:
            if start < reached:
                continue
            end = start - negative_length
            span = folded.span(start, end)
            key = self._keys[index]
            if not _whole_word(key, span, original):
                continue
            found.append(Match(span[0], span[1], key, self._values[index]))
            reached = end
        return found


def _whole_word(key: str, span: tuple[int, int], original: str) -> bool:
    """A word with a Latin letter or digit at an end is no part of a longer Latin word."""
    start, end = span
    if key[0] in _ASCII_ALNUM and start > 0 and _alnum(original[start - 1]):
        return False
    if key[-1] in _ASCII_ALNUM and end < len(original) and _alnum(original[end]):
        return False
    return True


def _alnum(char: str) -> bool:
    """An ASCII letter or digit, full-width ones included."""
    if char in _ASCII_ALNUM:
        return True
    return "\uff10" <= char <= "\uff19" or "\uff21" <= char <= "\uff3a" or "\uff41" <= char <= "\uff5a"
