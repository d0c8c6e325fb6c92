"""Golden files: every page of the fixture repository's site, byte for byte.

After an intended change, regenerate and review the diff::

    WEIBO_LINT_REGEN=1 pytest tests/site/test_golden_pages.py
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.site.site_helpers import GOLDEN, REPO
from weibo_lint.site.writer import MARKER

REGEN = os.environ.get("WEIBO_LINT_REGEN") == "1"


def _files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.name != MARKER)


@pytest.fixture(scope="module")
def site(built_site):
    """The built site; with WEIBO_LINT_REGEN=1, first copied over the golden files."""
    if REGEN:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name in _files(built_site):
            if name.endswith(".html"):
                (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(built_site / name, GOLDEN / name)
        (GOLDEN / "FILES.txt").write_text("\n".join(_files(built_site)) + "\n", encoding="utf-8")
    return built_site


def test_the_site_has_exactly_the_expected_files(site):
    expected = (GOLDEN / "FILES.txt").read_text("utf-8").split()
    assert _files(site) == expected


def _golden_pages() -> list[str]:
    return sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.html"))


@pytest.mark.parametrize("name", _golden_pages())
def test_page_matches_its_golden_file(site, name):
    built = site / name
    assert built.is_file(), f"{name} was not built"
    assert built.read_text("utf-8") == (GOLDEN / name).read_text("utf-8"), (
        f"{name} differs from tests/site/golden/{name}; if the change is intended, "
        "regenerate with WEIBO_LINT_REGEN=1 and review the diff"
    )


def test_golden_files_cover_every_kind_of_page():
    pages = _golden_pages()
    assert "index.html" in pages and "metrics.html" in pages
    assert any(p.startswith("column/") for p in pages) and sum(p.startswith("post/") for p in pages) >= 5


def test_pictures_are_copied_unchanged(built_site):
    copied = sorted((built_site / "media").rglob("*.png"))
    assert [p.relative_to(built_site / "media").as_posix() for p in copied] == \
        ["images/beans.png", "images/cup.png", "images/latte.png"]
    for picture in copied:
        assert picture.read_bytes() == (REPO / picture.relative_to(built_site / "media")).read_bytes()
