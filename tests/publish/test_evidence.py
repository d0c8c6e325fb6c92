"""Reading the timeline as evidence; ids, mids and post addresses."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from weibo_lint.publish.evidence import (
    Seen,
    base62_to_mid,
    covers,
    find_ours,
    mid_to_base62,
    parse_created_at,
    parse_post_url,
    post_url,
    same_text,
    seen,
    timeline,
)

CST = timezone(timedelta(hours=8))
INTENT = datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)


def status(text, minutes, *, ident="1", long_text=False):
    return Seen(ident, ident, text, INTENT + timedelta(minutes=minutes), "42", long_text)


def test_created_at_is_read_whatever_the_locale():
    assert parse_created_at("Wed Oct 24 23:49:17 +0800 2012") == datetime(2012, 10, 24, 23, 49, 17, tzinfo=CST)
    assert parse_created_at("Tue May 31 17:46:55 -0130 2011").utcoffset() == -timedelta(hours=1, minutes=30)
    assert parse_created_at("2012-10-24") is None and parse_created_at(None) is None
    assert parse_created_at("Wed Foo 24 23:49:17 +0800 2012") is None


def test_links_are_compared_as_links_since_weibo_shortens_them():
    ours = "新品上市。详情 https://www.example.com/p/latte"
    assert same_text(ours, status("新品上市。详情 http://t.cn/A6abcDEF", 1))
    assert same_text(ours, status("新品上市。详情  \nhttp://t.cn/A6abcDEF ", 1))
    assert not same_text(ours, status("新品上市！详情 http://t.cn/A6abcDEF", 1))


def test_a_folded_long_post_matches_its_shown_beginning():
    ours = "烘焙师日记：这批埃塞俄比亚豆子有明显的柑橘香气。" * 8
    shown = ours[:60] + "...全文"
    assert same_text(ours, status(shown, 1, long_text=True))
    assert not same_text(ours, status(shown, 1))  # only a long post is shown folded
    assert not same_text(ours, status("烘焙...全文", 1, long_text=True))  # too little to tell


def test_ours_must_come_after_the_intent():
    text = "新品上市 https://example.com/a"
    since = INTENT - timedelta(minutes=5)
    assert find_ours([status(text, -30)], text, since) is None  # someone else's, long before
    assert find_ours([status(text, 2, ident="9")], text, since).idstr == "9"


def test_covers_when_the_page_reaches_back_past_the_intent():
    since = INTENT - timedelta(minutes=5)
    assert covers([], since)
    assert covers([status("x", m) for m in (1, 2, 3, 4)], since)  # fewer than 5: all there is
    assert not covers([status("x", m) for m in (1, 2, 3, 4, 5)], since)
    assert covers([status("x", m) for m in (1, 2, 3, 4, -60)], since)


def test_status_objects():
    body = {"statuses": [{"idstr": "5000000000000001", "id": 5000000000000001, "mid": "5000000000000001",
                          "text": "hi", "created_at": "Wed Oct 24 23:49:17 +0800 2012",
                          "user": {"id": 1234567890, "idstr": "1234567890"}}, {"no": "id"}, "junk"]}
    found = timeline(body)
    assert [s.idstr for s in found] == ["5000000000000001"] and found[0].uid == "1234567890"
    assert seen({"id": 7}).mid == "7" and timeline(None) == [] and timeline({"statuses": "x"}) == []


@pytest.mark.parametrize("mid", ["5000000000000001", "3501756485200075", "42", "10000000", "9999999"])
def test_base62_round_trip(mid):
    assert base62_to_mid(mid_to_base62(mid)) == mid


def test_base62_groups():
    # Groups of 7 digits from the right, inner groups padded to 4 characters.
    assert mid_to_base62("5000000000000001") == "O00000001"
    assert mid_to_base62("10000000") == "10000"


def test_post_urls():
    assert post_url("1234567890", "5000000000000001") == "https://weibo.com/1234567890/O00000001"
    assert post_url(None, "5") is None
    assert parse_post_url("https://weibo.com/1234567890/O00000001") == ("1234567890", "5000000000000001")
    assert parse_post_url("https://m.weibo.cn/1234567890/5000000000000001?x=1") == ("1234567890", "5000000000000001")
    with pytest.raises(ValueError):
        parse_post_url("https://example.com/1/2")
