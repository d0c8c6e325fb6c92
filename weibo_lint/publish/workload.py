"""How much each account has to do now: the work ``matrix`` balances and ``--shard`` re-derives.

Read from the working tree as checked out (the post index and the records), never from the
remote: a shard job checks out the commit the matrix job read, so both count the same work
and :func:`weibo_lint.publish.shards.assign` gives both the same shards.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime

from weibo_lint.config import Config
from weibo_lint.publish import review
from weibo_lint.publish.series import BATCH, ids_in_window
from weibo_lint.publish.shards import Shard, accounts_of
from weibo_lint.records import Record, load_records

PUBLISH, METRICS = "publish", "metrics"
COMMANDS = (PUBLISH, METRICS)


def publish_work(config: Config, records: Mapping[str, Record], now: datetime) -> dict[str, int]:
    """Per account of weibo.yaml: its due posts not yet published (each one a call, or a
    line for a human), its open intents to reconcile and its posts under review to look for.
    Due posts count whatever their state (late, blocked, failed): the account's shard reports
    them, as a run without shards would."""
    from weibo_lint.check import gather

    work = dict.fromkeys(config.accounts, 0)
    for summary in gather(config).summaries:
        if summary.status != "approved" or summary.publish_at is None or summary.publish_at > now:
            continue
        record = records.get(summary.path)
        if summary.account in work and not (record is not None and record.state == "published"):
            work[summary.account] += 1
    for record in records.values():
        if record.account in work and record.state == "intent":
            work[record.account] += 1
    for record in review.pending(records):
        if record.account in work:
            work[record.account] += 1
    return work


def metrics_work(config: Config, records: Mapping[str, Record], now: datetime, days: int) -> dict[str, int]:
    """Per API account: the ``statuses/count`` calls its recent posts need (100 ids a call)."""
    work = {key: 0 for key, account in config.accounts.items() if account.api != "manual"}
    for account, ids in ids_in_window(records.values(), now, days).items():
        if account in work:
            work[account] = math.ceil(len(ids) / BATCH)
    return work


def work_for(command: str, config: Config, now: datetime, days: int = 30) -> dict[str, int]:
    """The work of ``command`` (``publish`` or ``metrics``) per account, from the working tree."""
    records, _problems = load_records(config)
    if command == METRICS:
        return metrics_work(config, records, now, days)
    return publish_work(config, records, now)


def shard_accounts(command: str, config: Config, shard: Shard, now: datetime, days: int = 30) -> list[str]:
    """The accounts of ``shard``, as ``weibo-lint matrix`` assigned them from this working tree at ``now``."""
    return accounts_of(work_for(command, config, now, days), shard)
