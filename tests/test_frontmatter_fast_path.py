"""The hand-read front matter fast path must give exactly what PyYAML gives, or step aside."""
from __future__ import annotations

import pytest
import yaml

pytest.importorskip("hypothesis", reason="hypothesis is in the test extra: pip install -e '.[test]'")
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from weibo_lint.frontmatter import _FastLoader, _simple_mapping

KEYS = st.sampled_from(["column", "publish_at", "status", "title", "link", "account", "series", "note", "a-b", "x_1",
                        "Title", "_draft"] * 6 + ["on", "yes", "null", "3", "a b", "中文"])
# Values written as posts write them (plain text the fast path reads) ...
PLAIN = st.sampled_from([
    "daily-question", "2026-11-24 10:00", "approved", "draft", "https://www.example.com/p/1", "冬季 新品", "a:b",
    "中文：标题", "a#b", "x-y", "今天 #话题# 上新", "1.2.3", "a, b", "q'", "yes-no", "O'Neil"])
# ... and values YAML reads otherwise (or not at all), which the fast path must refuse.
TRICKY = st.sampled_from([
    "2026-11-24T10:00:00+08:00", "yes", "no", "on", "true", "null", "~", "12", "0x1F", "1:30", "3.5", ".inf", "1e3",
    "a: b", "a #b", "#x", "-x", "- x", "[a, b]", "{a: 1}", "'q'", '"q"', "a ", " a", "@x", "`x", "%x", "!x", "&a",
    "*a", "|", ">", "=", "<<", "x\ty", "a\x01b", "2026-13-45 10:00", "'", "?x", ",x", "", "a:", "\x85a"])
ENTRY = st.tuples(KEYS, PLAIN).map(lambda kv: (kv[0], f"{kv[0]}: {kv[1]}"))
ASIDE = st.sampled_from(["", "# a comment", "#", "# 注释: x"]).map(lambda line: (line, line))
ODD_LINE = st.one_of(
    st.tuples(KEYS, TRICKY).map(lambda kv: f"{kv[0]}: {kv[1]}"),
    st.tuples(KEYS, st.one_of(PLAIN, TRICKY)).map(lambda kv: f"{kv[0]}:{kv[1]}"),
    st.sampled_from(["  indented: x", "key:", "- item", "k: v # c", "#\x01", "a: b: c", "# \x85x: 1"]),
)


@st.composite
def front_matter(draw) -> str:
    """Lines of distinct keys (a repeated key is YAML's to judge), and at most one odd line."""
    lines = [line for _key, line in draw(st.lists(st.one_of(ENTRY, ENTRY, ASIDE), min_size=1, max_size=6,
                                                     unique_by=lambda entry: entry[0]))]
    if draw(st.integers(0, 3)) == 0:  # mostly none: an odd line is nearly always refused, so not compared
        odd = draw(st.one_of(ODD_LINE, KEYS.map(lambda key: f"{key}: repeated")))
        lines.insert(draw(st.integers(0, len(lines))), odd)
    return "\n".join(lines)


@settings(max_examples=1000, deadline=None)
@given(front_matter())
def test_fast_path_equals_pyyaml_whenever_it_answers(text):
    fast = _simple_mapping(text)
    assume(fast is not None)  # anything else goes to PyYAML itself
    event(f"compared, {len(fast)} keys")
    assert fast == yaml.load(text, Loader=_FastLoader), repr(text)


def test_typical_front_matter_takes_the_fast_path():
    text = "column: new-arrivals\npublish_at: 2026-11-24 10:00\nstatus: approved\ntitle: 冬季限定\nlink: https://www.example.com/p/1"
    assert _simple_mapping(text) == {"column": "new-arrivals", "publish_at": "2026-11-24 10:00", "status": "approved",
                                     "title": "冬季限定", "link": "https://www.example.com/p/1"}


def test_anything_else_goes_to_yaml():
    for text in ("images: [a.jpg]", "status: yes", "count: 3", "title: 'quoted'", "images:\n  - a.jpg", "a: b: c"):
        assert _simple_mapping(text) is None, text


def test_yaml_line_breaks_other_than_newline_go_to_yaml():
    # YAML 1.1 ends a line at NEL, LS and PS too: the fast path once read these as one line.
    for text in ("column: \x85a", "title: a\u2028b", "title: a\u2029", "# c\x85x: 1\ntitle: b"):
        assert _simple_mapping(text) is None, repr(text)
    assert yaml.load("# c\x85x: 1\ntitle: b", Loader=_FastLoader) == {"x": 1, "title": "b"}
