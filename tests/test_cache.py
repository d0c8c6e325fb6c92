"""The result cache: a run with it reports exactly what a run without it reports; an edit
checks again only what it affects; a broken cache costs speed, never results.

Which posts a run checks again is observed, not faked: a profile hook (sys.setprofile)
records each call of the engine's real ``check_post`` while ``run_check`` runs.
"""
from __future__ import annotations

import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.lint_repo import LintRepo
from tests.support import git
from weibo_lint import engine
from weibo_lint.check import run_check
from weibo_lint.config import load_config

NOW = datetime(2026, 11, 30, 1, 0, tzinfo=timezone.utc)
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def _post(day: int, body: str, extra: str = "") -> str:
    return f"---\ncolumn: daily\npublish_at: 2026-12-{day:02d} 20:30\nstatus: draft\n{extra}---\n{body}\n"


POSTS = {
    "posts/a.md": _post(1, "今天想问大家：你一天喝几杯咖啡？"),
    "posts/b.md": _post(2, "今天想问大家：你喜欢燕麦奶还是牛奶？", "images: [images/latte.png]\n"),
    "posts/c.md": _post(3, "这是全网最好的咖啡。" + "很长的一句话。" * 300),  # WB501, and over 2000: WB101
    "posts/d.md": _post(4, "今天想问大家：#话题 没有闭合，@某 人"),
    "posts/sub/e.md": "---\ncolumn: nowhere\npubish_at: 2026-12-05 20:30\n---\n正文\n",
    "posts/f.md": "no front matter at all\n",
}


class CheckedPosts:
    """The paths ``engine.check_post`` is called with while the block runs (this thread)."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    def _hook(self, frame, event, _arg):
        if event == "call" and frame.f_code is engine.check_post.__code__:
            self.paths.append(frame.f_locals["path"])

    def __enter__(self) -> CheckedPosts:
        self._previous = sys.getprofile()
        sys.setprofile(self._hook)
        return self

    def __exit__(self, *exc) -> None:
        sys.setprofile(self._previous)


@pytest.fixture
def repo(tmp_path: Path) -> LintRepo:
    repo = LintRepo(tmp_path)
    repo.write("images/latte.png", PNG)
    for relative, text in POSTS.items():
        repo.write(relative, text)
    old = time.time() - 3600  # files from a checkout, not being written right now
    for path in tmp_path.rglob("*"):
        os.utime(path, (old, old), follow_symlinks=False)
    return repo


def _run(repo: LintRepo, *, use_cache: bool = True) -> tuple[list[dict], list[str]]:
    config = load_config(repo.config)  # read again each time: weibo.yaml may have changed
    with CheckedPosts() as checked:
        report = run_check(config, now=NOW, use_cache=use_cache)
    return [p.as_dict() for p in report.problems], sorted(checked.paths)


ALL = sorted([*POSTS, "posts/good.md", "posts/canary.md"])


def test_the_posts_have_problems_worth_caching(repo):
    problems, checked = _run(repo, use_cache=False)
    assert checked == ALL
    codes = {(p["path"], p["code"]) for p in problems}
    assert {("posts/c.md", "WB101"), ("posts/c.md", "WB501"), ("posts/sub/e.md", "WB304"),
            ("posts/sub/e.md", "WB302"), ("posts/f.md", "WB002"), ("posts/canary.md", "WB302")} <= codes


def test_results_are_identical_with_and_without_the_cache(repo):
    without, _ = _run(repo, use_cache=False)
    cold, cold_checked = _run(repo)
    warm, warm_checked = _run(repo)
    again, again_checked = _run(repo)
    assert cold == warm == again == without  # messages, levels and order included
    assert cold_checked == ALL
    assert warm_checked == again_checked == []  # the warm runs checked nothing: all from the cache
    assert (repo.root / ".weibo-lint-cache").is_dir()


def test_without_the_cache_every_post_is_checked_every_time(repo):
    _run(repo)
    assert _run(repo, use_cache=False)[1] == ALL


def test_editing_one_post_checks_only_it(repo):
    _run(repo)
    repo.write("posts/a.md", _post(1, "今天想问大家：你一天喝几杯咖啡？" + "很长的一句话。" * 300))
    problems, checked = _run(repo)
    assert checked == ["posts/a.md"]
    assert ("posts/a.md", "WB101") in {(p["path"], p["code"]) for p in problems}
    assert problems == _run(repo, use_cache=False)[0]


def test_an_edit_that_keeps_the_size_and_mtime_is_still_seen(repo):
    _run(repo)
    path = repo.root / "posts/a.md"
    before = path.stat()
    path.write_text(POSTS["posts/a.md"].replace("几杯", "几碗"), encoding="utf-8")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert _run(repo)[1] == ["posts/a.md"]


def test_a_new_and_a_removed_post(repo):
    _run(repo)
    repo.write("posts/new.md", _post(9, "今天想问大家：新的一天喝什么？"))
    (repo.root / "posts/d.md").unlink()
    problems, checked = _run(repo)
    assert checked == ["posts/new.md"]
    assert "posts/d.md" not in {p["path"] for p in problems}
    assert problems == _run(repo, use_cache=False)[0]


@pytest.mark.parametrize("change", ["template", "weibo.yaml", "column"])
def test_a_template_weibo_yaml_or_column_change_checks_every_post(repo, change):
    _run(repo)
    if change == "template":
        repo.write("templates/daily.j2", "#{{ column.topic }}#{{ body }}")
    elif change == "weibo.yaml":
        repo.write("weibo.yaml", repo.config.read_text(encoding="utf-8") + "# a comment changes the file\n")
    else:
        repo.write("columns/notes.yaml", "name: 随手记\naccount: ceo\ntopic: 随手记\ntemplate: notes.j2\n")
    problems, checked = _run(repo)
    assert checked == ALL
    assert problems == _run(repo, use_cache=False)[0]


def test_a_rule_setting_changes_the_results_not_just_the_timing(repo):
    _run(repo)
    repo.write("weibo.yaml", repo.config.read_text(encoding="utf-8") + "rules:\n  WB501: 'off'\n")
    problems, checked = _run(repo)
    assert checked == ALL
    assert ("posts/c.md", "WB501") not in {(p["path"], p["code"]) for p in problems}


def _break_every_cache_file(repo: LintRepo, how: str) -> None:
    files = [p for p in (repo.root / ".weibo-lint-cache").rglob("*") if p.is_file() and p.name != ".gitignore"]
    assert files
    for file in files:
        data = file.read_bytes()
        if how == "garbage":
            file.write_bytes(b"this is not a cache file\n" * 200)
        elif how == "empty":
            file.write_bytes(b"")
        elif how == "truncated":
            file.write_bytes(data[: len(data) // 2])
        elif how == "flipped":
            middle = bytearray(data)
            for at in range(len(middle) // 3, len(middle), 97):
                middle[at] ^= 0x5A
            file.write_bytes(bytes(middle))
        elif how == "json":
            file.write_text('{"env": "x", "posts": []}')


@pytest.mark.parametrize("how", ["garbage", "empty", "truncated", "flipped", "json"])
def test_a_corrupt_cache_is_ignored(repo, how):
    expected, _ = _run(repo, use_cache=False)
    _run(repo)
    _break_every_cache_file(repo, how)
    assert _run(repo)[0] == expected
    assert _run(repo)[0] == expected  # and the next run, from the cache rebuilt after it


def test_a_cache_folder_that_is_a_file_is_ignored(repo):
    expected, _ = _run(repo, use_cache=False)
    (repo.root / ".weibo-lint-cache").write_text("not a folder")
    assert _run(repo)[0] == expected


def test_deleting_the_cache_folder_is_safe(repo):
    expected, _ = _run(repo)
    for file in sorted((repo.root / ".weibo-lint-cache").rglob("*"), reverse=True):
        file.unlink() if file.is_file() else file.rmdir()
    (repo.root / ".weibo-lint-cache").rmdir()
    problems, checked = _run(repo)
    assert (problems, checked) == (expected, ALL)


def test_a_removed_image_is_noticed_though_the_post_did_not_change(repo):
    before, _ = _run(repo)
    assert ("posts/b.md", "WB601") not in {(p["path"], p["code"]) for p in before}
    (repo.root / "images/latte.png").unlink()
    problems, checked = _run(repo)
    assert checked == ["posts/b.md"]
    assert ("posts/b.md", "WB601") in {(p["path"], p["code"]) for p in problems}
    assert problems == _run(repo, use_cache=False)[0]
    repo.write("images/latte.png", PNG)  # and back: the problem goes away again
    problems, checked = _run(repo)
    assert ("posts/b.md", "WB601") not in {(p["path"], p["code"]) for p in problems}


def test_a_replaced_image_is_noticed(repo):
    _run(repo)
    repo.write("images/latte.png", b"GIF89a" + b"\x00" * 6_000_000)  # now a GIF, over 5 MB
    problems, checked = _run(repo)
    assert checked == ["posts/b.md"]
    assert problems == _run(repo, use_cache=False)[0]


def test_a_cache_committed_to_git_is_never_read(repo, capsys):
    import sqlite3

    from weibo_lint.cache import FILE_NAME

    honest, _ = _run(repo, use_cache=False)
    _run(repo)
    database = repo.root / ".weibo-lint-cache" / FILE_NAME
    with sqlite3.connect(database) as db:  # a pull request's forged index: no problems anywhere
        db.execute("UPDATE results SET problems = '[]', images = '[]', report = '', levels = ''")
    db.close()
    forged, _ = _run(repo)
    assert {p["path"] for p in forged} < {p["path"] for p in honest}  # the forgery works on an untracked cache

    git(repo.root, "init", "-q")
    git(repo.root, "add", "-A")
    git(repo.root, "add", "-f", str(database.relative_to(repo.root)))
    git(repo.root, "commit", "-qm", "forged cache")
    capsys.readouterr()
    problems, checked = _run(repo)
    assert problems == honest and checked == ALL
    assert "git tracks files in the cache folder .weibo-lint-cache" in capsys.readouterr().err
