"""Faults queued through /_sandbox/faults, as the publisher's tests will use them."""
from __future__ import annotations

import time

import pytest
import requests

from tests.sandbox.helpers import weibo_error

SHARE = "statuses/share.json"


def test_accept_then_drop_stores_the_post_but_the_client_hears_nothing(client, sandbox):
    client.admin("POST", "faults", [{"endpoint": "statuses/share", "kind": "accept-then-drop"}])

    with pytest.raises(requests.exceptions.ConnectionError):
        client.post(SHARE, status="只发一次 https://example.com/once")

    state = client.admin("GET", "state")
    assert [p["text"] for p in state["posts"]] == ["只发一次 https://example.com/once"]
    assert state["faults"] == []  # used up
    # A blind retry is what double-posts on the real platform; here Weibo's repeat guard answers.
    retry = client.post(SHARE, status="只发一次 https://example.com/once")
    assert weibo_error(retry) == (20019, "repeat content!")
    assert len(sandbox.posts()) == 1


def test_drop_stores_nothing(client, sandbox):
    sandbox.add_fault("drop", "statuses/update")
    with pytest.raises(requests.exceptions.ConnectionError):
        client.post("statuses/update.json", status="丢了")
    assert sandbox.posts() == []
    assert client.post("statuses/update.json", status="丢了").status_code == 200


def test_faults_match_their_endpoint_and_count(client, sandbox):
    client.admin("POST", "faults", {"endpoint": "/2/statuses/update.json", "kind": "http-500", "count": 2})
    shared = client.post(SHARE, status="不受影响 https://example.com/s")
    assert shared.status_code == 200, shared.text
    first = client.post("statuses/update.json", status="一")
    second = client.post("statuses/update.json", status="一")
    assert (first.status_code, second.status_code) == (500, 500)
    assert client.post("statuses/update.json", status="一").status_code == 200
    assert [p["text"] for p in sandbox.posts()] == ["不受影响 https://example.com/s", "一"]


def test_garbage_answers_200_with_a_body_that_is_not_json(client, sandbox):
    sandbox.add_fault("garbage")  # no endpoint: the next API request of any kind
    answer = client.post("statuses/update.json", status="乱码")
    assert answer.status_code == 200
    with pytest.raises(ValueError):
        answer.json()
    assert sandbox.posts() == []


def test_garbage_with_accept_stores_the_post(client, sandbox):
    sandbox.add_fault("garbage", "statuses/update", accept=True)
    assert client.post("statuses/update.json", status="存了").status_code == 200
    assert [p["text"] for p in sandbox.posts()] == ["存了"]


def test_error_fault_answers_that_weibo_error(client, sandbox):
    client.admin("POST", "faults", [{"endpoint": "statuses/share", "kind": "error", "error_code": 10023}])
    answer = client.post(SHARE, status="限流 https://example.com/r")
    assert weibo_error(answer) == (10023, "User requests out of rate limit!")
    assert sandbox.posts() == []


def test_timeout_answers_late_but_stores_the_post(client, sandbox):
    sandbox.add_fault("timeout", "statuses/share", seconds=1.0)
    with pytest.raises(requests.exceptions.ReadTimeout):
        client.post(SHARE, status="慢 https://example.com/slow", timeout=0.3)
    deadline = time.monotonic() + 5
    while not sandbox.posts() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [p["text"] for p in sandbox.posts()] == ["慢 https://example.com/slow"]


def test_bad_faults_are_refused_whole(client, sandbox):
    answer = requests.post(sandbox.admin_url + "faults", timeout=5,
                           json=[{"kind": "http-500"}, {"kind": "meteor"}])
    assert answer.status_code == 400
    assert "meteor" in answer.json()["error"]
    assert client.admin("GET", "faults") == {"faults": []}
    no_code = requests.post(sandbox.admin_url + "faults", json={"kind": "error"}, timeout=5)
    assert no_code.status_code == 400
