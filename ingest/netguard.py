"""The SSRF guard: which addresses an outside URL may reach (see :mod:`ingest.fetching`).

A host is turned into IP addresses: a literal address in any notation the C resolver accepts
(``2130706433``, ``0177.0.0.1``, ``0x7f.1``, ``127.1``) is normalised; a name is resolved with
``getaddrinfo``. *Every* resolved address must be public: loopback is allowed only with
``allow_loopback=True``; private, link-local, multicast, reserved, unspecified, CGNAT/shared,
documentation and benchmark ranges are always refused, and IPv6 forms that embed an IPv4
address (IPv4-mapped, 6to4, NAT64) are judged by that address.
"""

from __future__ import annotations

import ipaddress
import re
import socket

from ingest.errors import FetchError

# Ranges refused even where Python 3.11's is_global/is_private are wrong or too lenient.
_BLOCKED_V4 = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",  # "this network", unspecified
        "10.0.0.0/8",
        "100.64.0.0/10",  # CGNAT / shared address space
        "169.254.0.0/16",  # link-local, cloud metadata
        "172.16.0.0/12",
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24",  # TEST-NET-1
        "192.88.99.0/24",  # 6to4 relay anycast
        "192.168.0.0/16",
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",  # TEST-NET-2
        "203.0.113.0/24",  # TEST-NET-3
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, broadcast
    )
)
_BLOCKED_V6 = tuple(
    ipaddress.ip_network(n)
    for n in (
        "::/96",  # unspecified and deprecated IPv4-compatible
        "64:ff9b:1::/48",  # local-use NAT64
        "100::/64",  # discard-only
        "2001::/23",  # IETF protocol assignments incl. Teredo
        "2001:db8::/32",  # documentation
        "3fff::/20",  # documentation
        "5f00::/16",  # SRv6 SIDs
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
        "fec0::/10",  # site-local (deprecated)
        "ff00::/8",  # multicast
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NUMERIC_HOST = re.compile(r"^(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+)){0,3}$", re.IGNORECASE)


def check_ip(
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address | str, *, allow_loopback: bool = False
) -> None:
    """Raise :class:`FetchError` (``ssrf_blocked``) unless ``ip`` is a public unicast address.

    IPv6 addresses embedding an IPv4 address (IPv4-mapped ``::ffff:a.b.c.d``, 6to4
    ``2002:aabb:ccdd::``, NAT64 ``64:ff9b::a.b.c.d``) are judged by the embedded address.
    Loopback (``127.0.0.0/8``, ``::1``) passes only with ``allow_loopback``; nothing else
    non-public ever does.
    """
    addr = ipaddress.ip_address(ip) if isinstance(ip, str) else ip
    original = addr
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.scope_id:
            _blocked(original, "scoped IPv6 address")
        embedded = addr.ipv4_mapped or addr.sixtofour
        if embedded is None and addr in _NAT64:
            embedded = ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
        if embedded is not None:
            addr = embedded
    if addr.is_loopback:
        if allow_loopback:
            return
        _blocked(original, "loopback address")
    blocked_nets = _BLOCKED_V4 if addr.version == 4 else _BLOCKED_V6
    if any(addr in net for net in blocked_nets):
        _blocked(original, "non-public address range")
    if (
        addr.is_private
        or addr.is_link_local
        or addr.is_multicast
        or addr.is_reserved
        or addr.is_unspecified
        or not addr.is_global
    ):
        _blocked(original, "non-public address")


def _blocked(addr: object, why: str) -> None:
    raise FetchError(f"refusing to connect to {addr}: {why}", code="ssrf_blocked")


def _literal_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a host string denotes by itself, in any notation ``inet_aton`` accepts."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _NUMERIC_HOST.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def resolve_host(
    host: str, port: int, *, allow_loopback: bool = False
) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Resolve ``host`` and return its addresses, all of them checked with :func:`check_ip`.

    Refuses the whole host if *any* address is non-public, so a name cannot smuggle a private
    address in beside a public one. Raises :class:`FetchError` (``ssrf_blocked``,
    ``dns_error``).
    """
    host = host.strip().rstrip(".").strip("[]")
    if not host:
        raise FetchError("empty host", code="bad_url")
    literal = _literal_ip(host)
    if literal is not None:
        check_ip(literal, allow_loopback=allow_loopback)
        return [literal]
    if "%" in host:
        raise FetchError(f"scoped address {host!r}", code="ssrf_blocked")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        permanent = isinstance(exc, UnicodeError) or exc.errno == socket.EAI_NONAME
        raise FetchError(
            f"cannot resolve {host!r}: {exc}", code="dns_error", transient=not permanent
        ) from exc
    addrs: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = []
    for family, _type, _proto, _canon, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        addr = ipaddress.ip_address(sockaddr[0].split("%")[0])
        if family == socket.AF_INET6 and sockaddr[3]:
            raise FetchError(f"{host!r} resolves to a scoped address", code="ssrf_blocked")
        check_ip(addr, allow_loopback=allow_loopback)
        if addr not in addrs:
            addrs.append(addr)
    if not addrs:
        raise FetchError(f"{host!r} has no IP address", code="dns_error", transient=True)
    # IPv4 first: dual-stack names often have an unreachable AAAA in containers.
    addrs.sort(key=lambda a: a.version)
    return addrs
