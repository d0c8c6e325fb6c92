"""The collection rules on the buffer give what `check` gives once the buffer is saved,
publication records included: the overlay's posts and the index's answers agree."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from hashlib import sha256

import pytest

from tests.lsp.helpers import init_repo
from weibo_lint.check import run_check
from weibo_lint.config import load_config
from weibo_lint.engine import rule_setting_errors
from weibo_lint.lsp.project import Project

NOW = datetime(2026, 12, 1, 0, 0, tzinfo=timezone.utc)
BODY = "今天上新：桂花燕麦拿铁，门店和小程序同步开售，欢迎来尝。"


def write_post(root, name, when, status="approved", body=BODY):
    path = root / "posts" / "2026-12" / name
    path.write_text(f"---\ncolumn: brand-news\npublish_at: {when}\nstatus: {status}\n---\n{body}\n", "utf-8")
    return path


def write_record(root, post, text, when_utc):
    record = root / "published" / "official" / (post.replace("posts/", "").replace("/", "__") + ".json")
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps({
        "path": post, "state": "published", "account": "official", "column": "brand-news", "text": text,
        "text_sha256": sha256(text.encode()).hexdigest(), "idstr": "5000000000000001",
        "published_at": when_utc.isoformat(), "via": "manual"}, ensure_ascii=False), "utf-8")


def naming(problems, path):
    return sorted((p.path, p.line, p.column, p.code, p.message, p.related) for p in problems
                  if p.path == path or path in p.related)


@pytest.mark.parametrize("when, status, body", [
    ("2026-12-03 10:30", "approved", BODY),  # 30 min after a published post, repeats its text
    ("2026-12-08 10:00", "approved", BODY + "再说一遍。"),  # a near duplicate of a pending post
    ("2027-03-02 10:00", "approved", "别的内容，远在窗口之外。"),  # far beyond the horizon, near a record
    ("2026-12-03 10:30", "draft", BODY),  # a draft counts for nothing
])
def test_the_buffer_s_collection_problems_are_check_s_after_saving_it(tmp_path, when, status, body):
    root = init_repo(tmp_path / "repo")
    (root / "posts/2026-12/2026-12-03-brand-news-welcome.md").unlink()
    done = write_post(root, "done.md", "2026-12-03 10:00")
    write_record(root, "posts/2026-12/done.md", "#品牌动态# " + BODY, datetime(2026, 12, 3, 2, 0, tzinfo=timezone.utc))
    far = write_post(root, "far.md", "2027-03-02 09:50", body="很久以后发过的一条。")
    write_record(root, "posts/2026-12/far.md", "#品牌动态# 很久以后发过的一条。",
                 datetime(2027, 3, 2, 1, 50, tzinfo=timezone.utc))
    write_post(root, "pending.md", "2026-12-08 10:00")
    mine = write_post(root, "mine.md", "2026-12-10 10:00", status="draft", body="草稿。")
    path = "posts/2026-12/mine.md"
    project = Project.find(root)
    project.load()
    project.refresh_index()
    text = mine.read_text("utf-8").replace("2026-12-10 10:00", when).replace("草稿。", body).replace(
        "status: draft", f"status: {status}")
    checked = project.check(path, text)
    found = project.collection(checked, NOW, budget=60)
    assert found.left_out == () and not found.busy
    mine.write_text(text, "utf-8")
    config = load_config(root / "weibo.yaml", validators=(rule_setting_errors,))
    report = run_check(config, now=NOW, use_cache=False)
    expected = naming(report.collection_problems, path)
    assert naming(found.problems, path) == expected
    if status == "approved" and when.startswith("2026-12-03"):
        assert {p[3] for p in expected} >= {"WB405", "WB408"}  # the case means something
    assert done.exists() and far.exists()
