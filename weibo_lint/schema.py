"""What keys a post's front matter and a column file may hold, and their checks.

Validation yields :class:`FieldIssue` values; rules WB301–WB303 report them.
"""
from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from datetime import tzinfo
from typing import Any

from weibo_lint.i18n import _
from weibo_lint.model import STATUSES, Cadence, FieldIssue
from weibo_lint.times import parse_datetime

FieldValidator = Callable[[Any], str | None]  # returns an error message, or None when the value is fine

SUPPRESS_KEY = "weibo-lint-disable"


def _string(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else _("expected a non-empty text")


def _status(value: Any) -> str | None:
    return None if value in STATUSES else _("unknown status {value}: use one of {known}").format(
        value=repr(value), known=", ".join(STATUSES))


def _string_list(value: Any) -> str | None:
    if isinstance(value, str):
        return None
    if isinstance(value, list) and all(isinstance(v, str) and v for v in value):
        return None
    return _("expected a list of texts")


def _url(value: Any) -> str | None:
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        return _("expected an http:// or https:// URL, got {value}").format(value=repr(value))
    return None


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else _("expected true or false, got {value}").format(value=repr(value))


def _positive_int(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return _("expected a positive whole number, got {value}").format(value=repr(value))
    return None


def _codes(value: Any) -> str | None:
    if value == "all" or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return None
    return _("expected 'all' or a list of rule codes like [WB103, WB502]")


CLAIM_KEYS = ("term", "evidence", "approved_by")


def _claims(value: Any) -> str | None:
    """``claims: [{term, evidence, approved_by}]``: an absolute term (WB501) the post may use
    because it can be proved; every part is required, or the claim justifies nothing."""
    if not isinstance(value, list):
        return _("expected a list of claims like {example}").format(
            example="[{term: 销量第一, evidence: …, approved_by: …}]")
    for number, item in enumerate(value, 1):
        if not isinstance(item, dict):
            return _("claim {number}: expected a mapping with {keys}").format(number=number, keys=", ".join(CLAIM_KEYS))
        unknown = [str(k) for k in item if k not in CLAIM_KEYS]
        if unknown:
            return _("claim {number}: unknown key {key}{hint}").format(
                number=number, key=repr(unknown[0]), hint=did_you_mean(unknown[0], list(CLAIM_KEYS)))
        missing = [k for k in CLAIM_KEYS if not (isinstance(item.get(k), str) and item[k].strip())]
        if missing:
            return _("claim {number}: {keys} missing: a claim needs the term, its evidence and who approved it").format(
                number=number, keys=", ".join(missing))
    return None


def _cadence(value: Any) -> str | None:
    try:
        read_cadence(value)
    except ValueError as exc:
        return str(exc)
    return None


def read_cadence(value: Any) -> Cadence:
    if not isinstance(value, dict):
        raise ValueError(_("expected a mapping like {example}").format(example="{per: week, min: 2, max: 3}"))
    unknown = set(value) - {"per", "min", "max"}
    if unknown:
        raise ValueError(_("unknown cadence key(s) {keys}: use per, min, max").format(
            keys=", ".join(sorted(map(str, unknown)))))
    per = value.get("per")
    if per not in ("day", "week", "month"):
        raise ValueError(_("cadence 'per' must be day, week or month, got {value}").format(value=repr(per)))
    low, high = value.get("min", 0), value.get("max")
    for name, number in (("min", low), ("max", high)):
        if number is not None and (isinstance(number, bool) or not isinstance(number, int) or number < 0):
            raise ValueError(_("cadence '{name}' must be a whole number ≥ 0, got {value}").format(
                name=name, value=repr(number)))
    if high is not None and high < low:
        raise ValueError(_("cadence 'max' ({high}) is below 'min' ({low})").format(high=high, low=low))
    return Cadence(per=per, min=low, max=high)


POST_FIELDS: dict[str, FieldValidator] = {
    "column": _string,
    "account": _string,
    "publish_at": lambda v: None,  # checked with the time zone in validate_post
    "status": _status,
    "images": _string_list,
    "title": _string,
    "link": _url,
    SUPPRESS_KEY: _codes,
    "claims": _claims,
}
POST_REQUIRED = ("column",)

COLUMN_FIELDS: dict[str, FieldValidator] = {
    "name": _string,
    "account": _string,
    "topic": _string,
    "template": _string,
    "limit": _positive_int,
    "cadence": _cadence,
    "slots": _string_list,
    "description": _string,
    "promotional": _boolean,  # its posts stay off quiet days (WB410, new, calendar)
}
COLUMN_REQUIRED = ("name", "account")


def did_you_mean(key: str, known: list[str] | Mapping[str, Any]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return _(" (did you mean {name}?)").format(name=repr(close[0])) if close else ""


def validate(
    data: Mapping[str, Any], key_lines: Mapping[str, int], fields: Mapping[str, FieldValidator], required: tuple[str, ...]
) -> list[FieldIssue]:
    issues = []
    for key in required:
        if data.get(key) is None:
            issues.append(FieldIssue("missing", key, _("required field {key} is missing").format(key=repr(key)), 1))
    for key, value in data.items():
        line = key_lines.get(key, 1)
        validate = fields.get(key)
        if validate is None:
            issues.append(FieldIssue("unknown", key, _("unknown field {key}{hint}").format(
                key=repr(key), hint=did_you_mean(key, fields)), line))
            continue
        if value is None and key in required:
            continue  # already reported as missing
        message = validate(value) if value is not None else _("has no value")
        if message:
            issues.append(FieldIssue("invalid", key, f"{key}: {message}", line))
    return issues


def validate_post(data: Mapping[str, Any], key_lines: Mapping[str, int], tz: tzinfo):
    """Field issues of a post's front matter, and its resolved publish time (or None)."""
    issues = validate(data, key_lines, POST_FIELDS, POST_REQUIRED)
    publish_at = None
    if "publish_at" in data:
        try:
            publish_at = parse_datetime(data["publish_at"], tz)
        except ValueError as exc:
            issues.append(FieldIssue("invalid", "publish_at", f"publish_at: {exc}", key_lines.get("publish_at", 1)))
    return issues, publish_at
