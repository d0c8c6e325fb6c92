from __future__ import annotations

import pytest

from weibo_lint.reporters import FORMATS, choose_format


def test_formats():
    assert FORMATS == ("text", "json", "github", "sarif")


def test_auto_is_github_inside_actions():
    assert choose_format("auto", in_github_actions=True) == "github"


def test_auto_is_text_elsewhere():
    assert choose_format("auto", in_github_actions=False) == "text"


@pytest.mark.parametrize("name", ["text", "json", "github", "sarif"])
@pytest.mark.parametrize("in_actions", [True, False])
def test_explicit_format_is_kept(name, in_actions):
    assert choose_format(name, in_github_actions=in_actions) == name


def test_unknown_format():
    with pytest.raises(ValueError, match="xml"):
        choose_format("xml", in_github_actions=False)
