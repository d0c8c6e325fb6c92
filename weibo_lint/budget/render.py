"""``weibo-lint budget`` as a terminal table and as JSON. Pure."""
from __future__ import annotations

import json

from weibo_lint.budget.forecast import HOURLY_POSTS
from weibo_lint.budget.view import AccountBudget, BudgetDay, BudgetView, as_data
from weibo_lint.i18n import N_, _, weekday
from weibo_lint.terminal import pad, width

MARK = "!!"
HEADERS = (N_("date"), N_("posts"), N_("reads"), N_("metrics"), N_("planned"), N_("used"), N_("expected"),
           N_("left"))


def to_json(view: BudgetView) -> str:
    return json.dumps(as_data(view), ensure_ascii=False, indent=2) + "\n"


def to_text(view: BudgetView) -> str:
    lines = [_("API calls by account and Weibo day, {first} – {last} (Beijing time, UTC+8)").format(
        first=view.first.isoformat(), last=view.last.isoformat()),
        _("posts: 1 call each; reads: kept for reconciliation; metrics: statuses/count, 100 ids a call; "
          "used: recorded under usage/"), ""]
    if not view.accounts:
        lines.append(_("no API account: manual accounts make no API calls"))
    for account in view.accounts:
        lines.extend(_account(account, view))
        lines.append("")
    lines.extend(_("note: {note}").format(note=note) for note in view.notes)
    return "\n".join(lines).rstrip("\n") + "\n"


def _account(account: AccountBudget, view: BudgetView) -> list[str]:
    head = _("{name} ({key}): {budget} calls a day").format(name=account.name, key=account.key,
                                                           budget=account.daily)
    rows = [[_(h) for h in HEADERS]] + [_cells(day, view) for day in account.days]
    widths = [max(width(row[i]) for row in rows) for i in range(len(HEADERS))]
    lines = [head]
    for row, day in zip(rows, (None, *account.days)):
        text = "  " + pad(row[0], widths[0]) + "".join("  " + _right(cell, w) for cell, w in zip(row[1:], widths[1:]))
        lines.append(text + (_marks(day) if day is not None else ""))
    return lines


def _cells(day: BudgetDay, view: BudgetView) -> list[str]:
    plan = day.plan
    label = f"{plan.day.isoformat()} {weekday(plan.day)}" + (" *" if plan.day == view.today else "")
    used = str(sum(day.used.values())) if day.used is not None else "-"
    return [label, str(plan.posts), str(plan.reads), str(plan.metrics), str(plan.planned), used, str(day.expected),
            str(day.left)]


def _marks(day: BudgetDay) -> str:
    text = ""
    if day.over:
        text += f"  {MARK} " + _("over the daily budget by {count}").format(count=-day.left)
    if day.hour_over:
        text += f"  {MARK} " + _("{count} posts within an hour (Weibo takes {limit})").format(
            count=day.plan.busiest_hour, limit=HOURLY_POSTS)
    return text


def _right(text: str, columns: int) -> str:
    return " " * max(columns - width(text), 0) + text
