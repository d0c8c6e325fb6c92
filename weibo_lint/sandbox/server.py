"""The HTTP side: a threaded server on 127.0.0.1, the ``Sandbox`` handle, and ``run``."""
from __future__ import annotations

import json
import socket
import sys
import threading
from collections import Counter
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from weibo_lint.sandbox import admin, api
from weibo_lint.sandbox.clock import Clock
from weibo_lint.sandbox.config import SandboxConfig
from weibo_lint.sandbox.errors import WeiboError
from weibo_lint.sandbox.faults import Fault, FaultQueue, endpoint_name
from weibo_lint.sandbox.forms import parse_body, parse_query
from weibo_lint.sandbox.state import Store

HOST = "127.0.0.1"  # never reachable from other machines
BODY_LIMIT = 20 * 1024 * 1024  # room for a picture just over Weibo's 5 MB limit
GARBAGE = b"<html><body><h1>502 Bad Gateway</h1>sandbox garbage fault</body></html>"


class Sandbox:
    """A running emulator of the Weibo Open API.

    ``with Sandbox(config, port=0) as sb:`` serves on a free port in a background thread;
    point the client at ``sb.base_url`` (``http://127.0.0.1:PORT/2/``).
    """

    def __init__(self, config: SandboxConfig | None = None, port: int = 0, *,
                 clock: Clock | None = None, log: bool = False) -> None:
        self.config = config or SandboxConfig()
        self.clock = clock or Clock()
        self.store = Store(self.config, self.clock)
        self.faults = FaultQueue()
        self._calls: Counter[str] = Counter()  # API requests received, by endpoint
        self._calls_lock = threading.Lock()
        self.log = log
        self.stopping = threading.Event()  # wakes handlers sleeping in a timeout fault
        self._port = port
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- addresses -----------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the sandbox is not bound yet; call start() or use `with`")
        return self._httpd.server_address[1]

    @property
    def root_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.root_url}/2/"

    @property
    def upload_url(self) -> str:
        """Weibo takes upload.json on a separate upload host; the sandbox serves both here."""
        return self.base_url

    @property
    def admin_url(self) -> str:
        return f"{self.root_url}/_sandbox/"

    # -- steering (the same as the admin endpoints) ------------------------------------

    def posts(self) -> list[dict]:
        """Every stored post, oldest first, in the form ``GET /_sandbox/state`` gives."""
        return [post.as_json() for post in self.store.posts()]

    def add_fault(self, fault: Fault | str, endpoint: str | None = None, **fields) -> Fault:
        """Queue a fault: ``add_fault("accept-then-drop", "statuses/share", count=2)``."""
        if not isinstance(fault, Fault):
            fault = Fault(kind=fault, endpoint=endpoint, **fields)
        self.faults.add(fault)
        return fault

    def calls(self) -> dict[str, int]:
        """API requests received so far, by endpoint (``statuses/share``: 3), faults included."""
        with self._calls_lock:
            return dict(self._calls)

    def count_call(self, endpoint: str) -> None:
        with self._calls_lock:
            self._calls[endpoint] += 1

    def now(self) -> datetime:
        return self.clock.now()

    def set_now(self, when: datetime) -> None:
        self.clock.set(when)

    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)

    def reset(self) -> None:
        """Forget all posts and faults and go back to real time."""
        self.store.reset()
        self.faults.clear()
        with self._calls_lock:
            self._calls.clear()
        self.clock.reset()

    # -- lifecycle -------------------------------------------------------------------

    def bind(self) -> Sandbox:
        self._bound()
        return self

    def _bound(self) -> _Server:
        """The listening server, made on first use."""
        if self._httpd is None:
            self._httpd = _Server((HOST, self._port), _Handler)
            self._httpd.sandbox = self
        return self._httpd

    def start(self) -> Sandbox:
        """Serve in a background thread."""
        httpd = self._bound()
        if self._thread is None:
            self._thread = threading.Thread(
                target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                name="weibo-sandbox", daemon=True)
            self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until interrupted."""
        self._bound().serve_forever(poll_interval=0.2)

    def close(self) -> None:
        self.stopping.set()
        if self._httpd is not None:
            if self._thread is not None:
                self._httpd.shutdown()
                self._thread.join()
            self._httpd.server_close()
        self._httpd = None
        self._thread = None

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a handler asleep in a timeout fault must not hold up close()
    sandbox: Sandbox


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "WeiboSandbox/1.0"
    server: _Server

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def log_message(self, format: str, *args) -> None:
        if self.server.sandbox.log:
            super().log_message(format, *args)

    # -- routing ---------------------------------------------------------------------

    def _dispatch(self, method: str) -> None:
        path = urlsplit(self.path)
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= BODY_LIMIT:
            self.close_connection = True  # the unread body would be taken for the next request
            self._send_json(413, WeiboError(10018).body(path.path))
            return
        body = self.rfile.read(length) if length else b""
        try:
            if path.path.startswith("/_sandbox/"):
                self._admin(method, path.path.removeprefix("/_sandbox/"), body)
            elif path.path.startswith("/2/") and path.path.endswith(".json"):
                self._api(method, path.path, path.query, body)
            else:
                self._send_json(404, WeiboError(10020).body(path.path))
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (say, after a timeout fault)

    def _admin(self, method: str, name: str, body: bytes) -> None:
        try:
            payload = json.loads(body) if body.strip() else None
            answer = admin.handle(self.server.sandbox, method, name.strip("/"), payload)
        except LookupError:
            self._send_json(404, {"error": f"no admin endpoint {method} /_sandbox/{name}"})
        except ValueError as exc:  # also admin.AdminError and bad JSON
            self._send_json(400, {"error": str(exc)})
        else:
            self._send_json(200, answer)

    def _api(self, method: str, request_path: str, query: str, body: bytes) -> None:
        sandbox = self.server.sandbox
        sandbox.count_call(endpoint_name(request_path))
        fault = sandbox.faults.take(endpoint_name(request_path))
        if fault is not None and fault.kind == "timeout" and sandbox.stopping.wait(fault.seconds):
            self._drop()  # the sandbox is shutting down; nobody is waiting for the answer
            return
        if fault is None or fault.accept:
            review = fault.seconds if fault is not None and fault.kind == "review" else None
            status, answer = self._answer(method, request_path, query, body, review)
        if fault is None or fault.kind in ("timeout", "review"):
            self._send_json(status, answer)
        elif fault.kind == "echo":
            echo = f"Authorization: {self.headers.get('Authorization')}; {body.decode('utf-8', 'replace')}"
            if fault.accept and status == 200 and isinstance(answer, dict):
                user = dict(answer.get("user") or {}, description=echo)
                self._send_json(200, {**answer, "request_echo": echo, "user": user})
            else:
                error = WeiboError(fault.error_code or 10017, f"invalid request: {echo}", fault.http_status)
                self._send_json(error.http_status, {**error.body(request_path), "debug": {"echo": echo}})
        elif fault.kind in ("drop", "accept-then-drop"):
            self._drop()
        elif fault.kind == "http-500":
            self._send(500, "text/html; charset=utf-8", b"<html><body>500 Internal Server Error</body></html>")
        elif fault.kind == "garbage":
            self._send(200, "text/html; charset=utf-8", GARBAGE)
        else:  # "error"
            if fault.error_code is None:  # Fault refuses this on creation
                raise ValueError("an 'error' fault needs an error_code")
            error = WeiboError(fault.error_code, fault.error, fault.http_status)
            self._send_json(error.http_status, error.body(request_path))

    def _answer(self, method: str, request_path: str, query: str, body: bytes, review: float | None = None):
        form = parse_query(query).merge(parse_body(self.headers.get("Content-Type"), body))
        try:
            answer = api.handle(self.server.sandbox.store, method, endpoint_name(request_path),
                                form, self.headers.get("Authorization"), review)
        except WeiboError as error:
            return error.http_status, error.body(request_path)
        except Exception as exc:  # answer like Weibo's 10001, keep serving
            print(f"weibo sandbox: {request_path}: {exc!r}", file=sys.stderr)
            return 500, WeiboError(10001).body(request_path)
        return 200, answer

    # -- answering -------------------------------------------------------------------

    def _send_json(self, status: int, answer) -> None:
        body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        self._send(status, "application/json; charset=utf-8", body)

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def _drop(self) -> None:
        """Close the connection without a byte of answer."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def serve_forever(config: SandboxConfig, port: int) -> None:
    """Serve ``config``'s sandbox on 127.0.0.1:``port`` in this thread until interrupted."""
    Sandbox(config, port, log=True).serve_forever()


def run(port: int, state: Path | None, safe_domains: tuple[str, ...]) -> None:
    """``weibo-lint sandbox``: print the base URL, then serve until Ctrl-C."""
    sandbox = Sandbox(SandboxConfig(safe_domains=tuple(safe_domains), state_path=state), port, log=True)
    sandbox.bind()
    print(sandbox.base_url, flush=True)
    print(f"Weibo API sandbox; admin at {sandbox.admin_url}; state "
          f"{state if state else 'in memory only'}. Ctrl-C to stop.", file=sys.stderr, flush=True)
    try:
        sandbox.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        sandbox.close()
