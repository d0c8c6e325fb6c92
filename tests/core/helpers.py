"""Checking one post in the core, without the file system edge: text in, problems out."""
from __future__ import annotations

from pathlib import Path

from weibo_lint.config import Config, build_config
from weibo_lint.engine import Env, PostResult, RuleSet, check_post, load_columns
from weibo_lint.repository import ImageProbe

ACCOUNTS = {
    "ceo": {"name": "星河咖啡林晓", "api": "manual", "limit": 2000},
    "short": {"name": "星河短号", "api": "manual", "limit": 140},
}
COLUMNS = {
    # a column whose template puts its topic first (the CEO's daily question)
    "daily": "name: 每日一问\naccount: ceo\ntopic: 每日一问\ntemplate: daily.j2\n",
    # no template: the body is posted as it is, on a 140 account
    "plain": "name: 随手记\naccount: short\n",
}
TEMPLATES = {"daily.j2": "#{{ column.topic }}# {{ body }}"}


def make_config(root: Path, **settings) -> Config:
    data = {"timezone": "Asia/Shanghai", "accounts": ACCOUNTS, **settings}
    return build_config(data, root=root, path=None, digest="test")


def make_env(root: Path, *, columns: dict[str, str] | None = None, templates: dict[str, str] | None = None,
             **settings) -> Env:
    config = make_config(root, **settings)
    rules = RuleSet(config)
    files = {f"columns/{slug}.yaml": text.encode() for slug, text in (columns or COLUMNS).items()}
    loaded, problems = load_columns(files, rules)
    assert not problems, problems
    return Env(config, rules, loaded, TEMPLATES if templates is None else templates, ImageProbe(root))


def check(env: Env, text: str | bytes, path: str = "posts/a.md") -> PostResult:
    return check_post(path, text.encode() if isinstance(text, str) else text, env)


def where(result: PostResult, *codes: str) -> list[tuple[int, int, str]]:
    """(line, column, code) of the problems, only of ``codes`` when given."""
    return [(p.line, p.column, p.code) for p in result.problems if not codes or p.code in codes]
