"""The ``publish:`` and ``site:`` sections of weibo.yaml, checked when the file is loaded.

The publisher and the site builder read their sections again into their own settings
(``publish/settings.py``, ``site/pages.py``); their key lists must equal these (a test
holds them together). They live here, in the configuration layer, so that every command
rejects a typo in any section, not only the command that reads it.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from weibo_lint.i18n import _
from weibo_lint.schema import did_you_mean
from weibo_lint.times import parse_duration

PUBLISH_KEYS = ("author_name", "author_email", "remote", "branch", "timeout", "backoff", "push_retries",
                "intent_grace", "settle", "review_wait")
SITE_KEYS = ("title", "weeks")


def unknown_keys(data: Mapping, known: tuple[str, ...], where: str, prefix: str) -> list[str]:
    return [_("{where}: unknown setting '{prefix}{key}'{hint}").format(where=where, prefix=prefix, key=key, hint=did_you_mean(str(key), list(known)))
            for key in data if key not in known]


def publish_errors(raw: Mapping[str, Any], where: str) -> list[str]:
    """What is wrong with ``publish:`` (the same checks as ``publish_settings``)."""
    errors = unknown_keys(raw, PUBLISH_KEYS, where, "publish.")
    for key in ("author_name", "author_email", "remote", "branch"):
        if key in raw and (not isinstance(raw[key], str) or not raw[key].strip()):
            errors.append(_("{where}: 'publish.{key}' must be a text, got {value}").format(where=where, key=key, value=repr(raw[key])))
    for key in ("timeout", "backoff"):
        value = raw.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            errors.append(_("{where}: 'publish.{key}' must be a number of seconds, got {value}").format(where=where, key=key, value=repr(value)))
    retries = raw.get("push_retries", 0)
    if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= 50:
        errors.append(_("{where}: 'publish.push_retries' must be a whole number 0-50, got {retries}").format(where=where, retries=repr(retries)))
    for key in ("intent_grace", "settle", "review_wait"):
        if key in raw:
            try:
                parse_duration(raw[key])
            except ValueError as exc:
                errors.append(_("{where}: 'publish.{key}': {exc}").format(where=where, key=key, exc=exc))
    return errors


def site_errors(raw: Mapping[str, Any], where: str) -> list[str]:
    """What is wrong with ``site:`` (the same checks as ``SiteSettings.read``)."""
    errors = unknown_keys(raw, SITE_KEYS, where, "site.")
    title, weeks = raw.get("title", "weibo-lint"), raw.get("weeks")
    if not isinstance(title, str) or not title.strip():
        errors.append(_("{where}: 'site.title' must be a text, got {title}").format(where=where, title=repr(title)))
    if weeks is not None and (isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= 52):
        errors.append(_("{where}: 'site.weeks' must be a whole number from 1 to 52, got {weeks}").format(where=where, weeks=repr(weeks)))
    return errors
