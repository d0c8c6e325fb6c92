"""One check run over a repository: read at the edge, check in the core, cache, collect."""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from weibo_lint import repository
from weibo_lint.cache import PostCache, environment_key
from weibo_lint.config import Config
from weibo_lint.engine import Env, PostResult, RuleSet, check_collection, check_columns, check_post, load_columns
from weibo_lint.frontmatter import SourceError
from weibo_lint.problem import Problem
from weibo_lint.rules.base import Collection

# Below this many uncached posts a process pool costs more than it saves.
PARALLEL_THRESHOLD = 1500


@dataclass(frozen=True)
class CheckReport:
    problems: list[Problem]
    results: dict[str, PostResult]  # every post's result, by path
    env: Env
    files_checked: int


def build_env(config: Config) -> tuple[Env, list[Problem], dict[str, bytes]]:
    rules = RuleSet(config)
    column_raw = repository.column_files(config)
    readable = {p: raw for p, raw in column_raw.items() if isinstance(raw, bytes)}
    columns, problems = load_columns(readable, rules)
    for path, raw in column_raw.items():
        if isinstance(raw, OSError):
            problems.extend(_unreadable(path, raw, rules))
    env = Env(config, rules, columns, repository.templates(config), repository.ImageProbe(config.root))
    problems.extend(check_columns(columns, env))
    return env, problems, readable


def _unreadable(path: str, error: OSError, rules: RuleSet) -> list[Problem]:
    from weibo_lint.engine import source_problem

    return source_problem(path, SourceError("WB001", f"cannot read: {error.strerror or error}"), rules)


def run_check(config: Config, *, now: datetime, targets: list[Path] | None = None,
              use_cache: bool = True) -> CheckReport:
    env, problems, column_raw = build_env(config)
    all_posts = repository.post_paths(config)
    wanted = set(repository.post_paths(config, targets)) if targets else set(all_posts)
    paths = sorted(set(all_posts) | wanted)
    env_key = environment_key([config.fingerprint, *sorted(f"{k}\0{v!r}" for k, v in column_raw.items()),
                               *sorted(f"{k}\0{v}" for k, v in env.templates.items())])
    cache = PostCache(config.dir("cache") if use_cache else None, env_key)
    results: dict[str, PostResult] = {}
    todo: list[tuple[str, bytes, str]] = []
    for path in paths:
        raw = repository.read_bytes(config.root, path)
        if isinstance(raw, OSError):
            results[path] = PostResult(path, tuple(_unreadable(path, raw, env.rules)), None)
            continue
        key = cache.key(path, raw)
        cached = cache.get(key, env.probe_image)
        if cached is not None:
            results[path] = cached
        else:
            todo.append((path, raw, key))
    for (path, _raw, key), result in zip(todo, _check_many(todo, env)):
        results[path] = result
        cache.put(key, result)
    cache.save()
    for path in sorted(wanted):
        problems.extend(results[path].problems)
    collection = Collection(
        config=config,
        columns=env.columns,
        posts=tuple(r.summary for r in results.values() if r.summary is not None),
        now=now,
    )
    problems.extend(check_collection(collection, env.rules))
    return CheckReport(sorted(problems), results, env, len(wanted))


_WORKER_ENV: Env | None = None


def _check_chunk(chunk: list[tuple[str, bytes, str]]) -> list[PostResult]:
    assert _WORKER_ENV is not None
    return [check_post(path, raw, _WORKER_ENV) for path, raw, _key in chunk]


def _check_many(todo: list[tuple[str, bytes, str]], env: Env) -> list[PostResult]:
    workers = min(os.cpu_count() or 1, 4)
    if len(todo) < PARALLEL_THRESHOLD or workers < 2 or os.name != "posix":
        return [check_post(path, raw, env) for path, raw, _key in todo]
    global _WORKER_ENV
    _WORKER_ENV = env  # inherited by the forked workers: nothing to pickle but the chunks
    size = -(-len(todo) // (workers * 4))
    chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
    import multiprocessing

    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return [result for chunk in pool.map(_check_chunk, chunks) for result in chunk]
    finally:
        _WORKER_ENV = None
