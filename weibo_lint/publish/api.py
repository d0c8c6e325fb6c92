"""The Weibo Open API edge: HTTP with ``requests``, every outcome turned into an :class:`Answer`.

The token travels only in the ``Authorization: OAuth2 <token>`` header (docs/platform.md §4.1),
never in a URL, so it cannot leak through an error message, a log line or a traceback
that names the URL. It is held in a :class:`Secret` whose ``repr`` hides it. What comes
back is bounded (:data:`MAX_ANSWER` bytes, :data:`MAX_MESSAGE` characters of an error) and
masked of every token (:mod:`weibo_lint.redact`) before anything else sees it: an API that
echoes the request would otherwise carry the token into output, records and commits.
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import requests
import requests.auth

from weibo_lint.publish.outcomes import Answer, Kind, classify
from weibo_lint.redact import NOBODY, Redactor, shorten

DEFAULT_API_BASE = "https://api.weibo.com/2/"
DEFAULT_UPLOAD_BASE = "https://upload.api.weibo.com/2/"  # multipart uploads go to their own host
USER_AGENT = "weibo-lint"
MAX_ANSWER = 1 << 20  # bytes: 5 long posts or 100 counts are a few dozen KB
MAX_MESSAGE = 300  # characters of an error message kept (records, commits, output)


class Secret:
    """An access token that does not print itself."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__

    def __reduce__(self):  # never pickled into a worker or a cache
        raise TypeError("a Secret cannot be pickled")


class _OAuth2(requests.auth.AuthBase):
    """``Authorization: OAuth2 <token>`` (docs/platform.md §4.1), added to each prepared request."""

    def __init__(self, token: Secret) -> None:
        self.token = token

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"OAuth2 {self.token.reveal()}"
        return request


@dataclass(frozen=True)
class Picture:
    name: str
    data: bytes
    mime: str


class WeiboClient:
    """One account's view of the API."""

    def __init__(self, token: Secret, *, base: str = DEFAULT_API_BASE, upload_base: str = DEFAULT_UPLOAD_BASE,
                 timeout: float = 20.0, session: requests.Session | None = None,
                 redactor: Redactor | None = None, meter: Callable[[str], None] | None = None) -> None:
        self.token = token
        self.redactor = redactor if redactor is not None else Redactor([token.reveal()])
        self.base = base if base.endswith("/") else base + "/"
        self.upload_base = upload_base if upload_base.endswith("/") else upload_base + "/"
        self.timeout = timeout
        self.session = session or requests.Session()
        self.auth = _OAuth2(token)  # explicit, so requests never adds .netrc credentials instead
        self.calls = 0  # requests made, for the run summary and benchmarks
        # told of each request before it is sent: the account's daily budget (weibo_lint/usage.py)
        self.meter = meter
        self.seconds = 0.0  # time spent waiting on them

    # -- writes ----------------------------------------------------------------------

    def share(self, text: str, picture: Picture | None = None, rip: str | None = None) -> Answer:
        """``statuses/share.json``: the one write ordinary apps may use (docs/platform.md §4.2)."""
        data = {"status": text}
        if rip:
            data["rip"] = rip
        return self._post(self.base, "statuses/share", data, picture)

    def update(self, text: str, *, long_text: bool) -> Answer:
        """``statuses/update.json`` (advanced write right); ``is_longtext=1`` past 140."""
        data = {"status": text}
        if long_text:
            data["is_longtext"] = "1"
        return self._post(self.base, "statuses/update", data, None)

    def upload(self, text: str, picture: Picture) -> Answer:
        """``statuses/upload.json`` on the upload host: a text with one picture."""
        return self._post(self.upload_base, "statuses/upload", {"status": text}, picture)

    # -- reads -----------------------------------------------------------------------

    def user_timeline(self) -> Answer:
        """The authorised user's newest posts (5 since the API upgrade, docs/platform.md §4.3)."""
        return self._get("statuses/user_timeline", {"count": "5"})

    def counts(self, ids: list[str]) -> Answer:
        """``statuses/count.json`` for at most 100 ids."""
        if len(ids) > 100:
            raise ValueError("statuses/count takes at most 100 ids")
        return self._get("statuses/count", {"ids": ",".join(ids)})

    # -- plumbing ----------------------------------------------------------------------


    def _post(self, base: str, endpoint: str, data: dict[str, str], picture: Picture | None) -> Answer:
        files = {"pic": (picture.name, picture.data, picture.mime)} if picture else None
        return self._request("POST", base + endpoint + ".json", endpoint, data=data, files=files)

    def _get(self, endpoint: str, params: dict[str, str]) -> Answer:
        return self._request("GET", self.base + endpoint + ".json", endpoint, params=params)

    def _request(self, method: str, url: str, endpoint: str, **kwargs: Any) -> Answer:
        self.calls += 1
        if self.meter is not None:  # before the call: one that gets no answer may still count on Weibo
            self.meter(endpoint)
        started = time.perf_counter()
        try:
            response = self.session.request(method, url, auth=self.auth, headers={"User-Agent": USER_AGENT},
                                            timeout=self.timeout, allow_redirects=False, stream=True, **kwargs)
            with response:
                raw = _bounded(response)
            if raw is None:
                return self._clean(classify(endpoint, None, None,
                                            failure=f"an answer larger than {MAX_ANSWER} bytes (HTTP "
                                                    f"{response.status_code})"))
            body = _json_or_none(raw)
        except requests.Timeout:
            return classify(endpoint, None, None, failure=f"no answer within {self.timeout:g} s")
        except requests.ConnectionError as exc:
            return self._clean(classify(endpoint, None, None, failure=f"connection failed: {_reason(exc)}"))
        except requests.RequestException as exc:
            return classify(endpoint, None, None, failure=f"request failed: {type(exc).__name__}")
        finally:
            self.seconds += time.perf_counter() - started
        return self._clean(classify(endpoint, response.status_code, body))

    def _clean(self, answer: Answer) -> Answer:
        """The answer masked of every token, its message bounded."""
        redact = self.redactor if self.redactor else NOBODY
        code = answer.code
        if isinstance(code, str):
            code = shorten(redact.text(code), 40)
        return replace(answer, data=redact.data(answer.data), code=code,
                       message=shorten(redact.text(answer.message), MAX_MESSAGE))


def _bounded(response: requests.Response) -> bytes | None:
    """The body, or None when it is larger than :data:`MAX_ANSWER` (not read further)."""
    chunks, size = [], 0
    for chunk in response.iter_content(chunk_size=65536):
        size += len(chunk)
        if size > MAX_ANSWER:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _json_or_none(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def _reason(exc: Exception) -> str:
    """A short cause without the request (which holds the headers) or a traceback."""
    text = str(exc.args[0]) if exc.args else type(exc).__name__
    for marker in ("Connection aborted.", "RemoteDisconnected", "Connection refused", "Connection reset"):
        if marker in text:
            return marker.rstrip(".")
    return text[:160]


__all__ = ["DEFAULT_API_BASE", "DEFAULT_UPLOAD_BASE", "Answer", "Kind", "Picture", "Secret", "WeiboClient"]
