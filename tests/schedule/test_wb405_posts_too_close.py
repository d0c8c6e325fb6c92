"""WB405 posts-too-close: two posts of one account closer than min_gap, reported on both."""
from __future__ import annotations


def test_both_posts_are_reported_each_naming_the_other(repo):
    first = repo.post("news", "2026-12-01 10:00")
    second = repo.post("tips", "2026-12-01 10:30")  # 30 min later, min_gap 45m, same account
    repo.post("tips", "2026-12-01 11:15")  # 45 min after the second: fine
    problems = repo.problems("WB405")
    assert sorted((p.path, p.line, p.code) for p in problems) == sorted([(first, 3, "WB405"), (second, 3, "WB405")])
    related = {p.path: p.related for p in problems}
    assert related == {first: (second,), second: (first,)}
    assert "30 min" in problems[0].message and "45 min apart" in problems[0].message


def test_three_in_a_row_make_every_close_pair(repo):
    a = repo.post("tips", "2026-12-01 16:00")
    b = repo.post("tips", "2026-12-01 16:20")
    c = repo.post("tips", "2026-12-01 16:40")
    found = repo.found("WB405")
    assert found == sorted([(a, 3, "WB405"), (a, 3, "WB405"), (b, 3, "WB405"), (b, 3, "WB405"),
                            (c, 3, "WB405"), (c, 3, "WB405")])


def test_other_accounts_and_drafts_do_not_collide(repo):
    repo.post("news", "2026-12-01 10:00")
    repo.post("tips", "2026-12-01 10:10", status="draft")
    repo.post("daily", "2026-12-01 10:05")  # the ceo's account
    assert repo.found("WB405") == []


def test_a_published_post_counts_at_the_time_it_went_out_but_is_not_reported(repo):
    went_out = repo.post("tips", "2026-11-24 09:30")
    repo.record(went_out, "official", "2026-11-24T09:31:00+08:00")
    pending = repo.post("news", "2026-11-24 10:00")
    problems = repo.problems("WB405")
    assert [(p.path, p.line, p.code) for p in problems] == [(pending, 3, "WB405")]
    assert problems[0].related == (went_out,)


def test_two_publications_are_history(repo):
    one, two = repo.post("tips", "2026-11-20 09:30"), repo.post("tips", "2026-11-20 09:40")
    repo.record(one, "official", "2026-11-20T09:30:02+08:00")
    repo.record(two, "official", "2026-11-20T09:40:02+08:00")
    assert repo.found("WB405") == []
