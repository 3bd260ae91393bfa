"""Throttles that read their rates from settings on every request (DRF's read them once, at
import), so ``API_THROTTLE_ANON``/``API_THROTTLE_USER`` and test overrides take effect.

An anonymous request counts against the anonymous rate only (``API_THROTTLE_ANON``): DRF's
``UserRateThrottle`` also counted it by address against the user rate, which cost every
anonymous request two more round trips to the cache."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonThrottle(AnonRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class UserThrottle(UserRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None  # AnonThrottle's
        return super().get_cache_key(request, view)
