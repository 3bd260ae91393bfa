"""Throttling and login lockout count per real client: the trusted-proxy rule, a shared cache."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings

ROOT = Path(__file__).resolve().parents[2]
DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "astana_cache",
    }
}


def _rest(settings, num_proxies, anon="3/minute"):
    return {
        **settings.REST_FRAMEWORK,
        "NUM_PROXIES": num_proxies,
        "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": "100/minute"},
    }


@pytest.mark.django_db
def test_rotating_x_forwarded_for_without_a_trusted_proxy_is_still_one_client(settings):
    cache.clear()
    with override_settings(REST_FRAMEWORK=_rest(settings, 0), NUM_PROXIES=0):
        client = Client()
        statuses = [
            client.get("/api/v1/places/", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").status_code
            for i in range(6)
        ]
    cache.clear()
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3:] == [429, 429, 429]


@pytest.mark.django_db
def test_behind_one_trusted_proxy_the_client_is_the_address_it_saw(settings):
    cache.clear()
    with override_settings(REST_FRAMEWORK=_rest(settings, 1), NUM_PROXIES=1):
        client = Client()
        # A client forging addresses to the left of what the proxy appended is still itself
        forged = [
            client.get(
                "/api/v1/places/", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}, 203.0.113.7"
            ).status_code
            for i in range(4)
        ]
        other = client.get("/api/v1/places/", HTTP_X_FORWARDED_FOR="198.51.100.9").status_code
    cache.clear()
    assert forged == [200, 200, 200, 429]
    assert other == 200


@pytest.mark.django_db(transaction=True)
def test_throttle_counts_live_in_the_shared_database_cache(settings):
    with override_settings(CACHES=DATABASE_CACHE):
        call_command("createcachetable", verbosity=0)
        with override_settings(REST_FRAMEWORK=_rest(settings, 0, anon="2/minute")):
            first = [Client().get("/api/v1/places/").status_code for _ in range(2)]
            # Another worker process has its own cache connection but the same table
            with connection.cursor() as cursor:
                cursor.execute("SELECT cache_key FROM astana_cache")
                keys = [row[0] for row in cursor.fetchall()]
            third = Client().get("/api/v1/places/").status_code
        cache.clear()
    assert first == [200, 200] and third == 429
    assert any("throttle_anon" in key for key in keys)


REDIS_URL = "redis://127.0.0.1:6379/14"


def _redis_or_skip():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    return client


@pytest.mark.django_db
def test_throttle_counts_live_in_redis_when_configured(settings):
    redis = _redis_or_skip()
    prefix = f"hostile-{time.monotonic_ns()}"
    caches_setting = {
        "default": {
            "BACKEND": "astana_site.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    try:
        rest = _rest(settings, 0, anon="2/minute")
        with override_settings(CACHES=caches_setting, REST_FRAMEWORK=rest):
            first = [Client().get("/api/v1/places/").status_code for _ in range(2)]
        # A second worker: a cache client of its own (entering the override makes a new one)
        with override_settings(CACHES=caches_setting, REST_FRAMEWORK=rest):
            third = Client().get("/api/v1/places/").status_code
        keys = redis.keys(f"{prefix}:*")
    finally:
        for key in redis.keys(f"{prefix}:*"):
            redis.delete(key)
    assert first == [200, 200] and third == 429
    assert any(b"throttle_anon" in key for key in keys)


@pytest.mark.parametrize(
    ("cache_url", "backend"),
    [
        ("", "django.core.cache.backends.db.DatabaseCache"),
        ("redis://127.0.0.1:6379/14", "astana_site.redis_cache.RedisCache"),
    ],
)
def test_the_shared_cache_is_redis_when_configured_else_the_database(cache_url, backend):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CACHE_URL"))}
    env.update({"DJANGO_SETTINGS_MODULE": "astana_site.settings.local", "CACHE_URL": cache_url})
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip().splitlines()[-1] == backend, result.stderr


# --- admin login -------------------------------------------------------------------------------


def _login(client, username, password, address):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


@pytest.mark.django_db
def test_admin_login_locks_a_user_name_after_repeated_failures_from_any_address(settings):
    User.objects.create_user("editor", password="right-password", is_staff=True)
    client = Client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "editor", "wrong", f"192.0.2.{i}")
    # Then even the right password, from yet another address, is refused
    response = _login(client, "editor", "right-password", "198.51.100.1")
    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_login_locks_an_address_trying_many_user_names(settings):
    User.objects.create_user("editor", password="right-password", is_staff=True)
    client = Client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login(client, f"guess{i}", "wrong", "192.0.2.50")
    response = _login(client, "editor", "right-password", "192.0.2.50")
    assert response.status_code in (403, 429)
    # Another address with the right password still gets in
    assert _login(Client(), "editor", "right-password", "192.0.2.51").status_code == 302


@pytest.mark.django_db
def test_admin_login_still_works_after_a_few_mistakes(settings):
    User.objects.create_user("editor", password="right-password", is_staff=True)
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "editor", "wrong", "192.0.2.60")
    assert _login(client, "editor", "right-password", "192.0.2.60").status_code == 302
