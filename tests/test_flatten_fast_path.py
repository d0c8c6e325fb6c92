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


def _agrees(fast_path, source: str) -> bool:
    """Whether ``fast_path`` applied to ``source``; where it does, it agrees with markdown-it
    exactly: text, pictures, unsupported blocks and the map of every character."""
    fast = fast_path(source)
    if fast is None:
        return False
    slow = _flatten_markdown(source)
    assert fast.text == slow.text, repr(source)
    assert fast.pictures == slow.pictures, repr(source)
    assert fast.unsupported == slow.unsupported, repr(source)
    for index in range(len(fast.text)):
        assert fast.map.source(index) == slow.map.source(index), (repr(source), index)
    return True


def _same_paragraphs(source: str) -> None:
    from weibo_lint.flatten import _flatten_blocks

    _agrees(_flatten_blocks, source)


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


def _same_lists(source: str) -> bool:
    from weibo_lint.flatten import _flatten_blocks

    return _agrees(_flatten_blocks, source)


# Mostly what the list path takes (items, plain lines, blank lines), now and then what it must refuse.
LINE_STARTS = st.sampled_from(["- "] * 6 + ["1. "] * 3 + ["2. ", "0. ", "10. ", "01. "] + [""] * 8 + [
    "* ", "+ ", "1) ", "-", "# ", "> ", "  ", "\u3000", "---", "==="])
LINE_TEXT = st.lists(st.sampled_from(list("中文咖啡拿铁ab1") * 4 + list(" #@[]-:，。.*_`<>&!~=") + [
    "**加粗**", "[链接](https://www.example.com/a)", "![图](a.jpg)", "`代码`", "&amp;", "\\*", "[哈哈]", "#话题#",
    "<!-- x -->", "@星河咖啡", "https://www.example.com/p/1", " "]), max_size=6).map("".join)
LIST_BODY = st.lists(st.tuples(LINE_STARTS, LINE_TEXT).map("".join), max_size=10).map("\n".join)


@settings(max_examples=3000, deadline=None)
@given(LIST_BODY)
def test_list_path_agrees_with_markdown_it_when_it_applies(source):
    from weibo_lint.flatten import _OTHER_BLOCKS

    if _OTHER_BLOCKS.search(source) or "\r" in source or "\x00" in source:
        return
    _same_lists(source)


def test_list_path_is_taken_for_typical_lists():
    for source in ["今天推荐：\n- 拿铁\n- 美式\n\n门店同步开售。", "- 第一步：选豆\n- 第二步：研磨\n编号 8210。",
                   "1. **选豆**\n2. 研磨 [教程](https://www.example.com/t)\n3. 冲煮", "步骤：\n1. 一\n2. 二\n- 另一张清单",
                   "- ![图](a.jpg)\n\n段落紧跟在只有图片的一项之后"]:
        assert _same_lists(source), source
    for source in ["- 一\n\n- 二", "段落\n2. 不是清单", "- 一\n  - 嵌套", "- # 标题"]:
        assert not _same_lists(source), source
