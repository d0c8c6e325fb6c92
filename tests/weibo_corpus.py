"""Real Weibo text for the tests that hold fast paths to their references: the corpus kept
beside the repository (``../shared/corpus``, see its README), or where ``WEIBO_LINT_CORPUS``
points. The project never needs it: a test that asks for it is skipped, with the reason,
where it is not there (CI)."""
from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

CORPUS = Path(os.environ.get("WEIBO_LINT_CORPUS")
              or Path(__file__).resolve().parents[2] / "shared" / "corpus" / "weibo-real-20k.jsonl.gz")


def real_texts(count: int | None = None) -> list[str]:
    """The corpus's texts in file order (the first ``count`` of them); skips the test when
    the corpus is not there."""
    if not CORPUS.is_file():
        pytest.skip(f"no corpus of real Weibo text at {CORPUS} (set WEIBO_LINT_CORPUS to point at one)")
    texts: list[str] = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                texts.append(json.loads(line)["text"])
                if len(texts) == count:
                    break
    return texts
