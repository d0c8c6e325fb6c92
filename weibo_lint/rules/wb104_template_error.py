"""The column's template is missing, does not compile, or fails on this post.

Templates run in a sandbox with strict undefined values, so ``{{ post.lnk }}`` fails
here rather than posting an empty gap. They run within bounds, too: a second of CPU time,
512 MiB of memory, a million characters (besides the body) of output, and no repetition
(``'x' * 1000000000``) or power building more than that; a template past one fails on
each post that uses it. A template that cannot be read is reported here for each post
using it (and as WB001 on its file). The message names the template's file and line
(``templates/news.j2:3: syntax error: unexpected '}'``); a syntax error is reported on the
template file too. A front matter or column key the post lacks may be tested
(``{% if post.link %}``); printing it, or testing a misspelt key, fails.

Why: a post that cannot be rendered cannot be counted or published.

Bad: ``{{ post.link }}`` in a template, used by a post without ``link``.

Good: ``{{ post.link | default('') }}``, or give the post its link.

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions, PostContext

CODE = "WB104"
NAME = "template-error"
SCOPE = "post"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB104` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """栏目模板不存在、无法编译，或在这条帖子上运行出错。

模板在沙箱中运行，未定义的值会直接报错，所以 ``{{ post.lnk }}`` 会在这里失败，而不是发出一段空白。模板还有运行上限：1 秒 CPU、512 MiB 内存、除正文外一百万字的输出，以及不允许重复（``'x' * 1000000000``）或乘方构造超过上限的内容；超出上限的模板在使用它的每条帖子上报错。无法读取的模板会在使用它的每条帖子上报告（并在模板文件上报告 WB001）。

为什么：无法渲染的帖子既无法计数也无法发布。

错误示例：模板里有 ``{{ post.link }}``，而使用它的帖子没有 ``link``。

正确示例：``{% if post.link %}{{ post.link }}{% endif %}``，或者给帖子加上链接。

选项：无。
"""


def find(context: PostContext, options: NoOptions) -> Iterator[Finding]:
    if context.render_error:
        yield Finding(context.render_error, line=context.post.line_of("column"))
