"""Render the page models with jinja2 and write the site folder (the I/O edge of the site).

One environment: sandboxed and bounded when the repository brings templates (they come from
pull requests, like post templates; see template_bounds), ``StrictUndefined`` so a typo fails the build, autoescape
on for every template. The repository's ``templates/site/`` folder comes first in a ChoiceLoader, so a
team overrides one template (or ``site.css``) without copying the others.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from weibo_lint import i18n
from weibo_lint.errors import UsageError
from weibo_lint.parallel import fork_map
from weibo_lint.safe_read import TEMPLATE_BYTES, read_inside
from weibo_lint.site import urls
from weibo_lint.site.output import MARKER, check_out, discard_staging, replace_folder, staging_folder, write_manifest
from weibo_lint.site.pages import Page
from weibo_lint.template_bounds import BoundedSiteEnvironment, TemplateLimit, render_bounded

__all__ = ["MARKER", "environment", "render_page", "write_site"]

# Far beyond what the slowest page of a big site needs, sandboxed (bench/site_bench.py measures
# it); the first page past either stops the build.
PAGE_SECONDS = 5.0
PAGE_CHARACTERS = 256 * 1024 * 1024

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
PACKAGE_STATIC = Path(__file__).parent / "static"


class SiteTemplateError(UsageError):
    """A site template that does not compile or fails while rendering."""


class RepositoryLoader(jinja2.BaseLoader):
    """The repository's site templates, each read as :mod:`weibo_lint.safe_read` reads a
    repository file: a link out of the repository or a FIFO is an error, never read."""

    def __init__(self, folder: Path, root: Path) -> None:
        self.folder, self.root = folder, root

    def get_source(self, environment, template):
        file = self.folder.joinpath(*split_template_path(template))
        if not os.path.lexists(file):
            raise jinja2.TemplateNotFound(template)
        raw = read_inside(self.root, file, TEMPLATE_BYTES)
        if isinstance(raw, OSError):
            raise SiteTemplateError(f"site template {template}: cannot read: {raw.strerror or raw}")
        try:
            return raw.decode("utf-8"), str(file), lambda: True
        except UnicodeDecodeError:
            raise SiteTemplateError(f"site template {template}: not valid UTF-8") from None


def override_file(override: Path | None, name: str, root: Path) -> bytes | None:
    """The repository's replacement for a static file (``site.css``), read safely; None if none."""
    if override is None or not os.path.lexists(override / name):
        return None
    raw = read_inside(root, override / name, TEMPLATE_BYTES)
    if isinstance(raw, OSError):
        raise SiteTemplateError(f"{override / name}: cannot read: {raw.strerror or raw}")
    return raw


def environment(override: Path | None, root: Path | None = None) -> jinja2.Environment:
    """The environment for a build. Sandboxed as soon as the repository overrides a template
    (those come from pull requests); the package's own templates alone are trusted code and
    render without the sandbox's per-attribute checks, a large part of a build's time
    (bench/site_bench.py)."""
    loaders: list[jinja2.BaseLoader] = []
    if override is not None and override.is_dir() and any(override.iterdir()):
        loaders.append(RepositoryLoader(override, root if root is not None else override))
    loaders.append(jinja2.FileSystemLoader(str(PACKAGE_TEMPLATES)))
    kind = BoundedSiteEnvironment if len(loaders) > 1 else jinja2.Environment  # an override folder is in use
    env = kind(loader=jinja2.ChoiceLoader(loaders), autoescape=True, undefined=jinja2.StrictUndefined,
               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False)
    env.globals.update(_=i18n._, lang=i18n.current(), weekdays=[i18n._(day) for day in i18n.WEEKDAYS])  # labels in the build's language (tests/test_i18n.py)
    return env


def render_page(env: jinja2.Environment, page: Page) -> str:
    values = {**page.values, "url": urls.Linker(page.path), "page_path": page.path}
    try:
        if isinstance(env, BoundedSiteEnvironment):  # the repository's templates: bounded as a post's are
            return render_bounded(lambda: env.get_template(page.template), values, limit=PAGE_CHARACTERS,
                                  seconds=PAGE_SECONDS)
        return env.get_template(page.template).render(values)
    except TemplateLimit as exc:
        raise SiteTemplateError(f"site template {page.template}: {exc}") from None
    except jinja2.TemplateError as exc:
        name, line = getattr(exc, "name", None) or page.template, getattr(exc, "lineno", None)
        where = f"{name}:{line}" if line else name
        raise SiteTemplateError(f"site template {where}: {exc.message or exc}") from None
    except Exception as exc:  # an override template may raise anything: report it, never crash
        raise SiteTemplateError(f"site template {page.template}: {type(exc).__name__}: {exc}") from None


PARALLEL_PAGES = 2000  # below this many pages, forking costs more than a second core saves


def _write_pages(env: jinja2.Environment, pages: Iterable[Page], out: Path) -> None:
    for page in pages:
        (out / page.path).write_text(render_page(env, page), encoding="utf-8")


def _write_page(into: tuple[jinja2.Environment, Path], page: Page) -> None:
    env, out = into
    (out / page.path).write_text(render_page(env, page), encoding="utf-8")


def write_site(pages: Iterable[Page], out: Path, *, root: Path, override: Path | None,
               media: dict[str, Path]) -> int:
    """Write every page, the static files (``site.css`` and the icon, each overridable from the
    override folder) and the pictures; returns the number of pages."""
    env = environment(override, root)
    out, previous = check_out(out, root)
    try:
        staging = staging_folder(out)
    except OSError as exc:
        raise UsageError(f"--out {out}: cannot create a folder beside it to build into: {exc.strerror or exc}") from None
    try:
        written = _write_all(env, list(pages), staging, override, media, root)
        write_manifest(staging)
        replace_folder(out, staging, previous)
    except OSError as exc:  # a full disk, say: the previous build stays as it was
        discard_staging(staging)
        raise UsageError(f"--out {out}: cannot write the site: {exc.strerror or exc}") from None
    except BaseException:
        discard_staging(staging)
        raise
    return written


def _write_all(env: jinja2.Environment, pages: list[Page], out: Path, override: Path | None,
               media: dict[str, Path], root: Path) -> int:
    for folder in sorted({(out / page.path).parent for page in pages}):
        folder.mkdir(parents=True, exist_ok=True)
    if len(pages) < PARALLEL_PAGES:
        _write_pages(env, pages, out)
    else:  # page kinds interleave, and so do the shares: they cost about the same
        fork_map(_write_page, (env, out), pages)
    written = len(pages)
    (out / "static").mkdir(exist_ok=True)
    for source in sorted(PACKAGE_STATIC.iterdir()):
        replaced = override_file(override, source.name, root)
        if replaced is None:
            shutil.copyfile(source, out / "static" / source.name)
        else:
            (out / "static" / source.name).write_bytes(replaced)
    for site_path, source in sorted(media.items()):
        target = out / site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return written
