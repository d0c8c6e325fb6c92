"""The Weibo client over real HTTP against the sandbox."""
from __future__ import annotations

import pickle

import pytest

from tests.publish.helpers import PNG, steer
from weibo_lint.publish.api import Picture, Secret, WeiboClient
from weibo_lint.publish.outcomes import Kind

TOKEN = "tok-api-test-77c1"


@pytest.fixture
def client(sandbox):
    return WeiboClient(Secret(TOKEN), base=sandbox.base_url, upload_base=sandbox.upload_url, timeout=1)


def test_share_with_a_picture_and_rip(client, sandbox):
    answer = client.share("新品上市 https://www.example.com/a", Picture("a.png", PNG, "image/png"), rip="203.0.113.5")
    assert answer.kind is Kind.SUCCESS and answer.data["idstr"]
    stored = sandbox.posts()[0]
    assert stored["endpoint"] == "statuses/share" and stored["rip"] == "203.0.113.5"
    assert stored["picture"]["size"] == len(PNG)


def test_update_long_text_and_upload(client, sandbox):
    long_text = "长" * 200
    assert client.update(long_text, long_text=False).code == 20012
    assert client.update(long_text, long_text=True).kind is Kind.SUCCESS
    assert client.upload("配图", Picture("a.png", PNG, "image/png")).kind is Kind.SUCCESS
    assert [p["endpoint"] for p in sandbox.posts()] == ["statuses/update", "statuses/upload"]
    assert sandbox.posts()[0]["is_longtext"]


def test_refusals_are_classified(client, sandbox):
    assert client.share("no link here").code == 10017  # share needs a safe-domain link
    assert client.share("#话题# https://example.com/x").kind is Kind.PERMANENT
    client.share("same https://example.com/x")
    assert client.share("same https://example.com/x").kind is Kind.REPEATED
    steer(sandbox, "error", error_code="20032", error="delayed")
    assert client.share("later https://example.com/y").kind is Kind.DELAYED
    expired = WeiboClient(Secret("expired-abc"), base=sandbox.base_url, timeout=1)
    answer = expired.share("x https://example.com/z")
    assert answer.kind is Kind.AUTH and answer.code == 21327 and answer.http_status == 403


@pytest.mark.parametrize("kind,fields", [("drop", {}), ("accept-then-drop", {}), ("http-500", {}), ("garbage", {}),
                                         ("timeout", {"seconds": 1.5})])
def test_broken_exchanges_are_uncertain(client, sandbox, kind, fields):
    steer(sandbox, kind, **fields)
    answer = client.share("hello https://example.com/q")
    assert answer.kind is Kind.UNCERTAIN, answer
    assert TOKEN not in answer.describe()


def test_timeline_and_counts(client, sandbox):
    ids = [client.share(f"post {n} https://example.com/{n}").data["idstr"] for n in range(7)]
    timeline = client.user_timeline()
    assert timeline.kind is Kind.SUCCESS and len(timeline.data["statuses"]) == 5
    counts = client.counts(ids[:3] + ["1"])
    assert counts.kind is Kind.SUCCESS and sorted(str(i["id"]) for i in counts.data) == sorted(ids[:3])
    with pytest.raises(ValueError):
        client.counts([str(n) for n in range(101)])
    assert client.calls == 9 and client.seconds > 0


def test_token_only_in_the_authorization_header(sandbox, monkeypatch):
    sent = []
    client = WeiboClient(Secret(TOKEN), base=sandbox.base_url, timeout=1)
    real = client.session.send

    def spy(prepared, **kwargs):
        sent.append(prepared)
        return real(prepared, **kwargs)
    monkeypatch.setattr(client.session, "send", spy)
    client.share("x https://example.com/1", Picture("a.png", PNG, "image/png"))
    client.user_timeline()
    assert len(sent) == 2
    for prepared in sent:
        body = prepared.body if isinstance(prepared.body, bytes) else (prepared.body or "").encode()
        assert TOKEN not in prepared.url and TOKEN.encode() not in body
        assert prepared.headers["Authorization"] == f"OAuth2 {TOKEN}"


def test_secret_does_not_show_itself():
    secret = Secret(TOKEN)
    assert TOKEN not in repr(secret) and TOKEN not in str(secret) and TOKEN not in f"{secret}"
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    client = WeiboClient(secret)
    assert TOKEN not in repr(vars(client))


def test_unreachable_host_is_uncertain():
    client = WeiboClient(Secret(TOKEN), base="http://127.0.0.1:9/2/", timeout=0.5)
    answer = client.share("x")
    assert answer.kind is Kind.UNCERTAIN and "connection failed" in answer.message and TOKEN not in answer.message
