"""Markdown to Weibo plain text, and the map from every posted character back to the source."""
from __future__ import annotations

import pytest

from weibo_lint.flatten import MAX_MARKDOWN_CHARS, flatten


def _text(source: str) -> str:
    return flatten(source).text.strip()


def _maps_back(source: str, wanted: str) -> int:
    """The source offset the first ``wanted`` of the output maps to."""
    flat = flatten(source)
    return flat.map.source(flat.text.index(wanted))


@pytest.mark.parametrize("source, text", [
    ("这是**加粗**、*斜体*、__粗__、_斜_。~~删除~~", "这是加粗、斜体、粗、斜。删除"),
    ("snake_case_name 不是强调", "snake_case_name 不是强调"),
    ("***又粗又斜***", "又粗又斜"),
    ("`行内代码` 保留文字", "行内代码 保留文字"),
    ("a&amp;b &lt;c&gt; &#20013;", "a&b <c> 中"),
    ("转义 \\*不是强调\\*", "转义 *不是强调*"),
    ("第一行\n第二行", "第一行\n第二行"),
    ("硬换行  \n下一行", "硬换行\n下一行"),
    ("第一段\n\n\n第二段", "第一段\n第二段"),
    ("> 引用的话\n\n正文", "引用的话\n正文"),
])
def test_emphasis_and_inline_markup_are_dropped(source, text):
    assert _text(source) == text


@pytest.mark.parametrize("source, text", [
    ("看[官网](https://www.example.com/a)了解", "看官网 https://www.example.com/a了解"),
    ("[https://a.com/x](https://a.com/x)", "https://a.com/x"),
    ("看<https://www.example.com/a>了解", "看https://www.example.com/a了解"),
    ("看 https://www.example.com/a 了解", "看 https://www.example.com/a 了解"),
    ("[文字][ref]\n\n[ref]: https://ref.example.com/p", "文字 https://ref.example.com/p"),
    ("[**粗体链接**](https://x.com/y)后", "粗体链接 https://x.com/y后"),
    ("[空链接]()后", "空链接后"),
    # an autolink shows its text (markdown-it percent-encodes the href, the text is as written)
    ("<https://a.com/中文>", "https://a.com/中文"),
    ("[https://a.com/中文](https://a.com/中文)后", "https://a.com/中文后"),
    ("邮件 <hi@example.com>", "邮件 hi@example.com"),
])
def test_links_become_text_and_url(source, text):
    assert _text(source) == text


@pytest.mark.parametrize("source, text", [
    # Weibo's URL pattern would swallow the letters: the link would point elsewhere
    ("[官网](https://a.com)now", "官网 https://a.com now"),
    ("<https://a.com>now", "https://a.com now"),
    ("[官网](https://a.com).", "官网 https://a.com ."),
    # CJK and full-width punctuation end a URL by themselves
    ("[官网](https://a.com)。", "官网 https://a.com。"),
])
def test_text_glued_to_a_link_is_kept_apart(source, text):
    assert _text(source) == text


@pytest.mark.parametrize("source, text", [
    ("- 一\n- 二\n- 三", "· 一\n· 二\n· 三"),
    ("* 一\n\n* 二", "· 一\n· 二"),  # a loose list: no empty line after the marker
    ("* 一\n\n  续\n* 二", "· 一\n续\n· 二"),
    ("1. 甲\n2. 乙", "1. 甲\n2. 乙"),
    ("3. 丙\n4. 丁", "3. 丙\n4. 丁"),
    ("1. 甲\n\n2. 乙", "1. 甲\n2. 乙"),
    ("- 外\n  - 内", "· 外\n· 内"),
    ("前言\n\n- 一\n- 二\n\n后记", "前言\n· 一\n· 二\n后记"),
])
def test_lists_become_lines(source, text):
    assert _text(source) == text


def test_images_become_pictures_not_text():
    flat = flatten("看图![一杯拿铁](images/latte.jpg)后\n\n![](./a.png)")
    assert flat.text.strip() == "看图后"
    assert [(p.src, p.alt) for p in flat.pictures] == [("images/latte.jpg", "一杯拿铁"), ("./a.png", "")]
    assert flat.pictures[0].offset == len("看图![一杯拿铁](")


@pytest.mark.parametrize("source, kind, text", [
    ("# 标题\n\n正文", "heading", "标题\n正文"),
    ("正文\n\n## 小标题", "heading", "正文\n小标题"),
    ("标题\n===\n\n正文", "heading", "标题\n正文"),
    ("| a | b |\n|---|---|\n| 1 | 2 |", "table", "a b\n1 2"),
    ("```\ncode here\n```", "code block", "code here"),
    ("    indented code", "code block", "indented code"),
    ("<div>html</div>\n\n正文", "HTML", "正文"),
    ("正文 <b>粗</b> 后", "HTML", "正文 粗 后"),
])
def test_what_weibo_cannot_show_is_listed(source, kind, text):
    flat = flatten(source)
    assert [u.kind for u in flat.unsupported] == [kind]
    assert flat.text.strip() == text


def test_unsupported_offsets_point_at_the_construct():
    source = "正文\n\n# 标题\n\n<div>x</div>\n"
    flat = flatten(source)
    assert [(u.kind, u.offset) for u in flat.unsupported] == [("heading", source.index("#")),
                                                              ("HTML", source.index("<div>"))]


@pytest.mark.parametrize("source, text", [
    ("正文<!-- 注释 -->后", "正文后"),
    ("<!-- weibo-lint disable-next-line WB501 -->\n最好的", "最好的"),
    ("正文\n\n<!-- 多行\n注释 -->\n\n尾", "正文\n尾"),
    ("<!-- 只有注释 -->", ""),
    # a comment opening a line makes the line an HTML block in CommonMark; its text is still posted
    ("<!-- weibo-lint disable-line WB501 -->最好的咖啡\n\n下一段", "最好的咖啡\n下一段"),
    ("第一段\n\n<!-- 注释 --> **粗**的字", "第一段\n粗的字"),
])
def test_html_comments_vanish(source, text):
    flat = flatten(source)
    assert flat.text.strip() == text
    assert flat.unsupported == []


# -- the source map ----------------------------------------------------------------------------

@pytest.mark.parametrize("source, wanted", [
    ("**加粗**之后的字", "之后"),
    ("前*斜*中**粗**后", "后"),
    ("混合 **粗** 和 [链](https://a.com) 然后 **再粗** 最后", "最后"),
    ("混合 **粗** 和 [链](https://a.com) 然后 **再粗** 最后", "https"),
    ("混合 **粗** 和 [链](https://a.com) 然后 **再粗** 最后", "再粗"),
    ("[链接文字](https://a.com/p)后面", "后面"),
    ("[链接文字](https://a.com/p)后面", "链接"),
    ("<https://a.com/p>后面", "后面"),
    ("a&amp;b 之后", "之后"),
    ("转义 \\*号\\* 之后", "之后"),
    ("`代码` 之后", "之后"),
    ("- 一\n- **二**项", "项"),
    ("第一段\n\n第二段 **粗** 尾", "尾"),
    ("# 标题\n\n正文 **粗** 尾", "尾"),
    ("看图![图](a.jpg)后面", "后面"),
    ("> 引用 **粗** 尾", "尾"),
    ("正文<!-- 注释 -->后面", "后面"),
])
def test_characters_map_exactly_to_the_source(source, wanted):
    assert source[_maps_back(source, wanted):].startswith(wanted)


def test_every_copied_character_maps_to_itself():
    source = "冬季限定**焦糖海盐拿铁**今天上市！看[详情](https://www.example.com/p/1)。\n\n- 中杯 *28* 元\n- 大杯 32 元"
    flat = flatten(source)
    synthesised = {"·", " ", "\n"}
    for index, char in enumerate(flat.text):
        if char not in synthesised:
            assert source[flat.map.source(index)] == char, (index, char)


def test_entities_map_to_their_markup():
    source = "价格 &lt;30 元"
    assert source[_maps_back(source, "<"):].startswith("&lt;")


# -- size -----------------------------------------------------------------------------------

def test_a_body_too_long_to_post_is_taken_as_it_is():
    # Megabytes of dense Markdown take markdown-it minutes; a body this long is over every
    # limit anyway, so it is counted as written.
    source = "**粗** [链](https://a.com) *a _b_ " * (MAX_MARKDOWN_CHARS // 20)
    flat = flatten(source)
    assert flat.text == source
    assert flat.map.source(12345) == 12345


def test_a_long_but_postable_body_is_still_markdown():
    source = "**粗**" + "中" * 3000
    assert flatten(source).text == "粗" + "中" * 3000


def test_a_paragraph_after_a_picture_only_item_starts_its_own_line():
    flat = flatten("- ![图](a.jpg)\n\n门店同步开售。")
    assert flat.text == "· \n门店同步开售。"  # not glued to the item's bullet
    assert [p.src for p in flat.pictures] == ["a.jpg"]
