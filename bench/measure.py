"""One ``weibo-lint check`` timed in its own process, as the benchmarks run it."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

# Runs the CLI and prints its peak memory: the larger of this process and its forked workers.
_MEASURE = ("import resource, sys\n"
            "from weibo_lint.cli import main\n"
            "try:\n    main()\n"
            "finally:\n"
            "    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
            " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
            "    print(f'PEAK {peak}', file=sys.stderr)\n")


def timed_check(root: Path, now: str, *args: str, report: str = "json") -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB, the largest process) and exit code of one check with
    ``--format report``; stops the benchmark when the check did not run (an import error
    exits 1 too, but prints no report)."""
    command = [sys.executable, "-c", _MEASURE, "check", "--format", report, "--now", now, *args]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=root, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    peak_kb = next((int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK ")), None)
    printed = done.stdout.startswith(("[", "{")) if report in ("json", "sarif") else bool(done.stdout)
    if done.returncode not in (0, 1) or peak_kb is None or not printed:
        sys.exit(f"weibo-lint check failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed, peak_kb / 1024, done.returncode
