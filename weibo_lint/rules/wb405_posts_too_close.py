"""Two posts of one account are closer together than its ``posting.min_gap``.

Why: two posts minutes apart bury each other in followers' feeds, and a burst invites
Weibo's "posting too often" error (20016).

Every pair of posts of one account less than ``min_gap`` apart is reported on both files,
each finding naming the other as related. A post that already went out counts at the time
it went out but is not reported itself (it is history), and a pair that both went out is
not reported at all; drafts count for nothing. Accounts without a ``min_gap`` are not
checked.

Bad: ``min_gap: 45m``, and two approved posts at 20:30 and 20:50.

Good: 20:30 and 21:15.

Options: none.
"""
from __future__ import annotations

from weibo_lint.problem import Finding
from weibo_lint.schedule import timeline
from weibo_lint.schedule.slots import minutes_text
from weibo_lint.schedule.spacing import too_close
from weibo_lint.i18n import _

CODE = "WB405"
NAME = "posts-too-close"
SCOPE = "collection"
LEVEL = "error"


def check(collection, options):
    config = collection.config
    tz = config.timezone
    line = timeline.of(collection)
    for key, items in sorted(line.by_account.items()):
        account = config.account(key)
        if account is None:
            continue
        gap = account.posting.min_gap
        for pair in too_close(items, gap):
            apart = minutes_text(int(pair.gap.total_seconds()))
            for this, other in ((pair.first, pair.second), (pair.second, pair.first)):
                if not this.pending:
                    continue
                yield Finding(
                    _("{when} is {apart} from {other} ({other_time}); posts of {name} must be at least {gap} apart")
                    .format(when=f"{this.when.astimezone(tz):%Y-%m-%d %H:%M}", apart=apart, other=other.path,
                            other_time=f"{other.when.astimezone(tz):%H:%M}", name=account.name,
                            gap=minutes_text(int(gap.total_seconds()))),
                    path=this.path, line=this.line, related=(other.path,),
                )
