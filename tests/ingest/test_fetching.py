"""fetch(): SSRF guard and pinning, redirects, limits, content types, conditional GET."""

from __future__ import annotations

import gzip
import socket
import time

import pytest

from ingest import fetching, netguard
from ingest.errors import FetchError
from ingest.fetching import check_ip, fetch, sniff_binary

PAGE = b"<html><head><title>Talks</title></head><body><p>Astana round.</p></body></html>"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _code(excinfo) -> str:
    return excinfo.value.code


# --- SSRF: literal addresses, no server needed (the guard refuses before connecting) --------

PRIVATE_URLS = [
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",  # cloud metadata, link-local
    "http://100.64.0.1/",  # CGNAT / shared address space
    "http://0.0.0.0/",
    "http://0/",  # short form of 0.0.0.0
    "http://224.0.0.1/",  # multicast
    "http://240.0.0.1/",  # reserved
    "http://255.255.255.255/",
    "http://198.18.0.1/",  # benchmarking
    "http://192.0.0.8/",
    "http://[::]/",
    "http://[fd00::1]/",  # unique local
    "http://[fe80::1]/",  # link-local
    "http://[ff02::1]/",  # multicast
    "http://[fec0::1]/",  # site-local
    "http://[::ffff:10.0.0.1]/",  # IPv4-mapped private
    "http://[::ffff:169.254.169.254]/",
    "http://[64:ff9b::a00:1]/",  # NAT64 embedding 10.0.0.1
    "http://[2002:c0a8:101::1]/",  # 6to4 embedding 192.168.1.1
    "http://[2001:db8::1]/",  # documentation
    "http://167772161/",  # decimal 10.0.0.1
    "http://0xa.0.0.1/",  # hex 10.0.0.1
    "http://012.0.0.1/",  # octal 10.0.0.1
    "http://10.1/",  # short form of 10.0.0.1
]

LOOPBACK_URLS = [
    "http://127.0.0.1/",
    "http://127.8.9.10/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",  # IPv4-mapped loopback
    "http://2130706433/",  # decimal
    "http://0177.0.0.1/",  # octal
    "http://0x7f.1/",  # hex, short
    "http://0x7f000001/",
    "http://127.1/",  # short
    "http://localhost/",
    "http://LOCALHOST./",
]


@pytest.mark.parametrize("url", PRIVATE_URLS)
@pytest.mark.parametrize("allow_loopback", [False, True])
def test_private_and_reserved_addresses_are_refused_even_with_loopback_allowed(url, allow_loopback):
    with pytest.raises(FetchError) as exc:
        fetch(url, allow_loopback=allow_loopback, timeout=1)
    assert _code(exc) == "ssrf_blocked"
    assert exc.value.transient is False


@pytest.mark.parametrize("url", LOOPBACK_URLS)
def test_loopback_in_any_notation_is_refused_by_default(url):
    with pytest.raises(FetchError) as exc:
        fetch(url, timeout=1)
    assert _code(exc) == "ssrf_blocked"


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "2130706433", "0177.0.0.1", "0x7f.1", "127.1", "localhost"]
)
def test_loopback_in_any_notation_reaches_the_server_when_allowed(http_server, host):
    http_server.add("/page", PAGE)
    result = fetch(http_server.url("/page", host=host), allow_loopback=True, timeout=2)
    assert result.status == 200
    assert result.content == PAGE


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://127.0.0.1/", "http:///nohost"]
)
def test_only_http_and_https_urls_are_fetched(url):
    with pytest.raises(FetchError) as exc:
        fetch(url, allow_loopback=True)
    assert _code(exc) == "bad_url"


@pytest.mark.parametrize("ip", ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "64:ff9b::808:808"])
def test_public_addresses_pass_the_check(ip):
    assert check_ip(ip) is None


def test_name_resolving_to_a_private_address_is_refused(monkeypatch):
    def fake_getaddrinfo(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port))]

    monkeypatch.setattr(fetching.socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(FetchError) as exc:
        fetch("http://intranet.example/", allow_loopback=True)
    assert _code(exc) == "ssrf_blocked"


def test_name_with_one_private_address_among_public_ones_is_refused(monkeypatch):
    def fake_getaddrinfo(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("fd12::1", port, 0, 0)),
        ]

    monkeypatch.setattr(fetching.socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(FetchError) as exc:
        fetch("http://mixed.example/")
    assert _code(exc) == "ssrf_blocked"


def test_connection_is_pinned_to_the_checked_address(http_server, monkeypatch):
    """DNS rebinding: the name resolves to an allowed address once, then to a private one.

    With pinning the request goes to the address that was checked (the local server), keeps
    the original Host header, and the name is resolved exactly once per hop.
    """
    http_server.add("/page", PAGE)
    real_getaddrinfo = socket.getaddrinfo
    lookups = []

    def rebinding_getaddrinfo(host, port, *args, **kwargs):
        if host == "rebind.example":
            lookups.append(host)
            address = "127.0.0.1" if len(lookups) == 1 else "10.9.9.9"
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_getaddrinfo)
    result = fetch(http_server.url("/page", host="rebind.example"), allow_loopback=True, timeout=2)
    assert result.content == PAGE
    assert lookups == ["rebind.example"]
    assert http_server.requests[-1].headers["Host"] == f"rebind.example:{http_server.port}"


# --- redirects ---------------------------------------------------------------------------


def test_redirects_are_followed_and_recorded(http_server):
    http_server.redirect("/old", "/middle", status=301)
    http_server.redirect("/middle", http_server.url("/page"), status=302)
    http_server.add("/page", PAGE)
    result = fetch(http_server.url("/old"), allow_loopback=True)
    assert result.final_url == http_server.url("/page")
    assert result.url == http_server.url("/old")
    assert result.redirects == (http_server.url("/old"), http_server.url("/middle"))
    assert result.content == PAGE


@pytest.mark.parametrize(
    "target",
    ["http://10.0.0.5/admin", "http://169.254.169.254/latest/meta-data/", "http://[::ffff:a00:1]/"],
)
def test_redirect_to_a_private_address_is_refused(http_server, target):
    http_server.redirect("/go", target)
    with pytest.raises(FetchError) as exc:
        fetch(http_server.url("/go"), allow_loopback=True, timeout=2)
    assert _code(exc) == "ssrf_blocked"
    assert http_server.hits("/go") == 1


def test_redirect_to_loopback_is_refused_without_allow_loopback(monkeypatch, http_server):
    """A public-looking name that redirects to 127.0.0.1 must not reach it."""
    http_server.redirect("/go", http_server.url("/page"))
    http_server.add("/page", PAGE)
    calls = []
    original = netguard.check_ip

    def check_first_hop_as_public(ip, *, allow_loopback=False):
        calls.append(str(ip))
        if len(calls) == 1:
            return None  # pretend the first hop is a public address
        return original(ip, allow_loopback=allow_loopback)

    monkeypatch.setattr(netguard, "check_ip", check_first_hop_as_public)
    with pytest.raises(FetchError) as exc:
        fetch(http_server.url("/go"), allow_loopback=False)
    assert _code(exc) == "ssrf_blocked"
    assert http_server.hits("/page") == 0


def test_redirect_loop_is_detected(http_server):
    http_server.redirect("/a", "/b")
    http_server.redirect("/b", "/a")
    with pytest.raises(FetchError) as exc:
        fetch(http_server.url("/a"), allow_loopback=True)
    assert _code(exc) == "redirect_loop"
    assert http_server.hits("/a") == 1


def test_redirect_chain_longer_than_the_cap_is_refused(http_server):
    for i in range(7):
        http_server.redirect(f"/r{i}", f"/r{i + 1}")
    http_server.add("/r7", PAGE)
    with pytest.raises(FetchError) as exc:
        fetch(http_server.url("/r0"), allow_loopback=True, max_redirects=5)
    assert _code(exc) == "too_many_redirects"
    assert fetch(http_server.url("/r0"), allow_loopback=True, max_redirects=7).status == 200


# --- status codes, timeouts, connection errors ----------------------------------------------


def test_404_is_a_permanent_error(http_server):
    with pytest.raises(FetchError) as exc:
        fetch(http_server.url("/missing"), allow_loopback=True)
    assert (_code(exc), exc.value.status, exc.value.transient) == ("http_error", 404, False)


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_server_errors_and_rate_limits_are_transient(http_server, status):
    http_server.add("/flaky", b"try later", status=status)
    with pytest.raises(FetchError) as exc:
        fetch(http_server.url("/flaky"), allow_loopback=True)
    assert (_code(exc), exc.value.status, exc.value.transient) == ("http_error", status, True)


def test_slow_server_times_out_as_a_transient_error(http_server):
    http_server.add("/slow", PAGE, delay=3)
    start = time.monotonic()
    with pytest.raises(FetchError) as exc:
        fetch(http_server.url("/slow"), allow_loopback=True, timeout=0.5)
    assert _code(exc) == "timeout" and exc.value.transient is True
    assert time.monotonic() - start < 2.5


def test_body_dripping_past_the_total_deadline_times_out(http_server):
    http_server.stream("/drip", total_bytes=200_000, chunk_size=1000, chunk_delay=0.05)
    with pytest.raises(FetchError) as exc:
        fetch(http_server.url("/drip"), allow_loopback=True, timeout=1, total_timeout=1)
    assert _code(exc) == "timeout"


def test_refused_connection_is_transient():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    with pytest.raises(FetchError) as exc:
        fetch(f"http://127.0.0.1:{port}/", allow_loopback=True, timeout=1)
    assert _code(exc) == "connection_error" and exc.value.transient is True


# --- size limits ---------------------------------------------------------------------------


def test_50_mb_stream_is_cut_at_the_cap(http_server):
    http_server.stream("/huge", total_bytes=50_000_000)
    start = time.monotonic()
    with pytest.raises(FetchError) as exc:
        fetch(http_server.url("/huge"), allow_loopback=True, max_bytes=5_000_000)
    assert _code(exc) == "too_large"
    assert time.monotonic() - start < 5


def test_announced_content_length_over_the_cap_is_refused_before_reading(http_server):
    http_server.stream("/huge", total_bytes=50_000_000, declare_length=True)
    with pytest.raises(FetchError) as exc:
        fetch(http_server.url("/huge"), allow_loopback=True, max_bytes=1_000_000)
    assert _code(exc) == "too_large"
    assert "Content-Length" in str(exc.value)


def test_body_exactly_at_the_cap_is_accepted(http_server):
    http_server.add("/exact", b"a" * 1000, content_type="text/plain")
    result = fetch(http_server.url("/exact"), allow_loopback=True, max_bytes=1000)
    assert len(result.content) == 1000


def test_gzip_body_is_decompressed_and_counted_after_decompression(http_server):
    http_server.add("/gz", gzip.compress(b"x" * 300_000), headers={"Content-Encoding": "gzip"})
    assert fetch(http_server.url("/gz"), allow_loopback=True).content == b"x" * 300_000
    with pytest.raises(FetchError) as exc:
        fetch(http_server.url("/gz"), allow_loopback=True, max_bytes=100_000)
    assert _code(exc) == "too_large"


# --- content types -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type", ["image/png", "application/octet-stream", "application/zip", "video/mp4"]
)
def test_declared_binary_content_is_refused(http_server, content_type):
    http_server.add("/bin", PNG, content_type=content_type)
    with pytest.raises(FetchError) as exc:
        fetch(http_server.url("/bin"), allow_loopback=True)
    assert _code(exc) == "binary_content"


@pytest.mark.parametrize(
    "body",
    [PNG, b"%PDF-1.7\n" + b"x" * 100, b"PK\x03\x04" + b"\x00" * 50, b"\x00\x01\x02\x03" * 300],
)
def test_binary_body_behind_a_text_content_type_is_refused(http_server, body):
    http_server.add("/lie", body, content_type="text/html; charset=utf-8")
    with pytest.raises(FetchError) as exc:
        fetch(http_server.url("/lie"), allow_loopback=True)
    assert _code(exc) == "binary_content"


def test_unlisted_text_type_is_refused(http_server):
    http_server.add("/json", b'{"a": 1}', content_type="application/json")
    with pytest.raises(FetchError) as exc:
        fetch(http_server.url("/json"), allow_loopback=True)
    assert _code(exc) == "bad_content_type"


def test_accept_list_is_configurable(http_server):
    http_server.add("/json", b'{"a": 1}', content_type="application/json")
    result = fetch(http_server.url("/json"), allow_loopback=True, accept=("application/json",))
    assert result.content_type == "application/json"


def test_content_type_and_charset_are_reported(http_server):
    http_server.add("/feed", b"<rss/>", content_type='application/rss+xml; charset="ISO-8859-1"')
    result = fetch(http_server.url("/feed"), allow_loopback=True)
    assert (result.content_type, result.charset) == ("application/rss+xml", "iso-8859-1")


def test_sniff_binary_leaves_text_alone():
    assert sniff_binary(PAGE) is None
    assert sniff_binary("Переговоры".encode("utf-16")) is None
    assert sniff_binary(PNG) == "image/png"


# --- conditional GET and request headers ---------------------------------------------------


def test_conditional_get_with_etag_returns_not_modified(http_server):
    http_server.add("/feed", PAGE, etag='"v1"')
    first = fetch(http_server.url("/feed"), allow_loopback=True)
    assert first.etag == '"v1"' and not first.not_modified
    second = fetch(http_server.url("/feed"), allow_loopback=True, etag=first.etag)
    assert second.not_modified is True
    assert second.status == 304 and second.content == b""
    assert http_server.requests[-1].headers["If-None-Match"] == '"v1"'


def test_conditional_get_with_last_modified_returns_not_modified(http_server):
    stamp = "Wed, 24 Jan 2024 09:30:00 GMT"
    http_server.add("/feed", PAGE, last_modified=stamp)
    first = fetch(http_server.url("/feed"), allow_loopback=True)
    assert first.last_modified == stamp
    second = fetch(http_server.url("/feed"), allow_loopback=True, last_modified=stamp)
    assert second.not_modified is True
    assert http_server.requests[-1].headers["If-Modified-Since"] == stamp


def test_changed_resource_is_returned_in_full(http_server):
    http_server.add("/feed", PAGE, etag='"v2"')
    result = fetch(http_server.url("/feed"), allow_loopback=True, etag='"v1"')
    assert not result.not_modified and result.content == PAGE and result.etag == '"v2"'


def test_user_agent_names_the_project(http_server):
    http_server.add("/page", PAGE)
    fetch(http_server.url("/page"), allow_loopback=True)
    assert "AstanaProcessTracker" in http_server.requests[-1].headers["User-Agent"]
