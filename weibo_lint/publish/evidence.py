"""Did our post go out? Reading the account's newest posts as evidence. Pure.

``statuses/user_timeline`` shows only the account's 5 newest posts (docs/platform.md §4.3). A
post of ours is there when a status carries our text and was created after our intent
(less a margin for clock skew). Its absence proves something only when the page *covers*
the time since the intent: fewer than 5 posts; or one of them is a post known to exist
before the API call (the intent ``follows`` it: anything created after the call is newer,
so it would be on the page too); or the oldest one is older than the intent, clock skew
allowed. The second test is what lets a catch-up run, which sends several posts a second,
settle an unclear answer to its sixth post.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from weibo_lint.counting import URL_RE
from weibo_lint.i18n import _

if TYPE_CHECKING:
    from weibo_lint.publish.outcomes import Answer

TIMELINE_SIZE = 5
CLOCK_SKEW = timedelta(minutes=5)  # our clock against Weibo's
_MONTHS = {m: i + 1 for i, m in enumerate(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])}
_CREATED = re.compile(r"^\w{3} (\w{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$")
_BASE62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_FOLD_MARKERS = ("...全文", "…全文", "全文", "...", "…")


@dataclass(frozen=True)
class Seen:
    """A status of the account, as far as evidence goes."""

    idstr: str
    mid: str
    text: str
    created_at: datetime | None
    uid: str | None
    long_text: bool = False


def parse_created_at(value: Any) -> datetime | None:
    """``Wed Oct 24 23:49:17 +0800 2012`` (docs/platform.md §4.4), read without the process locale."""
    match = _CREATED.match(str(value or "").strip())
    if not match or match.group(1) not in _MONTHS:
        return None
    month, day, hh, mm, ss, sign, oh, om, year = match.groups()
    offset = timedelta(hours=int(oh), minutes=int(om)) * (1 if sign == "+" else -1)
    try:
        return datetime(int(year), _MONTHS[month], int(day), int(hh), int(mm), int(ss), tzinfo=timezone(offset))
    except ValueError:
        return None


def seen(status: Any) -> Seen | None:
    """A status object to :class:`Seen`; None when it lacks an id."""
    if not isinstance(status, dict):
        return None
    idstr = str(status.get("idstr") or status.get("id") or "")
    if not idstr:
        return None
    user = status.get("user")
    uid = (user.get("idstr") or user.get("id")) if isinstance(user, dict) else None
    return Seen(idstr=idstr, mid=str(status.get("mid") or idstr), text=str(status.get("text") or ""),
                created_at=parse_created_at(status.get("created_at")), uid=str(uid) if uid else None,
                long_text=bool(status.get("isLongText")))


def timeline(body: Any) -> list[Seen]:
    statuses = body.get("statuses") if isinstance(body, dict) else None
    return [s for s in (seen(item) for item in statuses or ()) if s is not None]


def comparable(text: str) -> str:
    """Text as compared: links stand for themselves (Weibo rewrites them to t.cn), and
    runs of white space are one space."""
    return " ".join(URL_RE.sub("\x00", text).split())


def same_text(ours: str, theirs: Seen) -> bool:
    """Whether ``theirs`` carries ``ours``. A long post shows folded in the timeline: its
    shown part (less the fold marker) must then begin ours."""
    mine, shown = comparable(ours), comparable(theirs.text)
    if mine == shown:
        return True
    if theirs.long_text:
        for marker in _FOLD_MARKERS:
            if shown.endswith(marker):
                shown = shown[: -len(marker)].rstrip()
                break
        return len(shown) >= 20 and mine.startswith(shown)
    return False


def find_ours(statuses: Iterable[Seen], text: str, since: datetime) -> Seen | None:
    """The newest status with our text created at or after ``since`` (skew already allowed)."""
    for status in statuses:
        if status.created_at is not None and status.created_at >= since and same_text(text, status):
            return status
    return None


def covers(statuses: list[Seen], since: datetime, follows: Iterable[str] = ()) -> bool:
    """Whether the page shows every post created since ``since`` (the attempt, less the
    skew), given posts known to have existed before the attempt (``follows``)."""
    if len(statuses) < TIMELINE_SIZE:
        return True
    before = set(follows)
    if any(s.idstr in before or s.mid in before for s in statuses):
        return True
    times = [s.created_at for s in statuses if s.created_at is not None]
    return len(times) == len(statuses) and min(times) < since


@dataclass(frozen=True)
class Look:
    """One reading of the timeline for one attempt."""

    found: Seen | None = None  # our status
    covered: bool = False  # the page reaches back past the attempt
    statuses: tuple[Seen, ...] = ()
    failure: Answer | None = None  # the timeline could not be read
    since: datetime | None = None  # the attempt, less the skew: what the page had to reach back to
    follows: tuple[str, ...] = ()  # posts known before the attempt

    def describe(self) -> str:
        """What was and was not seen, in one sentence."""
        if self.failure is not None:
            return _("the timeline could not be read ({answer})").format(answer=self.failure.describe())
        if not self.statuses:
            return _("the account's timeline is empty")
        times = sorted(s.created_at for s in self.statuses if s.created_at is not None)
        span = _(" from {first} to {last}").format(first=times[0].isoformat(), last=times[-1].isoformat()) \
            if times else ""
        seen = _("the timeline shows the account's {count} newest post(s){span}").format(count=len(self.statuses),
                                                                                          span=span)
        if self.found is not None:
            return _("{seen}, ours among them ({id})").format(seen=seen, id=self.found.idstr)
        if self.covered:
            return _("{seen}, which reach back past the attempt; ours is not among them").format(seen=seen)
        known = list(self.follows)
        reach = _(" nor to a post known before it ({ids})").format(ids=", ".join(known[:3])) if known else ""
        return _("{seen}, none of them ours; they do not reach back to the attempt (since {since}){reach}, so an "
                 "earlier post of ours could be hidden").format(seen=seen, since=self.since.isoformat() if self.since else "?",
                                                               reach=reach)


def look(statuses: list[Seen], text: str, since: datetime, follows: Iterable[str] = ()) -> Look:
    follows = tuple(follows)
    return Look(find_ours(statuses, text, since), covers(statuses, since, follows), tuple(statuses),
                since=since, follows=follows)


def since_intent(intent_at: datetime) -> datetime:
    return intent_at - CLOCK_SKEW


def mid_to_base62(mid: str) -> str:
    """Weibo's short code of a mid: 7-digit groups from the right, each in base 62, the
    inner ones padded to 4 characters."""
    digits = str(mid)
    if not digits.isdigit():
        raise ValueError(f"a mid is a number, got {mid!r}")
    groups = []
    while digits:
        digits, group = digits[:-7], digits[-7:]
        code = _encode62(int(group))
        groups.append(code.rjust(4, "0") if digits else code)
    return "".join(reversed(groups))


def base62_to_mid(code: str) -> str:
    """The inverse of :func:`mid_to_base62`."""
    if not code or any(c not in _BASE62 for c in code):
        raise ValueError(f"not a Weibo short code: {code!r}")
    groups = []
    while code:
        code, group = code[:-4], code[-4:]
        number = str(_decode62(group))
        groups.append(number.rjust(7, "0") if code else number)
    return "".join(reversed(groups)).lstrip("0") or "0"


def _encode62(number: int) -> str:
    out = ""
    while True:
        number, rest = divmod(number, 62)
        out = _BASE62[rest] + out
        if number == 0:
            return out


def _decode62(code: str) -> int:
    number = 0
    for char in code:
        number = number * 62 + _BASE62.index(char)
    return number


def post_url(uid: str | None, mid: str) -> str | None:
    """``https://weibo.com/<uid>/<mid in base62>`` (docs/platform.md §4.4)."""
    if not uid or not str(mid).isdigit():
        return None
    return f"https://weibo.com/{uid}/{mid_to_base62(mid)}"


_HOST = r"^(?:https?://)?(?:www\.|m\.)?weibo\.(?:com|cn)/"
_TAIL = r"/?(?:[?#].*)?$"
_URL_FORMS = (  # (pattern, whether it names the author)
    (re.compile(_HOST + r"(?:detail|status)/([0-9A-Za-z]+)" + _TAIL), False),
    (re.compile(_HOST + r"(?:u/)?(\d+)/([0-9A-Za-z]+)" + _TAIL), True),
)
MID_DIGITS = 12  # a mid is 16 digits; a short code (bid) is 8-9 base-62 characters


def to_mid(code: str) -> str:
    """A post's mid from its mid or its short code."""
    return code if code.isdigit() and len(code) >= MID_DIGITS else base62_to_mid(code)


def parse_post_url(url: str) -> tuple[str | None, str]:
    """(author uid or None, mid) from a post's address, in any form a writer has in hand:
    ``weibo.com/<uid>/<code or mid>``, ``weibo.com/detail/<mid>``,
    ``m.weibo.cn/status/<mid or code>``, ``m.weibo.cn/detail/<mid>``, with or without a
    query string; ValueError when it is none of them."""
    text = url.strip()
    for pattern, names_author in _URL_FORMS:
        match = pattern.match(text)
        if match:
            if names_author:
                uid, code = match.groups()
                return uid, to_mid(code)
            return None, to_mid(match.group(1))
    raise ValueError(f"not a Weibo post address (https://weibo.com/<uid>/<code>, https://weibo.com/detail/<mid>, "
                     f"https://m.weibo.cn/status/<id>): {url!r}")
