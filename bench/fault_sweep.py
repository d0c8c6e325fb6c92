"""Sweep SIGKILL through a whole 8-post publish run and count what exactly-once must keep at 0.

For every step of every publication in an 8-post catch-up run on one account (7 steps × 8
posts = 56 kill points), in a fresh bare remote and sandbox:

1. ``publish`` killed with SIGKILL at that point (``WEIBO_LINT_CRASH_AT=<step>#<n>``);
2. a second run at once (before ``publish.settle`` has passed), in the same checkout for even
   points and in a fresh clone for odd ones, as CI's fresh checkouts do;
3. after the settle time, the schedule's next runs: one in the killed checkout, one in a fresh
   clone.

Then it counts, against the sandbox's posts and the records on the remote's ``main``:
duplicates (a text on Weibo more than once), lost posts (due, never on Weibo), records that
disagree with Weibo (not ``published``, or another id), posts left for a human, and API sends
beyond one per post. Every count must be 0; the script exits 1 otherwise.

Usage: ``python bench/fault_sweep.py [--points N]`` (from the repository root).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.publish.helpers import CONFIG, NOW, make_repos, post_file, run_cli  # noqa: E402
from tests.publish.test_exactly_once import BURST, SENDS  # noqa: E402
from tests.support import git  # noqa: E402
from weibo_lint.publish.steps import STEPS  # noqa: E402
from weibo_lint.sandbox import Sandbox, SandboxConfig  # noqa: E402

SETTLE = 1.0  # seconds (publish.settle: 1s)
DUE = [post_file(stem) for stem in BURST]


def remote_records(remote: Path) -> dict[str, dict]:
    found = {}
    for name in git(remote, "ls-tree", "-r", "--name-only", "main", "published").splitlines():
        data = json.loads(git(remote, "show", f"main:{name}"))
        found[data["path"]] = data
    return found


def scenario(base: Path, step: str, nth: int, fresh_second: bool) -> dict[str, int]:
    repos = make_repos(base, BURST, CONFIG.replace("settle: 0m", "settle: 1s"))
    with Sandbox(SandboxConfig(safe_domains=("example.com",))) as sandbox:
        def publish(work: Path, env: dict | None = None):
            return run_cli(work, sandbox, "publish", "--now", NOW, env=env)

        killed = publish(repos.work, {"WEIBO_LINT_CRASH_AT": f"{step}#{nth}"})
        second = publish(repos.clone("second") if fresh_second else repos.work)
        time.sleep(SETTLE + 0.1)
        third = publish(repos.work)
        fourth = publish(repos.clone("fourth"))
        posts = sandbox.posts()
        calls = sandbox.calls()
    crashes = sum("Traceback" in run.stderr for run in (killed, second, third, fourth))
    texts = [p["text"] for p in posts]
    found = remote_records(repos.remote)
    counts = {"killed": int(killed.returncode == -9), "duplicates": 0, "lost": 0, "disagree": 0, "human": 0,
              "extra_sends": sum(calls.get(e, 0) for e in SENDS) - len(DUE), "tracebacks": crashes,
              "final_exit": fourth.returncode}
    for path in DUE:
        record = found.get(path)
        text = record["text"] if record else None
        on_weibo = [p for p in posts if text is not None and p["text"] == text]
        if not on_weibo:
            counts["lost"] += 1
        if record is None or record["state"] != "published" or not on_weibo or \
                record.get("idstr") != on_weibo[0]["idstr"]:
            counts["disagree"] += 1
        if record is not None and record.get("needs_human"):
            counts["human"] += 1
    counts["duplicates"] = len(texts) - len(set(texts))  # any text twice, ours or not
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=len(STEPS) * len(DUE), help="kill points to sweep")
    args = parser.parse_args()
    points = [(step, n) for n in range(1, len(DUE) + 1) for step in STEPS][: args.points]
    totals: dict[str, int] = {}
    started = time.perf_counter()
    print(f"{'kill point':<24} killed dup lost disagree human extra-sends tracebacks final-exit")
    for index, (step, nth) in enumerate(points):
        with tempfile.TemporaryDirectory(prefix="weibo-sweep-") as tmp:
            counts = scenario(Path(tmp), step, nth, fresh_second=index % 2 == 1)
        for key, value in counts.items():
            totals[key] = totals.get(key, 0) + (value if key != "final_exit" else int(value != 0))
        print(f"{step + '#' + str(nth):<24} {counts['killed']:>6} {counts['duplicates']:>3} {counts['lost']:>4} "
              f"{counts['disagree']:>8} {counts['human']:>5} {counts['extra_sends']:>11} "
              f"{counts['tracebacks']:>10} {counts['final_exit']:>10}", flush=True)
    print(f"\n{len(points)} kill points in {time.perf_counter() - started:.0f} s; "
          f"killed {totals['killed']}; duplicates {totals['duplicates']}; lost {totals['lost']}; records "
          f"disagreeing with Weibo {totals['disagree']}; left for a human {totals['human']}; sends beyond one a "
          f"post {totals['extra_sends']}; tracebacks {totals['tracebacks']}; final runs not exiting 0 "
          f"{totals['final_exit']}")
    bad = sum(totals[k] for k in ("duplicates", "lost", "disagree", "human", "extra_sends", "tracebacks",
                                  "final_exit"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
