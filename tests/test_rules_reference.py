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


ZH_PAGE = PAGE.with_name("rules.zh-CN.md")


def test_the_chinese_rules_reference_is_up_to_date():
    result = CliRunner().invoke(cli, ["rules", "--markdown"], env={"WEIBO_LINT_LANG": "zh-CN"})
    assert result.exit_code == 0
    if os.environ.get("WEIBO_LINT_REGEN"):
        ZH_PAGE.write_text(result.output, encoding="utf-8")
    assert ZH_PAGE.read_text(encoding="utf-8") == result.output, \
        "run: WEIBO_LINT_REGEN=1 pytest tests/test_rules_reference.py"


def test_every_rule_is_documented_in_chinese_with_the_same_sections():
    for rule in ALL_RULES:
        zh = rule.doc_zh
        assert zh, f"{rule.code} has no DOC_ZH"
        assert "为什么：" in zh and ("错误示例" in zh) and ("正确示例" in zh) and "选项：" in zh, rule.code
        assert ("修复：" in zh) == ("Fix:" in rule.doc), rule.code  # a fixable rule says how, in both
        english_options = rule.doc.split("Options:", 1)[1]
        for option in {name for name in __import__("re").findall(r"``([a-z_]+)``", english_options)
                       if name in getattr(rule.options_type, "__dataclass_fields__", {})}:
            assert f"``{option}``" in zh, (rule.code, option)


def test_rules_speaks_chinese():
    shown = CliRunner().invoke(cli, ["rules", "WB501"], env={"WEIBO_LINT_LANG": "zh-CN"})
    assert shown.exit_code == 0 and "极限词" in shown.output and "《广告法》" in shown.output
    listed = CliRunner().invoke(cli, ["rules"], env={"WEIBO_LINT_LANG": "zh-CN"})
    assert "渲染后的帖子超过字数上限" in listed.output and "WB101  post-too-long" in listed.output
    english = CliRunner().invoke(cli, ["rules", "WB501"], env={"WEIBO_LINT_LANG": "en"})
    assert "Advertising Law" in english.output and "极限词（" not in english.output.split("\n")[2]
