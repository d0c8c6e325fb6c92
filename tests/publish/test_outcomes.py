"""The docs/platform.md §4.6 error table, and answers that are not Weibo's."""
from __future__ import annotations

import pytest

from weibo_lint.publish.outcomes import Kind, classify, classify_code, normalise_code


@pytest.mark.parametrize("code,kind", [
    (10014, Kind.PERMANENT), (10016, Kind.PERMANENT), (10017, Kind.PERMANENT),
    (10022, Kind.TRANSIENT), (10023, Kind.TRANSIENT), (10024, Kind.TRANSIENT),
    (20005, Kind.PERMANENT), (20006, Kind.PERMANENT), (20007, Kind.PERMANENT), (20008, Kind.PERMANENT),
    (20012, Kind.PERMANENT), (20016, Kind.TRANSIENT),
    (20017, Kind.REPEATED), (20019, Kind.REPEATED), (20111, Kind.REPEATED),
    (20018, Kind.PERMANENT), (20020, Kind.PERMANENT), (20021, Kind.PERMANENT),
    (20032, Kind.DELAYED),
    (21301, Kind.AUTH), (21327, Kind.AUTH), (21332, Kind.AUTH),
    (10001, Kind.TRANSIENT),  # system error: refused, try later
    (99999, Kind.PERMANENT),  # unknown refusal: a human looks
])
def test_table(code, kind):
    assert classify_code(code) is kind


@pytest.mark.parametrize("raw,code", [(20019, 20019), ("20019", 20019), (" 21327 ", 21327), ("abc", "abc"),
                                      (None, None), (True, None), ("", None)])
def test_error_code_as_string_or_number(raw, code):
    assert normalise_code(raw) == code


def test_string_error_code_classifies_like_a_number():
    answer = classify("statuses/share", 400, {"request": "/2/statuses/share.json", "error_code": "10023",
                                              "error": "User requests out of rate limit!"})
    assert answer.kind is Kind.TRANSIENT and answer.code == 10023 and "10023" in answer.describe()


@pytest.mark.parametrize("status,body,kind", [
    (200, {"idstr": "5", "id": 5}, Kind.SUCCESS),
    (200, None, Kind.UNCERTAIN),  # garbage
    (200, {"hello": 1}, Kind.UNCERTAIN),  # JSON, but not a status
    (502, None, Kind.UNCERTAIN),
    (500, {"error_code": 10001, "error": "system error!"}, Kind.TRANSIENT),  # Weibo's own refusal
    (404, None, Kind.UNCERTAIN),
    (200, [], Kind.UNCERTAIN),
])
def test_bodies(status, body, kind):
    assert classify("statuses/share", status, body).kind is kind


def test_no_answer_at_all_is_uncertain():
    answer = classify("statuses/share", None, None, failure="no answer within 1 s")
    assert answer.kind is Kind.UNCERTAIN and answer.describe() == "no answer within 1 s"


def test_read_shapes():
    assert classify("statuses/count", 200, [{"id": 1}]).kind is Kind.SUCCESS
    assert classify("statuses/user_timeline", 200, {"statuses": []}).kind is Kind.SUCCESS
    assert classify("statuses/user_timeline", 200, {"statuses": None}).kind is Kind.UNCERTAIN
