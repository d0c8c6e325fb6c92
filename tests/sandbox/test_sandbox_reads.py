"""count, show and user_timeline, and engagement that grows on the sandbox clock."""
from __future__ import annotations

from tests.sandbox.helpers import weibo_error
from weibo_lint.sandbox.engagement import Engagement, engagement


def _publish(client, text: str, **kw) -> int:
    answer = client.post("statuses/update.json", status=text, **kw)
    assert answer.status_code == 200, answer.text
    return answer.json()["id"]


def test_count_refuses_more_than_100_ids(client):
    first = _publish(client, "一")
    many = ",".join(str(first + n) for n in range(101))
    code, message = weibo_error(client.get("statuses/count.json", ids=many))
    assert code == 10008
    assert "100" in message
    hundred = client.get("statuses/count.json", ids=",".join(str(first + n) for n in range(100)))
    assert hundred.status_code == 200, hundred.text
    assert [int(item["id"]) for item in hundred.json()] == [first]  # unknown ids left out


def test_count_mixes_numbers_and_strings(client, sandbox):
    first, second = _publish(client, "一"), _publish(client, "二")
    sandbox.advance(6 * 3600)
    answer = client.get("statuses/count.json", ids=f"{second},999,{first}")
    assert answer.status_code == 200, answer.text
    items = answer.json()
    assert [int(item["id"]) for item in items] == [second, first]
    kinds = [{key: type(value) for key, value in item.items()} for item in items]
    assert kinds == [
        {"id": int, "comments": str, "reposts": int, "attitudes": str},
        {"id": str, "comments": int, "reposts": str, "attitudes": int},
    ]
    expected = engagement(second, 6 * 3600)
    assert (int(items[0]["comments"]), int(items[0]["reposts"]), int(items[0]["attitudes"])) == (
        expected.comments, expected.reposts, expected.attitudes)


def test_count_needs_ids(client):
    assert weibo_error(client.get("statuses/count.json"))[0] == 10016


def test_engagement_grows_as_the_clock_advances(client, sandbox):
    post_id = _publish(client, "会火的")

    def counts():
        status = client.get("statuses/show.json", id=post_id).json()
        return status["comments_count"], status["reposts_count"], status["attitudes_count"]

    assert counts() == (0, 0, 0)
    sandbox.advance(6 * 3600)
    six_hours = counts()
    assert six_hours[2] > 0 and six_hours[0] > 0 and six_hours[1] > 0
    client.admin("POST", "clock", {"advance_seconds": 42 * 3600})
    two_days = counts()
    assert all(later >= earlier for later, earlier in zip(two_days, six_hours))
    assert two_days[2] > six_hours[2]
    expected = engagement(post_id, 48 * 3600)
    assert two_days == (expected.comments, expected.reposts, expected.attitudes)


def test_engagement_is_deterministic_and_monotonic():
    assert engagement(123, 0) == engagement(123, 0)
    assert (engagement(123, 0).attitudes, engagement(123, -60).attitudes) == (0, 0)
    series = [engagement(123, hours * 3600).attitudes for hours in range(0, 100, 3)]
    assert series == sorted(series) and series[-1] >= 50
    # Pinned: each post grows at its own pace to its own ceiling, the same on every run.
    assert engagement(123, 48 * 3600) == Engagement(comments=50, reposts=25, attitudes=252)
    assert engagement(124, 48 * 3600) == Engagement(comments=75, reposts=37, attitudes=376)


def test_show_and_unknown_id(client):
    post_id = _publish(client, "给我看看")
    shown = client.get("statuses/show.json", id=post_id)
    assert shown.status_code == 200, shown.text
    assert (shown.json()["id"], shown.json()["text"]) == (post_id, "给我看看")
    assert weibo_error(client.get("statuses/show.json", id=post_id + 99)) == (20101, "target weibo does not exist!")


def test_user_timeline_is_the_five_newest_own_posts(client, sandbox):
    ids = []
    for n in range(7):
        sandbox.advance(60)
        ids.append(_publish(client, f"帖{n}"))
    _publish(client, "别人的", token="tok-bob")
    answer = client.get("statuses/user_timeline.json")
    assert answer.status_code == 200, answer.text
    assert [s["id"] for s in answer.json()["statuses"]] == ids[::-1][:5]
    assert weibo_error(client.get("statuses/user_timeline.json", token="expired-x"), 403)[0] == 21327
