"""A post's text cut into the pieces a Weibo card shows differently (docs/platform.md §3).

Weibo shows topics and mentions as blue links, replaces a URL with a link icon and the
words 「网页链接」, and draws emoticons such as ``[心]`` as pictures. The pieces are plain
values; the template escapes every one of them.
"""
from __future__ import annotations

from dataclasses import dataclass

from weibo_lint.entities import find_entities

LINK_LABEL = "网页链接"  # what Weibo shows in place of a URL


@dataclass(frozen=True)
class Segment:
    kind: str  # text | topic | mention | link | emoticon
    text: str  # what the card shows
    value: str = ""  # the URL of a link, the topic or nickname otherwise


def segments(text: str) -> tuple[Segment, ...]:
    """``text`` as card pieces in order; their concatenation shows the whole text."""
    pieces: list[Segment] = []
    at = 0
    for entity in find_entities(text):
        if entity.start < at:  # overlapping finds (a topic inside a link's span): the first wins
            continue
        if entity.start > at:
            pieces.append(Segment("text", text[at:entity.start]))
        shown = LINK_LABEL if entity.kind == "link" else entity.text
        pieces.append(Segment(entity.kind, shown, entity.value))
        at = entity.end
    if at < len(text):
        pieces.append(Segment("text", text[at:]))
    return tuple(pieces)
