"""Throttles that read their rates from settings on every request (DRF's read them once, at
import), so ``API_THROTTLE_ANON``/``API_THROTTLE_USER`` and test overrides take effect.

An anonymous request counts against the anonymous rate only (``API_THROTTLE_ANON``): DRF's
``UserRateThrottle`` also counted it by address against the user rate, which cost every
anonymous request two more round trips to the cache.

With the Redis cache (``astana_site.redis_cache``) a request is taken within its rate in one
round trip, by a script in Redis (``take_within_rate``). DRF's throttle reads the client's
whole list of request times and writes it back, two round trips and a list of up to one time
per request the rate allows, pickled both ways. Same rule, same ``Retry-After``; another cache
keeps DRF's way. The same round trip reads the keys the view says it will read from the cache
next (``view.cache_reads_ahead(request)``), kept on the request as
``request.cache_read_ahead`` (``astana_site.cache.ReadAhead``).
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from astana_site.cache import ReadAhead


class RateSettingMixin:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class SharedWindowMixin:
    """A throttle taking each request in one call to the cache's ``take_within_rate`` where
    the cache has it (DRF's ``SimpleRateThrottle`` otherwise)."""

    counted: int | None = None  # requests in the window, set by a take
    oldest: float | None = None

    def allow_request(self, request, view):
        take = getattr(self.cache, "take_within_rate", None)
        if take is None or self.rate is None:
            return super().allow_request(request, view)
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        reads = getattr(view, "cache_reads_ahead", None)
        ahead = list(reads(request)) if reads is not None else []
        taken, self.counted, self.oldest, got = take(
            self.key, now=self.now, limit=self.num_requests, window=self.duration, read=ahead
        )
        if ahead:
            request.cache_read_ahead = ReadAhead(frozenset(ahead), got)
        return taken

    def wait(self):
        """DRF's: the window's rest, shared among the requests still allowed in it."""
        if self.counted is None:
            return super().wait()
        remaining = self.duration
        if self.oldest is not None:
            remaining = self.duration - (self.now - self.oldest)
        available = self.num_requests - self.counted + 1
        if available <= 0:
            return None
        return remaining / float(available)


class AnonThrottle(RateSettingMixin, SharedWindowMixin, AnonRateThrottle):
    pass


class UserThrottle(RateSettingMixin, SharedWindowMixin, UserRateThrottle):
    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None  # AnonThrottle's
        return super().get_cache_key(request, view)
