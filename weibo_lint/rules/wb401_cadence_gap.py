"""A column has fewer posts than its cadence's ``min`` in a period inside the horizon.

Why: a column lives by its rhythm (「每日一问」 every day); a gap found in review is a
post written in time, a gap found on the day is an empty evening.

Which periods: those overlapping ``[now, now + horizon)``, the horizon being the column's
account's ``posting.horizon`` (default 14 days). The period holding ``now`` counts whole,
posts already out included. A period the horizon cuts off (a week or month that ends after
``now + horizon``) is never called short: its last days may simply not be planned yet; it
is checked once its end comes inside the horizon. Drafts count for nothing; a published
post counts for the period it went out in. Reported against the column file, at its
``cadence`` key, once per short period, naming the period's dates.

Bad: ``cadence: {per: day, min: 1}`` in ``columns/daily-question.yaml``, and only a draft
for 2026-12-05.

Good: an approved (or published) post on every day up to the horizon.

Options: none.
"""
from __future__ import annotations

from weibo_lint.model import Posting
from weibo_lint.problem import Finding
from weibo_lint.schedule import timeline
from weibo_lint.schedule.cadence import column_counts
from weibo_lint.schedule.periods import Window
from weibo_lint.i18n import _, ngettext

CODE = "WB401"
NAME = "cadence-gap"
SCOPE = "collection"
LEVEL = "error"


def check(collection, options):
    config = collection.config
    line = timeline.of(collection)
    for slug, column in sorted(collection.columns.items()):
        if column.cadence is None or column.cadence.min == 0:
            continue
        account = config.account(column.account)
        window = Window.from_now(collection.now, (account.posting if account else Posting()).horizon)
        for count in column_counts(line, slug, column.cadence, window, config.timezone):
            if count.short:
                yield Finding(
                    ngettext("column {name} ({slug}) has {count} of at least {minimum} post {period}",
                             "column {name} ({slug}) has {count} of at least {minimum} posts {period}",
                             count.minimum).format(name=column.name, slug=slug, count=count.count,
                                                   minimum=count.minimum, period=count.span.period.phrase()),
                    path=column.path, line=column.line_of("cadence"),
                    related=tuple(item.path for item in count.items),
                )
