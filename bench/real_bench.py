"""Benchmark ``weibo-lint check`` on real Weibo text, against markdownlint-cli2 in the same run.

Issue 12's targets, measured on N real posts (bench/real_corpus.py) with every rule on:

* cold check (no cache) against markdownlint-cli2 on the same files: the ratio, pair by pair;
* a check after one post was edited (the cache from the run before), against markdownlint-cli2
  (which keeps no cache: it lints everything again, as it would in CI);
* peak memory of a cold run, and files per second cold;
* ``check --changed-since`` in a repository of 50,000 real posts (most of them published, with
  their records) after one post was edited, with the index restored as the CI workflow does
  (built on the default branch, copied into a fresh clone of the pull request's branch).

The two tools run in turn (A B A B ...) and each pair gives a ratio: this machine's speed
drifts between runs, a ratio measured pair by pair does not. markdownlint-cli2 is installed
from npm into bench/markdownlint/ (``npm ci``); without npm its part is skipped, with the
reason. Generated posts are the second case (``--generated``). Usage:

    python bench/real_bench.py [--posts 10000] [--rounds 5] [--big 50000] [--generated] [--report json ...]

The check after one edit is measured in each ``--report`` format (by default json, text, the
format a terminal gets, and github, the one the pull-request workflow prints): a format's
cost grows with the problems reported, and real text has two or three a post.
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
from measure import timed_check  # noqa: E402

PEER = HERE / "markdownlint"
PEER_BIN = PEER / "node_modules" / ".bin" / "markdownlint-cli2"
RUST_LINTER_FILES_PER_SECOND = 11_000  # issue 12: the fastest Markdown linter it knows of

REPORTS = ("json", "text", "github")  # the --format of the checks after an edit, by default


def ours(root: Path, *args: str, report: str = "json") -> tuple[float, float, int]:
    return timed_check(root, real_corpus.NOW, *args, report=report)


def peer(root: Path) -> float:
    """Wall seconds of one markdownlint-cli2 run over the same posts."""
    started = time.perf_counter()
    done = subprocess.run([str(PEER_BIN), "posts/**/*.md"], cwd=root, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"markdownlint-cli2 failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed


def install_peer() -> str | None:
    """Install markdownlint-cli2 into bench/markdownlint; the reason when it cannot be."""
    if PEER_BIN.exists():
        return None
    npm = shutil.which("npm")
    if npm is None:
        return "npm is not installed: markdownlint-cli2 cannot be measured"
    done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=PEER, capture_output=True, text=True)
    if done.returncode != 0 or not PEER_BIN.exists():
        return f"npm ci failed in {PEER}: {done.stderr.strip()[-500:]}"
    return None


def clear_cache(root: Path) -> None:
    shutil.rmtree(root / ".weibo-lint-cache", ignore_errors=True)


def edit(path: Path, round_: int) -> None:
    path.write_text(path.read_text("utf-8") + f"\n补充第 {round_} 条。\n", encoding="utf-8")


def summary(label: str, ours_s: list[float], peer_s: list[float] | None) -> None:
    line = f"{label:<28} weibo-lint {statistics.median(ours_s):6.2f} s"
    if peer_s:
        ratios = sorted(p / o for o, p in zip(ours_s, peer_s))
        line += (f"   markdownlint-cli2 {statistics.median(peer_s):6.2f} s   "
                 f"ratio {statistics.median(ratios):5.1f}x (pairs {ratios[0]:.1f}-{ratios[-1]:.1f})")
    print(line, flush=True)


def compare(root: Path, paths: list[Path], rounds: int, with_peer: bool, label: str,
            reports: tuple[str, ...] = REPORTS) -> None:
    count = len(paths)
    # A checkout is older than the run that checks it: files written within 2 s of a scan prove
    # nothing by their stat facts (git's "racy clean" rule) and would be read again.
    time.sleep(2.1)
    cold, cold_peer, peaks = [], [], []
    for _ in range(rounds):
        clear_cache(root)
        seconds, peak, _code = ours(root, report=reports[0])
        cold.append(seconds)
        peaks.append(peak)
        if with_peer:
            cold_peer.append(peer(root))
    summary(f"{label}: cold ({reports[0]})", cold, cold_peer)
    edits = 0
    for report in reports:
        edited, edited_peer = [], []
        for _ in range(rounds):
            edit(paths[(edits * 7919) % count], edits)
            edits += 1
            seconds, _peak, _code = ours(root, report=report)
            edited.append(seconds)
            if with_peer:
                edited_peer.append(peer(root))
        summary(f"{label}: one post edited ({report})", edited, edited_peer)
    rate = count / statistics.median(cold)
    print(f"{label}: peak memory cold {statistics.median(peaks):.0f} MB (max {max(peaks):.0f}); "
          f"{rate:,.0f} files/s cold, {RUST_LINTER_FILES_PER_SECOND / rate:.1f}x short of "
          f"{RUST_LINTER_FILES_PER_SECOND:,} files/s", flush=True)


def git(root: Path, *args: str) -> str:
    environment = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
                   "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True,
                          env=environment).stdout


def changed_since(texts: list[str], count: int, rounds: int, work: Path) -> None:
    """The pull-request case: a big repository, one post edited, the index restored from main."""
    main = work / "main"
    pending = min(2000, count)
    paths = real_corpus.build(main, texts, count, published=count - pending)
    git(main, "init", "-q", "-b", "main")
    git(main, "add", "-A")
    git(main, "commit", "-q", "-m", "content")
    time.sleep(2.1)
    started = time.perf_counter()  # what site.yml does on main, leaving the index check.yml restores
    subprocess.run([sys.executable, "-m", "weibo_lint", "build", "--now", real_corpus.NOW, "--out", str(work / "site")],
                   cwd=main, check=True, capture_output=True)
    print(f"{count} posts ({count - pending} published): weibo-lint build on main (the index CI restores) "
          f"{time.perf_counter() - started:.2f} s", flush=True)
    times = []
    for round_ in range(rounds):
        pull = work / f"pull-{round_}"
        git(work, "clone", "-q", str(main), str(pull))
        git(pull, "checkout", "-q", "-b", "edit")
        edit(pull / paths[(round_ * 7919) % (count - pending)].relative_to(main), round_)
        git(pull, "commit", "-q", "-am", "edit one post")
        shutil.copytree(main / ".weibo-lint-cache", pull / ".weibo-lint-cache")
        seconds, _peak, _code = ours(pull, "--changed-since", "origin/main")
        times.append(seconds)
        shutil.rmtree(pull)
    print(f"check --changed-since origin/main, one post edited, index restored: "
          f"{statistics.median(times):.2f} s (runs {min(times):.2f}-{max(times):.2f})", flush=True)


def main() -> None:
    # Measure what users run: a pip install compiles the bytecode; this machine's environment
    # turns writing it off, which would add a compile to every run.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--big", type=int, default=50_000, help="posts in the --changed-since case (0: skip it)")
    parser.add_argument("--generated", action="store_true", help="also measure generated posts")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    parser.add_argument("--report", action="append", choices=["json", "text", "github", "sarif"],
                        help="a --format to measure the check after an edit in (repeatable; the first is the "
                             "cold run's); default: json, text (a terminal's) and github (the PR workflow's)")
    args = parser.parse_args()
    reports = tuple(args.report or REPORTS)
    try:
        texts = real_corpus.load_texts()
    except FileNotFoundError:
        sys.exit(f"skipped: the real corpus is not at {real_corpus.corpus_path()} (set WEIBO_LINT_CORPUS)")
    why_not = install_peer()
    if why_not:
        print(f"markdownlint-cli2 skipped: {why_not}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="weibo-lint-real-"))
    try:
        print(f"cpus: {os.cpu_count()}; python {sys.version.split()[0]}; {len(texts)} real texts", flush=True)
        root = work / "real"
        compare(root, real_corpus.build(root, texts, args.posts), args.rounds, not why_not,
                f"{args.posts} real posts", reports)
        if args.generated:
            from generate import generate

            root = work / "generated"
            compare(root, generate(root, args.posts), args.rounds, not why_not, f"{args.posts} generated", reports)
        if args.big:
            changed_since(texts, args.big, args.rounds, work / "big")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
