"""``weibo-lint init``: the files of a new content repository for a brand. Pure: a
:class:`Starter` in, ``{relative path: text}`` out.

The files are Jinja templates in ``templates/`` written with ``[[ ]]`` and ``[% %]`` as
delimiters, so that the GitHub expressions (``${{ }}``) and the column template's own Jinja
(``{{ body }}``) pass through untouched. Workflows and the pre-commit hook use this project
from outside, pinned to this version (:data:`weibo_lint.__version__`, the one source of the
version): the content repository holds no copy of the tool.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import resources
from typing import Any

import jinja2
import yaml

from weibo_lint import __version__

ACTION_REPOSITORY = "weibo-lint/weibo-lint"  # where the action and the pre-commit hook live
DOCS_URL = f"https://github.com/{ACTION_REPOSITORY}#readme"
APIS = ("share", "update", "manual")
LANGUAGES = ("zh-CN", "en")
COLUMN = "brand-news"
SLOT_DAYS = (1, 3)  # Tuesday, Thursday: the column's slots ("tue 10:00", "thu 10:00")
SLOT_HOUR = 10
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_HOST = re.compile(r"^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$")
_REPO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$")

# (template, path in the new repository); ``{lang}`` picks the language's variant.
FILES = (
    ("weibo.yaml.{lang}", "weibo.yaml"),
    ("column.yaml", f"columns/{COLUMN}.yaml"),
    ("template.j2", f"templates/{COLUMN}.j2"),
    ("post.md", "posts/{month}/{day}-{column}-welcome.md"),
    ("README.{lang}.md", "README.md"),
    ("gitignore", ".gitignore"),
    ("pre-commit-config.yaml", ".pre-commit-config.yaml"),
    ("workflows/check.yml", ".github/workflows/check.yml"),
    ("workflows/publish.yml", ".github/workflows/publish.yml"),
    ("workflows/metrics.yml", ".github/workflows/metrics.yml"),
    ("workflows/site.yml", ".github/workflows/site.yml"),
    ("workflows/freeze.yml", ".github/workflows/freeze.yml"),
)
KEEP = "images/.gitkeep"  # git keeps no empty folder


@dataclass(frozen=True)
class Starter:
    """What ``init`` was told (or the defaults)."""

    brand: str = "我的品牌"
    account: str = "official"
    api: str = "manual"
    safe_domain: str | None = None
    language: str = "zh-CN"
    timezone: str = "Asia/Shanghai"
    branch: str = "main"
    action_repo: str = ACTION_REPOSITORY

    @property
    def token_env(self) -> str | None:
        if self.api == "manual":
            return None
        return "WEIBO_TOKEN_" + self.account.upper().replace("-", "_")


def problems(starter: Starter) -> list[str]:
    """What is wrong with the options, each naming its flag."""
    found = []
    if not starter.brand.strip() or any(c in starter.brand for c in "\r\n\x00"):
        found.append("--brand: give the account's screen name on one line")
    if not _KEY.match(starter.account):
        found.append(f"--account: a short key of lower-case letters, digits and '-', got {starter.account!r}")
    if starter.api not in APIS:
        found.append(f"--account-api: one of {', '.join(APIS)}, got {starter.api!r}")
    if starter.api == "share" and not starter.safe_domain:
        found.append("--safe-domain: statuses/share needs the app's registered safe domain (安全域名), "
                     "e.g. --safe-domain www.example.com")
    if starter.safe_domain is not None and not _HOST.match(starter.safe_domain.lower()):
        found.append(f"--safe-domain: a host name like www.example.com, got {starter.safe_domain!r}")
    if starter.language not in LANGUAGES:
        found.append(f"--language: one of {', '.join(LANGUAGES)}, got {starter.language!r}")
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", starter.branch):
        found.append(f"--branch: a branch name, got {starter.branch!r}")
    if not _REPO.match(starter.action_repo):
        found.append(f"--action: OWNER/REPOSITORY, got {starter.action_repo!r}")
    return found


def first_slot(now: datetime) -> datetime:
    """The column's first slot at least an hour after ``now`` (aware, in ``now``'s zone)."""
    day = now.replace(hour=SLOT_HOUR, minute=0, second=0, microsecond=0)
    while day.weekday() not in SLOT_DAYS or day < now + timedelta(hours=1):
        day += timedelta(days=1)
    return day


def files(starter: Starter, now: datetime) -> dict[str, str]:
    """Every file of the new repository, by path; ``now`` is aware, in the brand's zone."""
    slot = first_slot(now)
    values: dict[str, Any] = {
        "brand": _scalar(starter.brand), "account": starter.account, "api": starter.api,
        "safe_domain": starter.safe_domain.lower() if starter.safe_domain else None, "language": starter.language,
        "timezone": starter.timezone, "branch": starter.branch, "action_repo": starter.action_repo,
        "version": __version__, "docs_url": DOCS_URL, "token_env": starter.token_env, "column": COLUMN,
        "column_name": "品牌动态", "column_description": "官方号每周二、周四上午分享新品、活动和品牌故事。",
        "publish_at": slot.strftime("%Y-%m-%d %H:%M"), "title": "欢迎关注",
        # 「」 around the name: no CJK-Latin spacing question whatever the brand is called
        "body": f"欢迎关注「{starter.brand.strip()}」！我们会在这里分享新品、活动和幕后故事，也欢迎在评论区告诉我们你想看什么。",
    }
    env = _environment()
    out = {}
    for template, target in FILES:
        name = template.format(lang=starter.language)
        path = target.format(month=slot.strftime("%Y-%m"), day=slot.strftime("%Y-%m-%d"), column=COLUMN)
        text = env.get_template(name).render(values)
        out[path] = text if text.endswith("\n") else text + "\n"
    out[KEEP] = ""
    return out


def _scalar(value: str) -> str:
    """``value`` as a YAML scalar on one line (quoted when it must be)."""
    return yaml.safe_dump(value.strip(), allow_unicode=True, default_flow_style=True, width=10_000).strip() \
        .removesuffix("...").strip()


def _environment() -> jinja2.Environment:
    folder = resources.files("weibo_lint.starter") / "templates"

    def load(name: str) -> str:
        return (folder / name).read_text(encoding="utf-8")

    return jinja2.Environment(
        loader=jinja2.FunctionLoader(load), undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
        trim_blocks=True, lstrip_blocks=True, autoescape=False,
        variable_start_string="[[", variable_end_string="]]", block_start_string="[%", block_end_string="%]",
        comment_start_string="[#", comment_end_string="#]")
