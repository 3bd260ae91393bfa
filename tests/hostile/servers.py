"""Raw TCP servers on 127.0.0.1 that misbehave on purpose: they drip bytes, hang, or send
what no well-behaved HTTP server would. Each connection is served by ``script(conn)`` in a
daemon thread; every loop is bounded, so a server never outlives its test by more than the
few seconds its script sleeps.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable

__all__ = ["RawServer", "TCPProxy", "drip"]


class RawServer:
    """``with RawServer(script) as server: fetch(server.url("/"))``."""

    def __init__(self, script: Callable[[socket.socket], None]) -> None:
        self.script = script
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> RawServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._run, args=(conn,), daemon=True).start()

    def _run(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(5)
            _read_request(conn)
            self.script(conn)
        except OSError:
            pass  # the client gave up, as it should
        finally:
            conn.close()


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    for _ in range(64):  # a GET's headers, bounded
        chunk = conn.recv(4096)
        data += chunk
        if not chunk or b"\r\n\r\n" in data:
            break
    return data


def drip(
    conn: socket.socket,
    payload: bytes,
    *,
    every: float,
    server: RawServer | None = None,
    limit: float = 60.0,
) -> None:
    """Send ``payload`` one byte every ``every`` seconds, for at most ``limit`` seconds."""
    started = time.monotonic()
    for byte in payload:
        if time.monotonic() - started > limit or (server is not None and server.stopped):
            return
        conn.sendall(bytes([byte]))
        time.sleep(every)


class TCPProxy:
    """A loopback TCP forwarder to ``target`` that can be taken down and brought back on the
    same port: the database "going away" for a process connected through it."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._listener: socket.socket | None = None
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._running = threading.Event()

    def up(self) -> TCPProxy:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(32)
        listener.settimeout(0.2)
        self._listener = listener
        self._running.set()
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def down(self) -> None:
        """Refuse new connections and cut every open one."""
        self._running.clear()
        with self._lock:
            if self._listener is not None:
                self._listener.close()
                self._listener = None
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while self._running.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pump, args=(a, b), daemon=True).start()


def _pump(source: socket.socket, sink: socket.socket) -> None:
    source.settimeout(None)
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
