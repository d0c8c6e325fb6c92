"""flatten()'s fast paths must agree with markdown-it (``_flatten_markdown``) exactly wherever
they answer: text, pictures, unsupported blocks, code spans and the map of every character.

The property tests draw inputs through ``_fast_path`` as flatten() does; their strategies make
mostly inputs a fast path takes (an input it refuses is discarded with ``assume``), and each
records an event per path, so ``--hypothesis-show-statistics`` shows how many were compared.
"""
from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

pytest.importorskip("hypothesis", reason="hypothesis is in the test extra: pip install -e '.[test]'")
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from weibo_lint.flatten import Flat, _fast_path, _flatten_blocks, _flatten_markdown, _flatten_plain, flatten


def _differences(fast: Flat, source: str) -> list[str]:
    """How ``fast`` differs from what markdown-it makes of ``source`` (empty: not at all)."""
    slow = _flatten_markdown(source)
    found = [f"{name}: {getattr(fast, name)!r} != {getattr(slow, name)!r}"
             for name in ("text", "pictures", "unsupported", "code") if getattr(fast, name) != getattr(slow, name)]
    found += [f"map at {index}: {fast.map.source(index)} != {slow.map.source(index)}"
              for index in range(len(fast.text)) if fast.map.source(index) != slow.map.source(index)][:3]
    return found


def _fast(source: str) -> tuple[str, Flat] | None:
    """The fast path flatten() takes for ``source`` and its answer; None when none answers."""
    path = _fast_path(source)
    fast = path(source) if path is not None else None
    return (path.__name__, fast) if fast is not None else None


def _compare_where_fast(source: str) -> None:
    """The property: where a fast path answers, it agrees; other inputs are discarded."""
    taken = _fast(source)
    assume(taken is not None)
    name, fast = taken
    event(f"compared, {name}")
    assert not _differences(fast, source), (repr(source), _differences(fast, source))


def _agrees(fast_path, source: str) -> bool:
    """Whether ``fast_path`` answered for ``source``; where it does, it must agree."""
    fast = fast_path(source)
    if fast is None:
        return False
    assert not _differences(fast, source), (repr(source), _differences(fast, source))
    return True


# Plain paragraphs: text without Markdown syntax, now and then a character that sends the body
# elsewhere (syntax, a block start, white space at either end of a line).
PLAIN_TOKEN = st.sampled_from(list("中文话题新品咖啡拿铁ab1.2#@[]()-:：，。！？+") * 6 + [
    "[哈哈]", "#话题#", "@星河咖啡", "https://www.example.com/p/1", "//@某人:", "1. ", "- ", "# ", "#1"] * 3 + [
    " ", " ", "\u3000", "\x85", "\u2028", "\x0b", "\x0c", "\u00a0",
    "*", "_", "<", ">", "&", "|", "~", "`", "=", "!", "\\", "\t", "\r", "\x00"])
PLAIN_BODY = st.lists(st.lists(PLAIN_TOKEN, max_size=8).map("".join), max_size=8).map("\n".join)


@settings(max_examples=1000, deadline=None)
@given(PLAIN_BODY)
def test_plain_path_agrees_with_markdown_it_when_it_applies(source):
    _compare_where_fast(source)


def test_fast_path_is_taken_for_plain_posts():
    source = "今天上新 #新品速递# [哈哈]\n第二行 @星河咖啡\n\n第二段 https://www.example.com/p/1"
    assert _agrees(_flatten_plain, source)
    assert flatten(source).text == "今天上新 #新品速递# [哈哈]\n第二行 @星河咖啡\n第二段 https://www.example.com/p/1"


def test_markdown_syntax_takes_the_parser():
    assert flatten("**加粗** 文本").text == "加粗 文本"
    assert flatten("- 一\n- 二").text == "· 一\n· 二"
    assert flatten("  缩进的段落").text == "缩进的段落"


# Paragraphs with inline Markdown; now and then a block the paragraph path must refuse.
INLINE = st.sampled_from(list("中文 ab#@[()-，。.*_`&!~=") * 4 + ["\n"] * 6 + list("<>|:]") + [
    "**加粗**", "*斜*", "[链接](https://www.example.com/a)", "<https://x.com/y>", "![图](a.jpg)", "`代码`",
    "<b>", "&amp;", "\\*", "~~删~~", "[哈哈]", "#话题#", "<!-- weibo-lint disable-line WB501 -->"] * 3 + [
    "\n- ", "\n1. ", "\n# ", "\n> ", "\n```\n", "\n***\n", "\n===\n", " | ", "[a]: https://x.com\n", "\n<div>\n"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(INLINE, max_size=30).map("".join))
def test_paragraph_path_agrees_with_markdown_it_when_it_applies(source):
    _compare_where_fast(source)


def test_paragraph_path_handles_a_typical_post():
    source = "今天的 **冬季限定** 拿铁上市了。\n更多请看 [活动页](https://www.example.com/events)。\n\n![图](../a.jpg)"
    assert _agrees(_flatten_blocks, source)
    assert flatten(source).text.strip() == "今天的 冬季限定 拿铁上市了。\n更多请看 活动页 https://www.example.com/events。"


# Mostly what the list path takes (items, plain lines, blank lines), now and then what it must refuse.
LINE_STARTS = st.sampled_from(["- "] * 24 + ["1. "] * 12 + ["2. ", "0. ", "10. ", "01. "] * 2 + [""] * 24 + [
    "\n- ", "\n1. ", "\n", "\n", "* ", "+ ", "1) ", "-", "# ", "> ", "  ", "\u3000", "---", "==="])
LINE_TEXT = st.lists(st.sampled_from(list("中文咖啡拿铁ab1") * 4 + list("#@[-:，。.*_`<>&!~=") + [
    "**加粗**", "[链接](https://www.example.com/a)", "![图](a.jpg)", "`代码`", "&amp;", "\\*", "[哈哈]", "#话题#",
    "<!-- x -->", "@星河咖啡", "https://www.example.com/p/1", "拿 铁"] * 2 + [" ", "]"]), min_size=1, max_size=6)
LIST_BODY = st.lists(st.tuples(LINE_STARTS, LINE_TEXT.map("".join)).map("".join), max_size=10).map("\n".join)


@settings(max_examples=1000, deadline=None)
@given(LIST_BODY)
def test_list_path_agrees_with_markdown_it_when_it_applies(source):
    _compare_where_fast(source)


def test_list_path_is_taken_for_typical_lists():
    for source in ["今天推荐：\n- 拿铁\n- 美式\n\n门店同步开售。", "- 第一步：选豆\n- 第二步：研磨\n编号 8210。",
                   "1. **选豆**\n2. 研磨 [教程](https://www.example.com/t)\n3. 冲煮", "步骤：\n1. 一\n2. 二\n- 另一张清单",
                   "- ![图](a.jpg)\n\n段落紧跟在只有图片的一项之后"]:
        assert _agrees(_flatten_blocks, source), source
    for source in ["- 一\n\n- 二", "段落\n2. 不是清单", "- 一\n  - 嵌套", "- # 标题"]:
        assert not _agrees(_flatten_blocks, source), source


def test_the_comparison_sees_a_difference():
    """The check the properties rely on fails where a fast path would go wrong."""
    source = "今天的 **冬季限定** 拿铁"
    assert _differences(_flatten_blocks(source), source) == []
    assert _differences(_flatten_plain(source), source)  # the plain path keeps the asterisks


def test_fast_paths_agree_with_markdown_it_on_real_weibo_text():
    from tests.weibo_corpus import real_texts

    texts = real_texts()
    taken: Counter[str] = Counter()
    wrong = []
    for text in texts:  # all of them: some 20,000 take about two seconds
        found = _fast(text)
        if found is None:
            continue
        taken[found[0]] += 1
        if _differences(found[1], text):
            wrong.append(text)
    assert not wrong, (len(wrong), [(text[:200], _differences(_fast(text)[1], text)) for text in wrong[:5]])
    # Most real posts are plain text: were they no longer compared, this test would say nothing.
    assert taken["_flatten_plain"] > len(texts) / 2, taken


@pytest.mark.parametrize("source", ["-- -", "--  -", "-\t- -", "文字\n\n-- -\n文字", "-- - -"])
def test_a_spaced_thematic_break_is_not_taken_for_plain_text(source):
    # Found by hypothesis: the plain fast path took '-- -', a thematic break in CommonMark, for text.
    taken = _fast(source)
    assert taken is None or not _differences(taken[1], source)


def test_plain_posts_are_flattened_without_importing_the_parser():
    # markdown-it-py's import costs about 50 ms, more than checking a post: a plain post must not pay it.
    code = ("import sys\nfrom weibo_lint.flatten import flatten\n"
            "assert flatten('今天上新：桂花拿铁。\\n\\n第二段 #话题# @星河咖啡').text\n"
            "print('markdown_it' in sys.modules)\n"
            "flatten('**粗体**')\nprint('markdown_it' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True"]
