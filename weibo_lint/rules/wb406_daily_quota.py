"""An account has fewer posts than ``min_per_day`` or more than ``max_per_day`` on a day.

Why: an account that goes quiet loses reach (practitioners aim at two original posts a
day at least), and one that floods its followers loses them.

Which days: those overlapping ``[now, now + horizon)`` (the account's ``posting.horizon``,
default 14 days), local days in the configured zone. Today counts whole, posts already out
included; the last day, cut by the horizon, is never called short (it may be planned
later) but can be over. Drafts count for nothing; a published post counts for the day it
went out. Reported against weibo.yaml, once per account and day, with that day's posts as
related files.

Bad: ``posting: {min_per_day: 2}`` and one approved post on 2026-12-02.

Good: two approved posts on every day up to the horizon.

Options: none.
"""
from __future__ import annotations

from weibo_lint.problem import Finding
from weibo_lint.schedule import timeline
from weibo_lint.schedule.cadence import account_days
from weibo_lint.schedule.periods import Window
from weibo_lint.i18n import _, ngettext

CODE = "WB406"
NAME = "daily-quota"
SCOPE = "collection"
LEVEL = "error"


def check(collection, options):
    config = collection.config
    where = config.path.name if config.path is not None else "weibo.yaml"
    line = timeline.of(collection)
    for key, account in sorted(config.accounts.items()):
        posting = account.posting
        if posting.min_per_day <= 0 and posting.max_per_day is None:
            continue
        window = Window.from_now(collection.now, posting.horizon)
        for day in account_days(line, key, posting, window, config.timezone):
            if day.short:
                message = _("at least {number}").format(number=day.minimum)
            elif day.over:
                message = _("at most {number}").format(number=day.maximum)
            else:
                continue
            yield Finding(
                ngettext("account {name} ({key}) has {count} post {period}; posting.{setting} wants {wanted}",
                         "account {name} ({key}) has {count} posts {period}; posting.{setting} wants {wanted}",
                         day.count).format(name=account.name, key=key, count=day.count,
                                           period=day.span.period.phrase(),
                                           setting="min_per_day" if day.short else "max_per_day", wanted=message),
                path=where, line=config.posting_lines.get(key, 1), related=tuple(item.path for item in day.items),
            )
