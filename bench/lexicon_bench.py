"""Benchmark WB505 (team word lists): check time per post with 10 vs 10,000 terms.

Two measurements on a generated repository of N posts (bench/generate.py):

- the rule alone: folding each post's rendered text and finding the words
  (``textfold.fold`` + the Aho–Corasick matcher), per post, and the one-off cost of
  building the automaton;
- the whole ``check`` (no cache, in-process), per post, with weibo.yaml naming a lexicon
  of 10 and then of 10,000 terms.

Usage:

    python bench/lexicon_bench.py [N] [--keep DIR]
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

from weibo_lint.check import run_check
from weibo_lint.config import load_config
from weibo_lint.config_words import Lexicon
from weibo_lint.textfold import fold
from weibo_lint.wordmatch import WordMatcher

NOW = datetime(2025, 1, 1, tzinfo=timezone.utc)
SIZES = (10, 10_000)


def terms(count: int, seed: int = 11) -> list[str]:
    """``count`` distinct plausible words: two to five CJK characters, some with Latin."""
    rng = random.Random(seed)
    found: set[str] = set()
    while len(found) < count:
        word = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(2, 5)))
        found.add(word if rng.random() < 0.9 else word + rng.choice(["Pro", "Max", "X1", "Lite"]))
    return sorted(found)


def rule_alone(texts: list[str], count: int) -> tuple[float, float, int]:
    """(automaton build ms, µs per post, matches) for a lexicon of ``count`` terms."""
    words = terms(count)
    lexicon = Lexicon("lexicons/bench.txt", "error", "bench", tuple(words), str(count))
    started = time.perf_counter()
    matcher = WordMatcher((word, lexicon) for word in words)
    built = time.perf_counter() - started
    rounds = 5
    found = 0
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            found += len(matcher.find(fold(text), text))
    per_post = (time.perf_counter() - started) / (rounds * len(texts))
    return built * 1000, per_post * 1e6, found // rounds


def whole_check(root: Path, count: int) -> float:
    """Milliseconds per post of a cold in-process check with a lexicon of ``count`` terms."""
    (root / "lexicons").mkdir(exist_ok=True)
    (root / "lexicons" / "bench.txt").write_text("\n".join(terms(count)) + "\n", encoding="utf-8")
    config = load_config(root / "weibo.yaml")
    started = time.perf_counter()
    report = run_check(config, now=NOW, use_cache=False)
    elapsed = time.perf_counter() - started
    return elapsed * 1000 / max(report.files_checked, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("posts", nargs="?", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="generate the repository here and keep it")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="lexicon-bench-"))
    try:
        generate(root, args.posts)
        with open(root / "weibo.yaml", "a", encoding="utf-8") as config:
            config.write("lexicons:\n  - {file: lexicons/bench.txt, level: warning, message: bench}\n")
        texts = [p.read_text("utf-8").split("---\n", 2)[-1] for p in sorted((root / "posts").rglob("*.md"))]
        print(f"{len(texts)} posts, {sum(map(len, texts)) / len(texts):.0f} characters on average")
        for count in SIZES:
            built, per_post, found = rule_alone(texts, count)
            print(f"{count:>6} terms: rule alone {per_post:7.1f} µs/post (fold + match), automaton built in "
                  f"{built:7.1f} ms, {found} matches")
        for count in SIZES:
            whole_check(root, count)  # warm the imports once
            print(f"{count:>6} terms: whole cold check {whole_check(root, count):6.2f} ms/post")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
