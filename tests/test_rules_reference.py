"""docs/rules.md is generated from the rules' docstrings and must not drift from them."""
from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from weibo_lint.cli import cli
from weibo_lint.rules import ALL_RULES

PAGE = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_rules_reference_page_is_up_to_date():
    result = CliRunner().invoke(cli, ["rules", "--markdown"])
    assert result.exit_code == 0
    if os.environ.get("WEIBO_LINT_REGEN"):
        PAGE.write_text(result.output, encoding="utf-8")
    assert PAGE.read_text(encoding="utf-8") == result.output, "run: WEIBO_LINT_REGEN=1 pytest tests/test_rules_reference.py"
    for rule in ALL_RULES:
        assert f"## {rule.code} {rule.name}" in result.output


def test_rules_command_shows_one_rule_and_rejects_unknown():
    runner = CliRunner()
    shown = runner.invoke(cli, ["rules", "post-too-long"])
    assert shown.exit_code == 0 and shown.output.startswith("WB101 post-too-long")
    unknown = runner.invoke(cli, ["rules", "WB999"])
    assert unknown.exit_code == 2 and "no rule" in unknown.output
