"""Anonymous requests count against the anonymous rate, signed-in ones against the user rate
(``astana_site.api.throttling``), the same with the cache in memory (DRF's way) and in Redis
(one script per request)."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["memory", "redis"])
def throttle_cache(request):
    if request.param == "redis":
        request.getfixturevalue("redis_cache")
    return request.param


def _rates(settings, anon: str, user: str) -> dict:
    return {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": user}}


def _statuses(client: Client, n: int) -> list[int]:
    return [client.get("/api/v1/places/").status_code for _ in range(n)]


def test_an_anonymous_reader_has_the_anonymous_rate_even_when_the_user_rate_is_lower(settings):
    cache.clear()
    with override_settings(REST_FRAMEWORK=_rates(settings, anon="3/minute", user="1/minute")):
        statuses = _statuses(Client(), 4)
    cache.clear()
    assert statuses == [200, 200, 200, 429]


def test_a_signed_in_user_has_the_user_rate(settings):
    cache.clear()
    user = User.objects.create_user("reader", password="x")
    client = Client()
    client.force_login(user)
    with override_settings(REST_FRAMEWORK=_rates(settings, anon="1/minute", user="2/minute")):
        statuses = _statuses(client, 3)
        anonymous = _statuses(Client(), 2)
    cache.clear()
    assert statuses == [200, 200, 429]
    assert anonymous == [200, 429]  # the user's requests did not count against it


def test_a_refused_request_says_when_to_come_back(settings, throttle_cache):
    cache.clear()
    with override_settings(REST_FRAMEWORK=_rates(settings, anon="2/minute", user="9/minute")):
        client = Client()
        statuses = _statuses(client, 2)
        refused = client.get("/api/v1/places/")
    pattern = f"{cache.key_prefix}:*:window"  # this test's keys only
    keys = cache._cache.get_client().keys(pattern) if throttle_cache == "redis" else None
    cache.clear()
    assert statuses == [200, 200]
    assert refused.status_code == 429
    # The window's rest (just under 60 s) shared by the one request it would allow.
    assert refused["Retry-After"] == "60"
    if throttle_cache == "redis":  # taken by the script: the client's window is a sorted set
        assert len(keys) == 1
