"""A picture the post attaches does not exist.

Pictures are the front matter's ``images`` (paths from the repository root) and the
Markdown's ``![alt](path)`` (from the repository root too, or from the post's folder
when the path starts with ``./`` or ``../``, as editors preview them). Paths outside the
repository are WB604's.

Why: the publisher cannot upload a file that is not there, and a manual poster will
post without the picture.

The message names a file beside it that differs only in case or by one letter: names are
case-sensitive on Linux, where CI and the publisher run, even when a Mac's disk ignores case.

Bad: ``images: [images/winter-late.jpg]`` (a typo), ``images: [images/Latte.JPG]`` (the file
is ``latte.jpg``), ``![](./missing.png)``

Good: ``images: [images/winter-latte.jpg]``, ``![](../../images/pour-over.png)``

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.i18n import _
from weibo_lint.model import ImageInfo
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions, PostContext

CODE = "WB601"
NAME = "image-missing"
SCOPE = "post"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB601` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """帖子附带的图片不存在。

图片包括前言中的 ``images``（从仓库根目录算起的路径）和 Markdown 中的 ``![alt](path)``（也从仓库根目录算起；以 ``./`` 或 ``../`` 开头时从帖子所在文件夹算起，与编辑器预览一致）。指向仓库之外的路径由 WB604 处理。

为什么：发布器无法上传不存在的文件，手动发布的人会漏掉图片。

错误示例：``images: [images/winter-late.jpg]``（拼写错误）、``![](./missing.png)``

正确示例：``images: [images/winter-latte.jpg]``、``![](../../images/pour-over.png)``

选项：无。
"""


def located_images(context) -> list[tuple[ImageInfo, int, int]]:
    """Each picture of the post (front matter first, then the body's, as the engine
    probed them) with the file line and column of its path."""
    if not context.images:
        return []
    post = context.post
    positions = _front_matter_positions(post)
    if context.rendered is not None:
        for picture in context.rendered.flat.pictures:
            if picture.src:
                positions.append(_line_col(post.text, post.body_offset + picture.offset))
    return [(info, line, column) for info, (line, column) in zip(context.images, positions)]


def _front_matter_positions(post) -> list[tuple[int, int]]:
    head = post.text[:post.body_offset]
    key_line = post.line_of("images")
    cursor = 0
    for _line in range(key_line - 1):
        cursor = head.find("\n", cursor) + 1
    positions = []
    for src in post.images:
        at = head.find(src, cursor)
        if at < 0:
            positions.append((key_line, 1))  # quoted or escaped in the YAML: point at the key
            continue
        positions.append(_line_col(head, at))
        cursor = at + len(src)
    return positions


def _line_col(text: str, offset: int) -> tuple[int, int]:
    offset = min(offset, len(text))
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def find(context: PostContext, options: NoOptions) -> Iterator[Finding]:
    for info, line, column in located_images(context):
        if not info.exists and not info.outside:
            yield Finding(_message(info), line=line, column=column)


def _message(info: ImageInfo) -> str:
    if info.near is None:
        return _("picture '{path}' does not exist (paths are from the repository root; './' and '../' paths "
                 "from the post's folder)").format(path=info.path)
    message = _("picture '{path}' does not exist: did you mean {near}?").format(path=info.path, near=info.near)
    if info.near.lower() == info.path.lower():
        # A Mac's disk ignores case, so the writer's preview shows the picture; CI and the
        # publisher run on Linux, where it is another file name.
        message += _(" File names are case-sensitive on Linux, where CI and the publisher run, even if a Mac's "
                     "disk finds the file")
    return message
