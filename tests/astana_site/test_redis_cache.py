"""The Redis cache backend keeps one client per connection pool and takes a request within a
rate in one round trip (``astana_site.redis_cache``). ``redis_cache``: tests/conftest.py."""

import threading


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


def test_a_request_is_taken_while_the_window_holds_fewer_than_the_limit(redis_cache):
    def take(client, now, limit, window=60):
        return redis_cache.take_within_rate(client, now=now, limit=limit, window=window)[:3]

    assert take("client", now=100.0, limit=2) == (True, 1, None)
    assert take("client", now=101.5, limit=2) == (True, 2, None)
    # Refused: two in the window, the oldest at 100; a refusal is not recorded.
    assert take("client", now=102.0, limit=2) == (False, 2, 100.0)
    assert take("client", now=103.0, limit=2) == (False, 2, 100.0)
    # 100 is forgotten at 160 (at or before now - window), 101.5 not yet.
    assert take("client", now=160.0, limit=2) == (True, 2, None)
    assert take("client", now=160.1, limit=2) == (False, 2, 101.5)
    # Another client has its own window.
    assert take("other", now=160.1, limit=2) == (True, 1, None)
    assert take("nobody", now=1.0, limit=0) == (False, 0, None)


def test_the_same_round_trip_reads_the_keys_asked_for_as_get_many_would(redis_cache):
    redis_cache.set("version", 1_700_000_000_000_000_000)
    redis_cache.set("count", (7, 42))
    redis_cache.set("text", "сочи")
    keys = ["version", "count", "missing", "text"]
    redis_cache.take_within_rate("warm-up", now=1.0, limit=5, window=60)  # the script loaded
    client = redis_cache._cache.get_client(write=True)
    calls = []
    original = client.execute_command

    def counted(*args, **options):
        calls.append(args[0])
        return original(*args, **options)

    client.execute_command = counted
    try:
        taken = redis_cache.take_within_rate("client", now=1.0, limit=5, window=60, read=keys)
        refused = redis_cache.take_within_rate("client", now=2.0, limit=1, window=60, read=keys)
    finally:
        del client.execute_command
    expected = redis_cache.get_many(keys)
    assert expected == {"version": 1_700_000_000_000_000_000, "count": (7, 42), "text": "сочи"}
    assert taken == (True, 1, None, expected)
    assert refused == (False, 1, 1.0, expected)  # read even when the request is refused
    assert calls == ["EVALSHA", "EVALSHA"]  # one command each: no GET, no MGET
    assert redis_cache.take_within_rate("client", now=3.0, limit=9, window=60)[3] == {}


def test_a_window_expires_with_its_last_request(redis_cache):
    redis_cache.take_within_rate("client", now=100.0, limit=5, window=30)
    client = redis_cache._cache.get_client(write=True)
    ttl = client.pttl(redis_cache.make_and_validate_key("client:window"))
    assert 0 < ttl <= 30_000
