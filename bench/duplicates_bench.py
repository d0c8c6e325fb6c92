"""Benchmark WB408 (duplicate content) inside ``weibo-lint check`` on real Weibo text.

Real posts are full of near duplicates (reposts of the same news), which generated ones are
not. Builds a repository of N real posts (bench/real_corpus.py), then, round after round: a
cold check (the index deleted) and a check after one post was edited (the index from the run
before). Each check runs in its own process; WB408's own time is measured there, around the
rule (wall and CPU), beside the whole check's wall time. ``--code DIR`` runs another
checkout's ``weibo_lint`` (e.g. ``git archive`` of an older commit); given twice or more, the
checkouts run in turn, round by round, each in its own copy of the repository: a
before/after measured back to back, so that a drift of this machine's speed shows as spread,
not as a difference. ``--profile FILE`` writes a cProfile of the first cold run. Usage:

    python bench/duplicates_bench.py [--posts 10000] [--rounds 3] [--code DIR ...] [--profile FILE]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import real_corpus  # noqa: E402

# Time spent inside WB408's check (its findings drawn out), reported on stderr.
_MEASURE = """\
import sys, time
from weibo_lint.rules import ALL_RULES
rule = next(r for r in ALL_RULES if r.code == "WB408")
spent = [0.0, 0.0]
original = rule.check
def timed(collection, options):
    started, cpu = time.perf_counter(), time.process_time()
    found = list(original(collection, options))
    spent[0] += time.perf_counter() - started
    spent[1] += time.process_time() - cpu
    return found
object.__setattr__(rule, "check", timed)
from weibo_lint.cli import main
profile = sys.argv.pop(1)
try:
    if profile:
        import cProfile
        cProfile.run("main()", profile)
    else:
        main()
finally:
    import weibo_lint
    print(f"WB408 {spent[0]} {spent[1]} {weibo_lint.__file__}", file=sys.stderr)
"""


def check(root: Path, code: Path | None, profile: str = "") -> tuple[float, float, float]:
    """Wall seconds of one check, and WB408's seconds within it: wall, and CPU of this process
    (WB408 forks only for two or more large groups; here there is one)."""
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    command = [sys.executable, "-c", _MEASURE, profile, "check", "--format", "json", "--now", real_corpus.NOW,
               "-o", os.devnull]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    line = next((line for line in done.stderr.splitlines() if line.startswith("WB408 ")), None)
    if done.returncode not in (0, 1) or line is None:
        sys.exit(f"weibo-lint check failed ({done.returncode}):\n{done.stderr[-2000:]}")
    _label, seconds, cpu, module = line.split(" ", 3)
    if code is not None and not module.startswith(str(code)):
        sys.exit(f"ran {module}, not the code in {code}")
    return elapsed, float(seconds), float(cpu)


def main() -> None:
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode compiled once
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--code", type=Path, action="append",
                        help="a folder holding the weibo_lint package to run (again for another, run in turn)")
    parser.add_argument("--profile", default="", help="write a cProfile of the first cold run here")
    args = parser.parse_args()
    try:
        texts = real_corpus.load_texts()
    except FileNotFoundError:
        sys.exit(f"no corpus at {real_corpus.corpus_path()} (set WEIBO_LINT_CORPUS)")
    codes = args.code or [None]
    top = Path(tempfile.mkdtemp(prefix="weibo-lint-dup-"))
    try:
        roots, edited = [], []
        for number in range(len(codes)):  # a repository each: each keeps its own index
            roots.append(top / str(number))
            edited.append(real_corpus.build(roots[-1], texts, args.posts)[args.posts // 2])
        time.sleep(2.1)  # files written within 2 s of a scan are read again (racy clean)
        times: dict[tuple[int, str], list[tuple[float, float, float]]] = {}
        for number, code in enumerate(codes):
            check(roots[number], code)  # compile the bytecode, warm the file cache
        for round_ in range(args.rounds):
            for number, code in enumerate(codes):
                shutil.rmtree(roots[number] / ".weibo-lint-cache", ignore_errors=True)
                profile = args.profile if round_ == 0 and number == 0 else ""
                times.setdefault((number, "cold (no index)"), []).append(check(roots[number], code, profile))
                post = edited[number]
                post.write_text(post.read_text("utf-8") + f"\n改动第{round_}次。\n", encoding="utf-8")
                times.setdefault((number, "one post edited"), []).append(check(roots[number], code))
        print(f"{args.posts} real posts, {args.rounds} rounds in turn, cpus {os.cpu_count()}")
        for (number, label), found in times.items():
            walls, owns, cpus = zip(*found)
            print(f"{codes[number] or 'installed'!s:<24} {label:<16} check {statistics.median(walls):6.2f} s   "
                  f"WB408 {statistics.median(owns):6.3f} s (min {min(owns):.3f}, max {max(owns):.3f}), "
                  f"CPU {statistics.median(cpus):6.3f} s")
    finally:
        shutil.rmtree(top, ignore_errors=True)


if __name__ == "__main__":
    main()
