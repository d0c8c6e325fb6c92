"""The plain-text fast path of flatten() must agree with markdown-it exactly, map included."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from weibo_lint.flatten import _flatten_markdown, _flatten_plain, flatten

ALPHABET = st.sampled_from(list("中文话题新品 ab1#@[]()-:：，。！？.\n\n\u3000 \t*_<>&!|~`=+2") + ["[哈哈]", "#话题#", "\r", "\x85", "\u2028", "\x0b", "\x0c", "\u00a0", "\u3000"])


def _same(source: str) -> None:
    fast = _flatten_plain(source)
    if fast is None:
        return
    slow = _flatten_markdown(source)
    assert fast.text == slow.text, repr(source)
    for index in range(len(fast.text)):
        assert fast.map.source(index) == slow.map.source(index), (repr(source), index)


@settings(max_examples=600, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_fast_path_agrees_with_markdown_it_when_it_applies(source):
    from weibo_lint.flatten import _BLOCK_START, _SYNTAX_CHARS

    if _SYNTAX_CHARS.search(source) or _BLOCK_START.search(source):
        return
    _same(source)


def test_fast_path_is_taken_for_plain_posts():
    source = "今天上新 #新品速递# [哈哈]\n第二行 @星河咖啡\n\n第二段 https://www.example.com/p/1"
    assert _flatten_plain(source) is not None
    assert flatten(source).text == "今天上新 #新品速递# [哈哈]\n第二行 @星河咖啡\n第二段 https://www.example.com/p/1"
    _same(source)


def test_markdown_syntax_takes_the_parser():
    assert flatten("**加粗** 文本").text == "加粗 文本"
    assert flatten("- 一\n- 二").text == "· 一\n· 二"
    assert flatten("  缩进的段落").text == "缩进的段落"


def _same_paragraphs(source: str) -> None:
    from weibo_lint.flatten import _flatten_paragraphs

    fast = _flatten_paragraphs(source)
    if fast is None:
        return
    slow = _flatten_markdown(source)
    assert fast.text == slow.text, repr(source)
    assert fast.pictures == slow.pictures, repr(source)
    assert fast.unsupported == slow.unsupported, repr(source)
    for index in range(len(fast.text)):
        assert fast.map.source(index) == slow.map.source(index), (repr(source), index)


INLINE = st.sampled_from(list("中文 ab#@[]()-:，。.\n\n*_`<>&!|~=") + [
    "**加粗**", "*斜*", "[链接](https://www.example.com/a)", "<https://x.com/y>", "![图](a.jpg)", "`代码`",
    "<b>", "&amp;", "\\*", "~~删~~", "[哈哈]", "#话题#", "\n- ", "\n1. ", "\n# ", "\n> ", "\n```\n", "\n***\n",
    "\n===\n", " | ", "[a]: https://x.com\n", "<!-- weibo-lint disable-line WB501 -->", "\n<div>\n"])


@settings(max_examples=800, deadline=None)
@given(st.lists(INLINE, max_size=30).map("".join))
def test_paragraph_path_agrees_with_markdown_it_when_it_applies(source):
    from weibo_lint.flatten import _BLOCK_START, _OTHER_BLOCKS

    if _BLOCK_START.search(source) or _OTHER_BLOCKS.search(source) or "\r" in source or "\x00" in source:
        return
    _same_paragraphs(source)


def test_paragraph_path_handles_a_typical_post():
    source = "今天的 **冬季限定** 拿铁上市了。\n更多请看 [活动页](https://www.example.com/events)。\n\n![图](../a.jpg)"
    _same_paragraphs(source)
    assert flatten(source).text.strip() == "今天的 冬季限定 拿铁上市了。\n更多请看 活动页 https://www.example.com/events。"
