"""The hand-read front matter fast path must give exactly what PyYAML gives, or step aside."""
from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from weibo_lint.frontmatter import _FastLoader, _simple_mapping

KEYS = st.sampled_from(["column", "publish_at", "status", "title", "link", "on", "yes", "null", "a-b", "x_1", "3"])
VALUES = st.sampled_from([
    "daily-question", "2026-11-24 10:00", "2026-11-24T10:00:00+08:00", "approved", "draft", "yes", "no", "on",
    "true", "null", "~", "12", "0x1F", "1:30", "3.5", ".inf", "1e3", "https://www.example.com/p/1", "冬季 新品",
    "a: b", "a #b", "#x", "-x", "- x", "[a, b]", "{a: 1}", "'q'", '"q"', "a ", " a", "@x", "`x", "%x", "!x",
    "&a", "*a", "|", ">", "=", "<<", "中文：标题", "x\ty", "a\x01b", "2026-13-45 10:00", "'", "a:b", "?x", ",x",
])
LINE = st.one_of(
    st.tuples(KEYS, VALUES).map(lambda kv: f"{kv[0]}: {kv[1]}"),
    st.tuples(KEYS, VALUES).map(lambda kv: f"{kv[0]}:{kv[1]}"),
    st.sampled_from(["", "# a comment", "  indented: x", "key:", "- item", "k: v # c"]),
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(LINE, max_size=8).map("\n".join))
def test_fast_path_equals_pyyaml_whenever_it_answers(text):
    fast = _simple_mapping(text)
    if fast is None:
        return
    assert fast == yaml.load(text, Loader=_FastLoader), repr(text)


def test_typical_front_matter_takes_the_fast_path():
    text = "column: new-arrivals\npublish_at: 2026-11-24 10:00\nstatus: approved\ntitle: 冬季限定\nlink: https://www.example.com/p/1"
    assert _simple_mapping(text) == {"column": "new-arrivals", "publish_at": "2026-11-24 10:00", "status": "approved",
                                     "title": "冬季限定", "link": "https://www.example.com/p/1"}


def test_anything_else_goes_to_yaml():
    for text in ("images: [a.jpg]", "status: yes", "count: 3", "title: 'quoted'", "images:\n  - a.jpg", "a: b: c"):
        assert _simple_mapping(text) is None, text
