"""share/update/upload over HTTP: what is stored, and each refusal's Weibo error."""
from __future__ import annotations

import requests

from tests.sandbox.helpers import Client, start, weibo_error
from weibo_lint.sandbox import SandboxConfig
from weibo_lint.sandbox.users import uid_for_token

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\r\n\x1a" * 16


def test_share_stores_the_post_and_answers_a_status(client, sandbox):
    answer = client.post("statuses/share.json", status="新文章 https://example.com/a", rip="10.1.2.3")

    assert answer.status_code == 200, answer.text
    status = answer.json()
    uid = uid_for_token("tok-alice")
    assert status["text"] == "新文章 https://example.com/a"
    assert status["id"] == 5_000_000_000_000_000
    assert status["idstr"] == status["mid"] == "5000000000000000"
    assert status["created_at"] == "Fri May 31 17:46:55 +0800 2024"
    assert (status["reposts_count"], status["comments_count"], status["attitudes_count"]) == (0, 0, 0)
    assert status["pic_ids"] == []
    assert status["user"] == {"id": uid, "idstr": str(uid), "screen_name": "Alice"}
    [stored] = sandbox.posts()
    assert (stored["id"], stored["endpoint"], stored["rip"]) == (status["id"], "statuses/share", "10.1.2.3")


def test_share_takes_the_token_from_the_authorization_header(sandbox):
    answer = requests.post(sandbox.base_url + "statuses/share.json",
                           data={"status": "看 https://example.com/h"},
                           headers={"Authorization": "OAuth2 tok-bob"}, timeout=5)
    assert answer.status_code == 200, answer.text
    assert answer.json()["user"]["screen_name"] == f"user{uid_for_token('tok-bob')}"


def test_share_with_a_picture_records_it(client, sandbox):
    answer = client.post("statuses/share.json", status="图 https://example.com/p",
                         files={"pic": ("p.png", PNG, "image/png")})
    assert answer.status_code == 200, answer.text
    [pic_id] = answer.json()["pic_ids"]
    assert sandbox.posts()[0]["picture"]["id"] == pic_id
    assert sandbox.posts()[0]["picture"]["size"] == len(PNG)  # binary part kept byte for byte


def test_share_refuses_a_topic(client, sandbox):
    answer = client.post("statuses/share.json", status="#读书# https://example.com/a")
    code, message = weibo_error(answer)
    assert code == 10017
    assert "#话题词#" in message
    assert sandbox.posts() == []


def test_share_needs_a_link(client, sandbox):
    answer = client.post("statuses/share.json", status="没有链接")
    assert weibo_error(answer) == (10017, "text not find domain!")


def test_share_needs_a_link_on_a_safe_domain():
    sandbox = start(SandboxConfig(safe_domains=("example.com",)))
    try:
        client = Client(sandbox)
        other = client.post("statuses/share.json", status="看 https://example.org/a")
        assert weibo_error(other) == (10017, "text not find domain!")
        ok = client.post("statuses/share.json", status="看 https://www.example.com/a")
        assert ok.status_code == 200, ok.text
        assert [p["text"] for p in sandbox.posts()] == ["看 https://www.example.com/a"]
    finally:
        sandbox.close()


def test_share_counts_as_weibo_does(client):
    # A URL counts 10 (weibo_lint.counting), so 131 CJK characters and a URL make 141.
    too_long = client.post("statuses/share.json", status="字" * 131 + "https://example.com/x")
    code, message = weibo_error(too_long)
    assert code == 20012
    assert "140" in message
    fits = client.post("statuses/share.json", status="字" * 130 + "https://example.com/x")
    assert fits.status_code == 200, fits.text


def test_update_limits_are_140_or_2000_with_is_longtext(client, sandbox):
    assert weibo_error(client.post("statuses/update.json", status="字" * 141))[0] == 20012
    assert client.post("statuses/update.json", status="字" * 140).status_code == 200
    long = client.post("statuses/update.json", status="长" * 2000, is_longtext="1")
    assert long.status_code == 200, long.text
    assert weibo_error(client.post("statuses/update.json", status="超" * 2001, is_longtext="1"))[0] == 20012
    assert [len(p["text"]) for p in sandbox.posts()] == [140, 2000]


def test_blank_and_missing_status(client):
    assert weibo_error(client.post("statuses/update.json", status="  \n "))[0] == 20008
    assert weibo_error(client.post("statuses/update.json"))[0] == 10016


def test_update_needs_the_advanced_write_right():
    sandbox = start(SandboxConfig(advanced_write=False))
    try:
        answer = Client(sandbox).post("statuses/update.json", status="你好")
        assert weibo_error(answer, 403) == (10014, "Insufficient app permissions!")
        assert sandbox.posts() == []
    finally:
        sandbox.close()


def test_repeated_content_is_refused_per_user(client, sandbox):
    assert client.post("statuses/update.json", status="同一句话").status_code == 200
    assert weibo_error(client.post("statuses/update.json", status="  同一句话\n")) == (20019, "repeat content!")
    assert client.post("statuses/update.json", status="同一句话", token="tok-bob").status_code == 200
    assert len(sandbox.posts()) == 2


def test_tokens(client, sandbox):
    expired = client.post("statuses/update.json", status="a", token="expired-123")
    assert weibo_error(expired, 403) == (21327, "expired_token")
    invalid = client.post("statuses/update.json", status="a", token="invalid-123")
    assert weibo_error(invalid, 403) == (21332, "invalid_access_token")
    missing = client.post("statuses/update.json", status="a", token=None)
    assert weibo_error(missing, 403) == (21301, "auth faild!")
    assert sandbox.posts() == []


def test_rate_limit_is_30_an_hour_on_the_sandbox_clock(client, sandbox):
    for n in range(30):
        sandbox.advance(60)  # 30 posts within 30 minutes
        assert client.post("statuses/update.json", status=f"第{n}条").status_code == 200
    refused = client.post("statuses/update.json", status="第30条")
    assert weibo_error(refused) == (10023, "User requests out of rate limit!")
    assert client.post("statuses/update.json", status="别人", token="tok-bob").status_code == 200

    sandbox.advance(31 * 60)  # the first post is now an hour old: out of the window
    assert client.post("statuses/update.json", status="第30条").status_code == 200
    assert weibo_error(client.post("statuses/update.json", status="第31条"))[0] == 10023
    assert len(sandbox.posts()) == 32


def test_upload_checks_the_picture(client, sandbox):
    not_image = client.post("statuses/upload.json", status="图",
                            files={"pic": ("a.png", b"%PDF-1.4 not a picture", "image/png")})
    assert weibo_error(not_image) == (20005, "unsupported image type, only suport JPG, GIF, PNG!")
    without = client.post("statuses/upload.json", status="图")
    assert weibo_error(without)[0] == 20007
    huge = client.post("statuses/upload.json", status="图",
                       files={"pic": ("big.gif", b"GIF89a" + bytes(5 * 1024 * 1024), "image/gif")})
    assert weibo_error(huge)[0] == 20006
    assert sandbox.posts() == []

    jpeg = client.post("statuses/upload.json", status="图",
                       files={"pic": ("a.jpg", b"\xff\xd8\xff\xe0" + bytes(100), "image/jpeg")})
    assert jpeg.status_code == 200, jpeg.text
    assert sandbox.posts()[0]["picture"]["type"] == "jpeg"


def test_share_refuses_a_bad_picture_type(client, sandbox):
    answer = client.post("statuses/share.json", status="图 https://example.com/p",
                         files={"pic": ("a.bmp", b"BM" + bytes(64), "image/bmp")})
    assert weibo_error(answer)[0] == 20005
    assert sandbox.posts() == []


def test_unknown_resource_and_wrong_method(client):
    assert weibo_error(client.get("statuses/destroy.json"), 404)[0] == 10020
    assert weibo_error(client.get("statuses/update.json"), 405)[0] == 10021
