"""Content repositories with a real bare remote, and running the publisher against a sandbox."""
from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.support import GIT_ENV, git, remote_and_clone, write_files, write_repository

NOW = "2026-12-01T12:00:00+08:00"
OFFICIAL_TOKEN = "tok-official-5f1c9a0e7b3d"
SUB_TOKEN = "tok-sub-0a8e4c2b6d1f"

CONFIG = """\
timezone: Asia/Shanghai
accounts:
  official:
    name: 星河咖啡
    api: share
    safe_domain: example.com
    token_env: WEIBO_TOKEN_OFFICIAL
  sub:
    name: 星河烘焙工坊
    api: update
    limit: 2000
    token_env: WEIBO_TOKEN_SUB
  ceo:
    name: 星河咖啡林晓
    api: manual
    limit: 2000
publish:
  author_name: Publisher Bot
  author_email: bot@example.com
  timeout: 1
  backoff: 0.02
  push_retries: 3
  settle: 0m
rules: {}
"""
COLUMNS = {"news": ("新品速递", "official"), "bake": ("烘焙日记", "sub"), "daily": ("每日一问", "ceo")}

# path stem -> (column, publish_at, status, body)
POSTS = {
    "2026-12-01-news-latte": ("news", "2026-12-01 10:00", "approved",
                              "冬季限定拿铁今天上市，双份浓缩配慢熬焦糖。详情 https://www.example.com/p/latte"),
    "2026-12-01-news-oat": ("news", "2026-12-01 10:30", "approved",
                            "燕麦拿铁回来了，全国门店同步开售。详情 https://www.example.com/p/oat"),
    "2026-12-01-news-gift": ("news", "2026-12-01 11:00", "approved",
                             "圣诞礼盒开始预订，内含两款限定豆子。详情 https://www.example.com/p/gift"),
    "2026-12-01-bake-beans": ("bake", "2026-12-01 09:00", "approved",
                              "烘焙师日记：这批埃塞俄比亚豆子有明显的柑橘香气，" * 6),
    "2026-12-01-daily-question": ("daily", "2026-12-01 11:30", "approved",
                                  "今天想问大家：你一天喝几杯咖啡？"),
    "2026-12-01-news-draft": ("news", "2026-12-01 09:30", "draft",
                              "还在写的草稿。详情 https://www.example.com/p/draft"),
    "2026-12-02-news-later": ("news", "2026-12-02 10:00", "approved",
                              "明天的新品预告。详情 https://www.example.com/p/later"),
}


def post_file(stem: str) -> str:
    return f"posts/{stem[:7]}/{stem}.md"


def write_post(root: Path, stem: str, column: str, when: str, status: str, body: str, extra: str = "") -> None:
    write_files(root, {post_file(stem): f"---\ncolumn: {column}\npublish_at: {when}\nstatus: {status}\n"
                                        f"title: {stem}\n{extra}---\n{body}\n"})


def write_content(root: Path, posts: dict | None = None, config: str = CONFIG) -> None:
    write_repository(root, config, columns={slug: f"name: {name}\naccount: {account}\n"
                                            for slug, (name, account) in COLUMNS.items()},
                     files={".gitignore": ".weibo-lint-cache/\n"}, folders=["columns"])
    for stem, spec in (POSTS if posts is None else posts).items():
        write_post(root, stem, *spec)


@dataclass
class Repos:
    remote: Path
    work: Path
    base: Path

    def clone(self, name: str) -> Path:
        target = self.base / name
        git(self.base, "clone", "--quiet", str(self.remote), str(target))
        git(target, "remote", "set-url", "origin", "../remote.git")
        return target


_TEMPLATES: dict[str, Path] = {}


def make_repos(base: Path, posts: dict | None = None, config: str = CONFIG) -> Repos:
    """A bare remote holding the content, and a clone of it to work in. Built once per content
    and copied after that: a copy is the same repository, and costs no git commands."""
    key = repr((posts, config))
    if key not in _TEMPLATES:
        _TEMPLATES[key] = _build(Path(tempfile.mkdtemp(prefix="weibo-lint-repos-")), posts, config)
        atexit.register(shutil.rmtree, _TEMPLATES[key], True)
    template = _TEMPLATES[key]
    shutil.copytree(template / "remote.git", base / "remote.git", symlinks=True)
    shutil.copytree(template / "work", base / "work", symlinks=True)
    return Repos(base / "remote.git", base / "work", base)


def _build(base: Path, posts: dict | None, config: str) -> Path:
    seed = base / "seed"
    seed.mkdir()
    write_content(seed, posts, config)
    remote_and_clone(base, seed)
    return base


def tokens(official: str = OFFICIAL_TOKEN, sub: str = SUB_TOKEN) -> dict[str, str]:
    return {"WEIBO_TOKEN_OFFICIAL": official, "WEIBO_TOKEN_SUB": sub}


def cli_env(sandbox, env: dict | None = None) -> dict[str, str]:
    full = {k: v for k, v in os.environ.items()
            if not k.startswith(("WEIBO_", "GITHUB_", "PYTEST_")) or k == "WEIBO_LINT_LANG"}
    full.update(GIT_ENV)
    full.update(tokens())
    if sandbox is not None:
        full["WEIBO_API_BASE"] = sandbox.base_url
    full.update(env or {})
    return full


def run_cli(work: Path, sandbox, *args: str, env: dict | None = None, timeout: float = 60,
            fresh: bool = False) -> subprocess.CompletedProcess:
    """``weibo-lint <args>`` in its own process, as CI runs it. ``fresh``: a new interpreter
    (``python -m weibo_lint``); otherwise a fork of this already-warm one, which is just as
    separate (its own pid, environment, working folder, and a real SIGKILL) but starts in
    milliseconds instead of a second of imports."""
    full = cli_env(sandbox, env)
    if fresh:
        return subprocess.run([sys.executable, "-m", "weibo_lint", *args], cwd=work, env=full,
                              capture_output=True, text=True, timeout=timeout)
    return _forked(work, list(args), full)


def _forked(work: Path, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return finish(start(work, args, env))


def start(work: Path, args: list[str], env: dict[str, str]):
    """Fork a child that runs ``weibo-lint <args>`` in ``work``; :func:`finish` waits for it."""
    import io
    import tempfile

    import weibo_lint.cli  # warm the imports once, in the parent
    import weibo_lint.publish.run  # noqa: F401

    # Not context managers: the forked child writes into them and exits without returning.
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()  # noqa: SIM115
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 1
        try:
            os.chdir(work)
            os.environ.clear()
            os.environ.update(env)
            os.dup2(out.fileno(), 1)
            os.dup2(err.fileno(), 2)
            sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", write_through=True)
            sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", write_through=True)
            sys.argv = ["weibo-lint", *args]
            from weibo_lint.cli import main

            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:  # report, then leave like a crashed process
            import traceback

            traceback.print_exc()
        finally:
            os._exit(code)
    return pid, out, err, args


def finish(started) -> subprocess.CompletedProcess:
    pid, out, err, args = started
    _pid, status = os.waitpid(pid, 0)
    code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    with out, err:
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess(["weibo-lint", *args], code, out.read().decode("utf-8", "replace"),
                                           err.read().decode("utf-8", "replace"))


def records(work: Path) -> dict[str, dict]:
    found = {}
    for file in sorted((work / "published").rglob("*.json")):
        data = json.loads(file.read_text("utf-8"))
        found[data["path"]] = data
    return found


DUE_API = [post_file(s) for s in ("2026-12-01-bake-beans", "2026-12-01-news-latte", "2026-12-01-news-oat",
                                  "2026-12-01-news-gift")]


def body(stem: str) -> str:
    return POSTS[stem][3].strip()


def assert_consistent(repos: Repos, sandbox, due: list[str] | None = None, work: Path | None = None) -> None:
    """Every due post is on Weibo exactly once, recorded with its id, and the working copy
    is clean and equal to the remote."""
    due = DUE_API if due is None else due
    work = work or repos.work
    posts = sandbox.posts()
    found = records(work)
    for path in due:
        record = found.get(path)
        assert record is not None and record["state"] == "published", (path, record)
        same = [p for p in posts if p["text"] == record["text"]]
        assert len(same) == 1, f"{path} is on Weibo {len(same)} times"
        assert record["idstr"] == same[0]["idstr"]
    assert len(posts) == len(due), [p["text"][:20] for p in posts]
    assert not [r for r in found.values() if r["state"] == "intent"]
    assert git(work, "status", "--porcelain") == ""
    assert git(work, "rev-parse", "HEAD") == git(repos.remote, "rev-parse", "main")


def steer(sandbox, kind: str, endpoint: str = "statuses/share", **fields) -> None:
    """Queue a fault through the admin endpoint, as a test against a remote sandbox would."""
    import requests

    answer = requests.post(sandbox.admin_url + "faults", json={"kind": kind, "endpoint": endpoint, **fields},
                           timeout=5)
    assert answer.status_code == 200, answer.text


def run_here(repos: Repos, sandbox, *, work: Path | None = None, env: dict | None = None, on_step=None,
             now: str = NOW, **options):
    """A publish run in this process (faster than a subprocess; takes a step hook)."""
    from weibo_lint.config import load_config
    from weibo_lint.publish.run import Options, run_publish
    from weibo_lint.publish.steps import no_hook
    from weibo_lint.times import parse_datetime

    config = load_config((work or repos.work) / "weibo.yaml")
    environ = {**tokens(), "WEIBO_API_BASE": sandbox.base_url, **(env or {})}
    opts = Options(now=parse_datetime(now, config.timezone), **options)
    return run_publish(config, opts, environ=environ, on_step=on_step or no_hook, sleep=lambda s: None)


def writer_commit(repos: Repos, name: str, change) -> str:
    """Another person's change, pushed from their own clone; ``change(root)`` edits files."""
    clone = repos.base / name
    if not clone.exists():
        git(repos.base, "clone", "--quiet", str(repos.remote), str(clone))
    git(clone, "pull", "--quiet", "--ff-only")
    change(clone)
    git(clone, "add", "-A")
    git(clone, "commit", "--quiet", "-m", f"writer: {name}")
    git(clone, "push", "--quiet", "origin", "main")
    return git(clone, "rev-parse", "HEAD")


def by_status(report) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for result in report.results:
        found.setdefault(result.status, []).append(result.path)
    return {k: sorted(v) for k, v in found.items()}


def _png() -> bytes:
    """The smallest valid PNG: one grey pixel."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b""))


PNG = _png()
