"""Who the client is, for throttling and login lockout: the one rule, ``NUM_PROXIES``.

``X-Forwarded-For`` is only believed as far as the proxies this deployment runs in front of
the app: with ``NUM_PROXIES = n`` the client is the n-th address from the right of that
header (what the outermost trusted proxy saw); with 0 (the default, no proxy) the header is
ignored and the socket's address is the client. Rotating the header therefore never makes a
new client. DRF's throttles apply the same rule from ``REST_FRAMEWORK["NUM_PROXIES"]``.
"""

from __future__ import annotations

from django.conf import settings

__all__ = ["client_ip"]


def client_ip(request) -> str:
    """The address that identifies the client of ``request`` (see the module docstring)."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if not proxies or not forwarded:
        return remote
    addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
    if not addresses:
        return remote
    return addresses[-min(proxies, len(addresses))]
