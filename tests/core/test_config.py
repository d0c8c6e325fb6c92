"""weibo.yaml: validated into a frozen Config; every error names the file and the key, exit 2."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner

from weibo_lint.cli import cli
from weibo_lint.config import find_config, load_config
from weibo_lint.engine import RuleSet
from weibo_lint.errors import ConfigError

GOOD = """\
timezone: Asia/Shanghai
accounts:
  official: {name: 星河咖啡, api: share, safe_domain: www.example.com}
  ceo: {name: 星河咖啡林晓, api: manual, limit: 2000}
"""


def _write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "weibo.yaml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def _error(tmp_path: Path, text: str | bytes) -> str:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        RuleSet(load_config(path))  # the rule settings are checked against the registry here
    assert caught.value.exit_code == 2
    assert str(path) in caught.value.message
    return caught.value.message


def test_a_good_configuration(tmp_path):
    config = load_config(_write(tmp_path, GOOD))
    assert config.timezone_name == "Asia/Shanghai"
    assert config.root == tmp_path.resolve()
    official = config.accounts["official"]
    assert (official.api, official.limit, official.pictures, official.safe_domain) == ("share", 140, 1, "www.example.com")
    assert official.token_env == "WEIBO_TOKEN_OFFICIAL"
    assert (config.accounts["ceo"].limit, config.accounts["ceo"].pictures) == (2000, 9)
    assert config.account("星河咖啡林晓") is config.accounts["ceo"]  # by screen name too


def test_config_is_frozen(tmp_path):
    config = load_config(_write(tmp_path, GOOD))
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.timezone_name = "UTC"  # type: ignore[misc]


def test_no_file_means_defaults(tmp_path):
    config = load_config(None, start=tmp_path)
    assert (config.path, config.timezone_name, dict(config.accounts)) == (None, "Asia/Shanghai", {})


def test_found_by_walking_up(tmp_path):
    path = _write(tmp_path, GOOD)
    deep = tmp_path / "posts" / "2026-12"
    deep.mkdir(parents=True)
    assert find_config(deep) == path.resolve()
    assert load_config(None, start=deep).root == tmp_path.resolve()


@pytest.mark.parametrize("text, key, hint", [
    ("timezon: Asia/Shanghai\n", "timezon", "timezone"),
    ("acounts: {}\n", "acounts", "accounts"),
    ("accounts:\n  ceo: {name: x, api: manual, limt: 2000}\n", "accounts.ceo.limt", "limit"),
    ("accounts:\n  ceo: {name: x, api: manual, posting: {min_per_dy: 1}}\n", "accounts.ceo.posting", "min_per_day"),
    ("paths: {post: drafts}\n", "paths.post", "posts"),
    ("rules: {post-to-long: error}\n", "rules.post-to-long", "post-too-long"),
])
def test_unknown_key_with_did_you_mean(tmp_path, text, key, hint):
    message = _error(tmp_path, text)
    assert key in message and hint in message


@pytest.mark.parametrize("text, key", [
    ("timezone: Mars/Olympus\n", "timezone"),
    ("timezone: 8\n", "timezone"),
    ("accounts:\n  official: {name: x, api: share}\n", "accounts.official.safe_domain"),
    ("accounts:\n  official: {name: x, api: share, safe_domain: a.com, limit: 2000}\n", "accounts.official.limit"),
    ("accounts:\n  ceo: {name: x, api: telegram}\n", "accounts.ceo.api"),
    ("accounts:\n  ceo: {name: x, api: manual, limit: 500}\n", "accounts.ceo.limit"),
    ("accounts:\n  ceo: {name: x, api: manual, limit: '2000'}\n", "accounts.ceo.limit"),
    ("accounts:\n  ceo: {name: x, api: manual, pictures: many}\n", "accounts.ceo.pictures"),
    ("accounts:\n  ceo: {name: 5, api: manual}\n", "accounts.ceo.name"),
    ("accounts:\n  ceo: {name: x, api: update, token_env: [A, B]}\n", "accounts.ceo.token_env"),
    ("accounts:\n  ceo: {name: x, api: manual, max_delay: soon}\n", "accounts.ceo.max_delay"),
    ("accounts:\n  ceo: {name: x, api: manual, posting: {max_per_day: many}}\n", "accounts.ceo.posting"),
    ("accounts:\n  ceo: {name: x, api: manual, posting: {min_per_day: many}}\n", "accounts.ceo.posting"),
    ("accounts:\n  ceo: {name: x, api: manual, posting: {windows: '09:00-10:00'}}\n", "accounts.ceo.posting"),
    ("accounts:\n  ceo: {name: x, api: manual, posting: {windows: ['25:00-26:00']}}\n", "accounts.ceo.posting"),
    ("accounts:\n  ceo: {name: x, api: manual, posting: {min_gap: -5}}\n", "accounts.ceo.posting"),
    ("accounts: [ceo]\n", "accounts"),
    ("accounts:\n  ceo: just-a-name\n", "accounts.ceo"),
    ("counting: {astral_weight: 0}\n", "counting.astral_weight"),
    ("counting: {astral_weight: two}\n", "counting.astral_weight"),
    ("paths: {posts: 5}\n", "paths.posts"),
    ("rules: [WB101]\n", "rules"),
    ("rules: {WB999: error}\n", "rules.WB999"),
    ("rules: {WB101: loud}\n", "rules.WB101.level"),
    ("rules: {WB103: {level: loud}}\n", "rules.WB103.level"),
    ("rules: {WB103: {fold: abc}}\n", "rules.WB103"),
    ("rules: {WB103: {folds: 100}}\n", "rules.WB103"),
    ("rules: {WB101: {cut: 1}}\n", "rules.WB101"),
])
def test_a_bad_value_names_the_file_and_the_key(tmp_path, text, key):
    assert key in _error(tmp_path, text)


def test_bad_rule_option_names_the_option(tmp_path):
    message = _error(tmp_path, "rules: {WB103: {folds: 100}}\n")
    assert "folds" in message and "fold" in message.replace("folds", "")


@pytest.mark.parametrize("text, line", [
    ("timezone: Asia/Shanghai\naccounts:\n  ceo: {name: x\n", 4),
    ("timezone: Asia/Shanghai\nrules: x: y\n", 2),
])
def test_yaml_syntax_error_names_the_line(tmp_path, text, line):
    assert f"weibo.yaml:{line}:" in _error(tmp_path, text)


@pytest.mark.parametrize("raw", [
    b"- a\n- b\n",
    b"just text\n",
    b"a: &a [x, x]\nb: [*a, *a]\n",
    b"timezone: Asia/Shanghai\n\xff\n",
])
def test_unusable_files(tmp_path, raw):
    _error(tmp_path, raw)


def test_the_cli_exits_2_with_the_message_and_no_traceback(tmp_path):
    (tmp_path / "posts").mkdir()
    path = _write(tmp_path, "accounts:\n  official: {name: x, api: share}\n")
    result = CliRunner().invoke(cli, ["check", "--config", str(path), "--no-cache"])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert str(path) in result.stderr and "accounts.official.safe_domain" in result.stderr
    assert "Traceback" not in result.output


def test_the_cli_exits_2_for_a_bad_rule(tmp_path):
    (tmp_path / "posts").mkdir()
    path = _write(tmp_path, GOOD + "rules:\n  WB103: {fold: abc}\n")
    result = CliRunner().invoke(cli, ["check", "--config", str(path), "--no-cache"])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert str(path) in result.stderr and "rules.WB103" in result.stderr and "fold" in result.stderr
