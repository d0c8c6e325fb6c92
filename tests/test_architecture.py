"""The core is pure: it never imports the CLI, HTTP, git, sockets or subprocesses (STYLE.md,
"a pure core, I/O at the edges"). Checked on the source with ast, through every project
module the core imports, and at run time."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import weibo_lint

PACKAGE = Path(weibo_lint.__file__).parent
CORE = ["counting", "model", "schema", "times", "frontmatter", "flatten", "render", "entities", "directives",
        "problem", "engine"]
CORE_MODULES = [f"weibo_lint.{name}" for name in CORE] + sorted(
    f"weibo_lint.rules.{path.stem}" for path in (PACKAGE / "rules").glob("*.py"))
FORBIDDEN = {"click", "requests", "git", "gitpython", "http", "socket", "subprocess", "urllib3", "httpx", "aiohttp"}
# The project's own edges: the core must not reach the terminal, git, the network or the disk through them.
EDGES = {"weibo_lint.cli", "weibo_lint.commands", "weibo_lint.git", "weibo_lint.gitprocess", "weibo_lint.publish",
         "weibo_lint.sandbox",
         "weibo_lint.check", "weibo_lint.cache", "weibo_lint.index", "weibo_lint.repository", "weibo_lint.reporters",
         "weibo_lint.site"}


def _source(module: str) -> Path:
    relative = Path(*module.split(".")[1:])
    package = PACKAGE / relative / "__init__.py"
    return package if package.is_file() else (PACKAGE / relative).with_suffix(".py")


def imports_of(source: str, module: str) -> set[str]:
    """Every module ``source`` imports, by full name: plain, from-, relative and
    ``importlib.import_module("...")`` / ``__import__("...")`` with a literal name."""
    found: set[str] = set()
    package = module if _source(module).name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[:len(parts) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                found.add(node.args[0].value)
    return found


def violations(names: set[str]) -> set[str]:
    return {name for name in names if name.split(".")[0] in FORBIDDEN
            or any(name == edge or name.startswith(edge + ".") for edge in EDGES)}


def _closure(start: list[str]) -> dict[str, set[str]]:
    """Every project module reachable from ``start`` by imports, with its imports."""
    seen: dict[str, set[str]] = {}
    todo = list(start)
    while todo:
        module = todo.pop()
        if module in seen or not _source(module).is_file():
            continue
        seen[module] = imports_of(_source(module).read_text(encoding="utf-8"), module)
        todo.extend(name for name in seen[module] if name.startswith("weibo_lint."))
    return seen


def test_the_core_list_is_real():
    missing = [m for m in CORE_MODULES if not _source(m).is_file()]
    assert not missing
    assert len(CORE_MODULES) > len(CORE) + 10  # the rules are in it


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_nothing_forbidden(module):
    assert violations(imports_of(_source(module).read_text(encoding="utf-8"), module)) == set()


def test_nor_does_anything_the_core_imports():
    closure = _closure(CORE_MODULES)
    assert "weibo_lint.config" in closure  # reached through the engine and the rules
    bad = {module: sorted(violations(names)) for module, names in closure.items() if violations(names)}
    assert bad == {}


def test_importing_the_core_loads_no_forbidden_module():
    code = ("import sys, json\n" + "".join(f"import {m}\n" for m in CORE_MODULES)
            + "print(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout))
    assert violations(loaded) == set()


def test_the_scanner_sees_every_kind_of_import():
    source = ("import click\nfrom http import client\nimport subprocess as sp\nfrom ..git import changed_since\n"
              "import importlib\nmod = importlib.import_module('requests')\nsock = __import__('socket')\n"
              "def late():\n    import git\n")
    assert violations(imports_of(source, "weibo_lint.rules.wb999_example")) == {
        "click", "http", "http.client", "subprocess", "weibo_lint.git", "weibo_lint.git.changed_since",
        "requests", "socket", "git"}
    assert violations(imports_of("import re\nfrom weibo_lint.model import Post\n", "weibo_lint.engine")) == set()


def git_runners(source: str) -> list[str]:
    """What in ``source`` runs git other than through weibo_lint.gitprocess: GitPython, or a
    process started with ``"git"`` (or ``program()``) as its program."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            found += [name for name in names if name.split(".")[0] == "git"]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], (ast.List, ast.Tuple)):
            first = node.args[0].elts[0] if node.args[0].elts else None
            if isinstance(first, ast.Constant) and first.value == "git":
                found.append(ast.unparse(node)[:80])
    return found


def test_git_runs_through_one_module():
    outside = {str(path.relative_to(PACKAGE)): git_runners(path.read_text(encoding="utf-8"))
               for path in PACKAGE.rglob("*.py") if path.name != "gitprocess.py"}
    assert {path: found for path, found in outside.items() if found} == {}
    assert git_runners("import git\nsubprocess.run(['git', 'status'])\n") == ["git", "subprocess.run(['git', 'status'])"]


def _imports_rules(names: set[str]) -> set[str]:
    return {name for name in names if name == "weibo_lint.rules" or name.startswith("weibo_lint.rules.")}


def test_nothing_the_rules_stand_on_imports_them():
    """The data the rules read lives in the model (``model``, ``collection``), not in
    ``rules/``: no module the rules import, directly or not, imports a rule module back."""
    rules = [m for m in _closure(CORE_MODULES) if m.startswith("weibo_lint.rules")]
    below = {m: names for m, names in _closure(rules).items() if not m.startswith("weibo_lint.rules")}
    assert "weibo_lint.model" in below and "weibo_lint.collection" in below
    assert {m: sorted(_imports_rules(names)) for m, names in below.items() if _imports_rules(names)} == {}


@pytest.mark.parametrize("module", ["weibo_lint.repository", "weibo_lint.records", "weibo_lint.cache",
                                    "weibo_lint.check", "weibo_lint.index.posts", "weibo_lint.index.views",
                                    "weibo_lint.index.entries", "weibo_lint.index.records", "weibo_lint.freeze_slots",
                                    "weibo_lint.site.pages", "weibo_lint.schedule.timeline"])
def test_the_core_takes_its_data_types_from_the_model_not_from_the_rules(module):
    assert _imports_rules(imports_of(_source(module).read_text(encoding="utf-8"), module)) == set()
