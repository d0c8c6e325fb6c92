"""One version: ``weibo_lint.__version__``. Every pin a user copies (the README, docs,
``action.yml``, ``.pre-commit-hooks.yaml``, the starter's templates) names that version."""
from __future__ import annotations

import re
from pathlib import Path

import tomllib

from weibo_lint import __version__

ROOT = Path(__file__).resolve().parent.parent
PINS = [
    re.compile(r"weibo-lint/weibo-lint@v([0-9][0-9A-Za-z.+-]*)"),
    re.compile(r"\brev: v([0-9][0-9A-Za-z.+-]*)"),
    re.compile(r"weibo-lint==([0-9][0-9A-Za-z.+-]*)"),
]
FILES = ["README.md", "action.yml", ".pre-commit-hooks.yaml", *map(str, (ROOT / "docs").glob("*.md"))]


def test_pyproject_takes_the_version_from_the_package():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "weibo_lint.__version__"}


def test_every_pin_names_this_version():
    found = []
    for name in FILES:
        text = (ROOT / name).read_text("utf-8")
        for pattern in PINS:
            found += [(name, match.group(0)) for match in pattern.finditer(text)]
    assert found, "no pins found: the patterns are wrong"
    wrong = [(name, pin) for name, pin in found if not pin.endswith(__version__)]
    assert not wrong, f"pins that are not v{__version__}: {wrong}"
    assert any(name == "action.yml" for name, _ in found) and any(".pre-commit" in name for name, _ in found)


def test_the_starter_templates_take_the_version_as_a_value():
    folder = ROOT / "weibo_lint" / "starter" / "templates"
    for file in folder.rglob("*"):
        if file.is_file():
            text = file.read_text("utf-8")
            for pattern in PINS:
                assert not pattern.search(text), f"{file}: a version written out; use [[ version ]]"
