"""The calendar as iCalendar (RFC 5545), for a team to subscribe to in its calendar app.

Each post is an event: a UID derived from its path (stable across runs, so a subscribed
calendar updates events instead of duplicating them), DTSTART in the configured zone (with
its VTIMEZONE), SUMMARY 【column】title, DESCRIPTION the rendered text, and URL and ATTACH
linking back to the post file (its repository path, under ``link_base`` when given).
"""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

from weibo_lint.schedule.calendar import Calendar, Entry

DURATION = timedelta(minutes=15)
PRODID = "-//weibo-lint//calendar//EN"


def uid(path: str) -> str:
    return hashlib.sha256(path.encode("utf-8")).hexdigest()[:32] + "@weibo-lint"


def link(path: str, base: str | None) -> str:
    relative = quote(path, safe="/")
    return f"{base.rstrip('/')}/{relative}" if base else relative


def to_ics(calendar: Calendar, *, now: datetime, name: str, link_base: str | None = None) -> bytes:
    import icalendar

    ical = icalendar.Calendar()
    ical.add("prodid", PRODID)
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("x-wr-calname", name)
    ical.add("x-wr-timezone", calendar.zone)
    stamp = now.astimezone(timezone.utc)
    for day in calendar.days:
        for account in day.accounts:
            for entry in account.entries:
                ical.add_component(_event(entry, account.name, stamp, link_base))
    ical.add_missing_timezones()
    return ical.to_ical()


def _event(entry: Entry, account: str, stamp: datetime, link_base: str | None):
    import icalendar

    event = icalendar.Event()
    event.add("uid", uid(entry.path))
    event.add("dtstamp", stamp)
    event.add("dtstart", entry.when)
    event.add("duration", DURATION)
    event.add("summary", f"【{entry.column_name}】{entry.title or entry.path.rsplit('/', 1)[-1]}")
    chars = f" · {entry.chars}/{entry.limit}" if entry.chars is not None else ""
    event.add("description", f"{entry.text or ''}\n\n{account} · {entry.status}{chars} · {entry.path}".strip())
    target = link(entry.path, link_base)
    event.add("url", target)
    event.add("attach", target)
    event.add("status", "TENTATIVE" if entry.status == "draft" else "CONFIRMED")
    event.add("categories", [account, entry.column_name])
    return event
