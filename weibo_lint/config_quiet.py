"""weibo.yaml's ``quiet_days:`` section: days to add to the built-in quiet days, or to turn off.

::

    quiet_days:
      - date: 2026-04-04          # one date; 12-13 every year; qingming the solar term
        reason: 全国哀悼日
        accounts: [official]      # default: every account
      - date: 09-03
        quiet: false              # turns the built-in 09-03 off (for the accounts listed)

Every error names the entry's key (``'quiet_days.0.date'``); ``config.py`` adds the line.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from weibo_lint.config_sections import unknown_keys
from weibo_lint.i18n import _
from weibo_lint.schedule.quiet import BUILTIN, QuietCalendar, QuietDay, parse_when
from weibo_lint.schema import did_you_mean
from weibo_lint.times import MAX_YEAR, MIN_YEAR

ENTRY_KEYS = ("date", "reason", "accounts", "quiet")


def read_quiet_days(raw: Any, where: str, accounts: Mapping[str, Any]) -> tuple[QuietCalendar, list[str]]:
    """The calendar (built-in days, then the section's entries that are well formed) and
    what is wrong with the others."""
    if raw is None:
        return QuietCalendar(BUILTIN), []
    if not isinstance(raw, list):
        return QuietCalendar(BUILTIN), [_("{where}: 'quiet_days' must be a list of entries like {example}").format(
            where=where, example="{date: 12-13, reason: …}")]
    entries, errors = [], []
    for index, spec in enumerate(raw):
        found = _entry(spec, f"quiet_days.{index}", where, accounts)
        if isinstance(found, list):
            errors.extend(found)
        else:
            entries.append(found)
    return QuietCalendar(BUILTIN + tuple(entries)), errors


def _entry(spec: Any, at: str, where: str, accounts: Mapping[str, Any]) -> QuietDay | list[str]:
    if not isinstance(spec, dict):
        return [_("{where}: '{at}' must be a mapping with date and reason, got {value}").format(
            where=where, at=at, value=repr(spec))]
    errors = unknown_keys(spec, ENTRY_KEYS, where, at + ".")
    quiet = spec.get("quiet", True)
    if not isinstance(quiet, bool):
        errors.append(_("{where}: '{at}.quiet' must be true or false, got {value}").format(
            where=where, at=at, value=repr(quiet)))
    when = None
    if "date" not in spec:
        errors.append(_("{where}: '{at}' has no date: write one like 2026-04-04, 12-13 (every year) or qingming")
                      .format(where=where, at=at))
    else:
        try:
            when = parse_when(spec["date"])
        except ValueError:
            errors.append(_("{where}: '{at}.date' must be a date like 2026-04-04, a day of every year like 12-13, "
                            "or qingming, got {value}").format(where=where, at=at, value=repr(spec["date"])))
        if when is not None and len(when) == 10 and not MIN_YEAR <= int(when[:4]) <= MAX_YEAR:
            errors.append(_("{where}: '{at}.date' {value} is out of range: use a year from {low} to {high}").format(
                where=where, at=at, value=when, low=MIN_YEAR, high=MAX_YEAR))
    reason = spec.get("reason")
    if reason is not None and (not isinstance(reason, str) or not reason.strip()):
        errors.append(_("{where}: '{at}.reason' must be a text, got {value}").format(
            where=where, at=at, value=repr(reason)))
    elif reason is None and quiet is True:
        errors.append(_("{where}: '{at}' has no reason: say why the day is quiet (it is shown with every warning)")
                      .format(where=where, at=at))
    listed = _accounts(spec.get("accounts"), at, where, accounts, errors)
    if errors or when is None:  # (no date is an error above: the test tells mypy so)
        return errors
    return QuietDay(when=when, reason=(reason or "").strip(), accounts=listed, quiet=quiet)


def _accounts(value: Any, at: str, where: str, accounts: Mapping[str, Any], errors: list[str]) -> tuple[str, ...] | None:
    if value is None or value == "all":
        return None
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n for n in names):
        errors.append(_("{where}: '{at}.accounts' must be a list of account keys (or all), got {value}").format(
            where=where, at=at, value=repr(value)))
        return None
    for name in names:
        if name not in accounts:
            errors.append(_("{where}: '{at}.accounts': no account {name} in weibo.yaml{hint}").format(
                where=where, at=at, name=repr(name), hint=did_you_mean(name, list(accounts))))
    return tuple(names)
