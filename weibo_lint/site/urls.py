"""Where each page lives in the site, and relative links between pages.

Every link is relative to the page that holds it (no leading ``/``, no host), so the same
folder works from ``file://``, from a local server and from a GitHub Pages project path.
"""
from __future__ import annotations

import hashlib
from pathlib import PurePosixPath
from urllib.parse import quote

INDEX = "index.html"
METRICS = "metrics.html"


def _safe_parts(path: PurePosixPath) -> bool:
    return not path.is_absolute() and all(part not in ("", ".", "..") for part in path.parts)


def post_page(post_path: str, posts_dir: str) -> str:
    """``posts/2026-11/a.md`` -> ``post/2026-11/a.html`` (the path under the posts folder)."""
    prefix = posts_dir.strip("/") + "/"
    inside = post_path[len(prefix):] if post_path.startswith(prefix) else post_path
    stem, dot, _suffix = inside.rpartition(".")
    inside = stem if dot and stem and not stem.endswith("/") else inside
    parts = inside.split("/")
    if inside.startswith("/") or any(part in ("", ".", "..") for part in parts):
        inside = hashlib.sha256(post_path.encode()).hexdigest()[:16]
    return f"post/{inside}.html"


def column_page(slug: str) -> str:
    safe = slug and "/" not in slug and slug not in (".", "..")
    name = slug if safe else hashlib.sha256(slug.encode()).hexdigest()[:16]
    return f"column/{name}.html"


def media_path(repo_path: str) -> str | None:
    """Where a picture (a path inside the repository) is copied; None for a path that is not."""
    pure = PurePosixPath(repo_path)
    return f"media/{pure.as_posix()}" if _safe_parts(pure) else None


def relative(from_page: str, target: str) -> str:
    """The href from ``from_page`` to ``target`` (both site-relative, normalised), percent-encoded."""
    here, there = from_page.split("/")[:-1], target.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return quote("/".join([".."] * (len(here) - common) + there[common:]), safe="/")


class Linker:
    """Links from one page, as the templates call it: ``url('metrics.html')``."""

    def __init__(self, page: str) -> None:
        self.page = page
        self.made: dict[str, str] = {}

    def __call__(self, target: str) -> str:
        href = self.made.get(target)
        if href is None:
            href = self.made[target] = relative(self.page, target)
        return href
