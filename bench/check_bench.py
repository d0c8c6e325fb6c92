"""Benchmark ``weibo-lint check`` on a generated repository of N posts.

Reports wall time and peak memory (of the child process) for a cold run (no cache), a
second run with nothing changed, and a run after editing one post. Usage:

    python bench/check_bench.py [N] [--keep DIR]
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate
from measure import timed_check


def run(root: Path, *args: str) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of one ``weibo-lint check`` in its own process."""
    return timed_check(root, "2025-01-01T00:00:00+08:00", *args)


def main() -> None:
    # Measure what users run: a pip install compiles the bytecode; this machine's environment
    # turns writing it off, which would add ~0.1 s of compiling to every run.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--exact-duplicates-only", action="store_true",
                        help="set WB408's similarity to 1.0 (every generated post is pending, WB408's worst case)")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="weibo-lint-bench-"))
    try:
        paths = generate(root, args.count)
        if args.exact_duplicates_only:
            config = root / "weibo.yaml"
            config.write_text(config.read_text("utf-8").replace("rules: {}", "rules: {WB408: {similarity: 1.0}}"),
                              encoding="utf-8")
        print(f"{args.count} posts in {root}  (cpus: {os.cpu_count()})")
        shutil.rmtree(root / ".weibo-lint-cache", ignore_errors=True)
        # A checkout is older than the run that checks it: files written within 2 s of a scan
        # prove nothing by their stat facts (git's "racy clean" rule) and are read again.
        time.sleep(2.1)
        for label, before in (("cold (no cache)", None), ("warm (nothing changed)", None),
                              ("after editing one post", paths[len(paths) // 2])):
            if before is not None:
                before.write_text(before.read_text("utf-8") + "\n新的一行。\n", encoding="utf-8")
            seconds, peak, code = run(root)
            print(f"{label:<26} {seconds:6.2f} s   peak {peak:6.0f} MB   exit {code}")
        seconds, peak, code = run(root, "--no-cache")
        print(f"{'--no-cache':<26} {seconds:6.2f} s   peak {peak:6.0f} MB   exit {code}")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
