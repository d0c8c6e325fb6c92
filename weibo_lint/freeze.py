"""weibo.yaml ``freeze:``: periods in which nothing is published, read and written.

A freeze stops every scheduled post of its accounts at once (an emergency, a day of
mourning)::

    freeze:
      - from: "2026-12-02T13:40:00+08:00"
        until: "2026-12-03T09:00:00+08:00"   # optional: open-ended without it
        accounts: [official]                 # optional: every account without it
        reason: 门店事故，暂停一切推送

Reading is pure (:func:`parse_freezes`, :func:`active`). Writing is textual
(:func:`with_freezes`): only the ``freeze:`` block is replaced, so every comment and the
layout of the rest of weibo.yaml stay as they were; a round-trip YAML library would keep
them too, but it would be a dependency for one small list this module writes itself.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from weibo_lint.errors import Invariant
from weibo_lint.i18n import _
from weibo_lint.schema import did_you_mean
from weibo_lint.times import parse_datetime

KEY = "freeze"
ENTRY_KEYS = ("from", "until", "accounts", "reason")


@dataclass(frozen=True)
class Freeze:
    """One period without publishing."""

    start: datetime  # aware
    until: datetime | None  # aware; None: until someone lifts it
    accounts: tuple[str, ...] | None  # account keys; None: every account
    reason: str

    def covers(self, account: str | None, when: datetime) -> bool:
        """Whether a post of ``account`` at ``when`` falls in this freeze."""
        if self.accounts is not None and account not in self.accounts:
            return False
        return self.start <= when and (self.until is None or when < self.until)

    def describe(self, tz: tzinfo) -> str:
        """The reason and until when, for a report line."""
        if self.until is None:
            return _("frozen until lifted: {reason}").format(reason=self.reason)
        return _("frozen until {until}: {reason}").format(until=f"{self.until.astimezone(tz):%Y-%m-%d %H:%M}",
                                                          reason=self.reason)


def active(freezes: Iterable[Freeze], account: str | None, when: datetime) -> Freeze | None:
    """The freeze that holds ``account``'s posts at ``when``, if any."""
    return next((f for f in freezes if f.covers(account, when)), None)


def parse_freezes(raw: Any, tz: tzinfo, accounts: Iterable[str], where: str) -> tuple[tuple[Freeze, ...], list[str]]:
    """The freezes of a ``freeze:`` value, and every error found (``'<where>: 'freeze.N.key' …``:
    the configuration loader puts the line in)."""
    if raw is None:
        return (), []
    if not isinstance(raw, list):
        return (), [_("{where}: 'freeze' must be a list of periods, each with from, reason and optionally until "
                      "and accounts").format(where=where)]
    known = list(accounts)
    freezes, errors = [], []
    for index, entry in enumerate(raw):
        found = _entry(entry, f"{KEY}.{index}", tz, known, where)
        if isinstance(found, Freeze):
            freezes.append(found)
        else:
            errors.extend(found)
    return tuple(freezes), errors


def _entry(entry: Any, at: str, tz: tzinfo, known: list[str], where: str) -> Freeze | list[str]:
    """One entry of ``freeze:``: its freeze, or every problem it has."""
    if not isinstance(entry, dict):
        return [_("{where}: '{at}' must be a mapping with from, reason, until, accounts").format(where=where, at=at)]
    problems = [_("{where}: unknown setting '{at}.{key}'{hint}").format(
        where=where, at=at, key=key, hint=did_you_mean(str(key), list(ENTRY_KEYS)))
        for key in entry if key not in ENTRY_KEYS]
    start, until = _period(entry, at, tz, where, problems)
    reason = entry.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        problems.append(_("{where}: '{at}.reason' is required: a text saying why nothing goes out").format(
            where=where, at=at))
    names = _accounts(entry, at, known, where, problems)
    if problems:
        return problems
    if start is None or not isinstance(reason, str):  # each would have been a problem above
        raise Invariant(f"{at}: a freeze without its start or reason passed the checks")
    return Freeze(start, until, tuple(str(n) for n in names) if names else None, reason.strip())


def _period(entry: dict, at: str, tz: tzinfo, where: str,
            problems: list[str]) -> tuple[datetime | None, datetime | None]:
    """An entry's ``from`` and ``until`` (each None when absent or wrong: said in ``problems``)."""
    start = until = None
    for key in ("from", "until"):
        if key == "from" and entry.get(key) is None:
            problems.append(_("{where}: '{at}.from' is required: when the freeze begins").format(where=where, at=at))
            continue
        if entry.get(key) is not None:
            try:
                moment = parse_datetime(entry[key], tz)
            except ValueError as exc:
                problems.append(_("{where}: '{at}.{key}': {exc}").format(where=where, at=at, key=key, exc=exc))
                continue
            start, until = (moment, until) if key == "from" else (start, moment)
    if start is not None and until is not None and until <= start:
        problems.append(_("{where}: '{at}.until' must be after its 'from'").format(where=where, at=at))
    return start, until


def _accounts(entry: dict, at: str, known: list[str], where: str, problems: list[str]) -> list | None:
    """An entry's ``accounts`` as a list (None: every account; wrong ones said in ``problems``)."""
    names = entry.get("accounts")
    if isinstance(names, str):
        names = [names]
    if names is not None and (not isinstance(names, list) or not names):
        problems.append(_("{where}: '{at}.accounts' must be a list of account keys (leave it out for every "
                          "account)").format(where=where, at=at))
        names = None
    for name in names or ():
        if str(name) not in known:
            problems.append(_("{where}: '{at}.accounts': no account {name} in 'accounts'{hint}").format(
                where=where, at=at, name=repr(name), hint=did_you_mean(str(name), known)))
    return names


# -- writing --------------------------------------------------------------------------

def entry_of(freeze: Freeze, tz: tzinfo) -> dict[str, Any]:
    """A freeze as the mapping :func:`with_freezes` writes."""
    entry: dict[str, Any] = {"from": _instant(freeze.start, tz)}
    if freeze.until is not None:
        entry["until"] = _instant(freeze.until, tz)
    if freeze.accounts is not None:
        entry["accounts"] = list(freeze.accounts)
    entry["reason"] = freeze.reason
    return entry


def _instant(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).isoformat(timespec="seconds")


def render_block(entries: list[Mapping[str, Any]]) -> str:
    """The ``freeze:`` block for ``entries`` (empty: no block at all). Every value is written
    as a JSON string, which YAML reads as the same double-quoted text."""
    if not entries:
        return ""
    lines = [f"{KEY}:"]
    for entry in entries:
        first = True
        for key in ENTRY_KEYS:
            if key not in entry:
                continue
            value = entry[key]
            if key == "accounts":
                shown = "[" + ", ".join(_scalar(v) for v in value) + "]"
            else:
                shown = _scalar(value)
            lines.append(("  - " if first else "    ") + f"{key}: {shown}")
            first = False
    return "\n".join(lines) + "\n"


def _scalar(value: Any) -> str:
    if isinstance(value, datetime):
        value = value.isoformat()
    return json.dumps(str(value), ensure_ascii=False)


_TOP_KEY = re.compile(r"^(?:freeze|'freeze'|\"freeze\")\s*:")


def block_span(text: str) -> tuple[int, int] | None:
    """The character span of the top-level ``freeze:`` block in ``text``: its key line and
    every line under it (indented, or a list item), trailing blank lines left outside."""
    lines = text.splitlines(keepends=True)
    offset, start, end = 0, None, None
    for line in lines:
        if start is None:
            if _TOP_KEY.match(line):
                start = end = offset
                end = offset + len(line)
        elif line.strip() == "":
            pass
        elif line[0] in " \t" or line.startswith("-"):
            end = offset + len(line)
        else:
            break
        offset += len(line)
    return (start, end) if start is not None and end is not None else None


def with_freezes(text: str, entries: list[Mapping[str, Any]]) -> str:
    """``text`` (weibo.yaml) with its ``freeze:`` block replaced by ``entries``; the rest of
    the file byte for byte as it was. Without a block, one is appended at the end."""
    block = render_block(entries)
    span = block_span(text)
    if span is not None:
        return text[:span[0]] + block + text[span[1]:]
    if not block:
        return text
    if text and not text.endswith("\n"):
        text += "\n"
    return text + ("\n" if text.strip() else "") + block


def lift(freezes: Iterable[Freeze], account: str | None, all_accounts: Iterable[str],
         now: datetime) -> tuple[list[Freeze], list[Freeze]]:
    """The freezes after lifting, at ``now``, those in force (for ``account``, or all), and
    the ones lifted. A lifted freeze is closed, not deleted (``until`` becomes ``now``), so
    the calendar and the history still show it; a freeze of several accounts lifted for
    one goes on for the others."""
    kept, lifted = [], []
    everyone = tuple(all_accounts)
    for freeze in freezes:
        in_force = freeze.start <= now and (freeze.until is None or now < freeze.until)
        if not in_force or (account is not None and not freeze.covers(account, now)):
            kept.append(freeze)
            continue
        lifted.append(freeze)
        others = () if account is None else tuple(a for a in (freeze.accounts or everyone) if a != account)
        if now > freeze.start:  # closed at ``now``; one that began this very moment just goes
            kept.append(Freeze(freeze.start, now, (account,) if others and account is not None else freeze.accounts, freeze.reason))
        if others:
            kept.append(Freeze(freeze.start, freeze.until, others, freeze.reason))
    return kept, lifted
