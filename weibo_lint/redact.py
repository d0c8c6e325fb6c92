"""Access tokens never leave the process: every token's value is masked out of what the tool
prints, writes or commits, whatever brought it there (an API answer echoing the request, an
error message, a value in a success answer). Pure.

Tokens live only in environment variables named ``WEIBO_TOKEN_…`` (configuration refuses
any other ``token_env``, so a changed ``weibo.yaml`` cannot send another secret of the
workflow to ``api_base``); the redactor masks the value of every such variable.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote, quote_plus

TOKEN_PREFIX = "WEIBO_TOKEN_"
TOKEN_ENV = re.compile(r"^WEIBO_TOKEN_[A-Z0-9_]+$")
MASK = "***"
MIN_SECRET = 4  # shorter values would mask ordinary text (and are no real token)


class Redactor:
    """Masks a set of secret values, in the forms they travel in (as is, URL-encoded)."""

    def __init__(self, secrets: Iterable[str]) -> None:
        forms: set[str] = set()
        for secret in secrets:
            secret = secret.strip()
            if len(secret) >= MIN_SECRET:
                forms.update((secret, quote(secret, safe=""), quote_plus(secret)))
        # Longest first, so a value that contains another is masked whole.
        self._forms = sorted(forms, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, self._forms))) if self._forms else None

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] = os.environ) -> Redactor:
        return cls(value for name, value in environ.items() if name.startswith(TOKEN_PREFIX))

    def __bool__(self) -> bool:
        return self._pattern is not None

    def text(self, value: str) -> str:
        if self._pattern is None or not value:
            return value
        return self._pattern.sub(MASK, value)

    def bytes(self, value: bytes) -> bytes:
        if self._pattern is None:
            return value
        try:
            text = value.decode("utf-8")
        except UnicodeDecodeError:
            return value  # not text: no API answer is written as such
        cleaned = self.text(text)
        return value if cleaned == text else cleaned.encode("utf-8")

    def data(self, value: Any) -> Any:
        """``value`` (parsed JSON) with every string masked, keys included."""
        if self._pattern is None:
            return value
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.data(item) for item in value]
        if isinstance(value, dict):
            return {self.text(str(key)) if isinstance(key, str) else key: self.data(item)
                    for key, item in value.items()}
        return value


NOBODY = Redactor(())


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit} more characters)"
