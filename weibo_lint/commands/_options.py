"""What the commands share: the ``--config`` and ``--now`` options, loading weibo.yaml, and
reading ``--now``. A module of its own (not a command: its name starts with ``_``) so that
commands import it rather than the CLI that loads them."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import click

from weibo_lint import i18n
from weibo_lint.config import Config, load_config
from weibo_lint.errors import UsageError
from weibo_lint.i18n import N_
from weibo_lint.times import parse_datetime


def config_option(func):
    return click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
                        help=N_("weibo.yaml to use (default: found by walking up from here)."))(func)


def now_option(func):
    return click.option("--now", "now_text", metavar="ISO",
                        help=N_("Pretend it is this time (ISO 8601; default: the current time)."))(func)


def load(config_path: Path | None, *, required: bool = True) -> Config:
    """The configuration the command works with. A command that checks or publishes
    posts needs a weibo.yaml: without one it would check nothing and say all is well."""
    if config_path is not None and not (config_path.exists() or config_path.is_symlink()):
        raise UsageError(f"--config {config_path}: no such file")  # anything else: load_config says what it is
    if config_path is None and required:
        from weibo_lint.config import CONFIG_NAME, find_config

        here = Path.cwd().resolve()
        if find_config(here) is None:
            looked = ", ".join(str(p) for p in (here, *here.parents))
            raise UsageError(i18n._("no {name} here or in any folder above (looked in {folders}): run the command "
                                    "in a content repository, give --config, or start one with `weibo-lint init`")
                             .format(name=CONFIG_NAME, folders=looked))
    if config_path is not None:  # invoke() read the weibo.yaml found from here; --config names another
        i18n.activate(i18n.choose(language_line(config_path)))  # so that its errors speak its language
    from weibo_lint.engine import rule_setting_errors

    config = load_config(config_path, validators=(rule_setting_errors,))  # every error of weibo.yaml at once
    i18n.activate(i18n.choose(config.language))  # weibo.yaml's language, unless WEIBO_LINT_LANG says
    return config


def language_line(config_path: Path | None) -> str | None:
    """The ``language:`` weibo.yaml asks for, read from its text before (and whether or not)
    the YAML parses."""
    import re

    from weibo_lint.config import find_config
    from weibo_lint.safe_read import CONFIG_BYTES, read_regular

    path = config_path or find_config(Path.cwd())
    raw = read_regular(path, CONFIG_BYTES) if path is not None else None  # never blocks on a FIFO
    if not isinstance(raw, bytes):
        return None  # load_config says what is wrong with it
    head = raw[:65536].decode("utf-8", "replace")
    match = re.search(r"^language:\s*['\"]?(zh-CN|en)['\"]?\s*(?:#.*)?$", head, re.MULTILINE)
    return match.group(1) if match else None


def resolve_now(text: str | None, config: Config) -> datetime:
    if not text:
        return datetime.now(timezone.utc).astimezone(config.timezone)
    return option_time("--now", text, config)


def option_time(option: str, text: str, config: Config) -> datetime:
    """An option's ISO 8601 time, read in weibo.yaml's zone when it has no offset; a usage
    error that names the option when it is not one."""
    try:
        return parse_datetime(text, config.timezone)
    except ValueError as exc:
        raise UsageError(i18n._("{option}: {error}").format(option=option, error=exc)) from None


def shard_option(func):
    return click.option("--shard", "shard_text", metavar="K/N",
                        help=N_("Only the accounts of shard K of N, as `weibo-lint matrix` assigns them "
                                "(run it on the commit and with the --now the matrix was computed with)."))(func)


def resolve_shard(text: str | None):
    """``--shard K/N`` as a :class:`~weibo_lint.publish.shards.Shard` (None without it); a
    usage error saying what is wrong."""
    if text is None:
        return None
    from weibo_lint.publish.shards import parse_shard

    try:
        return parse_shard(text)
    except ValueError as exc:
        raise UsageError(i18n._("{option}: {error}").format(option="--shard", error=exc)) from None
