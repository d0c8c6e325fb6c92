from __future__ import annotations

import json
import random

import pytest

from weibo_lint.problem import Level, Problem
from weibo_lint.reporters.json import format_json


def sample(problem):
    return [
        problem(path="posts/b.md", line=2, column=3, level=Level.WARNING, message="微博 “quoted”"),
        problem(path="posts/a.md", line=5, column=1, code="WB303", name="invalid-field-value"),
        problem(
            path="posts/a.md",
            line=1,
            column=1,
            code="WB201",
            name="duplicate-post",
            level=Level.INFO,
            message="Same text as another post.",
            related=("posts/b.md", "posts/c.md"),
        ),
    ]


def test_round_trip(problem):
    problems = sample(problem)
    data = json.loads(format_json(problems))
    back = [
        Problem(
            path=item["path"],
            line=item["line"],
            column=item["column"],
            code=item["code"],
            name=item["name"],
            level=Level(item["level"]),
            message=item["message"],
            related=tuple(item.get("related", ())),
        )
        for item in data
    ]
    assert back == sorted(problems)
    # Problem equality ignores level, message and related: compare them too
    assert [(p.level, p.message, p.related) for p in back] == [
        (p.level, p.message, p.related) for p in sorted(problems)
    ]


def test_fields_and_related_only_when_present(problem):
    data = json.loads(format_json(sample(problem)))
    assert list(data[0]) == ["path", "line", "column", "code", "name", "level", "message", "related"]
    assert data[0]["related"] == ["posts/b.md", "posts/c.md"]
    assert data[0]["level"] == "info"
    assert "related" not in data[1]
    assert "related" not in data[2]


def test_unicode_kept_and_indented_by_two(problem):
    text = format_json(sample(problem))
    assert "微博 “quoted”" in text
    assert "\\u" not in text
    assert text.startswith('[\n  {\n    "path": ')
    assert text.endswith("]\n")


def test_stable_order_whatever_the_input_order(problem):
    problems = sample(problem)
    expected = format_json(problems)
    rng = random.Random(7)
    for _ in range(5):
        rng.shuffle(problems)
        assert format_json(problems) == expected
    paths = [(d["path"], d["line"]) for d in json.loads(expected)]
    assert paths == [("posts/a.md", 1), ("posts/a.md", 5), ("posts/b.md", 2)]


def test_empty():
    assert format_json([]) == "[]\n"


pytest.importorskip("hypothesis", reason="hypothesis is in the test extra: pip install -e '.[test]'")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.builds(
    lambda path, line, column, code, level, message, related: Problem(path, line, column, code, "a-rule", level, message,
                                                                      tuple(related)),
    _TEXT, st.integers(1, 10**6), st.integers(1, 10**4), st.sampled_from(["WB101", "WB502", "WB001"]),
    st.sampled_from([Level.ERROR, Level.WARNING, Level.INFO]), _TEXT, st.lists(_TEXT, max_size=3)), max_size=6))
def test_the_output_is_json_dumps_indented_by_two_byte_for_byte(problems):
    import json

    from weibo_lint.reporters import reportable

    expected = json.dumps([p.as_dict() for p in reportable(problems)], ensure_ascii=False, indent=2) + "\n"
    assert format_json(problems) == expected


_FEW = st.sampled_from(["posts/a.md", "posts/b.md", "columns/c.yaml"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.builds(
    lambda path, line, column, code, level, message, related, who: (who, Problem(path, line, column, code, "a-rule",
                                                                                 level, message, tuple(related))),
    _FEW, st.integers(1, 3), st.integers(1, 2), st.sampled_from(["WB101", "WB502"]),
    st.sampled_from([Level.ERROR, Level.WARNING, Level.INFO, Level.OFF]), _TEXT, st.lists(_TEXT, max_size=2),
    st.integers(0, 2)), max_size=12))
def test_objects_made_in_advance_and_merged_are_what_format_json_prints(found):
    """A file's problems made in advance (``stored``) and merged with the others on that file
    (before: 0, after: 2) give ``format_json``'s bytes, equal problems in the order given."""
    from weibo_lint.reporters.json import format_json_files, stored

    given = [problem for _who, problem in sorted(found, key=lambda pair: pair[0])]  # as format_json is given them
    files = []
    for path in sorted({problem.path for _who, problem in found}):
        mine = [problem for who, problem in found if who == 1 and problem.path == path]
        files.append(([problem for who, problem in found if who == 0 and problem.path == path],
                      stored(mine) if mine or path == "posts/b.md" else None,
                      [problem for who, problem in found if who == 2 and problem.path == path]))
    assert format_json_files(files) == format_json(given)


def test_objects_that_do_not_match_their_keys_are_refused(problem):
    from weibo_lint.reporters.json import Stored, format_json_files, stored

    made = stored([problem(path="posts/a.md", line=2)])
    with pytest.raises(ValueError):
        format_json_files([([problem(path="posts/a.md", line=1)], Stored(made.objects, "[]"), [])])
