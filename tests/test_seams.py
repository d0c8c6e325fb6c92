"""The seams between the check's fast path and the rules are typed, not probed (issue 12): a
rule never asks what it was given what it is (``hasattr``/``getattr``), and nothing in the
package keeps things by ``id()`` (a freed object's id answers for the next one). Checked on
the source with ast, as test_architecture.py checks imports."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import weibo_lint

PACKAGE = Path(weibo_lint.__file__).parent
RULES = sorted((PACKAGE / "rules").glob("wb*.py"))


def probes(source: str) -> list[str]:
    """The ``hasattr(x, ...)`` and ``getattr(x, ...)`` calls of ``source`` on anything but ``self``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("hasattr", "getattr")
                and node.args and not (isinstance(node.args[0], ast.Name) and node.args[0].id == "self")):
            found.append(ast.unparse(node))
    return found


def id_calls(source: str) -> list[str]:
    """The calls of the builtin ``id`` in ``source``."""
    return [ast.unparse(node) for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "id"]


@pytest.mark.parametrize("path", RULES, ids=lambda p: p.stem)
def test_a_rule_does_not_probe_what_it_is_given(path):
    assert probes(path.read_text(encoding="utf-8")) == []


def test_the_rules_are_all_there():
    assert len(RULES) > 30


def test_nothing_is_kept_by_id():
    found = {str(path.relative_to(PACKAGE)): id_calls(path.read_text(encoding="utf-8"))
             for path in sorted(PACKAGE.rglob("*.py"))}
    assert {path: calls for path, calls in found.items() if calls} == {}


def test_the_finders_see_what_they_look_for():
    source = ("def find(context, options):\n"
              "    subject = context.post if hasattr(context, 'post') else context.column\n"
              "    relevant = getattr(subject.posts, 'relevant', None)\n"
              "    words = getattr(self, 'words')\n"
              "    keys = cache.get(id(items))\n"
              "    other = items.id(3)\n")
    assert sorted(probes(source)) == ["getattr(subject.posts, 'relevant', None)", "hasattr(context, 'post')"]
    assert id_calls(source) == ["id(items)"]


def test_no_assert_guards_in_the_package():
    """``python -O`` drops every ``assert``: a guard the code relies on is a real check
    (``errors.known``, ``errors.Invariant``)."""
    found = {str(path.relative_to(PACKAGE)): [node.lineno for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                                              if isinstance(node, ast.Assert)]
             for path in PACKAGE.rglob("*.py")}
    assert {path: lines for path, lines in found.items() if lines} == {}


def test_known_gives_the_value_or_fails_as_a_bug():
    from weibo_lint.errors import Invariant, known

    assert known(0, "a count") == 0
    with pytest.raises(Invariant, match="the git edge is missing"):
        known(None, "the git edge")
