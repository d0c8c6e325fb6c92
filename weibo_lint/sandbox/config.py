"""What a sandbox emulates: the app's safe domains, rights, users and limits."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SandboxConfig:
    """Settings of one emulated Weibo app.

    ``safe_domains`` are the app's 安全域名: share.json wants a link on one of them; with
    none configured any link will do (a link is still required). ``screen_names`` maps an
    access token to the screen name its user gets (default ``user<uid>``).
    """

    safe_domains: tuple[str, ...] = ()
    advanced_write: bool = True
    screen_names: dict[str, str] = field(default_factory=dict)
    rate_limit_per_hour: int = 30
    state_path: Path | None = None
