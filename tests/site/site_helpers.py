"""The site's tests build a small fixed repository (``tests/site/repo``), copied to a
temporary folder so that nothing is ever written into the source tree."""
from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from weibo_lint.config import load_config

HERE = Path(__file__).parent
REPO = HERE / "repo"
GOLDEN = HERE / "golden"
NOW = datetime.fromisoformat("2026-11-23T09:00:00+08:00")


def copy_repo(target: Path) -> Path:
    shutil.copytree(REPO, target, symlinks=True)
    return target


def build(repo: Path, out: Path | None = None) -> Path:
    from weibo_lint.site.build import build_site

    out = out or repo / "_site"
    build_site(load_config(repo / "weibo.yaml"), out=out, now=NOW, use_cache=False)
    return out


def site_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))
