"""An agency's repository (many accounts, a few due posts each) and fanned-out publish runs
over it: the matrix, then every shard in its own fresh clone, as parallel processes pushing
to one bare remote. Used by tests/publish/test_shard_scale.py (small) and bench/scale_bench.py.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.publish.helpers import NOW, Repos, cli_env, git, start
from tests.support import remote_and_clone

POSTS_PER_ACCOUNT = 3


def key(index: int) -> str:
    return f"a{index:04d}"


def token_env(index: int) -> str:
    return f"WEIBO_TOKEN_A{index:04d}"


def token(index: int) -> str:
    return f"tok-{key(index)}-7c1e5b"  # any token is a user of its own in the sandbox


def text(index: int, post: int) -> str:
    return f"门店 {index:04d} 今天的第 {post} 条消息：新品第 {index * POSTS_PER_ACCOUNT + post} 号特调上市，欢迎来尝。"


def config(accounts: int) -> str:
    lines = ["timezone: Asia/Shanghai", "accounts:"]
    for i in range(accounts):
        lines += [f"  {key(i)}:", f"    name: 星河门店{i:04d}", "    api: update", "    limit: 2000",
                  f"    token_env: {token_env(i)}"]
    lines += ["publish:", "  author_name: Publisher Bot", "  author_email: bot@example.com", "  timeout: 10",
              "  backoff: 0.05", "  push_retries: 5", "  settle: 0m", "rules: {}"]
    return "\n".join(lines) + "\n"


def post_path(index: int, post: int) -> str:
    return f"posts/2026-12/{key(index)}-{post}.md"


def build(base: Path, accounts: int) -> Repos:
    """A bare remote with ``accounts`` accounts, one column and 3 posts due by NOW each, and a clone."""
    seed = base / "seed"
    (seed / "columns").mkdir(parents=True)
    (seed / "weibo.yaml").write_text(config(accounts), encoding="utf-8")
    (seed / ".gitignore").write_text(".weibo-lint-cache/\n", encoding="utf-8")
    for i in range(accounts):
        (seed / "columns" / f"c{i:04d}.yaml").write_text(f"name: 门店{i:04d}\naccount: {key(i)}\n", encoding="utf-8")
        for j in range(POSTS_PER_ACCOUNT):
            path = seed / post_path(i, j)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"---\ncolumn: c{i:04d}\npublish_at: 2026-12-01 1{j}:00\nstatus: approved\n"
                            f"title: {key(i)}-{j}\n---\n{text(i, j)}\n", encoding="utf-8")
    remote, work = remote_and_clone(base, seed)
    return Repos(remote, work, base)


def env(sandbox, accounts: int, extra: dict | None = None) -> dict[str, str]:
    return cli_env(sandbox, {**{token_env(i): token(i) for i in range(accounts)}, **(extra or {})})


@dataclass
class Run:
    """One fanned-out run: its matrix and, per shard, the finished process and its report."""

    name: str
    matrix: dict
    commit: str  # the commit the matrix was computed on: every shard starts from it
    done: list[subprocess.CompletedProcess] = field(default_factory=list)
    reports: list[dict] = field(default_factory=list)


def plan(repos: Repos, sandbox, accounts: int, max_jobs: int, name: str, job_work: int = 20) -> Run:
    """A run's first job: ``weibo-lint matrix`` in a fresh clone."""
    clone = _clone(repos, f"{name}-matrix")
    done = subprocess.run([sys.executable, "-m", "weibo_lint", "matrix", "--now", NOW, "--max-jobs", str(max_jobs),
                           "--job-work", str(job_work)],
                          cwd=clone, env=env(sandbox, accounts), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return Run(name, json.loads(done.stdout), git(clone, "rev-parse", "HEAD"))


def _clone(repos: Repos, name: str, commit: str | None = None) -> Path:
    """A fresh clone; at ``commit`` (on ``main``) as the workflow's shard jobs check it out."""
    target = repos.base / name
    git(repos.base, "clone", "--quiet", str(repos.remote), str(target))
    if commit is not None:
        git(target, "reset", "--quiet", "--hard", commit)
    return target


def fan_out(repos: Repos, sandbox, accounts: int, runs: list[Run], *, fork: bool) -> None:
    """Every shard of every run at once, each in a fresh clone of the remote as CI has it.
    ``fork``: a fork of this process (fast start) rather than a new interpreter."""
    started = []
    for run in runs:
        for entry in run.matrix["include"]:
            label = entry["shard"].replace("/", "-of-")
            clone = _clone(repos, f"{run.name}-{label}", run.commit)
            report = repos.base / "reports" / run.name / f"{label}.json"
            args = ["publish", "--shard", entry["shard"], "--now", NOW, "--report", str(report)]
            full = env(sandbox, accounts, {"WEIBO_LINT_LANG": "en"})
            if fork:
                started.append((run, report, start(clone, args, full)))
            else:
                out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()  # noqa: SIM115 (closed in _finish)
                process = subprocess.Popen([sys.executable, "-m", "weibo_lint", *args], cwd=clone, env=full,
                                           stdout=out, stderr=err)
                started.append((run, report, (process, out, err, args)))
    for run, report, handle in started:
        run.done.append(_finish(handle, fork))
        if report.exists():
            run.reports.append(json.loads(report.read_text("utf-8")))


def _finish(handle, fork: bool) -> subprocess.CompletedProcess:
    from tests.publish.helpers import finish

    if fork:
        return finish(handle)
    process, out, err, args = handle
    code = process.wait()
    with out, err:
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess(args, code, out.read().decode("utf-8", "replace"),
                                           err.read().decode("utf-8", "replace"))


def check(repos: Repos, sandbox, accounts: int) -> dict[str, int]:
    """The invariants, on the remote's main and the sandbox: every post on Weibo once (and
    sent once: one statuses/update call each), its record published with that id, nothing
    left as an intent. Returns what was found, for the report."""
    final = _clone(repos, "final")
    posts = sandbox.posts()
    on_weibo = Counter(p["text"] for p in posts)
    expected = {post_path(i, j): text(i, j) for i in range(accounts) for j in range(POSTS_PER_ACCOUNT)}
    records = {}
    for file in (final / "published").rglob("*.json"):
        data = json.loads(file.read_text("utf-8"))
        records[data["path"]] = (file.relative_to(final).as_posix(), data)
    duplicates = sum(n - 1 for n in on_weibo.values() if n > 1)
    lost = [p for p, t in expected.items() if on_weibo.get(t, 0) == 0]
    wrong = []
    by_text = {p["text"]: p for p in posts}
    for path, body in expected.items():
        where, data = records.get(path, (None, {}))
        account = path.split("/")[-1].split("-")[0]
        if (data.get("state") != "published" or where != f"published/{account}/2026-12__{Path(path).stem}.json"
                or data.get("idstr") != str(by_text.get(body, {}).get("id"))):
            wrong.append((path, where, data.get("state"), data.get("idstr")))
    intents = [p for p, (_w, d) in records.items() if d.get("state") == "intent"]
    return {"posts": len(expected), "on_weibo": len(posts), "duplicates": duplicates, "lost": len(lost),
            "wrong_records": len(wrong), "intents": len(intents),
            "update_calls": sandbox.calls().get("statuses/update", 0),
            "remote_head_is_final": int(git(final, "rev-parse", "HEAD") == git(repos.remote, "rev-parse", "main")),
            "_wrong": wrong[:5], "_lost": lost[:5]}


def totals(runs: list[Run]) -> dict[str, int]:
    reports = [r for run in runs for r in run.reports]
    return {"shards": sum(len(run.matrix["include"]) for run in runs), "reports": len(reports),
            "pushes": sum(r.get("git_pushes", 0) for r in reports),
            "replays": sum(r.get("git_replays", 0) for r in reports),
            "git_failures": sum(1 for r in reports if r.get("git_failure")),
            "published": sum(1 for r in reports for x in r["results"] if x["status"] == "published")}

