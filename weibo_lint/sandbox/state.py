"""The sandbox's posts: publishing under Weibo's rules, look-ups, and the state file."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from weibo_lint.sandbox import rules
from weibo_lint.sandbox.clock import Clock, weibo_time
from weibo_lint.sandbox.config import SandboxConfig
from weibo_lint.sandbox.engagement import engagement
from weibo_lint.sandbox.errors import WeiboError
from weibo_lint.sandbox.forms import Form
from weibo_lint.sandbox.users import User, user_for_token

STATE_VERSION = 1
# Weibo ids are 16 digits, still below 2**53 so JavaScript clients keep them exact.
FIRST_ID = 5_000_000_000_000_000
TIMELINE_SIZE = 5  # user_timeline.json shows the authorised user's 5 newest posts


@dataclass(frozen=True)
class Picture:
    id: str
    type: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Post:
    id: int
    uid: int
    screen_name: str
    text: str
    created_at: datetime  # aware, UTC
    endpoint: str  # "statuses/share", "statuses/update" or "statuses/upload"
    picture: Picture | None = None
    rip: str | None = None
    is_longtext: bool = False
    shown_at: datetime | None = None  # under review until then (20032); None: shown at once

    def shown(self, now: datetime) -> bool:
        return self.shown_at is None or self.shown_at <= now

    def as_json(self) -> dict:
        """The stored form, as ``GET /_sandbox/state`` and the state file hold it."""
        data = asdict(self)
        data["idstr"] = str(self.id)
        data["created_at"] = self.created_at.isoformat()
        data["shown_at"] = self.shown_at.isoformat() if self.shown_at else None
        return data

    @classmethod
    def from_json(cls, data: dict) -> Post:
        picture = Picture(**data["picture"]) if data.get("picture") else None
        return cls(
            id=int(data["id"]), uid=int(data["uid"]), screen_name=data["screen_name"],
            text=data["text"], created_at=datetime.fromisoformat(data["created_at"]),
            endpoint=data["endpoint"], picture=picture, rip=data.get("rip"),
            is_longtext=bool(data.get("is_longtext")),
            shown_at=datetime.fromisoformat(data["shown_at"]) if data.get("shown_at") else None,
        )


class Store:
    """All posts, guarded by one lock so the repeat and rate checks see every earlier post."""

    def __init__(self, config: SandboxConfig, clock: Clock) -> None:
        self.config = config
        self.clock = clock
        self._lock = threading.RLock()
        self._posts: list[Post] = []
        self._next_id = FIRST_ID
        if config.state_path is not None and config.state_path.exists():
            self._load(config.state_path)

    # -- users -----------------------------------------------------------------------

    def user(self, token: str | None) -> User:
        return user_for_token(token, self.config.screen_names)

    # -- publishing ----------------------------------------------------------------

    def publish(self, endpoint: str, user: User, form: Form, review_seconds: float | None = None) -> Post:
        """Check a share/update/upload request against Weibo's rules and store the post
        (hidden from reads for ``review_seconds`` when given)."""
        if endpoint in ("statuses/update", "statuses/upload") and not self.config.advanced_write:
            raise WeiboError(10014)  # update and upload need the app's advanced write right
        text = form.get("status")
        if text is None:
            raise WeiboError(10016, "miss required parameter (status), see doc for more info.")
        picture = self._picture(endpoint, form)
        is_longtext = endpoint == "statuses/update" and form.get("is_longtext") == "1"
        rules.check_length(text, rules.LONG_LIMIT if is_longtext else rules.SHORT_LIMIT)
        if endpoint == "statuses/share":
            rules.check_share_text(text, self.config.safe_domains)
        with self._lock:
            now = self.clock.now()
            self._check_rate(user, now)
            if any(p.uid == user.id and p.text.strip() == text.strip() for p in self._posts):
                raise WeiboError(20019)
            shown_at = now + timedelta(seconds=review_seconds) if review_seconds is not None else None
            post = Post(self._next_id, user.id, user.screen_name, text, now, endpoint,
                        picture, form.get("rip"), is_longtext, shown_at)
            self._next_id += 1
            self._posts.append(post)
            self._save()
        return post

    def _picture(self, endpoint: str, form: Form) -> Picture | None:
        uploads = form.files.get("pic", [])
        if len(uploads) > 1:
            raise WeiboError(10008, "param error: at most one pic, see doc for more info.")
        if not uploads:
            if endpoint == "statuses/upload":
                raise WeiboError(20007)
            return None
        if endpoint == "statuses/update":
            return None  # update.json takes no picture; like Weibo, ignore one sent anyway
        data = uploads[0].data
        kind = rules.picture_type(data)
        digest = hashlib.sha256(data).hexdigest()
        return Picture(id="0" + digest[:31], type=kind, size=len(data), sha256=digest)

    def _check_rate(self, user: User, now: datetime) -> None:
        # 30 posts per user per hour, a sliding window on the sandbox clock (docs/platform.md §2.3).
        since = now - timedelta(hours=1)
        recent = sum(1 for p in self._posts if p.uid == user.id and p.created_at > since)
        if recent >= self.config.rate_limit_per_hour:
            raise WeiboError(10023)

    # -- reading -------------------------------------------------------------------

    def posts(self) -> list[Post]:
        with self._lock:
            return list(self._posts)

    def get(self, post_id: int) -> Post | None:
        now = self.clock.now()
        with self._lock:
            return next((p for p in self._posts if p.id == post_id and p.shown(now)), None)

    def timeline(self, user: User) -> list[Post]:
        now = self.clock.now()
        with self._lock:
            own = [p for p in self._posts if p.uid == user.id and p.shown(now)]
        own.sort(key=lambda p: (p.created_at, p.id), reverse=True)
        return own[:TIMELINE_SIZE]

    def status_json(self, post: Post) -> dict:
        """The status object Weibo answers with, engagement as of the sandbox clock."""
        counts = engagement(post.id, (self.clock.now() - post.created_at).total_seconds())
        user = User(post.uid, post.screen_name)
        return {
            "id": post.id,
            "idstr": str(post.id),
            "mid": str(post.id),
            "text": post.text,
            "created_at": weibo_time(post.created_at),
            "reposts_count": counts.reposts,
            "comments_count": counts.comments,
            "attitudes_count": counts.attitudes,
            "pic_ids": [post.picture.id] if post.picture else [],
            "isLongText": post.is_longtext,
            "user": user.as_json(),
        }

    # -- lifecycle and persistence -------------------------------------------------

    def reset(self) -> None:
        with self._lock:
            self._posts.clear()
            self._save()

    def _load(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            posts = [Post.from_json(item) for item in data["posts"]]
            next_id = int(data.get("next_id", FIRST_ID))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}: not a sandbox state file ({exc})") from exc
        self._posts = posts
        self._next_id = max([next_id, FIRST_ID] + [p.id + 1 for p in posts])

    def _save(self) -> None:
        path = self.config.state_path
        if path is None:
            return
        data = {"version": STATE_VERSION, "next_id": self._next_id,
                "posts": [p.as_json() for p in self._posts]}
        # Write a sibling file and rename it over the old one, so a crash mid-write
        # leaves the previous state rather than half a JSON document.
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, indent=1)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
