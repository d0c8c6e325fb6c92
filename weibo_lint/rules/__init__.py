"""The closed registry of rules: one module per rule, listed here once."""
from __future__ import annotations

from weibo_lint.rules import (
    wb001_unreadable_file,
    wb002_invalid_front_matter,
    wb003_invalid_directive,
    wb004_unused_directive,
    wb101_post_too_long,
    wb102_post_empty,
    wb103_folded_in_feed,
    wb104_template_error,
    wb301_missing_required_field,
    wb302_unknown_field,
    wb303_invalid_field_value,
    wb304_unknown_column,
    wb305_unknown_account,
)
from weibo_lint.rules.base import Rule, rule_from_module

RULE_MODULES = (
    wb001_unreadable_file,
    wb002_invalid_front_matter,
    wb003_invalid_directive,
    wb004_unused_directive,
    wb101_post_too_long,
    wb102_post_empty,
    wb103_folded_in_feed,
    wb104_template_error,
    wb301_missing_required_field,
    wb302_unknown_field,
    wb303_invalid_field_value,
    wb304_unknown_column,
    wb305_unknown_account,
)

ALL_RULES: tuple[Rule, ...] = tuple(rule_from_module(module) for module in RULE_MODULES)


def rule_by_key(key: str) -> Rule | None:
    """A rule by its code (``WB101``, any case) or its name (``post-too-long``)."""
    return next((r for r in ALL_RULES if key.upper() == r.code or key == r.name), None)
