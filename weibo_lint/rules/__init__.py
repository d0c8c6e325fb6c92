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
    wb201_unclosed_topic,
    wb202_full_width_topic_mark,
    wb203_topic_not_allowed,
    wb204_missing_column_topic,
    wb211_invalid_mention,
    wb221_missing_safe_domain_link,
    wb301_missing_required_field,
    wb302_unknown_field,
    wb303_invalid_field_value,
    wb304_unknown_column,
    wb305_unknown_account,
    wb401_cadence_gap,
    wb402_cadence_excess,
    wb403_off_slot,
    wb404_outside_window,
    wb405_posts_too_close,
    wb406_daily_quota,
    wb407_past_due_unpublished,
    wb408_duplicate_content,
    wb501_absolute_term,
    wb502_cjk_typography,
    wb504_unsupported_markdown,
    wb601_image_missing,
    wb602_too_many_images,
    wb603_image_format,
    wb604_image_outside_repo,
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
    wb201_unclosed_topic,
    wb202_full_width_topic_mark,
    wb203_topic_not_allowed,
    wb204_missing_column_topic,
    wb211_invalid_mention,
    wb221_missing_safe_domain_link,
    wb301_missing_required_field,
    wb302_unknown_field,
    wb303_invalid_field_value,
    wb304_unknown_column,
    wb305_unknown_account,
    wb401_cadence_gap,
    wb402_cadence_excess,
    wb403_off_slot,
    wb404_outside_window,
    wb405_posts_too_close,
    wb406_daily_quota,
    wb407_past_due_unpublished,
    wb408_duplicate_content,
    wb501_absolute_term,
    wb502_cjk_typography,
    wb504_unsupported_markdown,
    wb601_image_missing,
    wb602_too_many_images,
    wb603_image_format,
    wb604_image_outside_repo,
)

ALL_RULES: tuple[Rule, ...] = tuple(rule_from_module(module) for module in RULE_MODULES)


def rule_by_key(key: str) -> Rule | None:
    """A rule by its code (``WB101``, any case) or its name (``post-too-long``)."""
    return next((r for r in ALL_RULES if key.upper() == r.code or key == r.name), None)
