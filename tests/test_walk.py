"""The one walk over the repository (weibo_lint.walk), and the finders built on it agreeing:
posts found by the index's scan and by ``repository.post_paths``, records by the index and
by ``records.read_records``."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from weibo_lint import repository
from weibo_lint.config import load_config
from weibo_lint.index.scan import scan_posts, scan_records
from weibo_lint.records import read_records
from weibo_lint.walk import entries_under


def _tree(root: Path) -> None:
    for name in ("b/x.md", "a/y.md", "a/z.MD", "a/note.txt", ".hidden/h.md", "dir.md/in.md", "top.markdown",
                 "locked/l.md", "a-b/w.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", "utf-8")
    os.symlink(root, root / "loop")  # a symlink loop: never followed
    os.symlink(root / "b", root / "linked.md")  # a symlinked folder named like a post
    os.symlink(root / "gone", root / "dangling.md")  # a file that cannot be stat'ed is still found


@pytest.fixture
def refusing(monkeypatch):
    """os.scandir refuses folders named 'locked' (tests run as root, where a mode of 000 does not)."""
    scandir = os.scandir

    def refused(path="."):
        if os.path.basename(os.fsdecode(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refused)


def _names(root: Path, **options) -> list[str]:
    return [os.path.relpath(entry.path, root) for entry in entries_under(str(root), (".md", ".markdown"), **options)]


def test_the_walk_skips_dot_folders_and_symlinked_folders_and_reports_unlisted_ones(tmp_path, refusing):
    _tree(tmp_path)
    unlisted: list[tuple[str, OSError]] = []
    found = _names(tmp_path, unlisted=lambda where, exc: unlisted.append((where, exc)))
    assert sorted(found) == ["a-b/w.md", "a/y.md", "b/x.md", "dangling.md", "dir.md/in.md", "top.markdown"]
    assert [(os.path.relpath(where, tmp_path), type(exc)) for where, exc in unlisted] == [("locked", PermissionError)]


def test_the_walk_enters_folders_in_name_order(tmp_path, refusing):
    _tree(tmp_path)
    folders = [os.path.dirname(name) for name in _names(tmp_path)]
    assert [f for i, f in enumerate(folders) if f not in folders[:i]] == ["", "a", "a-b", "b", "dir.md"]


def test_the_walk_options(tmp_path, refusing):
    _tree(tmp_path)
    assert "a/z.MD" in _names(tmp_path, any_case=True) and "a/z.MD" not in _names(tmp_path)
    assert ".hidden/h.md" in _names(tmp_path, dot_folders=True)
    with_folders = _names(tmp_path, matching_folders=True)
    assert {"dir.md", "linked.md"} <= set(with_folders) and "loop" not in with_folders
    assert not any(name.startswith(("loop/", "linked.md/")) for name in with_folders)


def test_post_finders_agree(tmp_path, refusing):
    (tmp_path / "weibo.yaml").write_text("timezone: Asia/Shanghai\naccounts: {}\n", "utf-8")
    _tree(tmp_path / "posts")
    config = load_config(tmp_path / "weibo.yaml")
    scanned = scan_posts(config, [])
    assert list(scanned) == repository.post_paths(config)
    assert "posts/locked" in scanned and "unlisted" not in str(scanned["posts/a/y.md"])
    assert "listed" in str(scanned["posts/locked"]) and "not a post" in str(scanned["posts/a/z.MD"])


def test_record_finders_agree(tmp_path, refusing):
    (tmp_path / "weibo.yaml").write_text("timezone: Asia/Shanghai\naccounts: {}\n", "utf-8")
    folder = tmp_path / "published"
    for name in ("acct/a.json", ".hidden/b.json", "dir.json/c.json", "locked/d.json", "acct/e.JSON"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("{}", "utf-8")
    os.symlink(folder, folder / "loop")
    config = load_config(tmp_path / "weibo.yaml")
    expected = ["published/.hidden/b.json", "published/acct/a.json", "published/dir.json", "published/dir.json/c.json"]
    assert [path for path, _stat in scan_records(config)] == expected
    assert sorted(problem.path for problem in read_records(config)[1]) == expected
