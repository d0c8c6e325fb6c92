"""``weibo-lint matrix``: the accounts with work now, in shards, as JSON for ``strategy.matrix``."""
from __future__ import annotations

import json

import click

from weibo_lint.commands._options import config_option, load, now_option, resolve_now
from weibo_lint.i18n import N_


@click.command("matrix", help=N_("""Print the JSON a GitHub Actions `strategy.matrix` takes: the accounts with something to
do now (posts due, attempts to reconcile, posts under review; with --for metrics, posts to
measure), in at most --max-jobs shards balanced by work and stable from run to run:
{"include": [{"shard": "1/2", "accounts": "a,b", "work": 7}, ...]}. Each job then runs
`weibo-lint publish --shard K/N` (or `metrics --shard K/N`) on the same commit with the same
--now. Nothing to do: {"include": []}."""))
@now_option
@click.option("--max-jobs", type=click.IntRange(1, 256), default=16, show_default=True,
              help=N_("At most this many shards (GitHub runs at most 256 jobs of one matrix)."))
@click.option("--job-work", type=click.IntRange(1, 100000), default=20, show_default=True,
              help=N_("The work (posts, timeline and count reads) a job must have to be worth starting: more makes fewer shards."))
@click.option("--for", "command", type=click.Choice(["publish", "metrics"]), default="publish", show_default=True,
              help=N_("The command the shards run."))
@click.option("--days", type=click.IntRange(1, 3650), default=None,
              help=N_("With --for metrics: posts published in this many days before now (as metrics --days; "
                      "default: weibo.yaml's budget.metrics_days, 30)."))
@config_option
def matrix_command(now_text, max_jobs, job_work, command, days, config_path):
    from weibo_lint.publish.shards import matrix
    from weibo_lint.publish.workload import work_for

    config = load(config_path)
    now = resolve_now(now_text, config)
    days = days or config.budget.metrics_days  # as metrics --days decides it
    click.echo(json.dumps(matrix(work_for(command, config, now, days), max_jobs, job_work), ensure_ascii=False,
                          separators=(",", ":")))


COMMANDS = (matrix_command,)
