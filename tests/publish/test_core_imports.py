"""The publisher's core is pure: no HTTP client, no git, no CLI in it (STYLE.md)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import weibo_lint.publish

CORE = ("plan", "outcomes", "evidence", "summary", "report", "series", "steps")
EDGES = {"requests", "git", "click", "urllib3", "subprocess"}


@pytest.mark.parametrize("name", CORE)
def test_core_module_imports_no_edge(name):
    source = Path(weibo_lint.publish.__file__).with_name(f"{name}.py").read_text("utf-8")
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
            if node.module.startswith("weibo_lint.publish."):
                assert node.module.rsplit(".", 1)[1] in CORE, f"{name} imports the edge {node.module}"
    assert not imported & EDGES


def test_the_design_is_documented():
    doc = weibo_lint.publish.__doc__
    for words in ("Exactly once", "intent", "push", "reconcile", "user_timeline", "needing a human", "WEIBO_LINT_CRASH_AT"):
        assert words in doc
