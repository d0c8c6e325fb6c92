"""Every way a check can go gives the same problems, in the same order, word for word:

* posts checked one after another in this process, or shared out to forked workers;
* a cold run, a warm run from the cache, and a run after editing posts;
* ``--changed-since`` with the index restored into a fresh clone (as CI does), against a full
  run of the same files.

On a sample of real Weibo posts (``../shared/corpus``, see bench/real_corpus.py; skipped with
the reason when it is not there), whose stacked topics, reposts, near-duplicates, long lines
and stray marks are where the fast paths are tested hardest, and on generated messy text
everywhere.
"""
from __future__ import annotations

import itertools
import os
import random
import shutil
import time
from dataclasses import astuple
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.support import git, write_repository
from tests.weibo_corpus import real_texts
from weibo_lint.check import run_check
from weibo_lint.config import load_config
from weibo_lint.index import posts as index_posts
from weibo_lint.reporters.json import format_json, format_json_files

NOW = datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=8)))
SAMPLE = 400

CONFIG = """\
timezone: Asia/Shanghai
accounts:
  brand: {name: 星河咖啡, api: manual, limit: 2000, pictures: 9, posting: {max_per_day: 12, min_gap: 30m}}
rules: {}
"""


def real_sample() -> list[str]:
    return random.Random(12).sample(real_texts(), SAMPLE)


def messy_texts() -> list[str]:
    """Generated posts with what real ones have: stacked and unclosed topics, reposts,
    mentions, links, Latin beside CJK, half-width punctuation, repeats."""
    rng = random.Random(5)
    pieces = ["#抗疫日记#", "#A##B#", "#没闭合", "//@某人:", "@星河咖啡 ", "https://t.cn/A6x", "iPhone12", "3月2日",
              "全网最低价", "第一", "你好,世界!", "？？", "  ", "\n", "【重磅】", "[哈哈]", "C# 开发", "**加粗**", "2020年"]
    words = ["今天", "咖啡", "门店", "城市", "朋友", "周末", "新品", "春天", "口罩", "隔离", "消息", "发布"]
    texts = []
    for _ in range(SAMPLE):
        parts = [rng.choice(pieces if rng.random() < 0.4 else words) for _ in range(rng.randrange(3, 40))]
        texts.append("".join(parts))
    return texts + texts[: SAMPLE // 10]  # exact repeats, as reposts make


@pytest.fixture(params=["real", "generated"])
def texts(request) -> list[str]:
    return real_sample() if request.param == "real" else messy_texts()


def build(root: Path, texts: list[str]) -> list[str]:
    write_repository(root, CONFIG, columns={"daily": "name: 每日见闻\naccount: brand\ntopic: 每日见闻\ntemplate: daily.j2\n"
                                                     "cadence: {per: day, min: 1, max: 12}\n"},
                     templates={"daily.j2": "#{{ column.topic }}# {{ body }}"})
    paths = []
    for index, text in enumerate(texts):
        when = datetime(2026, 1, 2, 8) + timedelta(minutes=40 * index)
        path = f"posts/{when:%Y-%m}/{when:%d-%H%M}-{index}.md"
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(f"---\ncolumn: daily\npublish_at: {when:%Y-%m-%d %H:%M}\nstatus: approved\n---\n{text}\n",
                                 encoding="utf-8")
        paths.append(path)
    return paths


def problems(report) -> list[tuple]:
    """Every field of every problem, the fix's edits included, in the reported order; and the
    JSON report joined from the posts' stored objects is the one printed from the problems."""
    assert format_json_files(report.json_files()) == format_json(report.problems)
    assert report.levels == {problem.level for problem in report.problems}
    return [astuple(problem) for problem in report.problems]


def check(root: Path, **options):
    return run_check(load_config(root / "weibo.yaml"), now=NOW, **options)


def test_one_process_and_forked_workers_agree(tmp_path, texts, monkeypatch, forks):
    build(tmp_path, texts)
    monkeypatch.setattr(index_posts, "PARALLEL_THRESHOLD", 10**9)
    alone = problems(check(tmp_path, use_cache=False))
    monkeypatch.setattr(index_posts, "PARALLEL_THRESHOLD", 0)
    shared = problems(check(tmp_path, use_cache=False))
    assert (os.cpu_count() or 1) < 2 or os.name != "posix" or forks  # the second run did fork
    assert shared == alone and len(alone) > SAMPLE / 4  # real text gives plenty to compare


def test_cold_warm_and_edited_runs_agree_with_a_run_without_the_cache(tmp_path, texts):
    paths = build(tmp_path, texts)
    time.sleep(2.1)  # older than the racy-clean margin, as a checkout is
    cold = problems(check(tmp_path))
    assert problems(check(tmp_path)) == cold == problems(check(tmp_path, use_cache=False))
    for path in paths[::97]:  # a few edits: one gains a problem, one loses its text, one repeats another's
        file = tmp_path / path
        file.write_text(file.read_text("utf-8") + "全网最低价,快来iPhone店!\n", encoding="utf-8")
    (tmp_path / paths[1]).write_text("---\ncolumn: daily\nstatus: approved\n---\n", encoding="utf-8")
    (tmp_path / paths[2]).write_bytes((tmp_path / paths[3]).read_bytes())
    edited = problems(check(tmp_path))
    assert edited == problems(check(tmp_path, use_cache=False)) and edited != cold


def test_runs_after_edits_that_change_the_collection_agree_with_a_run_without_the_cache(tmp_path, texts):
    """What the index keeps between runs besides each post's result (WB408's pairs, the
    posts' summaries) follows every kind of change: each step's run from the cache reports
    what a run without it reports."""
    paths = build(tmp_path, texts)
    time.sleep(2.1)
    check(tmp_path)
    first, second, third = (tmp_path / path for path in paths[10:13])
    original = second.read_bytes()

    def body_of(file: Path) -> str:
        return file.read_text("utf-8").split("---\n", 2)[2]

    steps = {
        "an exact duplicate made": lambda: second.write_bytes(first.read_bytes().replace(b"08:", b"09:", 1)),
        "a near duplicate made": lambda: second.write_text(
            second.read_text("utf-8").replace(body_of(second), body_of(first) + "好"), encoding="utf-8"),
        "the pair undone": lambda: second.write_bytes(original),
        "a post deleted": lambda: third.unlink(),
        "a post made a draft": lambda: first.write_text(first.read_text("utf-8").replace("approved", "draft"),
                                                         encoding="utf-8"),
        "weibo.yaml changed": lambda: (tmp_path / "weibo.yaml").write_text(
            CONFIG.replace("rules: {}", "rules: {WB408: {similarity: 0.6}}"), encoding="utf-8"),
        "a post added": lambda: (tmp_path / "posts" / "2026-01" / "new.md").write_bytes(original),
    }
    reports = []
    for step, change in steps.items():
        change()
        reports.append(problems(check(tmp_path)))
        assert reports[-1] == problems(check(tmp_path, use_cache=False)), step
    assert all(before != after for before, after in itertools.pairwise(reports))  # each step changed the report
    assert any(row[3] == "WB408" and row[0] == paths[11] for row in reports[0])  # the duplicate was found
    assert any(row[3] == "WB408" and row[0] == paths[11] for row in reports[1])  # and the near one


def test_changed_since_with_a_restored_index_agrees_with_a_full_run(tmp_path, texts):
    main = tmp_path / "main"
    paths = build(main, texts)
    (main / ".gitignore").write_text(".weibo-lint-cache/\n")
    git(main, "init", "-q", "-b", "main")
    git(main, "add", "-A")
    git(main, "commit", "-q", "-m", "content")
    check(main)  # the index the default branch's run leaves behind
    pull = tmp_path / "pull"
    git(tmp_path, "clone", "-q", str(main), str(pull))
    git(pull, "checkout", "-q", "-b", "edit")
    for path in paths[5::120]:
        file = pull / path
        file.write_text(file.read_text("utf-8") + "\n转发微博//@星河咖啡:全网最低价,就在今天!\n", encoding="utf-8")
    git(pull, "commit", "-q", "-am", "edit posts")
    shutil.copytree(main / ".weibo-lint-cache", pull / ".weibo-lint-cache")
    changed = check(pull, changed_since="origin/main")
    full = check(pull, use_cache=False)
    selected = set(paths[5::120])
    expected = [astuple(p) for p in full.problems if p.path in selected or p in full.collection_problems]
    assert problems(changed) == expected and any(p[0] in selected for p in expected)
