"""What an API answer means for the publisher: the docs/platform.md §4.6 error table as data.

Pure: no HTTP here. The client turns every answer, refusal or broken exchange into an
:class:`Answer`, and :func:`classify` says which :class:`Kind` it is.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any


class Kind(enum.Enum):
    SUCCESS = "success"  # a status came back
    DELAYED = "success-delayed"  # 20032: accepted, shown after review; no status object
    REPEATED = "repeated"  # 20017/20019/20111: that text is already on the account: ours?
    TRANSIENT = "transient"  # refused for now (rate limits, busy): nothing was posted
    UNCERTAIN = "uncertain"  # no usable answer (timeout, dropped, 5xx, garbage): maybe posted
    PERMANENT = "permanent"  # refused for the content or the configuration: needs a change
    AUTH = "auth"  # the token is missing, expired or invalid: stop the account


# docs/platform.md §4.6, "the publisher's reading".
RATE_LIMITS = frozenset({10022, 10023, 10024, 20016})
BUSY = frozenset({10001, 10002, 10009})  # system error / service unavailable / too many tasks
REPEATED_CODES = frozenset({20017, 20019, 20111})
DELAYED_CODES = frozenset({20032})
# 21301 auth failed, 21327 expired, 21332 invalid; 213xx are all OAuth token failures
# (21314-21319: token used, expired, revoked, rejected…; 21501 an invalid token too).
AUTH_CODES = frozenset({21301, 21314, 21315, 21316, 21317, 21319, 21327, 21332, 21501})


def normalise_code(value: Any) -> int | str | None:
    """``error_code`` comes as a number or a string (docs/platform.md §4.5): digits become an int."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    return int(text) if text.isdigit() else (text or None)


def classify_code(code: int | str | None) -> Kind:
    """The kind of a Weibo error answer. An error answer means Weibo refused the request,
    so unknown codes are permanent (a human looks) rather than uncertain."""
    if code in DELAYED_CODES:
        return Kind.DELAYED
    if code in REPEATED_CODES:
        return Kind.REPEATED
    if code in RATE_LIMITS or code in BUSY:
        return Kind.TRANSIENT
    if code in AUTH_CODES:
        return Kind.AUTH
    return Kind.PERMANENT


@dataclass(frozen=True)
class Answer:
    """The result of one API request, whatever happened to it."""

    kind: Kind
    endpoint: str
    data: Any = None  # the parsed JSON on success
    code: int | str | None = None  # Weibo's error_code
    message: str = ""  # Weibo's error, or what went wrong on the way
    http_status: int | None = None

    @property
    def ok(self) -> bool:
        return self.kind in (Kind.SUCCESS, Kind.DELAYED)

    def describe(self) -> str:
        if self.code is not None:
            return f"{self.code} {self.message}".strip()
        return self.message


def classify(endpoint: str, http_status: int | None, body: Any, *, failure: str | None = None) -> Answer:
    """An :class:`Answer` from what came back: ``failure`` when nothing usable did (timeout,
    connection dropped), else the HTTP status and the body (parsed JSON, or None when the
    body was not JSON)."""
    if failure is not None:
        return Answer(Kind.UNCERTAIN, endpoint, message=failure, http_status=http_status)
    if isinstance(body, dict) and "error_code" in body:
        code = normalise_code(body.get("error_code"))
        message = str(body.get("error") or "")
        return Answer(classify_code(code), endpoint, body, code, message, http_status)
    if http_status is not None and http_status >= 500:
        return Answer(Kind.UNCERTAIN, endpoint, message=f"HTTP {http_status} without a Weibo answer",
                      http_status=http_status)
    if http_status == 200 and body is not None and _looks_right(endpoint, body):
        return Answer(Kind.SUCCESS, endpoint, body, http_status=http_status)
    if http_status is not None and 400 <= http_status < 500 and body is None:
        return Answer(Kind.UNCERTAIN, endpoint, message=f"HTTP {http_status} without a Weibo answer",
                      http_status=http_status)
    return Answer(Kind.UNCERTAIN, endpoint, message=f"HTTP {http_status}: an answer that is not Weibo's",
                  http_status=http_status)


def _looks_right(endpoint: str, body: Any) -> bool:
    """The success body has the expected shape (garbage in valid JSON is still garbage)."""
    if endpoint in ("statuses/share", "statuses/update", "statuses/upload", "statuses/show"):
        return isinstance(body, dict) and bool(body.get("idstr") or body.get("id"))
    if endpoint == "statuses/user_timeline":
        return isinstance(body, dict) and isinstance(body.get("statuses"), list)
    if endpoint == "statuses/count":
        return isinstance(body, list)
    return isinstance(body, dict)
