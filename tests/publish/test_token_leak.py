"""No token ever appears in output, logs, exceptions, the step summary or the repository."""
from __future__ import annotations

import os

from .helpers import NOW, git, run_cli, steer

SECRET = "tok-SECRET-4b1d9f0c2e7a"
EXPIRED = "expired-SECRET-8e2c5a7d"


def test_the_token_is_nowhere(repos, sandbox, tmp_path):
    summary = tmp_path / "summary.md"
    seen = []

    def run(*args, **env):
        done = run_cli(repos.work, sandbox, *args, env={"WEIBO_TOKEN_OFFICIAL": SECRET, "WEIBO_TOKEN_SUB": EXPIRED,
                                                        "GITHUB_STEP_SUMMARY": str(summary), **env})
        seen.append(done.stdout + done.stderr)
        return done

    for kind, fields in (("garbage", {}), ("http-500", {}), ("drop", {}), ("error", {"error_code": 21327})):
        steer(sandbox, kind, **fields)
        run("publish", "--now", NOW)
    run("publish", "--now", NOW, WEIBO_LINT_CRASH_AT="api-answered")
    run("publish", "--now", NOW)
    run("publish", "--now", NOW, WEIBO_API_BASE="http://127.0.0.1:9/2/")  # nobody listening
    run("metrics", "--now", NOW)
    run("metrics", "--now", NOW, WEIBO_API_BASE="not a url")
    steer(sandbox, "garbage", endpoint="*", count=3)
    fresh = run_cli(repos.work, sandbox, "metrics", "--now", NOW, fresh=True,  # a new interpreter, as in CI
                    env={"WEIBO_TOKEN_OFFICIAL": SECRET, "WEIBO_TOKEN_SUB": EXPIRED})
    seen.append(fresh.stdout + fresh.stderr)
    assert any("published" in text for text in seen) and any("WEIBO_TOKEN_SUB" in text for text in seen)
    seen.append(summary.read_text("utf-8"))
    for repo in (repos.work, repos.remote):
        seen.append(git(repo, "log", "-p", "--all", "--format=%H %an %ae %s %b"))
    seen.append(git(repos.work, "reflog", "--all"))
    for folder, dirs, files in os.walk(repos.work):
        dirs[:] = [d for d in dirs if d != ".git"]  # commits are searched above, uncompressed
        for name in files:
            with open(os.path.join(folder, name), "rb") as handle:
                seen.append(handle.read().decode("utf-8", "replace"))
    for token in (SECRET, EXPIRED):
        for needle in (token, token[4:], token.split("-", 1)[1]):
            assert not [text for text in seen if needle in text], needle
