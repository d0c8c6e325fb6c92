"""Access tokens to users: any token is a user, except the expired and invalid ones."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from weibo_lint.sandbox.errors import WeiboError


@dataclass(frozen=True)
class User:
    id: int
    screen_name: str

    def as_json(self) -> dict:
        return {"id": self.id, "idstr": str(self.id), "screen_name": self.screen_name}


def uid_for_token(token: str) -> int:
    """A stable ten-digit uid (Weibo uids are ten digits) derived from the token."""
    digest = int(hashlib.sha256(token.encode("utf-8")).hexdigest()[:15], 16)
    return 1_000_000_000 + digest % 9_000_000_000


def user_for_token(token: str | None, screen_names: dict[str, str]) -> User:
    """The token's user, or the Weibo error its request gets (docs/platform.md §4.6)."""
    if not token:
        raise WeiboError(21301)
    if token.startswith("expired"):
        raise WeiboError(21327)
    if token.startswith("invalid"):
        raise WeiboError(21332)
    uid = uid_for_token(token)
    return User(uid, screen_names.get(token, f"user{uid}"))
