"""The calendar as a terminal table and as JSON: pure functions from the model to text."""
from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import tzinfo
from typing import Any

from weibo_lint.i18n import N_, _, ngettext, weekday
from weibo_lint.schedule.calendar import AccountDay, Calendar, Entry, Gap
from weibo_lint.terminal import pad, width

MARK = "!!"


STATUS_NAMES = {"draft": N_("draft"), "approved": N_("approved"), "published": N_("published")}


def to_text(calendar: Calendar) -> str:
    last = calendar.days[-1].day if calendar.days else calendar.first
    lines = [_("Calendar {first} – {last} ({zone})").format(first=calendar.first.isoformat(), last=last.isoformat(),
                                                            zone=calendar.zone), ""]
    names = [a.name + f" ({a.key})" for d in calendar.days for a in d.accounts]
    name_width = max(map(width, names), default=10) + 2
    column_width = max((width(e.column_name) for d in calendar.days for a in d.accounts for e in a.entries),
                       default=8) + 2
    for day in calendar.days:
        lines.append(f"{day.day.isoformat()} {weekday(day.day)}")
        for account in day.accounts:
            lines.append("  " + pad(f"{account.name} ({account.key})", name_width) + _quota(account))
            if account.quiet is not None:
                lines.append("    " + _("quiet day: 「{reason}」, no promotional posts").format(reason=account.quiet))
            loud = set(account.loud)
            for entry in account.entries:
                lines.append("    " + _entry(entry, column_width)
                             + (f"  {MARK} " + _("promotional on a quiet day") if entry in loud else ""))
    lines.append("")
    lines.extend(_gaps(calendar.gaps))
    return "\n".join(lines) + "\n"


def _quota(account: AccountDay) -> str:
    text = ngettext("{count} post", "{count} posts", account.count).format(count=account.count)
    bounds = [_("min {number}").format(number=account.minimum)] if account.minimum else []
    bounds += [_("max {number}").format(number=account.maximum)] if account.maximum is not None else []
    if bounds:
        text += f" ({_(', ').join(bounds)})"
    if account.short:
        text += f"  {MARK} " + _("below min_per_day")
    if account.over:
        text += f"  {MARK} " + _("above max_per_day")
    return text


def _entry(entry: Entry, column_width: int) -> str:
    chars = f"{entry.chars}/{entry.limit}" if entry.chars is not None else "?"
    status = pad(_(STATUS_NAMES.get(entry.status, entry.status)), 10)
    text = f"{entry.when:%H:%M}  {pad(entry.column_name, column_width)}{status} {chars:>9}  "
    text += f"{entry.title or '-'}  {entry.path}"
    for other in entry.too_close:
        text += f"  {MARK} " + _("too close to {other}").format(other=other)
    return text


def _gaps(gaps: tuple[Gap, ...]) -> list[str]:
    if not gaps:
        return [_("Cadence: every column on its rhythm.")]
    lines = [_("Cadence:")]
    for gap in gaps:
        if gap.kind == "short":
            what = _("{count} of at least {minimum}").format(count=gap.count, minimum=gap.minimum)
        else:
            what = _("{count}, more than {maximum}").format(count=gap.count, maximum=gap.maximum)
        lines.append(f"  {MARK} " + _("{name} ({slug}): {what} in {period}").format(
            name=gap.column_name, slug=gap.column, what=what, period=gap.label))
    return lines


def to_json(calendar: Calendar, held: Sequence = (), tz: tzinfo | None = None) -> str:
    """The calendar as JSON; ``held``: the posts a freeze held past their ``max_delay``
    (``freeze_slots.Held``), each with the free slot it could take now (null: none yet),
    both times in ``tz``."""
    data = as_data(calendar)
    data["held"] = [{"path": h.path, "account": h.account, "due": h.due.astimezone(tz).isoformat(),
                     "slot": h.slot.astimezone(tz).isoformat() if h.slot is not None else None} for h in held]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def as_data(calendar: Calendar) -> dict[str, Any]:
    return {
        "from": calendar.first.isoformat(),
        "days": len(calendar.days),
        "zone": calendar.zone,
        "dates": [
            {"date": day.day.isoformat(), "weekday": day.day.strftime("%a"),
             "accounts": [_account_data(account) for account in day.accounts]}
            for day in calendar.days
        ],
        "gaps": [
            {"column": g.column, "name": g.column_name, "path": g.path, "kind": g.kind, "period": g.label,
             "first": g.first.isoformat(), "last": g.last.isoformat(), "count": g.count, "min": g.minimum,
             "max": g.maximum}
            for g in calendar.gaps
        ],
    }


def _account_data(account: AccountDay) -> dict[str, Any]:
    return {
        "account": account.key, "name": account.name, "count": account.count,
        "min_per_day": account.minimum, "max_per_day": account.maximum,
        "short": account.short, "over": account.over, "quiet": account.quiet,
        "posts": [
            {"time": e.when.isoformat(), "path": e.path, "column": e.column, "column_name": e.column_name,
             "status": e.status, "title": e.title, "chars": e.chars, "limit": e.limit,
             "too_close": list(e.too_close), "promotional": e.promotional,
             "on_quiet_day": e in account.loud}
            for e in account.entries
        ],
    }
