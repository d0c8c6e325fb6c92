"""Every rule documents itself, and identifies itself uniquely (sqlfluff's docstring test)."""
from __future__ import annotations

import re
from dataclasses import fields, is_dataclass

import pytest

from weibo_lint.rules import ALL_RULES, RULE_MODULES

SECTIONS = ("Why:", "Bad", "Good", "Options:")


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_the_docstring_has_every_section(rule):
    for section in SECTIONS:
        assert re.search(rf"^{re.escape(section)}", rule.doc, re.MULTILINE), f"{rule.code}: no '{section}' section"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_code_and_name_are_well_formed(rule):
    assert re.fullmatch(r"WB\d{3}", rule.code)
    assert re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+", rule.name)


def test_codes_and_names_are_unique():
    codes = [r.code for r in ALL_RULES]
    names = [r.name for r in ALL_RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)


def test_the_registry_is_in_code_order():
    codes = [r.code for r in ALL_RULES]
    assert codes == sorted(codes)


@pytest.mark.parametrize("module", RULE_MODULES, ids=lambda m: m.CODE)
def test_options_are_frozen_dataclasses_with_defaults(module):
    options = getattr(module, "Options", None)
    if options is None:
        return
    assert is_dataclass(options) and options.__dataclass_params__.frozen
    options()  # every field has a default
    assert all(f.name for f in fields(options))


@pytest.mark.parametrize("module", RULE_MODULES, ids=lambda m: m.CODE)
def test_the_file_is_named_after_code_and_name(module):
    expected = f"{module.CODE.lower()}_{module.NAME.replace('-', '_')}"
    assert module.__name__.rsplit(".", 1)[-1] == expected
