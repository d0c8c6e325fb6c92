"""A post or column names an account that ``weibo.yaml`` does not define.

Accounts are referred to by their key in ``weibo.yaml`` or by their screen name.

Why: the account decides the limit, the publishing path and the token.

Bad: ``account: offical``

Good: ``account: official``

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.i18n import _
from weibo_lint.problem import Finding
from weibo_lint.rules.base import ColumnContext, NoOptions, PostContext
from weibo_lint.schema import did_you_mean

CODE = "WB305"
NAME = "unknown-account"
SCOPE = ("post", "column")
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB305` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """帖子或栏目指定的账号在 ``weibo.yaml`` 中没有定义。

账号可以用 ``weibo.yaml`` 中的键名或微博昵称来指定。

为什么：账号决定字数上限、发布方式和 token。

错误示例：``account: offical``

正确示例：``account: official``

选项：无。
"""


def find(context: PostContext | ColumnContext, options: NoOptions) -> Iterator[Finding]:
    subject = context.subject
    ref = subject.account
    if ref and context.config.account(ref) is None:
        hint = did_you_mean(ref, context.config.accounts)
        yield Finding(_("no account {name} in weibo.yaml{hint}").format(name=repr(ref), hint=hint), line=subject.line_of("account"))
