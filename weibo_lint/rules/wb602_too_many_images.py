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

from weibo_lint.problem import Finding
from weibo_lint.rules.wb601_image_missing import located_images
from weibo_lint.i18n import _

CODE = "WB602"
NAME = "too-many-images"
SCOPE = "post"
LEVEL = "error"


def check(context, options):
    account = context.account
    if account is None:
        return
    pictures = located_images(context)
    if len(pictures) > account.pictures:
        _info, line, column = pictures[account.pictures]
        yield Finding(_("{count} pictures: account '{account}' ({api}) attaches at most {most} to a post")
                      .format(count=len(pictures), account=account.key, api=account.api, most=account.pictures),
                      line=line, column=column)
