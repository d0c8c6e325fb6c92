"""A picture path that leads outside the repository.

``..`` climbing out of it, an absolute path, a symlink pointing out, or a URL.

Posts are reviewed and published from the repository: a picture elsewhere is not under
review, is missing on the machine that publishes, and the API uploads a file, not a
link.

Why: the publisher (a CI job, a colleague) does not have the file, or has another one.

Bad: ``images: [/Users/lin/Desktop/latte.jpg]``, ``![](../../../latte.jpg)`` escaping
the repository, ``![](https://cdn.example.com/latte.jpg)``

Good: ``images: [images/latte.jpg]`` with the file committed

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from weibo_lint.i18n import _
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions, PostContext
from weibo_lint.rules.wb601_image_missing import located_images

CODE = "WB604"
NAME = "image-outside-repo"
SCOPE = "post"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB604` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """指向仓库之外的图片路径。

``..`` 跳出仓库、绝对路径、指向外部的符号链接，或网址。

帖子是在仓库里审核、从仓库发布的：别处的图片不在审核范围内，发布的机器上也没有它，而接口上传的是文件，不是链接。

为什么：发布的一方（CI 任务、同事）没有这个文件，或者有的是另一个文件。

错误示例：``images: [/Users/lin/Desktop/latte.jpg]``、跳出仓库的 ``![](../../../latte.jpg)``、``![](https://cdn.example.com/latte.jpg)``

正确示例：``images: [images/latte.jpg]``，并提交图片文件

选项：无。
"""


def _why(src: str) -> str:
    if src.lower().startswith(("http://", "https://")):
        return _("is a URL: the API uploads a file; commit the picture to the repository")
    if PurePosixPath(src).is_absolute() or src.startswith("\\") or (len(src) > 1 and src[1] == ":"):
        return _("is an absolute path: use a path inside the repository")
    if ".." in PurePosixPath(src.replace("\\", "/")).parts:
        return _("leads outside the repository ('..'): move the picture into it")
    return _("is a symlink that leads outside the repository: commit the picture itself")


def find(context: PostContext, options: NoOptions) -> Iterator[Finding]:
    for info, line, column in located_images(context):
        if info.outside:
            yield Finding(_("picture '{path}' {why}").format(path=info.path, why=_why(info.path)), line=line,
                          column=column)
