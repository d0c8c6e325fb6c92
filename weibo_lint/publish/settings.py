"""The publisher's settings: weibo.yaml ``publish:`` and ``api_base``, and the environment.

``publish:`` keys (all optional)::

    publish:
      author_name: 星河咖啡发布机器人     # the author of the publisher's commits
      author_email: bot@example.com
      remote: origin                    # where records are pushed
      branch: main                      # default: the checked-out branch
      timeout: 20                       # seconds to wait for an API answer
      backoff: 1                        # first pause between retries, seconds (doubles)
      push_retries: 5                   # rejected or failed pushes retried this often
      intent_grace: 15m                 # an unanswered intent of a run that may still be alive
      settle: 2m                        # ... of a run known dead (Weibo may still be working)
      review_wait: 1h                   # hold an account while a post is under review (20032)
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from weibo_lint.config import Config
from weibo_lint.errors import ConfigError
from weibo_lint.publish.api import DEFAULT_API_BASE, DEFAULT_UPLOAD_BASE
from weibo_lint.schema import did_you_mean
from weibo_lint.times import parse_duration

API_BASE_ENV = "WEIBO_API_BASE"
KEYS = ("author_name", "author_email", "remote", "branch", "timeout", "backoff", "push_retries",
        "intent_grace", "settle", "review_wait")


@dataclass(frozen=True)
class PublishSettings:
    author_name: str = "weibo-lint"
    author_email: str = "weibo-lint@users.noreply.github.com"
    remote: str = "origin"
    branch: str | None = None
    timeout: float = 20.0
    backoff: float = 1.0
    push_retries: int = 5
    intent_grace: timedelta = timedelta(minutes=15)
    settle: timedelta = timedelta(minutes=2)
    review_wait: timedelta = timedelta(hours=1)
    api_base: str = DEFAULT_API_BASE
    upload_base: str = DEFAULT_UPLOAD_BASE


def publish_settings(config: Config, environ: Mapping[str, str]) -> PublishSettings:
    """Validated settings; a bad value stops the command naming the key."""
    where = str(config.path or "weibo.yaml")
    raw = dict(config.publish)
    for key in raw:
        if key not in KEYS:
            raise ConfigError(f"{where}: unknown setting 'publish.{key}'{did_you_mean(str(key), list(KEYS))}")
    values: dict[str, Any] = {}
    for key in ("author_name", "author_email", "remote", "branch"):
        if key in raw:
            if not isinstance(raw[key], str) or not raw[key].strip():
                raise ConfigError(f"{where}: 'publish.{key}' must be a text, got {raw[key]!r}")
            values[key] = raw[key].strip()
    for key in ("timeout", "backoff"):
        if key in raw:
            value = raw[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ConfigError(f"{where}: 'publish.{key}' must be a number of seconds, got {value!r}")
            values[key] = float(value)
    if "push_retries" in raw:
        value = raw["push_retries"]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 50:
            raise ConfigError(f"{where}: 'publish.push_retries' must be a whole number 0-50, got {value!r}")
        values["push_retries"] = value
    for key in ("intent_grace", "settle", "review_wait"):
        if key in raw:
            try:
                values[key] = parse_duration(raw[key])
            except ValueError as exc:
                raise ConfigError(f"{where}: 'publish.{key}': {exc}") from None
    base = environ.get(API_BASE_ENV) or config.api_base
    if base:
        if not base.startswith(("http://", "https://")):
            source = API_BASE_ENV if environ.get(API_BASE_ENV) else f"{where}: 'api_base'"
            raise ConfigError(f"{source} must be an http(s) address, got {base!r}")
        base = base if base.endswith("/") else base + "/"
        values["api_base"] = values["upload_base"] = base  # a custom base serves uploads too
    return PublishSettings(**values)


def managed_folders(config: Config) -> tuple[Path, ...]:
    """The folders the publisher's commits write (and the only ones): the publication records,
    the metrics rows, the usage records of the calls made (``weibo_lint/usage.py``)."""
    return config.dir("published"), config.dir("metrics"), config.dir("usage")
