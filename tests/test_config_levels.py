"""Rule levels as users write them in weibo.yaml."""
from __future__ import annotations

from pathlib import Path

from weibo_lint.config import load_config
from weibo_lint.engine import RuleSet
from weibo_lint.problem import Level


def test_bare_off_is_a_level_not_a_yaml_boolean(tmp_path: Path):
    (tmp_path / "weibo.yaml").write_text("rules:\n  WB502: off\n  folded-in-feed: warning\n", encoding="utf-8")
    rules = RuleSet(load_config(tmp_path / "weibo.yaml"))
    assert rules.level("WB502") is Level.OFF
    assert rules.level("WB103") is Level.WARNING


def test_a_boolean_is_not_a_number_option(tmp_path: Path):
    import pytest

    from weibo_lint.errors import ConfigError

    (tmp_path / "weibo.yaml").write_text("rules:\n  WB103: {fold: true}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="fold"):
        RuleSet(load_config(tmp_path / "weibo.yaml"))
