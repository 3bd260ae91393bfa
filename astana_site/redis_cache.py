"""Django's Redis cache backend, with one client object per connection pool.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` around the pool for every
cache operation. With redis-py 8 that costs about 0.3 ms (the client's constructor checks its
arguments and sets up its callbacks), twice what the round trip to Redis costs, and an API
request makes several such operations (the throttle, the data version, a list's kept count). A
``redis.Redis`` is safe to share between threads (each command takes a connection from the
pool) and after a fork (the pool notices the new process), so one is made per pool and kept.

It also takes a request within a rate in one round trip (``take_within_rate``, for the API's
throttles), where DRF's throttle reads and writes back the whole list of a client's request
times: up to one per request its rate allows (600 an hour), pickled both ways on every request.
The same round trip reads what the request will ask the cache for next: an API list's data
version and kept count, which took a round trip of their own (with the read cache on, an
anonymous list then asks for its kept page, a second round trip).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class KeptClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(
                connection_pool=self._get_connection_pool(write)
            )
        return client


# The request times of one client in a sorted set (score: the time); atomic in Redis. The same
# rule as DRF's ``SimpleRateThrottle``: times at or before ``now - window`` are forgotten; the
# request is taken when fewer than ``limit`` remain, and only then recorded. Returns whether
# it was taken, the number of requests counted in the window, the oldest one's time (as
# text: Redis makes a Lua number an integer), and the values of the other keys (``read``: what
# the request will read next, in the same round trip; false where there is none).
_TAKE_WITHIN_RATE = """
local key = KEYS[1]
local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local read = {}
for i = 2, #KEYS do
    read[i - 1] = redis.call('GET', KEYS[i])
end
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local counted = redis.call('ZCARD', key)
if counted < limit then
    redis.call('ZADD', key, now, ARGV[4])
    redis.call('PEXPIRE', key, math.ceil(window * 1000))
    return {1, counted + 1, false, read}
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return {0, counted, oldest[2] or false, read}
"""


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient
        self._take_script = None

    def take_within_rate(
        self, key: str, *, now: float, limit: int, window: float, read: Sequence[str] = ()
    ) -> tuple[bool, int, float | None, dict]:
        """Take one request at time ``now`` for ``key`` if fewer than ``limit`` were taken in
        the ``window`` seconds before it: whether it was taken, how many are counted in the
        window (this one included), the time of the oldest (``None`` if none), and the values
        cached under the keys ``read`` (as ``get_many`` gives them: a key with none is left
        out), read in the same round trip."""
        client = self._cache.get_client(write=True)
        script = self._take_script
        if script is None or script.registered_client is not client:
            script = self._take_script = client.register_script(_TAKE_WITHIN_RATE)
        taken, counted, oldest, values = script(
            keys=[
                self.make_and_validate_key(f"{key}:window"),
                *(self.make_and_validate_key(k) for k in read),
            ],
            args=[repr(now), repr(float(window)), limit, f"{now!r}:{secrets.token_hex(4)}"],
        )
        # Lua's false comes back as None (a script answers in RESP2 unless it asks otherwise);
        # False is read the same way, should Redis give it as a RESP3 boolean.
        loads = self._cache._serializer.loads
        got = {
            k: loads(v)
            for k, v in zip(read, values, strict=False)
            if v is not None and v is not False
        }
        oldest = None if oldest is None or oldest is False else float(oldest)
        return bool(taken), int(counted), oldest, got
