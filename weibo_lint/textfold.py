"""Text folded for matching words that are written to slip past a plain match.

A writer (or a pasted draft) may hide 「最好」 as 「最 好」「最.好」「最\\u200b好」, as
traditional 「最優」, or write ``ＴＯＰ１`` in full-width letters. :func:`fold` turns a text
into the form every word list is matched in, and keeps, for each folded character, the
offset of the character it came from, so a match points at the text as written and can
quote it whole (「最 . 好」).

What folding does, character by character:

- NFKC: full-width Latin and digits become ASCII (``Ｎｏ.１`` → ``No.1``), ``①`` → ``1``;
  ASCII letters are lowered;
- traditional characters become simplified (OpenCC's ``t2s``: 「國家級」 → 「国家级」);
- spaces, zero-width and other invisible characters, combining marks, punctuation and
  symbols (emoji included) are dropped, so the characters around them join up; ``%`` is
  kept, since 「100%」 is a term and 「100」 is not;
- line breaks and the Chinese marks that end a sentence or a clause (。！？；：，、…) are
  *kept as boundaries*: nothing joins across them. 「最。好像」 is two sentences, not
  「最好」; an ASCII mark between two Chinese characters (「最.好」「最!好」) is no way to end a
  Chinese sentence, so it is taken for padding and dropped.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: What stands in the folded text for a boundary: no word contains it.
BOUNDARY = "\n"
# Marks that end a Chinese sentence or clause (full-width forms, as written), and line breaks.
_BOUNDARIES = frozenset("。！？；：，、…‥｡\n\r\u2028\u2029")
_KEPT = frozenset("%")
_DROPPED_CATEGORIES = ("Z", "C", "P", "S", "M")  # separators, controls/format, punctuation, symbols, marks


@dataclass(frozen=True)
class Folded:
    """A folded text: ``text[i]`` came from ``original[origin[i]]``."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that the folded ``text[start:end]`` came from."""
        return self.origin[start], self.origin[end - 1] + 1


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """What one character becomes (before traditional → simplified): '' when it is dropped."""
    if char in _BOUNDARIES:
        return BOUNDARY
    out = []
    for part in unicodedata.normalize("NFKC", char):
        if part in _KEPT or not unicodedata.category(part).startswith(_DROPPED_CATEGORIES):
            out.append(part.lower() if part.isascii() else part)
    return "".join(out)


@lru_cache(maxsize=1)
def _converter():
    import opencc  # the official OpenCC bindings: its t2s tables, not a table of ours

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` in simplified characters, one character for one (phrases converted where
    OpenCC keeps the length, character by character where it would not)."""
    if text.isascii():
        return text
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    out = []
    for char in text:
        one = _converter().convert(char)
        out.append(one if len(one) == 1 else char)
    return "".join(out)


def fold(text: str) -> Folded:
    """``text`` folded for matching, with the map back to it."""
    chars: list[str] = []
    origin: list[int] = []
    done = 0
    # Runs of common CJK ideographs and ASCII letters and digits fold to themselves (lower
    # case): copied whole, so a post costs a few runs, not a Python step per character.
    for run in _PLAIN_RUN.finditer(text):
        start, end = run.span()
        _fold_each(text, done, start, chars, origin)
        chars.append(run.group().lower())
        origin.extend(range(start, end))
        done = end
    _fold_each(text, done, len(text), chars, origin)
    return Folded(simplified("".join(chars)), tuple(origin))


_PLAIN_RUN = re.compile("[0-9A-Za-z\u4e00-\u9fff]+")


def _fold_each(text: str, start: int, end: int, chars: list[str], origin: list[int]) -> None:
    for index in range(start, end):
        for part in _fold_char(text[index]):
            chars.append(part)
            origin.append(index)


def fold_word(word: str) -> str:
    """A word of a list as it is matched: folded like a text (boundaries dropped)."""
    return fold(word).text.replace(BOUNDARY, "")
