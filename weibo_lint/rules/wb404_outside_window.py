"""A post is scheduled outside its account's active windows.

Why: a post at 03:00 reaches nobody; accounts name the hours their followers are awake
(``posting.windows`` in weibo.yaml, e.g. 09:30-12:00, 15:30-17:30, 20:30-23:30 China time,
a practitioner's rule of thumb, not a platform rule: hence a warning).

Checked for posts the publisher still owes (approved, no publication record), at their
wall-clock time in the configured zone; a window's end is exclusive, and a window whose end
comes before its start runs past midnight. Accounts without windows are not checked.

Bad: ``publish_at: 2026-12-01 13:00`` for an account with windows 09:30-12:00, 15:30-17:30.

Good: ``publish_at: 2026-12-01 15:30``.

Options: none.
"""
from __future__ import annotations

from weibo_lint.problem import Finding
from weibo_lint.schedule import timeline
from weibo_lint.schedule.spacing import in_windows, window_text
from weibo_lint.i18n import _, weekday

CODE = "WB404"
NAME = "outside-window"
SCOPE = "collection"
LEVEL = "warning"


def check(collection, options):
    config = collection.config
    for item in timeline.of(collection).pending:
        account = config.account(item.account)
        if account is None or not account.posting.windows:
            continue
        local = item.when.astimezone(config.timezone)
        if not in_windows(local, account.posting.windows):
            yield Finding(
                _("{when} is outside the active windows of {name} ({windows})")
                .format(when=f"{weekday(local)} {local:%Y-%m-%d %H:%M}", name=account.name,
                        windows=window_text(account.posting.windows)),
                path=item.path, line=item.line,
            )
