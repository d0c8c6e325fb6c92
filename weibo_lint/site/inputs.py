"""Gather what the site shows, at the edge: a check run, records, metrics, pictures, titles."""
from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import yaml

from weibo_lint.check import run_check
from weibo_lint.config import Config
from weibo_lint.engine import PostResult
from weibo_lint.records import read_records
from weibo_lint.repository import picture_file, walk
from weibo_lint.safe_read import METRICS_BYTES, confined, read_head, read_inside
from weibo_lint.site import urls
from weibo_lint.site.cards import Picture
from weibo_lint.site.metrics import collect
from weibo_lint.site.pages import SiteInput

SHOWN_KINDS = ("jpeg", "png", "gif", "webp")


def pictures(config: Config,
             results: Mapping[str, PostResult]) -> tuple[dict[str, tuple[Picture, ...]], dict[str, Path]]:
    """Each post's pictures, and the files to copy into the site (site path -> source)."""
    root = config.root.resolve()
    shown: dict[str, tuple[Picture, ...]] = {}
    media: dict[str, Path] = {}
    resolved: dict[tuple[str, str], str | None] = {}  # many posts attach the same pictures
    for path, result in results.items():
        found = []
        for info in result.images:
            repo_path = None
            if info.exists and not info.outside and info.kind in SHOWN_KINDS:
                base = path.rpartition("/")[0] if info.path.startswith(("./", "../")) else ""
                if (base, info.path) not in resolved:
                    resolved[(base, info.path)] = picture_file(root, info.path, path)
                repo_path = resolved[(base, info.path)]
            site_path = urls.media_path(repo_path) if repo_path else None
            if site_path is not None:
                media[site_path] = root / repo_path  # type: ignore[operator]
            found.append(Picture(info.path, site_path))
        shown[path] = tuple(found)
    return shown, media


_TITLE = re.compile(rb"^title:[ \t]*(.+?)[ \t]*$", re.MULTILINE)


def titles(config: Config, results: Mapping[str, PostResult]) -> dict[str, str]:
    """Front matter titles (internal names, never posted) of the posts that parsed. Read from
    the front matter's head with a pattern rather than parsed again: a title is one line."""
    found = {}
    for path, result in results.items():
        if result.summary is None:
            continue
        real = confined(config.root, path)
        read = real if isinstance(real, OSError) else read_head(real, 4096)
        if isinstance(read, OSError):
            continue
        head = read[0]
        end = head.find(b"\n---", 3)
        match = _TITLE.search(head, 0, end if end > 0 else len(head))
        if match:
            title = _scalar(match.group(1).decode("utf-8", "replace"))
            if title:
                found[path] = title
    return found


def _scalar(text: str) -> str:
    if text[:1] in ("'", '"'):
        try:
            value = yaml.safe_load(text)
        except yaml.YAMLError:
            return text
        return value.strip() if isinstance(value, str) else text
    return text.split(" #", 1)[0].strip()


def metric_texts(config: Config, notes: list[str]) -> list[str]:
    folder = config.dir("metrics")
    texts = []
    for file in walk(folder, (".csv",)) if folder.is_dir() else []:
        where = file.relative_to(config.root).as_posix()
        raw = read_inside(config.root, where, METRICS_BYTES)
        try:
            if isinstance(raw, OSError):
                raise raw
            texts.append(raw.decode("utf-8-sig"))
        except (OSError, UnicodeDecodeError) as exc:
            notes.append(f"{where}: unreadable metrics file: {getattr(exc, 'strerror', None) or exc}")
    return texts


def gather(config: Config, *, now: datetime, use_cache: bool = True) -> tuple[SiteInput, dict[str, Path]]:
    """Everything the pages need, and the pictures to copy."""
    # The index this run leaves is the one the site workflow caches for check.yml's runs.
    report = run_check(config, now=now, use_cache=use_cache, record_head=True)
    records, record_problems = read_records(config)  # every field: the site shows URLs and failures
    notes = [f"{p.path}: {p.message}" for p in record_problems]
    metrics = collect(metric_texts(config, notes), config.timezone)
    if metrics.skipped:
        notes.append(f"{config.paths['metrics']}/: {metrics.skipped} metrics row(s) could not be read and were skipped")
    shown, media = pictures(config, report.results)
    data = SiteInput(config=config, now=now, results=report.results, problems=report.problems,
                     columns=report.env.columns, records=records, published=report.published, notes=tuple(notes),
                     metrics=metrics, pictures=shown, titles=titles(config, report.results))
    return data, media
