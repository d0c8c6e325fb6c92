"""A picture Weibo will not take: not JPEG, PNG or GIF, or 5 MB or more on the API.

The format is read from the file's first bytes, not its name. The size limit applies to
accounts that publish through the API (``share``, ``update``): the upload must be under
5 MB (docs/platform.md §2.2; errors 20005 and 20006). ``manual`` accounts post through the
composer, which takes larger pictures.

Why: the API call fails with an image error and the post is not published.

Bad: ``images: [images/latte.webp]``, a 7 MB PNG on a ``share`` account

Good: ``images: [images/latte.jpg]``, the PNG saved as an optimised JPEG under 5 MB

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.i18n import _
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions, PostContext
from weibo_lint.rules.wb601_image_missing import located_images

CODE = "WB603"
NAME = "image-format"
SCOPE = "post"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB603` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """微博不接受的图片：不是 JPEG、PNG 或 GIF，或通过接口发布时达到 5 MB。

格式根据文件开头的字节判断，而不是文件名。大小限制只适用于通过接口发布的账号（``share``、``update``）：上传的图片必须小于 5 MB（错误 20005 和 20006）。``manual`` 账号通过发布器发，可以用更大的图片。

为什么：接口会报图片错误，帖子发不出去。

错误示例：``images: [images/latte.webp]``，``share`` 账号上一张 7 MB 的 PNG

正确示例：``images: [images/latte.jpg]``，把 PNG 存成 5 MB 以下的优化 JPEG

选项：无。
"""

FORMATS = ("jpeg", "png", "gif")
MAX_API_BYTES = 5 * 1024 * 1024
_NAMES = {"webp": "WebP"}


def find(context: PostContext, options: NoOptions) -> Iterator[Finding]:
    through_api = context.account if context.account is not None and context.account.api in ("share", "update") \
        else None
    for info, line, column in located_images(context):
        if not info.exists or info.outside:
            continue
        if info.kind not in FORMATS:
            what = _("a {kind} file").format(kind=_NAMES.get(info.kind, info.kind)) if info.kind \
                else _("not a picture Weibo knows")
            yield Finding(_("picture '{path}' is {what}: Weibo takes JPEG, PNG or GIF").format(path=info.path, what=what),
                          line=line, column=column)
        elif through_api is not None and info.size >= MAX_API_BYTES:
            yield Finding(_("picture '{path}' is {size} MB: the API takes pictures under 5 MB (account '{account}' "
                            "posts through {api})").format(path=info.path, size=f"{info.size / 1024 / 1024:.1f}",
                                                           account=through_api.key, api=through_api.api),
                          line=line, column=column)
