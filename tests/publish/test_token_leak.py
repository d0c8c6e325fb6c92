"""No token ever appears in output, logs, exceptions, the step summary or the repository."""
from __future__ import annotations

import os

from tests.publish.helpers import NOW, run_cli, steer
from tests.support import git

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


def test_an_api_that_echoes_the_request_leaks_no_token(repos, sandbox, tmp_path):
    """A gateway that echoes the request (its Authorization header) back: in the error text,
    in unknown fields of an error, in a success answer. Neither stdout, the step summary,
    commits nor records may hold the token."""
    summary = tmp_path / "summary.md"
    env = {"WEIBO_TOKEN_OFFICIAL": SECRET, "WEIBO_TOKEN_SUB": EXPIRED.replace("expired", "valid"),
           "GITHUB_STEP_SUMMARY": str(summary)}
    steer(sandbox, "echo", endpoint="statuses/update")  # the sub account: refused, token in the text
    steer(sandbox, "echo", endpoint="statuses/share", accept=True)  # official: accepted, token in fields
    steer(sandbox, "echo", endpoint="statuses/share", error_code=20019)  # repeated content, echoed
    done = run_cli(repos.work, sandbox, "publish", "--now", NOW, env=env)
    assert "Traceback" not in done.stderr
    seen = [done.stdout, done.stderr, summary.read_text("utf-8")]
    assert "invalid request: Authorization: OAuth2 ***" in done.stdout  # the echo arrived, masked
    for repo in (repos.work, repos.remote):
        seen.append(git(repo, "log", "-p", "--all", "--format=%H %s %b"))
    for file in (repos.work / "published").rglob("*.json"):
        seen.append(file.read_text("utf-8"))
    for token in (SECRET, env["WEIBO_TOKEN_SUB"]):
        assert not [text for text in seen if token in text or token[5:] in text], token


def test_a_huge_error_message_is_bounded(repos, sandbox):
    """An error message of 300 KB (within the answer bound) is cut before it reaches a
    record or a commit message; an answer over 1 MiB is not read at all."""
    steer(sandbox, "error", endpoint="statuses/update", error_code=20021, error="违规" * 150_000)
    done = run_cli(repos.work, sandbox, "publish", "--now", NOW)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    record = next(r for r in _records(repos.work) if r["path"].endswith("bake-beans.md"))
    assert record["state"] == "failed" and len(record["error"]) < 400
    assert len(git(repos.work, "log", "-1", "--all", "--format=%B")) < 3000
    assert len(done.stdout) < 20_000


def test_token_env_names_only_token_variables(repos):
    config = (repos.work / "weibo.yaml").read_text("utf-8")
    (repos.work / "weibo.yaml").write_text(config.replace("WEIBO_TOKEN_SUB", "GITHUB_TOKEN"), "utf-8")
    done = run_cli(repos.work, None, "publish", "--now", NOW, "--dry-run")
    assert done.returncode == 2 and "GITHUB_TOKEN" in done.stderr and "WEIBO_TOKEN_" in done.stderr


def _records(work):
    import json

    return [json.loads(f.read_text("utf-8")) for f in (work / "published").rglob("*.json")]
