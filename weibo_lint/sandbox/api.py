"""The emulated Open API resources under ``/2/``: what each answers, without the HTTP."""
from __future__ import annotations

from weibo_lint.sandbox.errors import WeiboError
from weibo_lint.sandbox.forms import Form
from weibo_lint.sandbox.state import Store
from weibo_lint.sandbox.users import User

COUNT_MAX_IDS = 100  # statuses/count.json takes at most 100 ids

POST_ENDPOINTS = ("statuses/share", "statuses/update", "statuses/upload")
GET_ENDPOINTS = ("statuses/count", "statuses/show", "statuses/user_timeline", "account/get_uid")


def token_of(form: Form, authorization: str | None) -> str | None:
    """``access_token`` from the parameters, else an ``Authorization: OAuth2 <token>`` header."""
    token = form.get("access_token")
    if token:
        return token
    scheme, _, value = (authorization or "").strip().partition(" ")
    if scheme.lower() == "oauth2" and value.strip():
        return value.strip()
    return None


def handle(store: Store, method: str, endpoint: str, form: Form, authorization: str | None,
           review_seconds: float | None = None):
    """The JSON answer to one API request; refusals raise WeiboError. ``review_seconds``:
    a post is accepted for review (hidden that long) and answered with 20032."""
    if endpoint not in POST_ENDPOINTS + GET_ENDPOINTS:
        raise WeiboError(10020, http_status=404)
    if method != ("POST" if endpoint in POST_ENDPOINTS else "GET"):
        raise WeiboError(10021, http_status=405)
    user = store.user(token_of(form, authorization))
    if endpoint in POST_ENDPOINTS:
        post = store.publish(endpoint, user, form, review_seconds)
        if review_seconds is not None:
            raise WeiboError(20032)
        return store.status_json(post)
    if endpoint == "statuses/count":
        return _count(store, form)
    if endpoint == "statuses/show":
        return _show(store, form)
    if endpoint == "statuses/user_timeline":
        return _timeline(store, user)
    return {"uid": user.id}


def _count(store: Store, form: Form) -> list[dict]:
    raw = form.get("ids")
    if not raw or not raw.strip():
        raise WeiboError(10016, "miss required parameter (ids), see doc for more info.")
    ids = list(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))
    if len(ids) > COUNT_MAX_IDS:
        raise WeiboError(10008, f"param error: ids has {len(ids)} ids, at most {COUNT_MAX_IDS}.")
    answer: list[dict] = []
    for wanted in ids:
        post = store.get(int(wanted)) if wanted.isdigit() else None
        if post is None:
            continue  # Weibo leaves unknown ids out of the list
        status = store.status_json(post)
        values = [("id", post.id), ("comments", status["comments_count"]),
                  ("reposts", status["reposts_count"]), ("attitudes", status["attitudes_count"])]
        # Weibo is loose about numbers here; every other field is a string (alternating
        # from one item to the next) so clients must accept both.
        flip = len(answer) % 2
        answer.append({key: str(val) if (i + flip) % 2 else val for i, (key, val) in enumerate(values)})
    return answer


def _show(store: Store, form: Form) -> dict:
    raw = (form.get("id") or "").strip()
    if not raw:
        raise WeiboError(10016, "miss required parameter (id), see doc for more info.")
    post = store.get(int(raw)) if raw.isdigit() else None
    if post is None:
        raise WeiboError(20101)
    return store.status_json(post)


def _timeline(store: Store, user: User) -> dict:
    statuses = [store.status_json(p) for p in store.timeline(user)]
    return {"statuses": statuses, "total_number": len(statuses)}
