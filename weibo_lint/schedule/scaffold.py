"""A new post's file name and text, for ``weibo-lint new``: pure, the command writes it.

The front matter holds what the column's template reads from ``post`` (a ``link`` on the
account's safe domain when the template prints ``post.link``), so the new draft renders and
lints clean; the body is a short placeholder to replace.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime

import yaml

_SLUG_CHARS = re.compile(r"[^a-z0-9]+")
PLACEHOLDER = "（待补充"  # the body's placeholder; WB105 refuses an approved post that still has it


def slug_of(title: str | None) -> str | None:
    """``"Winter Latte!"`` → ``winter-latte``; None for a title that is not plain ASCII (no
    pinyin here: a Chinese title gets a counter instead) or that leaves nothing."""
    if not title or not title.isascii():
        return None
    slug = _SLUG_CHARS.sub("-", title.lower()).strip("-")[:60].strip("-")
    return slug or None


def file_name(moment: datetime, column: str, title: str | None, taken: Callable[[str], bool]) -> str:
    """``YYYY-MM/YYYY-MM-DD-<column>-<slug>.md`` (under the posts folder), the first not ``taken``."""
    stem = f"{moment:%Y-%m}/{moment:%Y-%m-%d}-{column}-"
    slug = slug_of(title)
    candidates = [f"{stem}{slug}.md"] + [f"{stem}{slug}-{n}.md" for n in range(2, 1000)] if slug \
        else [f"{stem}{n}.md" for n in range(1, 1000)]
    return next(name for name in candidates if not taken(name))


def template_fields(template: str | None) -> set[str]:
    """The ``post.<field>`` (or ``post['field']``) names a template reads."""
    if not template:
        return set()
    from jinja2 import nodes
    from jinja2.sandbox import SandboxedEnvironment

    try:
        tree = SandboxedEnvironment().parse(template)
    except Exception:  # a broken template is the linter's to report, not ours
        return set()
    found = set()
    for node in tree.find_all(nodes.Getattr):
        if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) and node.node.name == "post":
            found.add(node.attr)
    for item in tree.find_all(nodes.Getitem):
        if isinstance(item, nodes.Getitem) and isinstance(item.node, nodes.Name) and item.node.name == "post" \
                and isinstance(item.arg, nodes.Const) and isinstance(item.arg.value, str):
            found.add(item.arg.value)
    return found


def _scalar(value: str) -> str:
    """A YAML scalar: plain when it reads back the same, else double-quoted (JSON is YAML)."""
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def _domain(safe_domain: str | None) -> str:
    domain = re.sub(r"^[a-z][a-z0-9+.-]*://", "", (safe_domain or "").strip().lower())
    return domain.split("/", 1)[0] or "www.example.com"


def post_text(*, column: str, column_name: str, moment: datetime, title: str | None, fields: set[str],
              safe_domain: str | None) -> str:
    lines = ["---", f"column: {column}", f"publish_at: {moment:%Y-%m-%d %H:%M}", "status: draft"]
    if title:
        lines.append(f"title: {_scalar(title)}")
    if "link" in fields:
        lines.append(f"link: https://{_domain(safe_domain)}/")
    lines += ["---", "<!-- 正文写在下面，模板会加上栏目的话题或链接；写好后把 status 改成 approved。 -->",
              f"{PLACEHOLDER}：{title or column_name}）", ""]
    return "\n".join(lines)
