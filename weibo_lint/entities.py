"""Topics, mentions and links as Weibo finds them in a text (docs/platform.md §3).

Shared by the rules, ``preview`` and the site, so all three agree on what is a topic.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from weibo_lint.counting import URL_RE

# A nickname: CJK (the basic block Weibo's own pattern names), letters, digits, '_' and '-'.
MENTION_RE = re.compile(r"(?<![A-Za-z0-9.])@([\u4e00-\u9fa5A-Za-z0-9_-]{1,30})")
EMOTICON_RE = re.compile(r"\[[\u4e00-\u9fa5A-Za-z]{1,8}\]")


@dataclass(frozen=True)
class Entity:
    kind: str  # topic | mention | link | emoticon
    start: int
    end: int
    text: str  # the whole entity as written: '#话题#', '@昵称', the URL
    value: str  # the topic name, the nickname, the URL


def nickname_weight(name: str) -> int:
    """Nickname length as Weibo limits it: CJK counts 2 (4–30 allowed)."""
    return sum(2 if ord(ch) > 0xFF else 1 for ch in name)


# Topic marks: a topic is the text between two half-width '#' on one line (docs/platform.md §3.1).
HALF, FULL = "#", "＃"
_MARK_RE = re.compile("[#＃]")
# A Twitter-style tag: what Twitter would take as the tag (letters of any script, digits, '_').
_TAG_RE = re.compile(r"\w+")
_ASCII_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


@dataclass(frozen=True)
class Topic:
    """A pair of marks around a name: ``#name#`` (or with a full-width ``＃``)."""

    start: int
    end: int
    name: str
    full_width: tuple[int, ...]  # offsets of the marks that are '＃'


@dataclass(frozen=True)
class Unclosed:
    """A mark that makes no topic: ``tag`` (``#tag``), ``lone`` (``#`` then nothing), ``empty`` (``##``)."""

    kind: str
    start: int  # the mark
    end: int  # end of the span to point at: after the tag, the mark, or the second mark
    full_width: bool


@dataclass(frozen=True)
class TopicMarks:
    topics: tuple[Topic, ...]
    unclosed: tuple[Unclosed, ...]


@lru_cache(maxsize=8)
def url_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where Weibo's URL pattern matches in ``text``; the WB2xx and WB5xx rules all ask
    about the same rendered text, so it is searched once."""
    return tuple(match.span() for match in URL_RE.finditer(text))


@lru_cache(maxsize=8)
def read_topic_marks(text: str) -> TopicMarks:
    """Pair the topic marks of ``text`` the way a writer means them (see the module doc).

    Both '#' and '＃' take part in the pairing, so ``＃话题#`` is one (mis-written) topic
    for WB202 rather than a lone '#' here. Marks inside URLs are not marks.
    """
    if "#" not in text and FULL not in text:
        return TopicMarks((), ())
    in_url = covered(url_spans(text))
    marks = [m.start() for m in _MARK_RE.finditer(text) if not in_url(m.start())]
    topics: list[Topic] = []
    unclosed: list[Unclosed] = []
    k = 0
    while k < len(marks):
        p = marks[k]
        after = text[p + 1:p + 2]
        if _after_latin(text, p) and (not after or after.isspace()):
            k += 1  # 'C# 开发', '用 F#': a language name, not a mark
            continue
        if k + 1 < len(marks):
            q = marks[k + 1]
            inner = text[p + 1:q]
            if "\n" not in inner:
                if not inner.strip():
                    unclosed.append(Unclosed("empty", p, q + 1, text[p] == FULL or text[q] == FULL))
                    k += 2
                    continue
                chained = inner[-1].isspace() and bool(_TAG_RE.match(text, q + 1))  # '#tag1 #tag2'
                if not chained:
                    full = tuple(x for x in (p, q) if text[x] == FULL)
                    topics.append(Topic(p, q + 1, inner, full))
                    k += 2
                    continue
        k += 1
        tag = _TAG_RE.match(text, p + 1)
        if _after_latin(text, p) or (tag and tag.group(0).isdigit()):
            continue  # '3#楼', '排名 #1': text
        if tag:
            unclosed.append(Unclosed("tag", p, tag.end(), text[p] == FULL))
        else:
            unclosed.append(Unclosed("lone", p, p + 1, text[p] == FULL))
    return TopicMarks(tuple(topics), tuple(unclosed))


def covered(spans: Iterable[tuple[int, int]]) -> Callable[[int], bool]:
    """A test of whether an offset falls in one of ``spans`` (in any order, overlapping or
    not), in log time: a post with thousands of links must not make a check quadratic."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [start for start, _end in merged]

    def test(offset: int) -> bool:
        index = bisect.bisect_right(starts, offset) - 1
        return index >= 0 and offset < merged[index][1]

    return test


def _after_latin(text: str, offset: int) -> bool:
    return offset > 0 and text[offset - 1] in _ASCII_ALNUM


def find_entities(text: str) -> list[Entity]:
    """Every topic, mention, link and emoticon, in text order. A '#' or '@' inside a URL
    belongs to the URL. Topics are paired as WB201 pairs them (``read_topic_marks``)."""
    urls = url_spans(text)
    in_url = covered(urls)
    found = [Entity("link", s, e, text[s:e], text[s:e]) for s, e in urls]
    found += [Entity("topic", t.start, t.end, text[t.start:t.end], t.name)
              for t in read_topic_marks(text).topics if not t.full_width]
    found += [Entity("mention", m.start(), m.end(), m.group(0), m.group(1)) for m in MENTION_RE.finditer(text)
              if not in_url(m.start())]
    found += [Entity("emoticon", m.start(), m.end(), m.group(0), m.group(0)[1:-1])
              for m in EMOTICON_RE.finditer(text)]
    return sorted(found, key=lambda e: e.start)


def topics(text: str) -> list[Entity]:
    return [e for e in find_entities(text) if e.kind == "topic"]
