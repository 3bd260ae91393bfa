"""Anonymous requests count against the anonymous rate, signed-in ones against the user rate
(``astana_site.api.throttling``)."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


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
