"""Posts of one account with the same or nearly the same text, or repeating a published one.

Why: Weibo rejects a repeated text (errors 20017, 20019, 20111), and nearly the same text
twice reads as spam to followers.

Compared: the rendered texts of the posts the publisher still owes (approved, no publication
record), account by account. Texts are normalised first (Unicode NFKC, case folded, white
space, punctuation and emoji dropped): equal normalised texts are duplicates; texts whose
character-bigram Jaccard similarity reaches ``similarity`` are near duplicates (found by
prefix filtering, exactly, without comparing every pair). A pending post whose exact text
has the ``text_sha256`` of a publication record of its account repeats a published post.
Drafts count for nothing.

Bad: two approved posts on 星河咖啡 both saying 「今天上新：桂花燕麦拿铁！」 and
「今天上新 桂花燕麦拿铁」.

Good: one of them rewritten, or moved to a draft.

Options: ``similarity`` (default 0.85) — the bigram Jaccard similarity from which two texts
are near duplicates; 1.0 reports exact duplicates only.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter

from weibo_lint.collection import Collection
from weibo_lint.i18n import _
from weibo_lint.problem import Finding
from weibo_lint.schedule import timeline
from weibo_lint.schedule.similar import text_sha256

CODE = "WB408"
NAME = "duplicate-content"
SCOPE = "collection"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB408` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """同一账号的帖子内容相同或几乎相同，或重复了已发布的帖子。

为什么：微博会拒绝重复的内容（错误 20017、20019、20111），而几乎相同的内容发两次，在粉丝看来就是刷屏。

比较对象：发布器尚未发出的帖子（已批准、没有发布记录）渲染后的正文，按账号分别比较。先做归一化（Unicode NFKC、大小写折叠，去掉空白、标点和表情）：归一化后相同即重复；字符二元组 Jaccard 相似度达到 ``similarity`` 即近似重复。与本账号某条发布记录的 ``text_sha256`` 相同的待发帖子，算重复已发布的内容。草稿不算。

错误示例：星河咖啡两条已批准的帖子「今天上新：桂花燕麦拿铁！」和「今天上新 桂花燕麦拿铁」。

正确示例：改写其中一条，或挪到另一个账号。

选项：``similarity``（默认 0.85）——判定近似重复的二元组 Jaccard 相似度，0 到 1；1.0 表示只报告完全相同的。
"""
SHOWN = 5  # other posts named in one problem
_SIMILARITY, _PATH = itemgetter(0), itemgetter(1)  # of a near duplicate's (similarity, path)


@dataclass(frozen=True)
class Options:
    similarity: float = field(default=0.85, metadata={"range": (0.0, 1.0)})


def find(collection: Collection, options: Options) -> Iterator[Finding]:
    line = collection.timeline()
    pending = {key: [item for item in items if item.pending and item.text]
               for key, items in sorted(line.by_account.items())}
    pending = {key: items for key, items in pending.items() if items}
    everything = [item for items in pending.values() for item in items]
    sums = [text_sha256(item.text or "") for item in everything]
    digests = dict(zip([item.path for item in everything], sums))
    published = _published_hashes(collection, set(sums))
    memory = collection.near_duplicates  # index/similar.py's NearDuplicates
    forms = iter(memory.normalised([item.text or "" for item in everything], sums))
    members = {key: _members([next(forms) for _item in items]) for key, items in pending.items()}
    near = memory.groups({key: list(distinct) for key, distinct in members.items()},
                         options.similarity) if options.similarity < 1 else {}
    for key, items in pending.items():
        yield from _repeats(items, digests, published.get(key, {}), collection.config.timezone)
        yield from _exact(items, members[key])
        yield from _near(items, members[key], near.get(key, []))


def _published_hashes(collection, wanted: set[str]) -> dict[str, dict[str, object]]:
    """Account key -> text digest -> the publication (of the first post path) with it, for
    ``wanted`` digests; a record without a digest is compared by its post's text."""
    published = collection.published  # read from the index: ask it, do not walk it
    found = [(record, record.text_hash) for record in published.with_digests(wanted)]
    found += [(record, text_sha256(text)) for record, text in published.without_digest() if text]
    hashes: dict[str, dict[str, object]] = {}
    for record, digest in sorted(found, key=lambda pair: pair[0].path):
        if digest in wanted:
            account = collection.config.account(record.account)
            hashes.setdefault(account.key if account else record.account, {}).setdefault(digest, record)
    return hashes


def _repeats(pending, digests, hashes, tz):
    for item in pending:
        record = hashes.get(digests[item.path])
        if record is not None:
            yield Finding(
                _("repeats the text published from {path} on {day} (Weibo rejects a repeat: error 20019)")
                .format(path=record.path, day=f"{timeline.utc(record.published_at, tz).astimezone(tz):%Y-%m-%d}"),
                path=item.path, line=item.line, related=(record.path,),
            )


def _named(paths: list[str], total: int | None = None) -> tuple[str, tuple[str, ...]]:
    """The message's list of the other posts (``total`` of them, the first of them in
    ``paths``) and the related paths: a few, not thousands (a thousand posts of one text
    would otherwise make a million-path report)."""
    shown = tuple(paths[:SHOWN])
    more = (len(paths) if total is None else total) - len(shown)
    return ", ".join(shown) + (_(" and {more} more").format(more=more) if more else ""), shown


def _members(keys: list[str]) -> dict[str, list[int]]:
    """Each distinct normalised text -> the indexes of the posts with it."""
    members: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        members.setdefault(key, []).append(index)
    return members


def _exact(pending, members: dict[str, list[int]]):
    for same in (indexes for indexes in members.values() if len(indexes) > 1):  # in order of first post
        first = [pending[i].path for i in same[:SHOWN + 1]]  # enough to name SHOWN others of any of them
        for index in same:
            names, related = _named([path for path in first if path != pending[index].path], len(same) - 1)
            yield Finding(_("same text as {names}").format(names=names), path=pending[index].path, line=pending[index].line,
                          related=related)


def _near(pending, members: dict[str, list[int]], pairs):
    """One problem a post with near duplicates (pairs of ``members``' texts), the most similar first."""
    distinct = list(members)
    near: dict[int, list[tuple[float, str]]] = {}  # post -> (similarity, path) of its near duplicates
    for pair in pairs:
        first, second = members[distinct[pair.first]], members[distinct[pair.second]]
        for mine, theirs in ((first, second), (second, first)):
            found = [(pair.similarity, pending[i].path) for i in theirs]
            for index in mine:
                near.setdefault(index, []).extend(found)
    for index in sorted(near):
        ranked = sorted(near[index], key=_PATH)
        ranked.sort(key=_SIMILARITY, reverse=True)  # the most similar first, then by path (a stable sort)
        # Only the names shown are formatted: a post of a repost cluster has hundreds of others.
        names, _related = _named([f"{path} ({found:.0%})" for found, path in ranked[:SHOWN]], len(ranked))
        yield Finding(_("nearly the same text as {names}").format(names=names), path=pending[index].path, line=pending[index].line,
                      related=tuple(path for _found, path in ranked[:SHOWN]))
