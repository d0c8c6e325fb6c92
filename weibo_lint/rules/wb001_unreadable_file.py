"""A file that cannot be read as text: not UTF-8, binary, or unreadable.

Also a file this tool will not read (a post, column file or template): a symbolic link that
leads outside the repository, anything but a regular file (a FIFO, a device), one too
large (posts 16 MiB, column files and templates 1 MiB); and a folder under ``posts/``,
``columns/`` or ``templates/`` that cannot be listed. Symbolic links that stay inside the
repository are followed.

Why: a post Weibo cannot receive as text is not a post; every other file is still checked.
A file outside the repository is not under review, and must never be shown or rewritten.
A UTF-8 byte-order mark and Windows line ends (CRLF) are fine.

Bad: a post saved as GBK, a picture renamed to ``.md``, ``posts/x.md -> /etc/passwd``.

Good: the same text saved as UTF-8, committed as a file.

Options: none.
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.frontmatter import SourceError
from weibo_lint.problem import Finding
from weibo_lint.rules.base import NoOptions

CODE = "WB001"
NAME = "unreadable-file"
SCOPE = "source"
LEVEL = "error"

# The documentation in Simplified Chinese (`weibo-lint rules WB001` in Chinese; docs/rules.zh-CN.md).
DOC_ZH = """无法作为文本读取的文件：不是 UTF-8、是二进制文件，或读取失败。

也包括本工具不会读取的文件（帖子、栏目文件或模板）：指向仓库之外的符号链接、非普通文件（FIFO、设备）、过大的文件（帖子 16 MiB，栏目文件和模板 1 MiB），以及 ``posts/``、``columns/``、``templates/`` 下无法列出的文件夹。仓库内部的符号链接会被跟随。

为什么：微博无法接收的文本就不是帖子；其他文件照常检查。仓库外的文件不在审核范围内，绝不能被显示或改写。UTF-8 的 BOM 和 Windows 换行（CRLF）没有问题。

错误示例：以 GBK 保存的帖子，改名为 ``.md`` 的图片，``posts/x.md -> /etc/passwd``。

正确示例：同样的文字以 UTF-8 保存，作为普通文件提交。

选项：无。
"""


def find(error: SourceError, options: NoOptions) -> Iterator[Finding]:
    if error.code == CODE:
        yield Finding(error.message, line=error.line, column=error.column)
