"""The SARIF 2.1.0 reporter, for GitHub code scanning and other SARIF viewers.

One run of the ``weibo-lint`` driver. ``tool.driver.rules`` lists the rules the
caller passes (sorted by code) plus a bare descriptor for any code that appears in
the results without one, so every result's ``ruleIndex`` points at its rule.
Locations are repository-relative URIs against ``%SRCROOT%``; columns count Unicode
code points (``run.columnKind`` says so). Files a problem involves besides its own
(``Problem.related``) become ``relatedLocations``. Levels map error → ``error``,
warning → ``warning``, info → ``note`` (and off → ``none``).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Protocol
from urllib.parse import quote

from weibo_lint.problem import Level, Problem
from weibo_lint.reporters import reportable

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "weibo-lint"
INFORMATION_URI = "https://github.com/weibo-lint/weibo-lint"
SRCROOT = "%SRCROOT%"

SARIF_LEVELS = {
    Level.ERROR: "error",
    Level.WARNING: "warning",
    Level.INFO: "note",
    Level.OFF: "none",
}


class RuleMeta(Protocol):
    """What the SARIF reporter needs to know of a rule."""

    code: str
    name: str
    summary: str  # one line
    help: str  # the full documentation, Markdown
    default_level: Level


def artifact_uri(path: str) -> str:
    """A repository-relative path as a relative URI reference (forward slashes,
    percent-encoded, so spaces, ``%``, ``:`` and CJK names stay valid)."""
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return quote(path, safe="/")


def _location(path: str) -> dict:
    return {"artifactLocation": {"uri": artifact_uri(path), "uriBaseId": SRCROOT}}


def _descriptor(rule: RuleMeta) -> dict:
    summary = (rule.summary or "").strip()
    help_text = (rule.help or "").strip()
    descriptor: dict = {"id": rule.code, "name": rule.name}
    if summary:
        descriptor["shortDescription"] = {"text": summary}
    if help_text or summary:
        descriptor["fullDescription"] = {"text": help_text or summary}
    if help_text:
        descriptor["help"] = {"text": help_text, "markdown": help_text}
    configuration: dict = {"level": SARIF_LEVELS[rule.default_level]}
    if rule.default_level is Level.OFF:
        configuration["enabled"] = False
    descriptor["defaultConfiguration"] = configuration
    return descriptor


def _result(problem: Problem, rule_index: int) -> dict:
    location = _location(problem.path)
    location["region"] = {"startLine": max(problem.line, 1), "startColumn": max(problem.column, 1)}
    result: dict = {
        "ruleId": problem.code,
        "ruleIndex": rule_index,
        "level": SARIF_LEVELS[problem.level],
        "message": {"text": problem.message},
        "locations": [{"physicalLocation": location}],
    }
    related = [path for path in dict.fromkeys(problem.related) if path]
    if related:
        result["relatedLocations"] = [
            {"id": index, "physicalLocation": _location(path), "message": {"text": "Related file."}}
            for index, path in enumerate(related, start=1)
        ]
    return result


def sarif_log(
    problems: Iterable[Problem],
    *,
    rules: Sequence[RuleMeta],
    tool_version: str,
    srcroot_uri: str | None = None,
) -> dict:
    """The SARIF log as a dict; ``srcroot_uri`` (an absolute ``file:`` URI ending
    in ``/``) says where ``%SRCROOT%`` was, when the caller wants to record it."""
    shown = reportable(problems)
    descriptors: dict[str, dict] = {}
    for rule in sorted(rules, key=lambda r: r.code):
        descriptors.setdefault(rule.code, _descriptor(rule))
    for problem in shown:
        if problem.code not in descriptors:
            descriptors[problem.code] = {"id": problem.code, "name": problem.name}
    ordered = sorted(descriptors.values(), key=lambda d: d["id"])
    index = {descriptor["id"]: i for i, descriptor in enumerate(ordered)}

    srcroot: dict = {"description": {"text": "The root of the repository that was linted."}}
    if srcroot_uri:
        srcroot["uri"] = srcroot_uri
    run = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": tool_version,
                "informationUri": INFORMATION_URI,
                "rules": ordered,
            }
        },
        "originalUriBaseIds": {SRCROOT: srcroot},
        "columnKind": "unicodeCodePoints",
        "results": [_result(problem, index[problem.code]) for problem in shown],
    }
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def format_sarif(
    problems: Iterable[Problem],
    *,
    rules: Sequence[RuleMeta],
    tool_version: str,
    srcroot_uri: str | None = None,
) -> str:
    """The SARIF log as JSON text (UTF-8 kept as is, indented by 2)."""
    log = sarif_log(problems, rules=rules, tool_version=tool_version, srcroot_uri=srcroot_uri)
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


__all__ = ["RuleMeta", "artifact_uri", "format_sarif", "sarif_log"]
