"""WB408 duplicate-content: same or nearly the same text on one account, or a published repeat."""
from __future__ import annotations

import random

import pytest

from tests.schedule import near_oracle
from tests.schedule.helpers import NOW
from weibo_lint.schedule.similar import bigrams, jaccard, normalise, similar_pairs

TEXT = "冬季限定焦糖海盐拿铁今天上市，双份浓缩配慢熬焦糖，再撒一小撮海盐，甜里带一点咸。"


def test_the_same_text_up_to_spaces_and_punctuation(repo):
    a = repo.post("tips", "2026-12-01 09:30", body=TEXT)
    b = repo.post("tips", "2026-12-02 09:30", body=TEXT.replace("，", ", ").replace("。", "!"))
    problems = repo.problems("WB408")
    assert sorted((p.path, p.line, p.code) for p in problems) == sorted([(a, 3, "WB408"), (b, 3, "WB408")])
    assert {p.path: p.related for p in problems} == {a: (b,), b: (a,)}
    assert all(p.message.startswith("same text as") for p in problems)


def test_nearly_the_same_text(repo):
    a = repo.post("tips", "2026-12-01 09:30", body=TEXT)
    b = repo.post("tips", "2026-12-02 09:30", body=TEXT.replace("双份", "三份"))
    problems = repo.problems("WB408")
    assert sorted((p.path, p.line, p.code) for p in problems) == sorted([(a, 3, "WB408"), (b, 3, "WB408")])
    assert {p.path: p.related for p in problems} == {a: (b,), b: (a,)}
    assert problems[0].message.startswith("nearly the same text as ") and "%)" in problems[0].message


def test_one_problem_a_post_naming_the_most_similar_first(repo):
    a = repo.post("tips", "2026-12-01 09:30", body=TEXT)
    b = repo.post("tips", "2026-12-02 09:30", body=TEXT.replace("双份", "三份"))
    c = repo.post("tips", "2026-12-03 09:30", body=TEXT.replace("双份", "三份").replace("今天", "明天"))
    problems = {p.path: p for p in repo.problems("WB408")}
    assert set(problems) == {a, b, c}
    assert problems[a].related == (b, c)  # b differs from a in one word, c in two
    assert problems[c].related == (b, a)
    assert problems[a].message.index(b) < problems[a].message.index(c)


def test_many_posts_of_one_text_name_a_few_others(repo):
    paths = [repo.post("tips", f"2026-12-{day:02d} 09:30", body=TEXT) for day in range(1, 10)]
    problems = repo.problems("WB408")
    assert sorted(p.path for p in problems) == sorted(paths)
    for problem in problems:
        assert len(problem.related) == 5 and problem.path not in problem.related
        assert problem.message.endswith(" and 3 more")


def test_the_index_keeps_one_group_per_account_whatever_the_exact_duplicates(repo):
    import sqlite3

    from weibo_lint.cache import FILE_NAME

    repo.post("tips", "2026-12-01 09:30", body=TEXT)
    repo.post("tips", "2026-12-02 09:30", body=TEXT)
    repo.post("tips", "2026-12-03 09:30", body=TEXT.replace("双份", "三份"))
    first = repo.report(use_cache=True).problems
    assert len([p for p in first if p.code == "WB408"]) == 5  # two exact, three near
    (database,) = repo.root.rglob(FILE_NAME)
    with sqlite3.connect(database) as db:
        groups = {name.split("\0")[1] for (name,) in db.execute("SELECT DISTINCT grp FROM near_text")}
    assert groups == {"official"}
    assert repo.report(use_cache=True).problems == first


def test_the_similarity_option(make_repo):
    repo = make_repo(rules="{WB408: {similarity: 1.0}}")
    repo.post("tips", "2026-12-01 09:30", body=TEXT)
    repo.post("tips", "2026-12-02 09:30", body=TEXT.replace("双份", "三份"))
    assert repo.found("WB408") == []


def test_other_accounts_drafts_and_different_texts_are_fine(make_repo):
    from tests.schedule.helpers import COLUMNS

    twin = COLUMNS["tips"].replace("account: official", "account: ceo")  # renders the very same text
    repo = make_repo(columns={**COLUMNS, "ceo-tips": twin})
    repo.post("tips", "2026-12-01 09:30", body=TEXT)
    repo.post("ceo-tips", "2026-12-01 20:30", body=TEXT, extra="link: https://www.example.com/p/1\n")
    repo.post("tips", "2026-12-02 09:30", body=TEXT, status="draft")
    repo.post("tips", "2026-12-03 09:30", body="咖啡豆开袋后，挤出空气、封好口，放在阴凉避光处，两周内喝完。")
    assert repo.found("WB408") == []


def test_a_post_repeating_a_published_text(repo):
    old = repo.post("tips", "2026-11-01 09:30", body="旧的一条")
    rendered = f"【服务小贴士】{TEXT}详情 https://www.example.com/p/1"
    repo.record(old, "official", "2026-11-01T09:30:05+08:00", text=rendered)
    again = repo.post("tips", "2026-12-01 09:30", body=TEXT)
    problems = repo.problems("WB408")
    assert [(p.path, p.line, p.code) for p in problems] == [(again, 3, "WB408")]
    assert problems[0].related == (old,) and "20019" in problems[0].message


def test_a_published_post_without_a_digest_is_compared_by_its_text(repo):
    old = repo.post("tips", "2026-11-01 09:30", body=TEXT)
    repo.record(old, "official", "2026-11-01T09:30:05+08:00")  # an old record: no text_sha256
    again = repo.post("tips", "2026-12-01 09:30", body=TEXT)
    assert repo.found("WB408") == [(again, 3, "WB408")]


def test_normalise():
    assert normalise("Ｈｅｌｌｏ，  世界！\n") == normalise("hello, 世界!") == "hello世界"
    assert normalise("😀😀") == "😀😀"  # nothing but emoji: kept as it is


def test_integer_bigrams_are_the_character_bigrams_one_to_one():
    texts = ["", "a", "!", "!\x00", "\x00", "ab", "ba", "aba", "😀😀", "😀a", "a😀", "\ud800\udfff", "咖啡拿铁咖啡",
             "\U0010ffff\U0010fffe", "a\x00", "\x00a"]
    for x in texts:
        assert len(bigrams(x)) == len(near_oracle.bigrams(x))
        for y in texts:
            assert jaccard(bigrams(x), bigrams(y)) == jaccard(near_oracle.bigrams(x), near_oracle.bigrams(y)), (x, y)


@pytest.mark.parametrize("threshold", [0.5, 0.7, 0.85, 0.95])
def test_prefix_filtering_finds_exactly_the_pairs_brute_force_finds(threshold):
    rng = random.Random(threshold)
    alphabet = "咖啡拿铁美式手冲冷萃燕麦牛奶焦糖海盐桂花"
    base = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(3, 120))) for _ in range(60)]
    texts = list(base)
    for text in base:  # near copies: a few characters changed
        chars = list(text)
        for _ in range(rng.randrange(0, 4)):
            chars[rng.randrange(len(chars))] = rng.choice(alphabet)
        texts.append("".join(chars))
    found = similar_pairs(texts, threshold)
    assert found == near_oracle.pairs(texts, threshold)  # the same pairs, the same similarities
    assert found  # the data does hold near pairs


def _findings(report, near_duplicates, similarity):
    """WB408's findings on the report's repository, asking ``near_duplicates``."""
    from weibo_lint.collection import Collection
    from weibo_lint.rules import wb408_duplicate_content as wb408

    collection = Collection(report.env.config, report.env.columns, report.summaries, NOW, report.published,
                            near_duplicates=near_duplicates)
    return list(wb408.find(collection, wb408.Options(similarity)))


def _same_findings_as_the_oracle(repo, similarity):
    from weibo_lint.cache import Store
    from weibo_lint.index.similar import NearDuplicates

    report = repo.report()
    expected = _findings(report, near_oracle.Fresh(), similarity)
    assert _findings(report, NearDuplicates(Store(None, "test").db), similarity) == expected
    return expected


@pytest.mark.parametrize("similarity", [0.5, 0.85, 1.0])
def test_the_index_finds_what_the_oracle_finds(make_repo, similarity):
    from tests.schedule.helpers import COLUMNS

    rng = random.Random(similarity)
    twin = COLUMNS["tips"].replace("account: official", "account: ceo")
    repo = make_repo(columns={**COLUMNS, "ceo-tips": twin})
    words = ["桂花", "燕麦", "拿铁", "今天", "上新", "焦糖", "海盐", "周末", "带杯", "立减"]
    bodies = ["".join(rng.choice(words) for _ in range(rng.randrange(1, 12))) for _ in range(30)]
    for number in range(120):
        body = rng.choice(bodies)
        if rng.random() < 0.5:  # a near copy: a word changed, or punctuation only
            body = body.replace(rng.choice(words), rng.choice(words), 1) if rng.random() < 0.7 else f"{body}！"
        column = rng.choice(["tips", "ceo-tips"])
        repo.post(column, f"2026-12-{1 + number % 28:02d} {9 + number // 28:02d}:30", body=body,
                  status=rng.choice(["approved"] * 5 + ["draft"]))
    found = _same_findings_as_the_oracle(repo, similarity)
    messages = [finding.message for finding in found]
    assert any(m.startswith("same text as") for m in messages)
    assert similarity == 1.0 or any(m.startswith("nearly the same text as") for m in messages)


def test_the_index_finds_what_the_oracle_finds_in_real_weibo_text(repo):
    from tests.weibo_corpus import real_texts

    texts = real_texts(400)
    for number, text in enumerate(texts):
        repo.post("tips", f"2026-12-{1 + number % 28:02d} {(number // 28) % 24:02d}:{number // 672:02d}",
                  body=text, name=f"real-{number}.md")
    found = _same_findings_as_the_oracle(repo, 0.85)
    assert any(finding.message.startswith("nearly the same text as") for finding in found)


def test_posts_checked_in_parallel_give_the_same_problems_and_their_texts_normalised(tmp_path, monkeypatch, forks):
    import os

    from tests.schedule.helpers import Repo
    from weibo_lint.index import posts as index_posts
    from weibo_lint.index import similar as index_similar

    if (os.cpu_count() or 1) < 2 or os.name != "posix":
        pytest.skip("one CPU: posts are never checked in parallel")
    runs = []
    for parallel in (False, True):
        (tmp_path / str(parallel)).mkdir()
        repo = Repo(tmp_path / str(parallel))
        repo.post("tips", "2026-12-01 09:30", body=TEXT)
        repo.post("tips", "2026-12-02 09:30", body=TEXT.replace("双份", "三份"))
        repo.post("tips", "2026-12-03 09:30", body=TEXT)
        repo.daily_posts("2026-11-24", 6)
        monkeypatch.setattr(index_posts, "PARALLEL_THRESHOLD", 0 if parallel else 10**9)
        in_main = []
        real = index_similar.normalise
        monkeypatch.setattr(index_similar, "normalise", lambda text, in_main=in_main, real=real: in_main.append(text) or real(text))
        problems = repo.report(use_cache=True).problems
        runs.append(([(p.path, p.line, p.code, p.message) for p in problems], in_main))
    (serial, serial_main), (parallel, parallel_main) = runs
    assert parallel == serial and any(code == "WB408" for _path, _line, code, _message in serial)
    assert forks  # the parallel run forked
    assert serial_main == parallel_main == []  # each text was normalised where its post was checked
