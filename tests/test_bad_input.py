"""Bad input never produces a traceback: each broken file is reported with its path and line,
and every other file is still checked (the issue's list, through the real CLI)."""
from __future__ import annotations

import os
import re

import pytest

from tests.lint_repo import CANARY_PROBLEM, LintRepo

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
BOMB = ("---\ncolumn: daily\n"
        "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
        "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
        "---\n炸弹\n")
TEN_MB = "---\ncolumn: notes\nstatus: draft\n---\n" + "一杯咖啡，一段文字。**粗体** [链接](https://a.com)\n\n" * 180_000


def _symlink_loop(repo: LintRepo) -> None:
    loop = repo.root / "posts" / "loop"
    loop.mkdir(parents=True)
    (loop / "self").symlink_to("../loop", target_is_directory=True)  # a folder linked into itself
    (loop / "self.md").symlink_to("self.md")  # a file linked to itself


# name -> (files to add, or a function that adds them; the problems expected as (path, line, code))
CASES = {
    "empty file": ({"posts/empty.md": b""}, {("posts/empty.md", 1, "WB002")}),
    "no front matter": ({"posts/bare.md": "只有正文，没有 front matter。\n"}, {("posts/bare.md", 1, "WB002")}),
    "yaml bomb": ({"posts/bomb.md": BOMB}, {("posts/bomb.md", 4, "WB002")}),
    "deep nesting": ({"posts/deep.md": "---\ncolumn: daily\ntitle: " + "[" * 50_000 + "]" * 50_000 + "\n---\n正文\n"},
                     {("posts/deep.md", 2, "WB002")}),
    "tabs in yaml": ({"posts/tabs.md": "---\ncolumn: daily\n\ttitle: 制表符\n---\n正文\n"}, {("posts/tabs.md", 3, "WB002")}),
    "invalid utf-8": ({"posts/gbk.md": "---\ncolumn: daily\n---\n今天".encode() + "喝咖啡".encode("gbk") + b"\n"},
                      {("posts/gbk.md", 4, "WB001")}),
    "binary named .md": ({"posts/picture.md": PNG}, {("posts/picture.md", 1, "WB001")}),
    "10 MB post": ({"posts/huge.md": TEN_MB}, {("posts/huge.md", 5, "WB101")}),
    "list instead of mapping": ({"posts/list.md": "---\n- column\n- daily\n---\n正文\n"}, {("posts/list.md", 2, "WB002")}),
    "date 2026-13-45": ({"posts/date.md": "---\ncolumn: daily\nstatus: draft\npublish_at: 2026-13-45 10:00\n---\n正文\n"},
                        {("posts/date.md", 4, "WB303")}),
    "template that raises": ({"posts/raise.md": "---\ntitle: 模板出错\ncolumn: boom\n---\n正文\n"},
                             {("posts/raise.md", 3, "WB104")}),
    "symlink loop": (_symlink_loop, {("posts/loop/self.md", 1, "WB001")}),
    "dangling symlink": (lambda repo: (repo.root / "posts" / "gone.md").symlink_to("nowhere.md"),
                         {("posts/gone.md", 1, "WB001")}),
}


def _add(repo: LintRepo, files) -> None:
    if callable(files):
        files(repo)
    else:
        for relative, content in files.items():
            repo.write(relative, content)


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_reported_and_the_rest_still_checked(tmp_path, name):
    files, expected = CASES[name]
    repo = LintRepo(tmp_path)
    _add(repo, files)
    run = repo.check()
    assert run.exit_code == 1, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    found = run.codes_at()
    assert expected <= found, found
    assert CANARY_PROBLEM in found  # the file after it was still checked
    assert run.where("posts/good.md") == []  # and the good one still passes
    broken = {path for path, _line, _code in expected}
    assert {p["path"] for p in run.problems} <= broken | {"posts/canary.md"}  # nothing unrelated


def test_invalid_utf8_message_says_where(tmp_path):
    repo = LintRepo(tmp_path)
    repo.write("posts/gbk.md", "---\ncolumn: daily\n---\n今天".encode() + "喝".encode("gbk") + b"\n")
    problem = next(p for p in repo.check().problems if p["path"] == "posts/gbk.md")
    assert (problem["line"], problem["column"]) == (4, 3)
    assert re.search(r"\b4\b", problem["message"]) and re.search(r"\b3\b", problem["message"])


def test_the_10_mb_post_says_how_much_to_cut(tmp_path):
    repo = LintRepo(tmp_path)
    repo.write("posts/huge.md", TEN_MB)
    problem = next(p for p in repo.check().problems if p["code"] == "WB101")
    count, limit = map(int, re.search(r"(\d+)/(\d+)", problem["message"]).groups())
    assert limit == 140 and count > 1_000_000


def test_symlink_loop_given_on_the_command_line(tmp_path):
    repo = LintRepo(tmp_path)
    _symlink_loop(repo)
    for target in ("posts/loop", "posts/loop/self", "posts/loop/self.md"):
        run = repo.check(str(tmp_path / target))
        assert run.exit_code == 1
        assert {code for _path, _line, _col, code in run.where()} == {"WB001"}


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_unreadable_file(tmp_path):
    repo = LintRepo(tmp_path)
    secret = repo.write("posts/secret.md", "---\ncolumn: daily\n---\n正文\n")
    secret.chmod(0)
    try:
        if os.access(secret, os.R_OK):
            pytest.skip("running as root: a mode-000 file is still readable")
        run = repo.check()
        assert run.exit_code == 1
        assert ("posts/secret.md", 1, "WB001") in run.codes_at()
        assert CANARY_PROBLEM in run.codes_at()
    finally:
        secret.chmod(0o644)


def test_an_unreadable_column_file_and_template(tmp_path):
    # A column file that is not YAML and a template that is not UTF-8: reported, posts still checked.
    repo = LintRepo(tmp_path)
    repo.write("columns/broken.yaml", PNG)
    repo.write("templates/notes.j2", b"\xff\xfe{{ body }}")
    run = repo.check()
    assert run.exit_code == 1
    found = run.codes_at()
    assert ("columns/broken.yaml", 1, "WB001") in found
    assert CANARY_PROBLEM in found


def test_weibo_yaml_key_of_the_wrong_type_exits_2(tmp_path):
    repo = LintRepo(tmp_path, config="accounts:\n  ceo: {name: 星河咖啡林晓, api: manual, limit: '2000'}\n")
    run = repo.check()
    assert run.exit_code == 2
    assert str(repo.config) in run.stderr and "accounts.ceo.limit" in run.stderr
    assert "Traceback" not in run.stdout + run.stderr


def test_weibo_yaml_that_is_a_bomb_exits_2(tmp_path):
    repo = LintRepo(tmp_path, config="a: &a [x, x]\nb: &b [*a, *a]\n")
    run = repo.check()
    assert run.exit_code == 2 and "weibo.yaml" in run.stderr


def test_everything_at_once_through_the_console_script(tmp_path):
    """One repository with every bad file, checked by the installed `weibo-lint` in its own
    process, in each output format: no traceback, every broken file reported."""
    repo = LintRepo(tmp_path)
    expected = set()
    for files, wanted in CASES.values():
        _add(repo, files)
        expected |= wanted
    run = repo.check_process()
    assert run.exit_code == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert expected | {CANARY_PROBLEM} <= run.codes_at()
    assert run.where("posts/good.md") == []
    for fmt in ("text", "github", "sarif"):
        other = repo.check_process(fmt=fmt)
        assert other.exit_code == 1 and "Traceback" not in other.stderr, fmt
        assert "posts/gbk.md" in other.stdout and "posts/canary.md" in other.stdout, fmt
