"""One repository that breaks every rule (tests/data/every-rule), checked through the real CLI
in Chinese and in English: every rule reports, each message speaks the language asked for,
and the two runs find the same problems at the same places."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from weibo_lint.rules import ALL_RULES

FIXTURE = Path(__file__).resolve().parent / "data" / "every-rule"
NOW = "2026-12-02T09:00:00+08:00"
CJK = re.compile(r"[\u4e00-\u9fff]")
# What a message quotes (the writer's text, names, paths) says nothing of its language.
QUOTED = re.compile(r"'[^']*'|「[^」]*」|`[^`]*`|[A-Za-z0-9_./:-]+\.(?:md|j2|yaml|png|webp)|#[^#\s]+#")
LIBRARY = {"WB002", "WB104"}  # after their first '：' comes PyYAML's or Jinja's own text
DATA_ONLY = {"WB502"}  # its message is the correction itself: '用iPhone下单' → '用 iPhone 下单'


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    repo = tmp_path_factory.mktemp("every-rule")
    shutil.copytree(FIXTURE, repo, dirs_exist_ok=True)
    (repo / "posts" / "bin.md").write_bytes(b"\xff\xfe")  # not UTF-8 (kept out of the fixture)
    found = {}
    for language in ("zh-CN", "en"):
        env = {**os.environ, "WEIBO_LINT_LANG": language}
        done = subprocess.run([sys.executable, "-m", "weibo_lint", "check", "--now", NOW, "--format", "json",
                               "--no-cache"], cwd=repo, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 1, done.stderr
        found[language] = json.loads(done.stdout)
    return found


def _key(problem: dict) -> tuple:
    return problem["path"], problem["line"], problem["column"], problem["code"]


def test_every_rule_reports_in_both_languages(runs):
    codes = {rule.code for rule in ALL_RULES}
    for language, problems in runs.items():
        assert {p["code"] for p in problems} == codes, language
    assert sorted(map(_key, runs["zh-CN"])) == sorted(map(_key, runs["en"]))


@pytest.mark.parametrize("rule", [rule.code for rule in ALL_RULES])
def test_each_rules_message_in_chinese_and_in_english(runs, rule):
    english = {_key(p): p["message"] for p in runs["en"] if p["code"] == rule}
    chinese = {_key(p): p["message"] for p in runs["zh-CN"] if p["code"] == rule}
    assert english and chinese.keys() == english.keys()
    for key, message in chinese.items():
        if rule in DATA_ONLY:
            assert message == english[key]
            continue
        assert message != english[key], (rule, message)
        ours = QUOTED.sub(" ", message.split("：", 1)[0] + "：" if rule in LIBRARY else message)
        assert CJK.search(ours), (rule, message)  # Chinese words, not only quoted text
        assert not re.search(r"\b(the|is|must|not|and|with|of)\b", ours), (rule, message)  # no English sentence
        assert re.search(r"[a-z]{3,}", QUOTED.sub(" ", english[key])), (rule, english[key])
