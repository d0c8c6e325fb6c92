"""``weibo-lint fix`` on real files, and the pure edit application beneath it."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support import write_repository
from weibo_lint.cli import cli
from weibo_lint.fixer import apply_edits, apply_to_file_text
from weibo_lint.problem import Edit

WEIBO_YAML = """\
accounts:
  ceo:
    name: 星河咖啡林晓
    api: manual
    limit: 2000
rules: {rules}
"""
BOM = b"\xef\xbb\xbf"


def make_repo(root: Path, rules: str = "{}") -> Path:
    return write_repository(root, WEIBO_YAML.format(rules=rules), columns={"plain": "name: 随手记\naccount: ceo\n"},
                            folders=("posts",))


def write_post(root: Path, name: str, lines: list[str], *, newline: str = "\n", bom: bool = False) -> Path:
    path = root / "posts" / name
    text = newline.join(["---", "column: plain", "---", *lines]) + newline
    path.write_bytes((BOM if bom else b"") + text.encode("utf-8"))
    return path


def fix(config: Path, *args: str):
    return CliRunner().invoke(cli, ["fix", "--config", str(config), *args])


BROKEN = ["今天上新 #冬季限定", "＃新品速递＃ 来了", "用iPhone下单,很方便"]
FIXED = ["今天上新 #冬季限定#", "#新品速递# 来了", "用 iPhone 下单，很方便"]


@pytest.mark.parametrize(("newline", "bom"), [("\n", False), ("\r\n", False), ("\r\n", True), ("\n", True)])
def test_fix_rewrites_keeps_the_layout_and_converges(tmp_path, newline, bom):
    config = make_repo(tmp_path)
    post = write_post(tmp_path, "a.md", BROKEN, newline=newline, bom=bom)
    result = fix(config)
    assert result.exit_code == 0, result.output
    expected = (BOM if bom else b"") + newline.join(["---", "column: plain", "---", *FIXED, ""]).encode("utf-8")
    assert post.read_bytes() == expected
    assert "posts/a.md: fixed 4 (WB201 ×1, WB202 ×2, WB502 ×1)" in result.output
    again = fix(config)
    assert again.exit_code == 0
    assert "Nothing to fix." in again.output
    assert post.read_bytes() == expected


def test_a_tag_behind_a_full_width_mark_is_closed_in_a_second_pass(tmp_path):
    config = make_repo(tmp_path)
    post = write_post(tmp_path, "a.md", ["来尝尝 ＃冬季限定"])
    assert fix(config).exit_code == 0
    assert post.read_text("utf-8").endswith("来尝尝 #冬季限定#\n")


def test_mixed_line_ends_stay_as_they_were(tmp_path):
    config = make_repo(tmp_path)
    post = tmp_path / "posts" / "a.md"
    post.write_bytes("---\ncolumn: plain\r\n---\r\n用iPhone下单\n第二行\r第三行 #标签\r\n".encode())
    assert fix(config).exit_code == 0
    assert post.read_bytes() == "---\ncolumn: plain\r\n---\r\n用 iPhone 下单\n第二行\r第三行 #标签#\r\n".encode()


def test_dry_run_and_diff_write_nothing(tmp_path):
    config = make_repo(tmp_path)
    post = write_post(tmp_path, "a.md", BROKEN)
    before = post.read_bytes()
    dry = fix(config, "--dry-run")
    assert dry.exit_code == 0 and "posts/a.md: would fix 4" in dry.output
    diff = fix(config, "--diff")
    assert diff.exit_code == 0
    assert "--- a/posts/a.md" in diff.output and "+++ b/posts/a.md" in diff.output
    assert "\n-今天上新 #冬季限定\n" in diff.output and "\n+今天上新 #冬季限定#\n" in diff.output
    assert post.read_bytes() == before


def test_everything_else_is_left_untouched(tmp_path):
    config = make_repo(tmp_path)
    clean = write_post(tmp_path, "clean.md", ["冬季限定拿铁 28 元，今天上市！", "",
                                              "**加粗** 和 [链接](https://www.example.com)"])
    ignored = write_post(tmp_path, "ignored.md", ["<!-- weibo-lint disable-next-line WB502 -->", "用iPhone下单"])
    before = {p: p.read_bytes() for p in (clean, ignored)}
    write_post(tmp_path, "broken.md", BROKEN)
    result = fix(config)
    assert result.exit_code == 0
    assert {p: p.read_bytes() for p in before} == before
    assert "clean.md" not in result.output and "ignored.md" not in result.output


def test_paths_limit_what_is_fixed(tmp_path):
    config = make_repo(tmp_path)
    first = write_post(tmp_path, "first.md", BROKEN)
    second = write_post(tmp_path, "second.md", BROKEN)
    untouched = second.read_bytes()
    assert fix(config, str(first)).exit_code == 0
    assert first.read_text("utf-8").endswith("用 iPhone 下单，很方便\n")
    assert second.read_bytes() == untouched


def test_a_rule_turned_off_fixes_nothing(tmp_path):
    config = make_repo(tmp_path, rules="{WB502: 'off'}")
    post = write_post(tmp_path, "a.md", ["用iPhone下单"])
    result = fix(config)
    assert result.exit_code == 0 and "Nothing to fix." in result.output
    assert post.read_text("utf-8").endswith("用iPhone下单\n")


def test_errors_that_fix_cannot_repair_exit_1(tmp_path):
    config = make_repo(tmp_path)
    post = write_post(tmp_path, "a.md", ["最好的手机 #新品"])
    result = fix(config)
    assert result.exit_code == 1
    assert "1 error remains that fix cannot repair" in result.output
    assert post.read_text("utf-8").endswith("最好的手机 #新品#\n")


def test_an_unknown_path_is_a_usage_error(tmp_path):
    config = make_repo(tmp_path)
    result = fix(config, str(tmp_path / "posts" / "nope.md"))
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --- the pure part ---------------------------------------------------------------------


@pytest.mark.parametrize(("edits", "text", "applied", "skipped"), [
    ([Edit(1, 2, "X"), Edit(4, 4, "+")], "aXcd+ef", 2, 0),
    ([Edit(4, 4, "+"), Edit(1, 2, "X")], "aXcd+ef", 2, 0),  # order given does not matter
    ([Edit(1, 3, "X"), Edit(2, 4, "Y")], "aXdef", 1, 1),  # overlapping: the earliest wins
    ([Edit(1, 2, "X"), Edit(1, 2, "X")], "aXcdef", 1, 0),  # the same edit twice: once
    ([Edit(2, 2, "#"), Edit(2, 3, "#")], "ab#cdef", 1, 1),  # insert where another starts: clash
    ([Edit(2, 2, "x"), Edit(2, 2, "y")], "abxcdef", 1, 1),  # two inserts at one point: clash
    ([Edit(1, 2, "X"), Edit(2, 2, "+")], "aXcdef", 1, 1),  # insert right after another: clash
    ([Edit(1, 2, "X"), Edit(2, 3, "Y")], "aXYdef", 2, 0),  # adjacent replacements are fine
    ([Edit(5, 9, "X"), Edit(-1, 0, "Y")], "abcdef", 0, 2),  # outside the text
    ([], "abcdef", 0, 0),
])
def test_apply_edits(edits, text, applied, skipped):
    result = apply_edits("abcdef", edits)
    assert (result.text, len(result.applied), len(result.skipped)) == (text, applied, skipped)


def test_apply_to_file_text_maps_offsets_past_crlf_and_bom():
    disk = "\ufeffab\r\ncd\r\nef"
    read = "ab\ncd\nef"
    edits = [Edit(read.index("d"), read.index("d") + 1, "D"), Edit(len(read), len(read), "!")]
    result = apply_to_file_text(disk, edits)
    assert result.text == "\ufeffab\r\ncD\r\nef!"
    assert result.applied == tuple(edits)


def test_an_inserted_line_end_takes_the_file_style():
    assert apply_to_file_text("a\r\nb\r\n", [Edit(1, 1, "\nx")]).text == "a\r\nx\r\nb\r\n"
    assert apply_to_file_text("a\nb\n", [Edit(1, 1, "\nx")]).text == "a\nx\nb\n"
