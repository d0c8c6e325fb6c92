"""Many accounts' tokens in one secret (weibo_lint/tokens.py): a bundle's lines stand for the
token variables they name, a variable set on its own wins, and a malformed bundle is refused
by line number without quoting it."""
from __future__ import annotations

from tests.publish.helpers import NOW, OFFICIAL_TOKEN, SUB_TOKEN, git, run_cli

NO_SINGLE_TOKENS = {"WEIBO_TOKEN_OFFICIAL": "", "WEIBO_TOKEN_SUB": ""}


def test_a_bundle_gives_every_account_its_token_and_none_is_shown(repos, sandbox):
    bundle = f"# the agency's matrix\nWEIBO_TOKEN_OFFICIAL={OFFICIAL_TOKEN}\n\nWEIBO_TOKEN_SUB = {SUB_TOKEN}\n"
    done = run_cli(repos.work, sandbox, "publish", "--now", NOW, env={**NO_SINGLE_TOKENS, "WEIBO_TOKENS": bundle})
    assert done.returncode == 0, done.stdout + done.stderr
    assert sandbox.calls() == {"statuses/share": 3, "statuses/update": 1}
    history = git(repos.remote, "log", "-p", "main")
    for token in (OFFICIAL_TOKEN, SUB_TOKEN):
        assert token not in done.stdout + done.stderr and token not in history


def test_a_second_bundle_adds_accounts_and_a_single_variable_wins(repos, sandbox):
    bundles = {"WEIBO_TOKENS": "WEIBO_TOKEN_OFFICIAL=expired-token-of-last-month\n",
               "WEIBO_TOKENS_STORES": f"WEIBO_TOKEN_SUB={SUB_TOKEN}\n"}
    env = {"WEIBO_TOKEN_OFFICIAL": OFFICIAL_TOKEN, "WEIBO_TOKEN_SUB": "", **bundles}
    done = run_cli(repos.work, sandbox, "publish", "--now", NOW, env=env)
    assert done.returncode == 0, done.stdout + done.stderr  # the sandbox refuses tokens starting "expired"
    assert sandbox.calls() == {"statuses/share": 3, "statuses/update": 1}


def test_a_malformed_bundle_is_refused_by_line_without_quoting_it(repos, sandbox):
    bundle = f"WEIBO_TOKEN_OFFICIAL={OFFICIAL_TOKEN}\n{SUB_TOKEN}\nWEIBO_TOKEN_OFFICIAL=another-one\n"
    done = run_cli(repos.work, sandbox, "publish", "--now", NOW,
                   env={**NO_SINGLE_TOKENS, "WEIBO_TOKENS": bundle, "WEIBO_LINT_LANG": "en"})
    assert done.returncode == 2, done.stdout + done.stderr
    assert "WEIBO_TOKENS line 2: expected WEIBO_TOKEN_<NAME>=<token>" in done.stderr
    assert "WEIBO_TOKENS line 3: WEIBO_TOKEN_OFFICIAL has another token in WEIBO_TOKENS line 1" in done.stderr
    assert SUB_TOKEN not in done.stderr and "another-one" not in done.stderr and OFFICIAL_TOKEN not in done.stderr
    assert sandbox.calls() == {}  # refused before any work
    assert git(repos.work, "status", "--porcelain") == ""
