"""A post names a column that has no file in ``columns/``.

Why: without its column a post has no template, topic or cadence.

The message names the column meant: the one whose ``name`` was written instead of its
file name (``column: 新品速递`` → ``new-arrivals (新品速递)``), or the closest file name.

Bad: ``column: daily-questoin``, ``column: 每日一问`` (the column's name, not its file)

Good: ``column: daily-question`` (``columns/daily-question.yaml`` exists)

Options: none.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterator

from weibo_lint.i18n import _
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions, PostContext

CODE = "WB304"
NAME = "unknown-column"
SCOPE = "post"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB304` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """帖子指定的栏目在 ``columns/`` 里没有对应的文件。

为什么：没有栏目，帖子就没有模板、话题和发布频率。

错误示例：``column: daily-questoin``

正确示例：``column: daily-question``（``columns/daily-question.yaml`` 存在）

选项：无。
"""


def find(context: PostContext, options: NoOptions) -> Iterator[Finding]:
    post = context.post
    if post.column and context.column is None:
        yield Finding(_("no column {name} in columns/{hint}").format(name=repr(post.column),
                                                                       hint=_hint(post.column, context)),
                      line=post.line_of("column"))


def _hint(written: str, context) -> str:
    """The column meant: one whose name (not file name) was written, else the closest file
    name or name. A post names its column by the file's slug, which a writer seldom knows."""
    names = dict(context.column_names)
    by_name = [slug for slug, name in context.column_names if name == written.strip()]
    if by_name:
        return _(" (did you mean {slug} ({name})? a post names its column by the file name in columns/, not by "
                 "its name)").format(slug=by_name[0], name=names[by_name[0]])
    close = difflib.get_close_matches(written, list(context.known_columns), n=1, cutoff=0.6)
    if not close:
        close = [slug for slug, name in context.column_names
                 if difflib.get_close_matches(written, [name], n=1, cutoff=0.6)][:1]
    if close:
        name = names.get(close[0])
        shown = f"{close[0]} ({name})" if name and name != close[0] else close[0]
        return _(" (did you mean {name}?)").format(name=shown)
    return ""
