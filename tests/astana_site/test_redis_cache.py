"""The Redis cache backend keeps one client per connection pool (``astana_site.redis_cache``)."""

import threading
import time

import pytest
from django.core.cache import caches
from django.test import override_settings

REDIS_URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def redis_cache():
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    prefix = f"kept-client-{time.monotonic_ns()}"
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


def test_every_operation_uses_the_one_client_of_its_pool(redis_cache):
    client = redis_cache._cache.get_client(write=True)
    assert redis_cache._cache.get_client() is client
    assert redis_cache._cache.get_client("any-key", write=False) is client

    assert redis_cache.add("a", {"n": 1}) is True
    assert redis_cache.add("a", 2) is False
    assert redis_cache.get("a") == {"n": 1}
    redis_cache.set("b", 5)
    assert redis_cache.incr("b") == 6
    assert redis_cache.get_many(["a", "b", "c"]) == {"a": {"n": 1}, "b": 6}
    assert redis_cache.delete("a") is True
    assert redis_cache.get("a", "gone") == "gone"
    assert redis_cache._cache.get_client() is client


def test_threads_share_the_client_without_mixing_answers(redis_cache):
    for i in range(8):
        redis_cache.set(f"k{i}", i)
    wrong = []

    def read(i: int) -> None:
        for _ in range(200):
            if redis_cache.get(f"k{i}") != i:
                wrong.append(i)

    threads = [threading.Thread(target=read, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []
