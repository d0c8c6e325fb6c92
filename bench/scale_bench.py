"""Scale proof of sharded publishing: N accounts × 3 due posts, the sandbox serving every
account's token, two complete fanned-out runs started at once (each: ``weibo-lint matrix``
in a fresh clone, then every shard ``publish --shard K/N`` as its own process in a fresh
clone at the matrix's commit), all pushing to one bare remote.

Checked (the run fails if any does not hold): 0 duplicates on Weibo, one ``statuses/update``
call per post, 0 posts lost, every record on ``main`` published with the id Weibo gave,
no intent left, no shard that could not push. Reported: wall time (the matrix jobs, the
fan-out), pushes that landed, rejected pushes replayed on the moved branch.

Usage: ``python bench/scale_bench.py [ACCOUNTS ...] [--shards 16] [--job-work 1] [--fork] [--keep]``
(default 30 300). ``--fork`` starts shards as forks of this process (no interpreter start:
closer to what the git side costs alone).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.publish import shard_scale  # noqa: E402
from weibo_lint.sandbox import Sandbox, SandboxConfig  # noqa: E402


def one(accounts: int, shards: int, job_work: int, fork: bool, keep: bool) -> dict:
    base = Path(tempfile.mkdtemp(prefix=f"weibo-lint-scale-{accounts}-"))
    try:
        started = time.perf_counter()
        repos = shard_scale.build(base, accounts)
        built = time.perf_counter()
        with Sandbox(SandboxConfig()) as sandbox:
            runs = [shard_scale.plan(repos, sandbox, accounts, shards, name, job_work) for name in ("one", "two")]
            planned = time.perf_counter()
            shard_scale.fan_out(repos, sandbox, accounts, runs, fork=fork)
            fanned = time.perf_counter()
            found = shard_scale.check(repos, sandbox, accounts)
        totals = shard_scale.totals(runs)
        crashed = [d.stderr[-500:] for run in runs for d in run.done if d.returncode not in (0, 1)]
        result = {"accounts": accounts, "posts": accounts * shard_scale.POSTS_PER_ACCOUNT,
                  "shards_per_run": len(runs[0].matrix["include"]), "build_s": round(built - started, 1),
                  "matrix_s": round(planned - built, 1), "fan_out_s": round(fanned - planned, 1),
                  **totals, **{k: v for k, v in found.items() if not k.startswith("_")}, "crashed": len(crashed)}
        ok = (found["duplicates"] == 0 and found["lost"] == 0 and found["wrong_records"] == 0
              and found["intents"] == 0 and found["update_calls"] == result["posts"]
              and found["remote_head_is_final"] == 1 and totals["git_failures"] == 0 and not crashed
              and totals["reports"] == totals["shards"])
        result["ok"] = ok
        if not ok:
            result["details"] = {"wrong": found["_wrong"], "lost": found["_lost"], "crashed": crashed[:3]}
        return result
    finally:
        if keep:
            print(f"kept {base}", file=sys.stderr)
        else:
            shutil.rmtree(base, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("accounts", nargs="*", type=int, default=[30, 300])
    parser.add_argument("--shards", type=int, default=16, help="--max-jobs of the matrix (default 16)")
    parser.add_argument("--job-work", type=int, default=1,
                        help="matrix --job-work (default 1: always --shards shards; the matrix's own default is 20)")
    parser.add_argument("--fork", action="store_true", help="fork shards from this process")
    parser.add_argument("--keep", action="store_true", help="keep the repositories")
    args = parser.parse_args()
    failed = False
    for accounts in args.accounts:
        result = one(accounts, args.shards, args.job_work, args.fork, args.keep)
        print(json.dumps(result, ensure_ascii=False), flush=True)
        failed = failed or not result["ok"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
