"""Weibo's error answers: ``{"request", "error_code", "error"}`` with an HTTP status."""
from __future__ import annotations

# Messages as the Open API spells them (docs/platform.md §4.6).
MESSAGES: dict[int, str] = {
    10001: "system error!",
    10008: "param error, see doc for more info.",
    10014: "Insufficient app permissions!",
    10016: "miss required parameter, see doc for more info.",
    10017: "parameter's value invalid, see doc for more info.",
    10018: "Request body length over limit!",
    10020: "Request api not found!",
    10021: "HTTP method is not suported for this request!",
    10023: "User requests out of rate limit!",
    20005: "unsupported image type, only suport JPG, GIF, PNG!",
    20006: "image size too large.",
    20007: "does multipart has image?",
    20008: "content is null!",
    20012: "Text too long, please input text less than 140 characters!",
    20019: "repeat content!",
    20032: "Success! The weibo will be shown after review.",
    20101: "target weibo does not exist!",
    21301: "auth faild!",
    21327: "expired_token",
    21332: "invalid_access_token",
}

# Token and right failures answer 403; every other refusal answers 400.
FORBIDDEN = frozenset({10014, 21301, 21327, 21332})


class WeiboError(Exception):
    """A refusal the sandbox answers the way Weibo does."""

    def __init__(self, code: int | str, message: str | None = None, http_status: int | None = None):
        if message is None:
            message = MESSAGES.get(code, "sandbox error") if isinstance(code, int) else str(code)
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.http_status = http_status or (403 if code in FORBIDDEN else 400)

    def body(self, request_path: str) -> dict:
        return {"request": request_path, "error_code": self.code, "error": self.message}
