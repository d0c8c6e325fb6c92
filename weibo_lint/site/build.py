"""``weibo-lint build``: gather, make the page models, write the folder."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from weibo_lint.config import Config
from weibo_lint.errors import ConfigError
from weibo_lint.site.inputs import gather
from weibo_lint.site.pages import SiteSettings, site_pages
from weibo_lint.site.writer import write_site


@dataclass(frozen=True)
class BuildResult:
    out: Path
    pages: int
    pictures: int
    posts: int
    problems: int


def site_settings(config: Config) -> SiteSettings:
    try:
        return SiteSettings.read(config.site)
    except ValueError as exc:
        raise ConfigError(f"{config.path or 'weibo.yaml'}: {exc}") from None


def build_site(config: Config, *, out: Path, now: datetime, use_cache: bool = True) -> BuildResult:
    settings = site_settings(config)
    data, media = gather(config, now=now, use_cache=use_cache)
    pages = site_pages(data, settings)
    written = write_site(pages, out, root=config.root, override=config.dir("templates") / "site", media=media)
    return BuildResult(out, written, len(media), len(data.results), len(data.problems))
