from __future__ import annotations

import pytest

from tests.rules.rule_repo import BODY


@pytest.mark.parametrize("body", ["<!-- 正文写在下面 -->\n", "\n\n", ""])
def test_a_post_with_nothing_to_post_is_refused(repo, body):
    """Plain column: no template adds anything, so an empty or comment-only body renders to nothing."""
    repo.post(body, column="plain")
    assert [code for _line, _col, code in repo.found("WB102")] == ["WB102"]
    assert repo.found("WB102")[0][0] >= BODY


@pytest.mark.parametrize("body, column", [("冬季限定拿铁上市\n", "plain"), ("", "daily")])
def test_a_post_with_text_passes(repo, body, column):
    """Text in the body, or a template (daily's topic) that gives the post something to say."""
    repo.post(body, column=column)
    assert repo.found("WB102") == []
