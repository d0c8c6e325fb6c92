"""Which posts a run publishes: pure, table-driven."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from weibo_lint.model import Account
from weibo_lint.publish.plan import Candidate, make_plan
from weibo_lint.records import Record
from weibo_lint.schedule.similar import text_sha256

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone(timedelta(hours=8)))
ACCOUNTS = {
    "official": Account("official", "星河咖啡", "share", 140, 1, safe_domain="example.com", token_env="T"),
    "ceo": Account("ceo", "林晓", "manual", 2000, 9),
    "slow": Account("slow", "慢", "update", 2000, 1, token_env="S", max_delay=timedelta(days=2)),
}


def cand(path="a.md", *, account="official", hours_ago=1.0, text="text", errors=(), source="s1"):
    return Candidate(path, account, "news", NOW - timedelta(hours=hours_ago), text, (), tuple(errors), source)


def record(state, *, path="a.md", text="text", source="s1", **fields):
    return Record(path=path, state=state, account="official", text=text, text_sha256=text_sha256(text),
                  source_sha256=source, **fields)


def plan(candidates, records=None, **options):
    return make_plan(candidates, records or {}, ACCOUNTS, now=NOW, **options)


def reasons(result):
    return {s.path: s.reason for s in result.skipped}


def test_due_posts_in_time_order():
    result = plan([cand("c.md", hours_ago=1), cand("a.md", hours_ago=3), cand("b.md", hours_ago=3),
                   cand("future.md", hours_ago=-1)])
    assert [i.path for i in result.publish] == ["a.md", "b.md", "c.md"]


def test_published_posts_are_left_alone_silently():
    result = plan([cand()], {"a.md": record("published", idstr="1")})
    assert result.publish == () and result.skipped == ()


def test_an_open_intent_waits_for_reconciliation():
    result = plan([cand()], {"a.md": record("intent")})
    assert result.publish == () and reasons(result) == {"a.md": "pending"}


@pytest.mark.parametrize("changed,retried", [
    ({}, False),
    ({"source": "s2"}, True),  # the file changed
    ({"text": "new text"}, True),  # the rendered text changed (a template, say)
])
def test_failed_posts_are_retried_only_when_changed(changed, retried):
    result = plan([cand(**changed)], {"a.md": record("failed", error_code=20018, error="illegal url!", attempts=1)})
    if retried:
        assert [i.path for i in result.publish] == ["a.md"] and result.publish[0].attempts == 1
    else:
        assert reasons(result) == {"a.md": "failed"} and "20018 illegal url!" in result.skipped[0].detail


def test_lint_errors_block():
    result = plan([cand(errors=["WB101 too long"]), cand("b.md", text=None)])
    assert reasons(result) == {"a.md": "blocked", "b.md": "blocked"}
    assert "WB101" in result.skipped[0].detail


def test_unknown_account():
    assert reasons(plan([cand(account="nobody"), cand("b.md", account=None)])) == {
        "a.md": "no-account", "b.md": "no-account"}


def test_late_posts_wait_unless_included():
    late = [cand("late.md", hours_ago=7), cand("ok.md", hours_ago=5), cand("slow.md", account="slow", hours_ago=30)]
    result = plan(late)
    assert reasons(result) == {"late.md": "late"} and "--include-late" in result.skipped[0].detail
    assert [i.path for i in result.publish] == ["slow.md", "ok.md"]  # slow's max_delay is 2 days
    assert [i.path for i in plan(late, include_late=True).publish] == ["slow.md", "late.md", "ok.md"]


def test_manual_accounts_are_listed_even_when_late():
    result = plan([cand("m.md", account="ceo", hours_ago=30)])
    assert [i.path for i in result.manual] == ["m.md"] and result.publish == () and result.skipped == ()


def test_only_one_account():
    result = plan([cand("a.md"), cand("m.md", account="ceo"), cand("s.md", account="slow")], only_account="slow")
    assert [i.path for i in result.publish] == ["s.md"] and result.manual == ()
