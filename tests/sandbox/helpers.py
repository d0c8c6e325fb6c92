"""A thin HTTP client for the sandbox, and starting one on a free port."""
from __future__ import annotations

from datetime import datetime, timezone

import requests

from weibo_lint.sandbox import Sandbox, SandboxConfig

T0 = datetime(2024, 5, 31, 9, 46, 55, tzinfo=timezone.utc)  # 17:46:55 in China
ALICE = "tok-alice"
_OWN = object()  # "use the client's own token"


class Client:
    """Talks to a sandbox over HTTP, the way the publisher will."""

    def __init__(self, sandbox: Sandbox, token: str = ALICE) -> None:
        self.sandbox = sandbox
        self.token = token

    def post(self, resource: str, *, token=_OWN, files=None, timeout: float = 5, **data):
        """POST ``data`` with ``access_token`` as a form field (``token=None``: without one)."""
        token = self.token if token is _OWN else token
        if token is not None:
            data["access_token"] = token
        return requests.post(self.sandbox.base_url + resource, data=data, files=files, timeout=timeout)

    def get(self, resource: str, *, token=_OWN, **params):
        """GET with the token in an ``Authorization: OAuth2`` header."""
        token = self.token if token is _OWN else token
        headers = {"Authorization": f"OAuth2 {token}"} if token else {}
        return requests.get(self.sandbox.base_url + resource, params=params, headers=headers, timeout=5)

    def admin(self, method: str, name: str, payload=None):
        answer = requests.request(method, self.sandbox.admin_url + name, json=payload, timeout=5)
        assert answer.status_code == 200, answer.text
        return answer.json()


def start(config: SandboxConfig | None = None) -> Sandbox:
    """A started sandbox, its clock frozen at T0; ``tok-alice`` is screen name Alice."""
    sandbox = Sandbox(config or SandboxConfig(screen_names={ALICE: "Alice"}))
    sandbox.start()
    sandbox.set_now(T0)
    return sandbox


def weibo_error(answer, status: int = 400) -> tuple[object, str]:
    """``(error_code, error)`` of a refusal, checking its HTTP status and shape."""
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["request"] == answer.request.path_url.split("?")[0]
    return body["error_code"], body["error"]
