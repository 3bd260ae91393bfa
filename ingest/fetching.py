"""Fetch one outside URL safely: SSRF guard (:mod:`ingest.netguard`) with address pinning, size,
type (:mod:`ingest.content_types`) and redirect caps.

The only function here that touches the network is :func:`fetch`. It never follows a URL to an
address it has not checked:

1. **Check.** The URL must be absolute http(s). Its host is turned into IP addresses: a literal
   address in any notation the C resolver accepts (``2130706433``, ``0177.0.0.1``, ``0x7f.1``,
   ``127.1``) is normalised with ``socket.inet_aton``/``ipaddress``; a name is resolved with
   ``getaddrinfo``. *Every* resolved address must be public (see :func:`check_ip`): loopback is
   allowed only with ``allow_loopback=True``; private, link-local, multicast, reserved,
   unspecified, CGNAT/shared, documentation and benchmark ranges are always refused, and IPv6
   forms that embed an IPv4 address (IPv4-mapped, 6to4, NAT64) are judged by that address.
2. **Pin.** The connection is opened to the checked IP itself, with a urllib3 connection pool
   whose ``host`` is the IP literal. The original host name is sent in the ``Host`` header and,
   for https, used as the TLS SNI name (``server_hostname``) and as the name the certificate
   must match (``assert_hostname``, verified against certifi's CA bundle). A DNS answer cannot
   change between the check and the connect (no rebinding window), and https stays as strict as
   a normal request. Proxy environment variables are ignored on purpose: a proxy would resolve
   the name again.
3. **Every hop.** Redirects are not followed by the HTTP library: each ``Location`` is joined to
   the current URL and goes through steps 1-2 again, with a cap (``max_redirects``) and loop
   detection.

The body is streamed and abandoned past ``max_bytes`` (an announced ``Content-Length`` over the
cap is refused before reading). Binary responses are refused by declared type and by magic
bytes, whatever the server claims.

**One deadline.** A fetch has a total budget (``total_timeout``) measured on the monotonic
clock from its start, over connecting, the headers, the body and every redirect. Each socket
timeout is the smaller of ``timeout`` and what is left of the budget, the budget is checked
between reads, and a watchdog shuts the connection's socket down when the budget runs out, so
a server that drips one byte at a time (in the headers or the body) cannot hold the fetch past
the deadline by more than a moment.

All failures raise :class:`ingest.errors.FetchError`, whatever the server sends: an error from
the HTTP library or a malformed header or redirect never escapes as another exception.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError as Urllib3HTTPError
from urllib3.exceptions import NewConnectionError, ProtocolError, SSLError
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from ingest.content_types import (
    _SNIFF_BYTES,
    _check_content_type,
    _parse_content_type,
    _refuse_binary,
    sniff_binary,
)
from ingest.errors import FetchError
from ingest.netguard import check_ip, resolve_host

try:  # certifi ships with requests; fall back to the system store without it.
    import certifi

    _CA_BUNDLE: str | None = certifi.where()
except ImportError:  # pragma: no cover
    _CA_BUNDLE = None

__all__ = [
    "DEFAULT_ACCEPT",
    "USER_AGENT",
    "FetchResult",
    "check_ip",
    "fetch",
    "resolve_host",
    "sniff_binary",
]

USER_AGENT = "AstanaProcessTracker/0.1 (news monitoring of the Astana process on Syria)"

DEFAULT_ACCEPT: tuple[str, ...] = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_TRANSIENT_STATUSES = frozenset({408, 425, 429})
_CHUNK = 16 * 1024  # small reads bound the memory one gzip-compressed chunk can expand to


@dataclass(frozen=True)
class FetchResult:
    """What one successful (2xx) or not-modified (304) fetch returned.

    ``headers`` has lower-cased names. ``content`` is the (decompressed) body, empty when
    ``not_modified``. ``content_type`` is the bare media type (``"text/html"``) and ``charset``
    the declared ``charset`` parameter, both lower-cased or None. ``redirects`` lists the URLs
    visited before ``final_url``.
    """

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    content: bytes
    content_type: str | None
    charset: str | None
    etag: str | None
    last_modified: str | None
    not_modified: bool = False
    redirects: tuple[str, ...] = field(default=())


class _Deadline:
    """The total budget of one fetch, and a watchdog that enforces it on blocked reads.

    Connections opened for the fetch are tracked; when the budget runs out the watchdog shuts
    their sockets down, which wakes a read blocked on a server that sends a byte just often
    enough to beat the per-read timeout. ``expired`` tells the caller to report a timeout
    rather than whatever the HTTP library made of the closed socket.
    """

    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds
        self.fired = False
        self._connections: list = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return self.at - time.monotonic()

    @property
    def expired(self) -> bool:
        return self.fired or self.remaining() <= 0

    def socket_timeout(self, per_read: float, url: str) -> urllib3.Timeout:
        """Per-read timeouts that never outlast the budget; raises once it is spent."""
        left = self.remaining()
        if left <= 0:
            raise _timeout(url)
        bound = min(per_read, left)
        return urllib3.Timeout(connect=bound, read=bound)

    def track(self, connection) -> None:
        with self._lock:
            self._connections.append(connection)
            if self.fired:
                _shut(connection)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for connection in self._connections:
                _shut(connection)

    def cancel(self) -> None:
        self._timer.cancel()


def _shut(connection) -> None:
    sock = getattr(connection, "sock", None)
    if sock is None:
        return
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


def _timeout(url: str) -> FetchError:
    return FetchError(
        f"timed out fetching {url} (total deadline)", code="timeout", transient=True, url=url
    )


class _TracksConnections:
    """A connection pool whose new connections the fetch's deadline watches."""

    deadline: _Deadline | None = None

    def _new_conn(self):
        connection = super()._new_conn()
        if self.deadline is not None:
            self.deadline.track(connection)
        return connection


class _TrackedHTTPPool(_TracksConnections, urllib3.HTTPConnectionPool):
    pass


class _TrackedHTTPSPool(_TracksConnections, urllib3.HTTPSConnectionPool):
    pass


def _pool(
    scheme: str,
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address,
    port: int,
    host: str,
    timeout,
    deadline: _Deadline | None = None,
):
    if scheme == "https":
        pool = _TrackedHTTPSPool(
            host=str(ip),
            port=port,
            timeout=timeout,
            retries=False,
            maxsize=1,
            cert_reqs="CERT_REQUIRED",
            ca_certs=_CA_BUNDLE,
            server_hostname=host,
            assert_hostname=host,
        )
    else:
        pool = _TrackedHTTPPool(host=str(ip), port=port, timeout=timeout, retries=False, maxsize=1)
    pool.deadline = deadline
    return pool


def _host_header(host: str, port: int, scheme: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    default = 443 if scheme == "https" else 80
    return shown if port == default else f"{shown}:{port}"


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    allow_loopback: bool = False,
    timeout: float = 10.0,
    max_bytes: int = 5_000_000,
    max_redirects: int = 5,
    accept: Iterable[str] = DEFAULT_ACCEPT,
    total_timeout: float | None = None,
    user_agent: str = USER_AGENT,
) -> FetchResult:
    """GET ``url`` through the SSRF guard and return the response (see the module docstring).

    ``etag``/``last_modified`` (from a previous :class:`FetchResult`) make the request
    conditional; a 304 returns ``not_modified=True`` with empty content. ``timeout`` bounds
    connecting and each read; ``total_timeout`` (default ``3 * timeout``) bounds the whole
    fetch including redirects and body, so a server dripping bytes cannot hold a worker.

    Raises :class:`FetchError` with ``code``: ``bad_url``, ``ssrf_blocked``, ``dns_error``,
    ``timeout``, ``connection_error``, ``tls_error``, ``http_error`` (``status`` set;
    transient for 408/425/429/5xx), ``too_many_redirects``, ``redirect_loop``, ``too_large``,
    ``binary_content``, ``bad_content_type``. ``transient`` is True for timeouts, connection
    errors, DNS failures other than "no such name", 408/425/429 and 5xx.
    """
    accept = tuple(a.lower() for a in accept)
    deadline = _Deadline(total_timeout if total_timeout is not None else 3 * timeout)
    headers = {
        "User-Agent": user_agent,
        "Accept": ", ".join(accept) + ", */*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
        "Accept-Language": "en, ru;q=0.9, tr;q=0.8, ar;q=0.7, fa;q=0.7, fr;q=0.6, de;q=0.6",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        return _fetch(
            url,
            headers=headers,
            allow_loopback=allow_loopback,
            timeout=timeout,
            deadline=deadline,
            max_bytes=max_bytes,
            max_redirects=max_redirects,
            accept=accept,
        )
    except FetchError as exc:
        if deadline.expired and exc.code in {"connection_error", "timeout"}:
            raise _timeout(url) from exc
        raise
    except (ValueError, UnicodeError, http.client.HTTPException, Urllib3HTTPError, OSError) as exc:
        # Whatever the server sent that the HTTP library could not take (a malformed header,
        # an undecodable value): a failed fetch like any other, never a crash of the poller.
        if deadline.expired:
            raise _timeout(url) from exc
        raise FetchError(
            f"malformed response from {url}: {type(exc).__name__}: {exc}",
            code="bad_response",
            url=url,
        ) from exc
    finally:
        deadline.cancel()


def _fetch(
    url, *, headers, allow_loopback, timeout, deadline, max_bytes, max_redirects, accept
) -> FetchResult:
    current = url
    visited: list[str] = []
    while True:
        response = _request_once(
            current,
            headers=headers,
            allow_loopback=allow_loopback,
            timeout=deadline.socket_timeout(timeout, current),
            deadline=deadline,
        )
        status = response.status
        if status in _REDIRECT_STATUSES and response.headers.get("Location"):
            location = response.headers["Location"]
            response.release_conn()
            response.close()
            target = _redirect_target(current, location, url)
            visited.append(current)
            if urlsplit(target)._replace(fragment="").geturl() in {
                urlsplit(v)._replace(fragment="").geturl() for v in visited
            }:
                raise FetchError(f"redirect loop at {target}", code="redirect_loop", url=url)
            if len(visited) > max_redirects:
                raise FetchError(
                    f"more than {max_redirects} redirects", code="too_many_redirects", url=url
                )
            current = target
            continue
        try:
            return _finish(
                response,
                url=url,
                final_url=current,
                visited=tuple(visited),
                accept=accept,
                max_bytes=max_bytes,
                deadline=deadline,
            )
        finally:
            response.close()


def _redirect_target(current: str, location: str, url: str) -> str:
    """The absolute URL a ``Location`` header points to; ``bad_redirect`` if it is malformed
    (``http://[::1``, an invalid port, control characters)."""
    try:
        target = urljoin(current, location.strip())
        parts = urlsplit(target)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError as exc:
        raise FetchError(
            f"malformed redirect Location {location[:200]!r}: {exc}", code="bad_redirect", url=url
        ) from exc
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in target):
        raise FetchError(
            f"malformed redirect Location {location[:200]!r}: control characters",
            code="bad_redirect",
            url=url,
        )
    return target


def _request_once(url, *, headers, allow_loopback, timeout, deadline):
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"bad URL {url!r}: {exc}", code="bad_url", url=url) from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"scheme {scheme!r} not allowed", code="bad_url", url=url)
    host = parts.hostname
    if not host:
        raise FetchError(f"no host in {url!r}", code="bad_url", url=url)
    if port is None:
        port = 443 if scheme == "https" else 80
    addrs = resolve_host(host, port, allow_loopback=allow_loopback)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    hop_headers = dict(headers, Host=_host_header(host, port, scheme))

    last_exc: Exception | None = None
    for addr in addrs:
        if deadline.expired:
            break
        pool = _pool(scheme, addr, port, host, timeout, deadline)
        try:
            return pool.urlopen(
                "GET",
                path,
                headers=hop_headers,
                redirect=False,
                retries=False,
                preload_content=False,
                decode_content=True,
                assert_same_host=False,
            )
        except NewConnectionError as exc:  # try the next checked address
            last_exc = exc
            continue
        except Urllib3Timeout as exc:
            raise FetchError(
                f"timed out connecting to {url}", code="timeout", transient=True, url=url
            ) from exc
        except SSLError as exc:
            raise FetchError(f"TLS failure for {url}: {exc}", code="tls_error", url=url) from exc
        except (ProtocolError, Urllib3HTTPError, OSError) as exc:
            raise FetchError(
                f"connection to {url} failed: {exc}",
                code="connection_error",
                transient=True,
                url=url,
            ) from exc
    if last_exc is None:
        raise FetchError(f"timed out fetching {url}", code="timeout", transient=True, url=url)
    raise FetchError(
        f"cannot connect to {url}: {last_exc}", code="connection_error", transient=True, url=url
    ) from last_exc


def _finish(response, *, url, final_url, visited, accept, max_bytes, deadline) -> FetchResult:
    status = response.status
    headers = {k.lower(): v for k, v in response.headers.items()}
    result_etag = headers.get("etag")
    result_lm = headers.get("last-modified")
    if status == 304:
        return FetchResult(
            url=url,
            final_url=final_url,
            status=304,
            headers=headers,
            content=b"",
            content_type=None,
            charset=None,
            etag=result_etag,
            last_modified=result_lm,
            not_modified=True,
            redirects=visited,
        )
    if not 200 <= status < 300:
        transient = status >= 500 or status in _TRANSIENT_STATUSES
        raise FetchError(
            f"HTTP {status} for {final_url}",
            code="http_error",
            transient=transient,
            url=final_url,
            status=status,
        )
    media_type, charset = _parse_content_type(headers.get("content-type"))
    _check_content_type(media_type, accept, final_url)
    declared = headers.get("content-length", "").strip()
    if declared.isdecimal() and int(declared) > max_bytes:
        raise FetchError(
            f"Content-Length {declared} exceeds {max_bytes} bytes", code="too_large", url=final_url
        )

    body = bytearray()
    sniffed = False
    try:
        for chunk in response.stream(_CHUNK, decode_content=True):
            body += chunk
            if len(body) > max_bytes:
                raise FetchError(f"body exceeds {max_bytes} bytes", code="too_large", url=final_url)
            if deadline.expired:
                raise _timeout(final_url)
            if not sniffed and len(body) >= _SNIFF_BYTES:
                sniffed = True
                _refuse_binary(bytes(body[:_SNIFF_BYTES]), final_url)
    except Urllib3Timeout as exc:
        raise FetchError(
            f"timed out reading {final_url}", code="timeout", transient=True, url=final_url
        ) from exc
    except (ProtocolError, Urllib3HTTPError, OSError) as exc:
        raise FetchError(
            f"connection broken reading {final_url}: {exc}",
            code="connection_error",
            transient=True,
            url=final_url,
        ) from exc
    if deadline.expired:  # the watchdog closed the socket: the body may look complete but is not
        raise _timeout(final_url)
    if not sniffed:
        _refuse_binary(bytes(body[:_SNIFF_BYTES]), final_url)
    return FetchResult(
        url=url,
        final_url=final_url,
        status=status,
        headers=headers,
        content=bytes(body),
        content_type=media_type,
        charset=charset,
        etag=result_etag,
        last_modified=result_lm,
        not_modified=False,
        redirects=visited,
    )
