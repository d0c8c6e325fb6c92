"""Issue 13, words: absolute terms (WB501) and the team's word lists (WB505) are found however
they are disguised, claims justify a term, and weibo.yaml's ``enforce`` cannot be undone by a
post. Every test goes through the real CLI (``weibo-lint check --format json``)."""
from __future__ import annotations

import pytest

from tests.lint_repo import CONFIG, LintRepo
from tests.support import commit_all, git

POST = "---\ncolumn: daily\npublish_at: 2026-12-03 20:30\nstatus: draft\n{front}---\n{body}\n"
BODY_LINE = 6  # with no extra front matter


def write_post(repo: LintRepo, body: str, front: str = "", name: str = "words.md") -> str:
    repo.write(f"posts/{name}", POST.format(front=front, body=body))
    return f"posts/{name}"


def problems(repo: LintRepo, code: str, *args: str) -> list[dict]:
    run = repo.check(*args)
    assert run.exit_code in (0, 1), run.stderr
    return [p for p in run.problems if p["code"] == code and p["path"] == "posts/words.md"]


@pytest.fixture
def repo(tmp_path) -> LintRepo:
    return LintRepo(tmp_path)


EVASIONS = [
    ("这是最 好的咖啡", "最 好"),
    ("这是最.好的咖啡", "最.好"),
    ("这是最 . 好的咖啡", "最 . 好"),
    ("这是最\u200b好的咖啡", "最\u200b好"),
    ("今天全-网-最-低-价", "全-网-最-低-价"),
    ("人气ＴＯＰ１的拿铁", "ＴＯＰ１"),
    ("人气 Ｎｏ.１ 的拿铁", "Ｎｏ.１"),
    ("國家級工艺", "國家級"),
    ("品质最優", "最優"),
    ("頂級豆子", "頂級"),
    ("销量第 一", "销量第 一"),
    ("🔥最🔥好🔥的咖啡", "最🔥好"),
]


@pytest.mark.parametrize(("body", "written"), EVASIONS)
def test_every_evasion_of_an_absolute_term_is_found_and_quoted_as_written(repo, body, written):
    write_post(repo, body)
    [problem] = problems(repo, "WB501")
    assert problem["level"] == "error"
    assert f"'{written}'" in problem["message"]
    assert (problem["line"], problem["column"]) == (BODY_LINE, body.index(written[0]) + 1)


@pytest.mark.parametrize("body", ["最近上新", "第一次喝手冲", "活动最后一天", "这是我唯一一次迟到",
                                  "最 近上新", "第 一 次喝手冲", "最.后一天", "唯 一 一 次", "最\u200b近",
                                  "最後一天", "第一次", "活动最后一天，好喝", "TOP10 榜单", "增长 1100%"])
def test_ordinary_words_are_not_reported_even_when_spaced(repo, body):
    write_post(repo, body)
    assert problems(repo, "WB501") == []


def test_the_allow_list_holds_even_when_spaced(repo):
    from weibo_lint.rules.wb501_absolute_term import default_lists

    allowed = default_lists()[1]
    write_post(repo, "。".join(" ".join(word) for word in allowed))
    assert problems(repo, "WB501") == []


def test_nothing_joins_across_a_sentence_or_a_line(repo):
    # 「最。好像」 is two sentences: 「最」 alone is still a term (a bare superlative), 「最好」 is not made up
    write_post(repo, "我们追求最。好像还不够\n最\n好")
    found = problems(repo, "WB501")
    assert [p["message"].split("'")[1] for p in found] == ["最", "最"]
    assert [p["line"] for p in found] == [BODY_LINE, BODY_LINE + 1]


def test_the_message_suggests_a_neutral_rewording(repo):
    write_post(repo, "这是最 好的咖啡")
    [problem] = problems(repo, "WB501")
    assert "「很好」" in problem["message"] and "「更好」" in problem["message"]


def test_the_message_in_chinese_suggests_too(repo, monkeypatch):
    monkeypatch.setenv("WEIBO_LINT_LANG", "zh-CN")
    write_post(repo, "销量第一的拿铁")
    [problem] = problems(repo, "WB501")
    assert "「销量第一」" in problem["message"] and "「销量领先」" in problem["message"]


CLAIM = "claims:\n  - term: 销量第一\n    evidence: 2025 年尼尔森零售审计报告第 12 页\n    approved_by: 法务部 王敏\n"


def test_a_claim_turns_the_error_into_an_info_citing_its_evidence(repo):
    write_post(repo, "销量 第一的拿铁，最好喝", front=CLAIM)
    found = problems(repo, "WB501")
    levels = {p["message"].split("'")[1]: p["level"] for p in found}
    assert levels == {"销量 第一": "info", "最好": "error"}
    info = next(p for p in found if p["level"] == "info")
    assert "尼尔森零售审计报告" in info["message"] and "法务部 王敏" in info["message"]
    run = repo.check()
    assert not [p for p in run.problems if p["path"] == "posts/words.md" and p["code"] in ("WB302", "WB303")]


@pytest.mark.parametrize("front", [
    "claims:\n  - term: 销量第一\n    approved_by: 法务部 王敏\n",
    "claims:\n  - term: 销量第一\n    evidence: 报告\n",
    "claims:\n  - term: 销量第一\n    evidence: 报告\n    approved_by: ''\n",
    "claims:\n  - term: 销量第一\n    evidence: 报告\n    approved_by: 王敏\n    approvd: x\n",
    "claims: 销量第一\n",
])
def test_an_incomplete_claim_is_an_error_and_justifies_nothing(repo, front):
    write_post(repo, "销量第一的拿铁", front=front)
    run = repo.check()
    mine = [p for p in run.problems if p["path"] == "posts/words.md"]
    assert [(p["line"], p["level"]) for p in mine if p["code"] == "WB303"] == [(5, "error")]
    assert [p["level"] for p in mine if p["code"] == "WB501"] == ["error"]
    assert run.exit_code == 1


def test_a_claim_for_a_term_the_post_does_not_have_is_an_error(repo):
    write_post(repo, "好喝的拿铁", front=CLAIM)
    [problem] = problems(repo, "WB501")
    assert (problem["line"], problem["level"]) == (5, "error")
    assert "'销量第一'" in problem["message"]


ENFORCE = CONFIG + "enforce: [WB501, lexicon-term]\n"


@pytest.mark.parametrize(("front", "body", "line"), [
    ("", "<!-- weibo-lint disable-next-line WB501 -->\n最好的咖啡", BODY_LINE),
    ("", "最好的咖啡 <!-- weibo-lint disable-line absolute-term -->", BODY_LINE),
    ("", "<!-- weibo-lint disable WB501 -->\n最好的咖啡\n<!-- weibo-lint enable WB501 -->", BODY_LINE),
    ("weibo-lint-disable: [WB501]\n", "最好的咖啡", 5),
])
def test_an_enforced_rule_cannot_be_disabled(tmp_path, front, body, line):
    repo = LintRepo(tmp_path, ENFORCE)
    write_post(repo, body, front=front)
    run = repo.check()
    mine = [p for p in run.problems if p["path"] == "posts/words.md"]
    assert [p["code"] for p in mine if p["code"] in ("WB501",)] == ["WB501"]  # still reported
    invalid = [p for p in mine if p["code"] == "WB003"]
    assert [(p["line"], p["level"]) for p in invalid] == [(line, "error")]
    assert "enforced" in invalid[0]["message"]
    assert not [p for p in mine if p["code"] == "WB004"]


@pytest.mark.parametrize(("front", "body"), [
    ("weibo-lint-disable: all\n", "最好的咖啡 ＃话题"),
    ("", "<!-- weibo-lint disable -->\n最好的咖啡 ＃话题"),
])
def test_disabling_everything_leaves_the_enforced_rules(tmp_path, front, body):
    repo = LintRepo(tmp_path, ENFORCE)
    write_post(repo, body, front=front)
    mine = [p["code"] for p in repo.check().problems if p["path"] == "posts/words.md"]
    assert mine == ["WB501"]  # WB202 (the full-width ＃) is suppressed, WB501 is not


def test_a_rule_not_enforced_can_still_be_disabled(tmp_path):
    repo = LintRepo(tmp_path, CONFIG + "enforce: [WB505]\n")
    write_post(repo, "<!-- weibo-lint disable-next-line WB501 -->\n最好的咖啡")
    assert [p for p in repo.check().problems if p["path"] == "posts/words.md"] == []


@pytest.mark.parametrize(("extra", "expected"), [
    ("enforce: [WB501, WB5O1]\n", "weibo.yaml:5: 'enforce': no such rule 'WB5O1' (did you mean 'WB501'?)"),
    ("enforce: WB501\n", "weibo.yaml:5: 'enforce' must be a list"),
    ("rules: {WB501: off}\nenforce: [absolute-term]\n", "weibo.yaml:6: 'enforce': absolute-term is enforced, but"),
])
def test_a_bad_enforce_is_a_configuration_error_with_its_line(tmp_path, extra, expected):
    repo = LintRepo(tmp_path, CONFIG + extra)
    run = repo.check()
    assert run.exit_code == 2
    assert expected in run.stderr.replace(str(tmp_path) + "/", "")


def lexicon_config(*entries: str) -> str:
    return CONFIG + "lexicons:\n" + "".join(entries)


COMPETITORS = "  - file: lexicons/competitors.txt\n    level: warning\n    message: competitor name\n"
LEGAL = "  - {file: lexicons/legal.txt, message: 'legal: never say'}\n"


@pytest.mark.parametrize(("body", "written"), [
    ("比瑞幸更好喝", "瑞幸"), ("比瑞 幸更好喝", "瑞 幸"), ("比瑞\u200b幸更好喝", "瑞\u200b幸"),
    ("比瑞-幸更好喝", "瑞-幸"), ("比瑞倖更好喝", "瑞倖"), ("不输 ＬＵＣＫＩＮ 的", "ＬＵＣＫＩＮ"),
    ("不输 Luck in 的", "Luck in"), ("@瑞幸咖啡 你好", "瑞幸"),
])
def test_a_team_word_is_found_however_it_is_written(tmp_path, body, written):
    repo = LintRepo(tmp_path, lexicon_config(COMPETITORS))
    repo.write("lexicons/competitors.txt", "# 竞品\n瑞幸\nLuckin\n\n")
    write_post(repo, body)
    [problem] = problems(repo, "WB505")
    assert problem["level"] == "warning"
    assert problem["message"] == f"'{written}' is on the word list lexicons/competitors.txt: competitor name"


def test_each_list_has_its_level_and_message(tmp_path):
    repo = LintRepo(tmp_path, lexicon_config(COMPETITORS, LEGAL))
    repo.write("lexicons/competitors.txt", "瑞幸\nluckin\n")
    repo.write("lexicons/legal.txt", "包治百病\n")
    write_post(repo, "瑞幸没有的：包 治 百 病。见 https://example.com/luckin")
    found = problems(repo, "WB505")
    assert [(p["level"], p["message"].rsplit(": ", 1)[1]) for p in found] == [
        ("warning", "competitor name"), ("error", "never say")]


def test_a_ten_thousand_word_list_works(tmp_path):
    repo = LintRepo(tmp_path, lexicon_config(LEGAL))
    words = [f"停售款{n:05d}" for n in range(10_000)]
    repo.write("lexicons/legal.txt", "\n".join(words) + "\n")
    write_post(repo, "还记得停售款 09999 吗？还有停售款00000")
    found = problems(repo, "WB505")
    assert [p["message"].split("'")[1] for p in found] == ["停售款 09999", "停售款00000"]


@pytest.mark.parametrize(("entry", "expected"), [
    ("  - {file: lexicons/missing.txt, message: x}\n", "'lexicons': lexicons/missing.txt cannot be read"),
    ("  - {file: ../outside.txt, message: x}\n", "'lexicons': ../outside.txt cannot be read: is outside the repository"),
    ("  - {file: lexicons/legal.txt}\n", "needs 'message'"),
    ("  - {file: lexicons/legal.txt, message: x, level: fatal}\n", "'level' must be one of error, warning, info"),
    ("  lexicons/legal.txt\n", "'lexicons' must be a list"),
])
def test_a_bad_lexicon_is_a_configuration_error_naming_it(tmp_path, entry, expected):
    repo = LintRepo(tmp_path, lexicon_config(entry))
    repo.write("lexicons/legal.txt", "包治百病\n")
    run = repo.check()
    assert run.exit_code == 2
    assert expected in run.stderr
    assert "weibo.yaml:5:" in run.stderr


def test_a_changed_lexicon_is_not_served_from_the_cache(tmp_path):
    repo = LintRepo(tmp_path, lexicon_config(LEGAL))
    repo.write("lexicons/legal.txt", "包治百病\n")
    write_post(repo, "包治百病，药到病除")
    assert len(problems(repo, "WB505", )) == 1
    assert len([p for p in repo.check(cache=True).problems if p["code"] == "WB505"]) == 1
    repo.write("lexicons/legal.txt", "包治百病\n药到病除\n")
    assert len([p for p in repo.check(cache=True).problems if p["code"] == "WB505"]) == 2


def test_a_changed_lexicon_rechecks_every_post_in_a_changed_since_run(tmp_path):
    repo = LintRepo(tmp_path, lexicon_config(LEGAL))
    repo.write("lexicons/legal.txt", "包治百病\n")
    write_post(repo, "药到病除")
    git(tmp_path, "init", "-q", "-b", "main")
    commit_all(tmp_path, "start")
    assert repo.check("--changed-since", "HEAD").exit_code == 0  # nothing changed
    repo.write("lexicons/legal.txt", "包治百病\n药到病除\n")  # the post is untouched
    assert len(problems(repo, "WB505", "--changed-since", "HEAD")) == 1


def _fold_one_by_one(text):
    """The fold, one character at a time: the reference the run-copying fold must equal."""
    from weibo_lint import textfold

    chars, origin = [], []
    for index, char in enumerate(text):
        for part in (char.lower() if char.isascii() and char.isalnum() else textfold._fold_char(char)):
            chars.append(part)
            origin.append(index)
    return textfold.Folded(textfold.simplified("".join(chars)), tuple(origin))


pytest.importorskip("hypothesis", reason="hypothesis is in the test extra: pip install -e '.[test]'")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list("最好第一ＴＯＰ１Ｎｏ国家級國 \u200b。，!?.abcXYZ09İ\u3000%#@\n") +
                                ["\U0001F600", "ﬁ", "Ａ", "\u0301", "絕對", "最 . 好"]), max_size=30).map("".join))
def test_the_fold_copies_plain_runs_exactly_as_it_folds_each_character(text):
    from weibo_lint.textfold import fold

    assert fold(text) == _fold_one_by_one(text)
