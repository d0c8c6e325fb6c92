from __future__ import annotations

from weibo_lint.problem import Level
from weibo_lint.reporters.github import escape_data, escape_property, format_github


def test_command_format(problem):
    text = format_github([problem(path="posts/a.md", line=3, column=5, message="Too long.")])
    assert text == "::error file=posts/a.md,line=3,col=5,title=WB101 post-too-long::Too long.\n"


def test_levels_map_to_commands(problem):
    lines = format_github(
        [
            problem(line=1, level=Level.ERROR),
            problem(line=2, level=Level.WARNING),
            problem(line=3, level=Level.INFO),
        ]
    ).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::warning", "::notice"]


def test_message_escaping():
    assert escape_data("100% done\nnext\r\nend") == "100%25 done%0Anext%0D%0Aend"
    # % first, so an escape sequence already in the text survives literally
    assert escape_data("%0A") == "%250A"
    # a message keeps its colons and commas
    assert escape_data("a: b, c") == "a: b, c"


def test_property_escaping():
    assert escape_property("dir:x,y%z\n") == "dir%3Ax%2Cy%25z%0A"


def test_escaping_in_commands(problem):
    text = format_github(
        [problem(path="posts/a:b,c%.md", message="50% off,\nreally: yes")]
    )
    assert text == (
        "::error file=posts/a%3Ab%2Cc%25.md,line=1,col=1,title=WB101 post-too-long"
        "::50%25 off,%0Areally: yes\n"
    )
    assert text.count("\n") == 1


def test_errors_first_then_warnings_then_notices(problem):
    problems = [
        problem(path="a.md", line=1, level=Level.INFO),
        problem(path="a.md", line=2, level=Level.WARNING),
        problem(path="b.md", line=1, level=Level.ERROR),
        problem(path="a.md", line=9, level=Level.ERROR),
        problem(path="c.md", line=1, level=Level.WARNING),
    ]
    heads = [line.split("::")[1] for line in format_github(problems).splitlines()]
    assert heads == [
        "error file=a.md,line=9,col=1,title=WB101 post-too-long",
        "error file=b.md,line=1,col=1,title=WB101 post-too-long",
        "warning file=a.md,line=2,col=1,title=WB101 post-too-long",
        "warning file=c.md,line=1,col=1,title=WB101 post-too-long",
        "notice file=a.md,line=1,col=1,title=WB101 post-too-long",
    ]


def test_related_paths_in_message(problem):
    text = format_github([problem(related=("posts/b.md", "posts/c.md"))])
    assert text.rstrip("\n").endswith("::The post is too long. (related: posts/b.md, posts/c.md)")


def test_max_per_level_caps_annotations_but_keeps_the_rest_in_the_log(problem):
    problems = [problem(line=n, level=Level.ERROR) for n in range(1, 4)]
    problems += [problem(line=n, level=Level.WARNING, message="w\nx") for n in range(4, 6)]
    lines = format_github(problems, max_per_level=1).splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert [c.split(" ")[0] for c in commands] == ["::error", "::warning"]
    assert lines[2] == "weibo-lint: 3 more problems not annotated (at most 1 per level):"
    assert lines[3:] == [
        "posts/a.md:2:1: error WB101 post-too-long The post is too long.",
        "posts/a.md:3:1: error WB101 post-too-long The post is too long.",
        "posts/a.md:5:1: warning WB101 post-too-long w x",
    ]


def test_no_cap_prints_all(problem):
    problems = [problem(line=n) for n in range(1, 26)]
    lines = format_github(problems).splitlines()
    assert len(lines) == 25
    assert all(line.startswith("::error ") for line in lines)


def test_empty():
    assert format_github([]) == ""
