"""Shared fixtures: the reference history loaded once per test database, users by role."""

import time

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import caches
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from rest_framework.test import APIClient


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped reference history once into the test database."""
    with django_db_blocker.unblock():
        call_command("load_reference", verbosity=0)


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A page request activates its language in this thread (LocaleMiddleware) and nothing
    deactivates it: every test starts, and leaves, in English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def analyst(db) -> User:
    user = User.objects.create_user("analyst", "analyst@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Analysts"))
    return user


@pytest.fixture
def reader(db) -> User:
    """Logged in, but without any permission to write."""
    return User.objects.create_user("reader", "reader@example.org", "pw")


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def analyst_api(analyst) -> APIClient:
    c = APIClient()
    c.force_authenticate(analyst)
    return c


@pytest.fixture
def reader_api(reader) -> APIClient:
    c = APIClient()
    c.force_authenticate(reader)
    return c


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` need PostgreSQL (row locks, real concurrent connections): on
    another database they are deselected, not skipped, and run in the PostgreSQL leg."""
    from django.conf import settings

    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    keep, drop = [], []
    for item in items:
        (drop if item.get_closest_marker("postgres") else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


REDIS_URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def redis_cache():
    """The default cache is Redis (``astana_site.redis_cache``, database 14, a key prefix of its
    own) for the test; skipped where no Redis runs (CI runs one)."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    prefix = f"test-{time.monotonic_ns()}"
    setting = {
        "default": {
            "BACKEND": "astana_site.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=setting):
        cache = caches["default"]
        yield cache
        cache.clear()


@pytest.fixture(autouse=True)
def _no_kept_tables_between_tests():
    """No small table kept by one test (``astana_site.cache.kept_rows``) serves another: the
    test cache keeps the data version, and SQLite gives a key again after a rollback."""
    from astana_site.cache import forget_kept_tables

    forget_kept_tables()
    yield
    forget_kept_tables()


@pytest.fixture
def kept_tables(settings):
    """Small tables kept in the process per data version, as deployed."""
    settings.KEPT_TABLES_ENABLED = True
