"""Render the page models with jinja2 and write the site folder (the I/O edge of the site).

One environment: sandboxed when the repository brings templates (they come from pull
requests, like post templates), ``StrictUndefined`` so a typo fails the build, autoescape
on for every template. The repository's ``templates/site/`` folder comes first in a ChoiceLoader, so a
team overrides one template (or ``site.css``) without copying the others.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterable

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from weibo_lint.errors import UsageError
from weibo_lint.parallel import fork_map, processes
from weibo_lint.site import urls
from weibo_lint.site.pages import Page

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
PACKAGE_STATIC = Path(__file__).parent / "static"
MARKER = ".weibo-lint-site"  # marks a folder this command built, and may therefore empty


class SiteTemplateError(UsageError):
    """A site template that does not compile or fails while rendering."""


def environment(override: Path | None) -> jinja2.Environment:
    """The environment for a build. Sandboxed as soon as the repository overrides a template
    (those come from pull requests); the package's own templates alone are trusted code and
    render without the sandbox's per-attribute checks, which cost half the build time."""
    loaders: list[jinja2.BaseLoader] = []
    overridden = override is not None and override.is_dir() and any(override.iterdir())
    if overridden:
        loaders.append(jinja2.FileSystemLoader(str(override)))
    loaders.append(jinja2.FileSystemLoader(str(PACKAGE_TEMPLATES)))
    kind = SandboxedEnvironment if overridden else jinja2.Environment
    return kind(loader=jinja2.ChoiceLoader(loaders), autoescape=True, undefined=jinja2.StrictUndefined,
                trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False)


def render_page(env: jinja2.Environment, page: Page) -> str:
    values = {**page.values, "url": urls.Linker(page.path), "page_path": page.path}
    try:
        return env.get_template(page.template).render(values)
    except jinja2.TemplateError as exc:
        name, line = getattr(exc, "name", None) or page.template, getattr(exc, "lineno", None)
        where = f"{name}:{line}" if line else name
        raise SiteTemplateError(f"site template {where}: {exc.message or exc}") from None
    except Exception as exc:  # noqa: BLE001 - an override template may raise anything: report it, never crash
        raise SiteTemplateError(f"site template {page.template}: {type(exc).__name__}: {exc}") from None


PARALLEL_PAGES = 2000  # below this many pages, forking costs more than a second core saves
_JOB: tuple[jinja2.Environment, list[Page], Path] | None = None


def _write_pages(env: jinja2.Environment, pages: Iterable[Page], out: Path) -> None:
    for page in pages:
        (out / page.path).write_text(render_page(env, page), encoding="utf-8")


def _write_share(share: tuple[int, int]) -> None:
    """One worker's pages: every ``step``-th from ``first`` (page kinds interleave, so the
    shares cost about the same)."""
    assert _JOB is not None
    env, pages, out = _JOB
    first, step = share
    _write_pages(env, pages[first::step], out)


def prepare_folder(out: Path, root: Path) -> None:
    """Empty ``out`` if this command built it before; refuse to touch any other folder."""
    out, root = out.resolve(), root.resolve()
    if out == root or out in root.parents:
        raise UsageError(f"--out {out}: would replace the repository itself; choose a folder inside it, like _site")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise UsageError(f"--out {out}: the folder is not empty and was not built by weibo-lint; "
                             "remove it or choose another")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("built by weibo-lint build; emptied at the next build\n", encoding="utf-8")


def write_site(pages: Iterable[Page], out: Path, *, root: Path, override: Path | None,
               media: dict[str, Path]) -> int:
    """Write every page, the static files (``site.css`` and the icon, each overridable from the
    override folder) and the pictures; returns the number of pages."""
    env = environment(override)
    prepare_folder(out, root)
    pages = list(pages)
    for folder in sorted({(out / page.path).parent for page in pages}):
        folder.mkdir(parents=True, exist_ok=True)
    workers = processes()
    if len(pages) < PARALLEL_PAGES or workers < 2:
        _write_pages(env, pages, out)
    else:
        global _JOB
        _JOB = (env, pages, out)  # inherited by the forked workers: nothing to pickle
        try:
            fork_map(_write_share, [(first, workers) for first in range(workers)])
        finally:
            _JOB = None
    written = len(pages)
    (out / "static").mkdir(exist_ok=True)
    for source in sorted(PACKAGE_STATIC.iterdir()):
        replaced = override / source.name if override is not None else None
        chosen = replaced if replaced is not None and replaced.is_file() else source
        shutil.copyfile(chosen, out / "static" / source.name)
    for site_path, source in sorted(media.items()):
        target = out / site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return written
