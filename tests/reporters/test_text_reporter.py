from __future__ import annotations

import os
from pathlib import Path

import pytest

from weibo_lint.problem import Level
from weibo_lint.reporters.text import (
    display_width,
    expand_line,
    format_text,
    summary_line,
)

GOLDEN = Path(__file__).parent / "golden"
INDENT = "    "


def no_source(path: str, line: int) -> None:
    return None


def lines_of(mapping: dict[str, list[str]]):
    """A ``source_line`` callback over in-memory files."""

    def source_line(path: str, line: int) -> str | None:
        lines = mapping.get(path)
        if lines is None or not 1 <= line <= len(lines):
            return None
        return lines[line - 1]

    return source_line


def caret_offset(caret_line: str) -> int:
    assert caret_line.startswith(INDENT)
    assert caret_line.strip() == "^"
    return caret_line.index("^") - len(INDENT)


# -- one problem -------------------------------------------------------------------


def test_heading_line_format(problem):
    text = format_text(
        [problem(path="posts/a.md", line=3, column=7, message="Too long: 150 > 140.")],
        source_line=no_source,
        color=False,
    )
    assert text.splitlines()[0] == "posts/a.md:3:7: error WB101 post-too-long Too long: 150 > 140."


def test_caret_under_cjk_character_at_display_offset(problem):
    source = lines_of({"posts/a.md": ["中文中文最好"]})
    text = format_text([problem(column=5)], source_line=source, color=False)
    _heading, shown, caret = text.splitlines()[:3]
    assert shown == INDENT + "中文中文最好"
    # four wide characters before 最: eight terminal cells
    assert caret_offset(caret) == 8
    assert caret == INDENT + " " * 8 + "^"


def test_caret_with_mixed_ascii_and_cjk(problem):
    source = lines_of({"posts/a.md": ["ab中c最"]})
    text = format_text([problem(column=5)], source_line=source, color=False)
    # a, b (1 each), 中 (2), c (1) -> 最 starts at cell 5
    assert caret_offset(text.splitlines()[2]) == 5


def test_fullwidth_punctuation_is_wide(problem):
    source = lines_of({"posts/a.md": ["！？x"]})
    text = format_text([problem(column=3)], source_line=source, color=False)
    assert caret_offset(text.splitlines()[2]) == 4


def test_tabs_are_expanded_and_caret_matches(problem):
    source = lines_of({"posts/a.md": ["\tab", "中\tx"]})
    text = format_text(
        [problem(line=1, column=2), problem(line=2, column=3)], source_line=source, color=False
    )
    lines = text.splitlines()
    assert lines[1] == INDENT + "    ab"
    assert "\t" not in text
    assert caret_offset(lines[2]) == 4
    # 中 takes two cells, the tab runs to cell 4, x is at 4
    assert lines[4] == INDENT + "中  x"
    assert caret_offset(lines[5]) == 4


def test_caret_past_end_of_line_sits_after_it(problem):
    source = lines_of({"posts/a.md": ["微博"]})
    text = format_text([problem(column=3)], source_line=source, color=False)
    assert caret_offset(text.splitlines()[2]) == 4


def test_combining_mark_takes_no_cell(problem):
    source = lines_of({"posts/a.md": ["e\u0301x"]})
    text = format_text([problem(column=3)], source_line=source, color=False)
    assert caret_offset(text.splitlines()[2]) == 1


def test_no_source_line_means_no_source_or_caret(problem):
    text = format_text([problem()], source_line=no_source, color=False)
    assert text.splitlines()[1] == ""  # straight to the blank line before the summary
    assert "^" not in text


def test_control_characters_never_reach_the_terminal(problem):
    source = lines_of({"posts/a.md": ["a\x1b[31mb"]})
    text = format_text([problem(column=2)], source_line=source, color=False)
    assert "\x1b" not in text
    assert text.splitlines()[1] == INDENT + "a\N{REPLACEMENT CHARACTER}[31mb"


def test_related_paths_are_named(problem):
    text = format_text(
        [problem(related=("posts/b.md", "posts/c.md"))], source_line=no_source, color=False
    )
    assert text.splitlines()[0].endswith("(related: posts/b.md, posts/c.md)")


# -- colour ------------------------------------------------------------------------


def test_no_colour_unless_asked(problem):
    problems = [
        problem(level=Level.ERROR),
        problem(line=2, level=Level.WARNING),
        problem(line=3, level=Level.INFO),
    ]
    source = lines_of({"posts/a.md": ["x", "y", "z"]})
    assert "\x1b[" not in format_text(problems, source_line=source, color=False)


def test_colour_when_asked(problem):
    problems = [
        problem(level=Level.ERROR),
        problem(line=2, level=Level.WARNING),
        problem(line=3, level=Level.INFO),
    ]
    text = format_text(problems, source_line=no_source, color=True)
    lines = text.splitlines()
    assert lines[0].startswith("\x1b[1mposts/a.md\x1b[0m:1:1: \x1b[31merror\x1b[0m WB101")
    assert "\x1b[33mwarning\x1b[0m" in lines[1]
    assert "\x1b[34minfo\x1b[0m" in lines[2]


# -- grouping, order, summary ------------------------------------------------------


def test_grouped_by_file_sorted_with_blank_line_between(problem):
    problems = [
        problem(path="posts/b.md", line=1),
        problem(path="posts/a.md", line=9, column=1),
        problem(path="posts/a.md", line=2, column=8),
        problem(path="posts/a.md", line=2, column=3),
    ]
    text = format_text(problems, source_line=no_source, color=False)
    assert text.splitlines() == [
        "posts/a.md:2:3: error WB101 post-too-long The post is too long.",
        "posts/a.md:2:8: error WB101 post-too-long The post is too long.",
        "posts/a.md:9:1: error WB101 post-too-long The post is too long.",
        "",
        "posts/b.md:1:1: error WB101 post-too-long The post is too long.",
        "",
        "4 problems (4 errors) in 2 files",
    ]


def test_summary_counts_each_level(problem):
    problems = [
        problem(path="a.md", level=Level.ERROR),
        problem(path="a.md", line=2, level=Level.WARNING),
        problem(path="b.md", level=Level.WARNING),
        problem(path="c.md", level=Level.INFO),
    ]
    assert summary_line(problems) == "4 problems (1 error, 2 warnings, 1 info) in 3 files"
    text = format_text(problems, source_line=no_source, color=False)
    assert text.endswith("4 problems (1 error, 2 warnings, 1 info) in 3 files\n")


def test_summary_singular(problem):
    assert summary_line([problem(level=Level.INFO)]) == "1 problem (1 info) in 1 file"


def test_no_problems():
    assert format_text([], source_line=no_source, color=False) == "No problems.\n"
    assert summary_line([]) == "No problems."


def test_off_level_problems_are_not_reported(problem):
    text = format_text([problem(level=Level.OFF)], source_line=no_source, color=False)
    assert text == "No problems.\n"


def test_display_width_helpers():
    assert display_width("中文ab") == 6
    assert display_width("\t中") == 6
    assert expand_line("中文中文最好", 5) == ("中文中文最好", 8)


# -- golden ------------------------------------------------------------------------


def golden_problems(make):
    return [
        make(
            path="posts/2024/春节.md",
            line=4,
            column=5,
            code="WB101",
            name="post-too-long",
            level=Level.ERROR,
            message="The post is 152 characters; the limit is 140.",
        ),
        make(
            path="posts/2024/春节.md",
            line=2,
            column=8,
            code="WB302",
            name="unknown-field",
            level=Level.WARNING,
            message="Unknown front-matter field 'colum'; did you mean 'column'?",
        ),
        make(
            path="posts/2024/hello.md",
            line=3,
            column=2,
            code="WB103",
            name="folded-in-feed",
            level=Level.INFO,
            message="The feed folds the post after 140 characters.",
            related=("posts/2024/春节.md",),
        ),
        make(
            path="columns/daily.yaml",
            line=1,
            column=1,
            code="WB304",
            name="unknown-column",
            level=Level.ERROR,
            message="No such column.",
        ),
    ]


GOLDEN_SOURCES = {
    "posts/2024/春节.md": ["---", "colum: daily", "---", "中文中文最好，新年快乐！"],
    "posts/2024/hello.md": ["---", "---", "\tHello, 微博 world"],
}


@pytest.mark.parametrize("color", [False, True], ids=["plain", "color"])
def test_golden(problem, color):
    name = "text_color.txt" if color else "text_plain.txt"
    path = GOLDEN / name
    text = format_text(golden_problems(problem), source_line=lines_of(GOLDEN_SOURCES), color=color)
    if os.environ.get("WEIBO_LINT_REGEN") == "1":
        path.write_text(text, encoding="utf-8", newline="")
    assert path.read_text(encoding="utf-8") == text


def test_the_caret_counts_an_emoji_sequence_as_the_one_glyph_a_terminal_shows():
    # ❤️ is two code points (the heart and VS16) and one wide glyph; the family is five.
    for before in ("❤️", "👨\u200d👩\u200d👧", "中", "😀"):
        line = before + "最好"
        assert expand_line(line, len(before) + 1) == (line, 2), before
    assert display_width("e\u0301x") == 2  # a combining accent takes no column
