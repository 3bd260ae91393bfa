"""A small threaded HTTP server on 127.0.0.1 for tests that need real sockets.

Register routes per test, point the code under test at ``server.url("/path")``::

    server.add("/page", body=b"<html>...</html>", content_type="text/html; charset=utf-8")
    server.add("/feed", body=feed_bytes, etag='"v1"')           # answers 304 to If-None-Match
    server.redirect("/old", "/page", status=301)
    server.add("/slow", body=b"late", delay=3)                  # sleeps before answering
    server.stream("/huge", total_bytes=50_000_000)              # generated, never in memory
    server.handler("/custom", lambda req: Response(status=418, body=b"teapot"))

Every request is recorded in ``server.requests`` (method, path, headers) so tests can assert
what the client sent. Unknown paths answer 404. Used by ``tests/ingest`` and by the task and
integration tests through the ``http_server`` fixture in ``tests/ingest/conftest.py``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

__all__ = ["LocalHTTPServer", "RecordedRequest", "Response"]


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]


@dataclass
class Response:
    """What a route answers. ``body`` may be bytes or an iterable of byte chunks (streamed)."""

    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before sending the status line
    chunk_delay: float = 0.0  # seconds to wait before each streamed chunk
    content_length: bool = True  # send Content-Length when the body is bytes


Handler = Callable[[RecordedRequest], Response]


class _RequestHandler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        return  # keep test output clean

    def do_GET(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch(send_body=False)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self._dispatch()

    def _dispatch(self, send_body: bool = True) -> None:
        owner = self.server.owner
        request = RecordedRequest(self.command, self.path, dict(self.headers.items()))
        owner.requests.append(request)
        handler = owner.routes.get(urlsplit(self.path).path) or owner.routes.get(self.path)
        response = handler(request) if handler else Response(404, b"not found")
        try:
            self._send(response, send_body)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True

    def _send(self, response: Response, send_body: bool) -> None:
        if response.delay:
            time.sleep(response.delay)
        self.send_response(response.status)
        header_names = {k.lower() for k in response.headers}
        for name, value in response.headers.items():
            self.send_header(name, value)
        body = response.body
        if isinstance(body, bytes | bytearray):
            if response.content_length and "content-length" not in header_names:
                self.send_header("Content-Length", str(len(body)))
            if not response.content_length:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            if send_body and response.status not in (204, 304):
                self.wfile.write(body)
            return
        # Streamed body: close-delimited unless the route declared a length.
        if "content-length" not in header_names:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if not send_body:
            return
        for chunk in body:
            if self.server.owner.stopping.is_set():
                break
            if response.chunk_delay:
                time.sleep(response.chunk_delay)
            self.wfile.write(chunk)
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    owner: LocalHTTPServer


class LocalHTTPServer:
    """Threaded HTTP server bound to 127.0.0.1 on a free port; see the module docstring."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.routes: dict[str, Handler] = {}
        self.requests: list[RecordedRequest] = []
        self.stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # lifecycle ---------------------------------------------------------------------------
    def start(self) -> LocalHTTPServer:
        self._server = _Server((self.host, 0), _RequestHandler)
        self._server.owner = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> LocalHTTPServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "server not started"
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "/", host: str | None = None) -> str:
        """Absolute URL of ``path``; ``host`` swaps the host name (e.g. ``"localhost"``)."""
        return f"http://{host or self.host}:{self.port}{path}"

    def reset(self) -> None:
        self.routes.clear()
        self.requests.clear()

    # route registration ------------------------------------------------------------------
    def handler(self, path: str, func: Handler) -> None:
        """Answer ``path`` with whatever ``func(request)`` returns."""
        self.routes[path] = func

    def add(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> None:
        """A static response. With ``etag``/``last_modified`` it honours conditional GET."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        hdrs = dict(headers or {})
        if content_type is not None:
            hdrs.setdefault("Content-Type", content_type)
        if etag:
            hdrs["ETag"] = etag
        if last_modified:
            hdrs["Last-Modified"] = last_modified

        def answer(request: RecordedRequest) -> Response:
            inm = _header(request, "If-None-Match")
            ims = _header(request, "If-Modified-Since")
            if (etag and inm == etag) or (last_modified and not inm and ims == last_modified):
                cond = {k: v for k, v in hdrs.items() if k in ("ETag", "Last-Modified")}
                return Response(304, b"", cond, delay=delay)
            return Response(status, data, dict(hdrs), delay=delay)

        self.routes[path] = answer

    def redirect(self, path: str, to: str, *, status: int = 302) -> None:
        """Answer ``path`` with a redirect to ``to`` (relative or absolute)."""
        self.routes[path] = lambda _req: Response(status, b"", {"Location": to})

    def stream(
        self,
        path: str,
        *,
        total_bytes: int,
        chunk_size: int = 64 * 1024,
        content_type: str = "text/html; charset=utf-8",
        declare_length: bool = False,
        chunk_delay: float = 0.0,
        fill: bytes = b"<p>padding</p>\n",
    ) -> None:
        """Generate ``total_bytes`` of body on the fly (nothing held in memory)."""

        def chunks() -> Iterator[bytes]:
            block = (fill * (chunk_size // len(fill) + 1))[:chunk_size]
            sent = 0
            while sent < total_bytes:
                piece = block[: min(chunk_size, total_bytes - sent)]
                sent += len(piece)
                yield piece

        def answer(_req: RecordedRequest) -> Response:
            hdrs = {"Content-Type": content_type}
            if declare_length:
                hdrs["Content-Length"] = str(total_bytes)
            return Response(200, chunks(), hdrs, chunk_delay=chunk_delay)

        self.routes[path] = answer

    def hits(self, path: str) -> int:
        """How many requests reached ``path``."""
        return sum(1 for r in self.requests if urlsplit(r.path).path == path)


def _header(request: RecordedRequest, name: str) -> str | None:
    for key, value in request.headers.items():
        if key.lower() == name.lower():
            return value
    return None
