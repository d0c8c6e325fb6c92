"""The state file, the clock endpoint and reset."""
from __future__ import annotations

import json

import requests

from tests.sandbox.helpers import Client, start, weibo_error
from weibo_lint.sandbox import SandboxConfig


def test_state_file_survives_a_restart(tmp_path):
    path = tmp_path / "sandbox" / "state.json"
    config = SandboxConfig(state_path=path)
    first = start(config)
    try:
        answer = Client(first).post("statuses/share.json", status="留下来 https://example.com/k")
        assert answer.status_code == 200, answer.text
        post_id = answer.json()["id"]
    finally:
        first.close()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert [p["id"] for p in saved["posts"]] == [post_id]
    assert [p.name for p in path.parent.iterdir()] == ["state.json"]  # no temporary left behind

    second = start(config)
    try:
        client = Client(second)
        assert [p["text"] for p in second.posts()] == ["留下来 https://example.com/k"]
        shown = client.get("statuses/show.json", id=post_id)
        assert shown.status_code == 200 and shown.json()["text"] == "留下来 https://example.com/k"
        repeat = client.post("statuses/share.json", status="留下来 https://example.com/k")
        assert weibo_error(repeat)[0] == 20019
        newer = client.post("statuses/update.json", status="新的")
        assert newer.json()["id"] == post_id + 1
    finally:
        second.close()
    assert len(json.loads(path.read_text(encoding="utf-8"))["posts"]) == 2


def test_clock_endpoint_sets_and_advances(client, sandbox):
    assert client.admin("POST", "clock", {"now": "2024-06-01T08:00:00+08:00"}) == {
        "now": "2024-06-01T00:00:00+00:00"}
    assert client.admin("POST", "clock", {"advance_seconds": 90}) == {"now": "2024-06-01T00:01:30+00:00"}
    answer = client.post("statuses/update.json", status="几点了")
    assert answer.json()["created_at"] == "Sat Jun 01 08:01:30 +0800 2024"
    naive = requests.post(sandbox.admin_url + "clock", json={"now": "2024-06-01T08:00:00"}, timeout=5)
    assert naive.status_code == 400  # a time without an offset is ambiguous


def test_reset_forgets_posts_and_faults(client, sandbox):
    assert client.post("statuses/update.json", status="一").status_code == 200
    sandbox.add_fault("http-500")
    assert client.admin("POST", "reset") == {"ok": True}
    assert client.admin("GET", "state")["posts"] == []
    assert client.post("statuses/update.json", status="一").status_code == 200  # no fault, no repeat
