"""A word from one of the team's own word lists (``lexicons:`` in weibo.yaml) in the post.

Every team has words it must not post besides the law's: a competitor's name, a product
that was retired, what legal has ruled out. weibo.yaml names the files that list them,
each with a level and what to tell the writer; this rule reports every occurrence in the
rendered text (template included), with the list's message and level.

Matching is the same as WB501's, hard to slip past: spaces, punctuation and zero-width
characters inside a word, full-width letters and digits, and traditional characters are
all seen through (「瑞 幸」「瑞\\u200b幸」「瑞倖」 match 「瑞幸」), and the message quotes the
text as written. Latin words match in any case, as whole words only. Text inside URLs is not
checked; ``@nicknames`` are (a competitor's account is a competitor's name). All lists are
searched in one pass (Aho–Corasick), so a list of 10,000 words costs about what one of ten
does. A word on two lists is reported once, with the first list's message.

Why: what the team has decided never to say should not depend on a reviewer's memory.

Bad (with ``lexicons/competitors.txt`` listing 瑞幸): 「比瑞 幸更好喝」

Good: 「比上一代更好喝」

Options: none here; the lists are set in weibo.yaml::

    lexicons:
      - file: lexicons/competitors.txt   # one word a line, '#' starts a comment line
        level: warning                   # error (default), warning or info
        message: 竞品名称，请勿提及

Each list's level is the level of its findings; ``rules: {WB505: off}`` turns them all off.
A changed list re-checks every post (it is part of the check cache's key).
"""
from __future__ import annotations

from collections.abc import Iterator

from weibo_lint.config_words import Lexicon
from weibo_lint.entities import covered, url_spans
from weibo_lint.i18n import _
from weibo_lint.problem import Finding, Level
from weibo_lint.rules.base import NoOptions, PostContext
from weibo_lint.textfold import fold
from weibo_lint.wordmatch import WordMatcher

CODE = "WB505"
NAME = "lexicon-term"
SCOPE = "post"
LEVEL = "error"

DOC_ZH = """帖子里有团队自己词表（weibo.yaml 的 ``lexicons:``）中的词。

除了法律禁止的词，每个团队都有自己不能发的词：竞品名称、已下架的产品、法务明确不许说的话。weibo.yaml 列出这些词表文件，每个词表有自己的级别和给作者的提示；本规则检查渲染后的正文（含模板），报告每一处出现，附上词表的提示和级别。

匹配方式与 WB501 相同，不容易绕过：词中间夹空格、标点或零宽字符，全角字母和数字，繁体字，都能识别（「瑞 幸」「瑞\\u200b幸」「瑞倖」都算「瑞幸」），提示里引用原文的写法。拉丁字母词不区分大小写、只匹配整词。网址中的文字不检查；``@昵称`` 要检查（竞品的账号也是竞品名称）。所有词表一次扫描完成（Aho–Corasick 算法），一万个词和十个词的耗时相差无几。同一个词出现在两个词表里时只报告一次，用先列出的词表的提示。

为什么：团队定下不能说的话，不应该靠审稿人的记性。

错误示例（``lexicons/competitors.txt`` 中有「瑞幸」）：``比瑞 幸更好喝``

正确示例：``比上一代更好喝``

选项：本规则没有选项；词表在 weibo.yaml 中设置::

    lexicons:
      - file: lexicons/competitors.txt   # 一行一个词，'#' 开头的行是注释
        level: warning                   # error（默认）、warning 或 info
        message: 竞品名称，请勿提及

每个词表的级别就是它的问题的级别；``rules: {WB505: off}`` 关掉全部词表。词表改动后所有帖子都会重新检查（词表内容是检查缓存键的一部分）。
"""

_MATCHERS: dict[tuple, WordMatcher] = {}  # by the lexicons' keys: built once a run (once a worker)


def matcher(lexicons: tuple[Lexicon, ...]) -> WordMatcher:
    key = tuple(lexicon.key for lexicon in lexicons)
    found = _MATCHERS.get(key)
    if found is None:
        _MATCHERS.clear()  # one configuration at a time; a 10,000-word automaton is not kept twice
        found = _MATCHERS[key] = WordMatcher((term, lexicon) for lexicon in lexicons for term in lexicon.terms)
    return found


def find(context: PostContext, options: NoOptions) -> Iterator[Finding]:
    lexicons = context.config.lexicons
    if not lexicons or context.rendered is None:
        return
    text = context.rendered.text
    matches = matcher(lexicons).find(fold(text), text)
    if not matches:
        return
    skip = covered(url_spans(text))
    for match in matches:
        if skip(match.start):
            continue
        lexicon: Lexicon = match.value
        yield Finding(_("'{term}' is on the word list {file}: {message}").format(
            term=text[match.start:match.end], file=lexicon.path, message=lexicon.message),
            rendered=(match.start, match.end), level=Level(lexicon.level))
