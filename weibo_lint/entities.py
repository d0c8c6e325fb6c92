"""Topics, mentions and links as Weibo finds them in a text (PLATFORM.md §3).

Shared by the rules, ``preview`` and the site, so all three agree on what is a topic.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from weibo_lint.counting import URL_RE

# A topic is text between two half-width '#', spaces allowed, no line break.
TOPIC_RE = re.compile(r"#([^#\n]+)#")
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


def _url_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in URL_RE.finditer(text)]


def _inside(spans: list[tuple[int, int]], index: int) -> bool:
    return any(start <= index < end for start, end in spans)


def find_entities(text: str) -> list[Entity]:
    """Every topic, mention, link and emoticon, in text order. A '#' or '@' inside a URL
    belongs to the URL."""
    urls = _url_spans(text)
    found = [Entity("link", s, e, text[s:e], text[s:e]) for s, e in urls]
    found += [Entity("topic", m.start(), m.end(), m.group(0), m.group(1)) for m in TOPIC_RE.finditer(text)
              if not _inside(urls, m.start())]
    found += [Entity("mention", m.start(), m.end(), m.group(0), m.group(1)) for m in MENTION_RE.finditer(text)
              if not _inside(urls, m.start())]
    found += [Entity("emoticon", m.start(), m.end(), m.group(0), m.group(0)[1:-1])
              for m in EMOTICON_RE.finditer(text)]
    return sorted(found, key=lambda e: e.start)


def topics(text: str) -> list[Entity]:
    return [e for e in find_entities(text) if e.kind == "topic"]
