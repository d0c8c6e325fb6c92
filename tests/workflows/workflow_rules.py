"""Security and shape checks for GitHub workflows, as plain functions returning what is wrong.

Each function takes a parsed workflow (``load``) and returns a list of messages, so the
tests can prove every check fires on a bad example before trusting it on our files.
"""
from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
PULL_REQUEST_EVENTS = {"pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment",
                       "issue_comment", "workflow_run", "merge_group"}


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: ``on`` is a key, not True (PyYAML follows YAML 1.1)."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def load_any(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)  # a SafeLoader subclass


def load(text: str) -> dict[str, Any]:
    data = load_any(text)
    return data if isinstance(data, dict) else {}


def load_file(path: Path) -> dict[str, Any]:
    return load(path.read_text("utf-8"))


def triggers(workflow: dict) -> set[str]:
    on = workflow.get("on")
    if isinstance(on, str):
        return {on}
    if isinstance(on, list):
        return set(on)
    return set(on or {})


def steps(workflow: dict) -> list[tuple[str, dict]]:
    """(job id, step) for every step of every job."""
    return [(job_id, step) for job_id, job in (workflow.get("jobs") or {}).items()
            for step in (job.get("steps") or []) if isinstance(step, dict)]


def no_pull_request_target(workflow: dict) -> list[str]:
    return ["triggered by pull_request_target: it runs with the base repository's token and secrets"] \
        if "pull_request_target" in triggers(workflow) else []


def no_secrets(text: str) -> list[str]:
    return [f"line {text.count(chr(10), 0, m.start()) + 1}: uses secrets ({m.group(0)})"
            for m in re.finditer(r"secrets\s*(\.|\[)\s*[\w'\"-]*", text)]


def secrets_out_of_reach_of_pull_requests(workflow: dict, text: str) -> list[str]:
    reachable = triggers(workflow) & PULL_REQUEST_EVENTS
    return [f"uses secrets and is triggered by {', '.join(sorted(reachable))}"] if reachable and no_secrets(text) else []


def _scopes(permissions: Any) -> dict[str, str] | None:
    if permissions == {} or permissions is None:
        return {}
    return dict(permissions) if isinstance(permissions, dict) else None


def least_top_level_permissions(workflow: dict) -> list[str]:
    """The workflow grants nothing by default: ``permissions: {}`` or read-only scopes; the jobs
    ask for what they need."""
    if "permissions" not in workflow:
        return ["no top-level permissions: the token gets the repository's default (possibly write-all)"]
    scopes = _scopes(workflow["permissions"])
    if scopes is None:
        return [f"top-level permissions {workflow['permissions']!r}: list scopes, never read-all or write-all"]
    return [f"top-level permission {scope}: {level}" for scope, level in scopes.items() if level not in ("read", "none")]


def job_writes(workflow: dict) -> dict[str, set[str]]:
    """The write scopes each job gets: its own permissions, else the workflow's (``write-all``
    when neither says: the repository's default may be that)."""
    found = {}
    for job_id, job in (workflow.get("jobs") or {}).items():
        if "permissions" in job:
            scopes = _scopes(job["permissions"])
        else:
            scopes = _scopes(workflow["permissions"]) if "permissions" in workflow else None
        found[job_id] = {"write-all"} if scopes is None else {s for s, level in scopes.items() if level == "write"}
    return found


def jobs_without_permissions(workflow: dict) -> list[str]:
    return [f"job {job_id} does not declare its permissions" for job_id, job in (workflow.get("jobs") or {}).items()
            if "permissions" not in job]


def never_cancels(workflow: dict) -> list[str]:
    concurrency = workflow.get("concurrency")
    if not isinstance(concurrency, dict) or not concurrency.get("group"):
        return ["no concurrency group: two runs could overlap"]
    if concurrency.get("cancel-in-progress") is not False:
        return [f"cancel-in-progress is {concurrency.get('cancel-in-progress')!r}: a run must never be cancelled"]
    return []


def cron_minutes(workflow: dict) -> list[str]:
    on = workflow.get("on") if isinstance(workflow.get("on"), dict) else {}
    return [entry["cron"].split()[0] for entry in (on.get("schedule") or []) if isinstance(entry, dict)]


def _minutes(field: str) -> set[int] | None:
    """The minutes a cron minute field fires at; None for ranges and steps this check does not expand."""
    if field == "*":
        return set(range(60))
    if re.fullmatch(r"\*/\d+", field):
        return set(range(0, 60, int(field[2:])))
    if re.fullmatch(r"\d+(,\d+)*", field):
        return {int(m) for m in field.split(",")}
    return None


def schedules_off_the_hour(workflow: dict) -> list[str]:
    problems = []
    for field in cron_minutes(workflow):
        minutes = _minutes(field)
        if minutes is None or 0 in minutes:
            problems.append(f"cron minute field {field!r} fires at the top of the hour (or is not a plain list)")
    return problems


def every_quarter_hour(workflow: dict) -> list[str]:
    for field in cron_minutes(workflow):
        minutes = sorted(_minutes(field) or ())
        if len(minutes) == 4 and all(b - a == 15 for a, b in pairwise(minutes)):
            return []
    return ["no schedule every 15 minutes"]


def expressions_in_scripts(workflow: dict) -> list[str]:
    """``${{ }}`` inside a ``run:`` script is a script injection waiting for an untrusted
    value; values go through ``env:``."""
    return [f"job {job_id}, step {step.get('name') or step.get('run', '')[:30]!r}: ${{{{ }}}} in run"
            for job_id, step in steps(workflow) if "${{" in str(step.get("run", ""))]


def unpinned_actions(workflow: dict) -> list[str]:
    problems = []
    for job_id, step in steps(workflow):
        uses = step.get("uses")
        if not uses or uses.startswith(("./", "docker://")):
            continue
        ref = uses.partition("@")[2]
        if not ref or ref in ("main", "master", "HEAD"):
            problems.append(f"job {job_id}: {uses} is not pinned to a version")
    return problems


def run_lines(workflow: dict) -> list[str]:
    return [line.strip() for _job, step in steps(workflow) for line in str(step.get("run", "")).splitlines()]
