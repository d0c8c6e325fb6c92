"""The dependencies are declared truthfully: every package weibo_lint imports is in
[project] dependencies, and constraints/publish.txt (what publish.yml installs with) pins
each of them, and only exact versions, within the declared bounds. That the lower bounds
themselves pass the tests is scripts/lowest-deps's job (.github/workflows/lowest-deps.yml)."""
from __future__ import annotations

import ast
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import tomllib
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
DEPENDENCIES = {canonicalize_name(r.name): r for r in map(Requirement, PROJECT["dependencies"])}


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints" / "publish.txt").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, sep, version = line.partition("==")
            assert sep and version.strip() and not set(version) & set("<>=!~*;, "), f"not an exact pin: {line!r}"
            pins[canonicalize_name(name)] = version
    return pins


def test_every_imported_package_is_declared():
    modules = set()
    for path in (ROOT / "weibo_lint").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    third_party = modules - set(sys.stdlib_module_names) - {"weibo_lint"}
    owners = packages_distributions()
    undeclared = {m for m in third_party if not {canonicalize_name(d) for d in owners.get(m, [m])} & set(DEPENDENCIES)}
    assert undeclared == set()


def test_every_dependency_has_a_lower_bound():
    assert [name for name, r in DEPENDENCIES.items() if not any(s.operator == ">=" for s in r.specifier)] == []


def test_the_publish_constraints_pin_every_dependency_within_its_bounds():
    pins = _pins()
    assert set(DEPENDENCIES) <= set(pins), "regenerate constraints/publish.txt (command in its header)"
    assert [f"{name}=={pins[name]}" for name, r in DEPENDENCIES.items() if pins[name] not in r.specifier] == []
    assert "weibo-lint" not in pins
