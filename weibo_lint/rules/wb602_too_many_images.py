"""More pictures than the account can attach to one post.

The pictures are the front matter's ``images`` plus the Markdown's ``![alt](path)``.
The limit is the account's ``pictures`` in weibo.yaml: by default 1 for ``share`` and
``update`` accounts (the API takes one picture per call) and 9 for ``manual`` ones (the
composer's historical limit). The problem points at the first picture over the limit.

Why: the API rejects the extra pictures, or the composer will not take them: the post
goes out without the pictures it was written around.

Bad: two ``images`` in a post of a ``share`` account

Good: one picture per post on ``share`` and ``update``; up to 9 on ``manual``

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.i18n import _
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions, PostContext
from weibo_lint.rules.wb601_image_missing import located_images

CODE = "WB602"
NAME = "too-many-images"
SCOPE = "post"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB602` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """图片数量超过账号每条帖子能带的上限。

图片包括前言中的 ``images`` 和 Markdown 中的 ``![alt](path)``。上限是 weibo.yaml 中账号的 ``pictures``：``share`` 和 ``update`` 账号默认 1 张（接口每次只能带一张），``manual`` 账号默认 9 张。问题指向第一张超出上限的图片。

为什么：接口会拒绝多出的图片，发布器也放不进去：帖子会少了它本该配的图。

错误示例：``share`` 账号的帖子有两张 ``images``

正确示例：``share`` 和 ``update`` 每条一张；``manual`` 最多 9 张

选项：无。
"""


def find(context: PostContext, options: NoOptions) -> Iterator[Finding]:
    account = context.account
    if account is None:
        return
    pictures = located_images(context)
    if len(pictures) > account.pictures:
        _info, line, column = pictures[account.pictures]
        yield Finding(_("{count} pictures: account '{account}' ({api}) attaches at most {most} to a post")
                      .format(count=len(pictures), account=account.key, api=account.api, most=account.pictures),
                      line=line, column=column)
