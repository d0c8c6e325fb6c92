"""The rendered post has nothing to post.

Why: Weibo needs at least one character (API error 20008 "content is null").

Bad: a post whose body is only an HTML comment, with a template that adds nothing.

Good: a body with text.

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.i18n import _
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions, PostContext

CODE = "WB102"
NAME = "post-empty"
SCOPE = "post"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB102` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """渲染后的帖子没有可发的内容。

为什么：微博至少需要一个字（接口错误 20008 "content is null"）。

错误示例：正文只有一个 HTML 注释，模板也没有加任何内容。

正确示例：有文字的正文。

选项：无。
"""


def find(context: PostContext, options: NoOptions) -> Iterator[Finding]:
    if context.rendered is not None and not context.rendered.text.strip():
        yield Finding(_("nothing to post: the rendered text is empty"), line=context.post.body_line)
