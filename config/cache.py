"""A Redis cache that treats an unreachable server as a miss instead of an error.

Pages must keep serving while Redis is down. Reads answer "not found", writes
are dropped, and `add` answers False ("already there"). That last choice is
deliberate: allauth records a used TOTP code with `cache.add`, so while the
cache is down a code cannot be proven unused and MFA logins fail closed.
Rate limits (home.ratelimit) catch the outage themselves and fail open.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
OUTAGE = (RedisConnectionError, RedisTimeoutError, OSError)


class ReusedRedisCacheClient(RedisCacheClient):
    """Keeps one redis.Redis client per connection pool.

    Django builds a new client for every command, and redis-py's constructor
    fills a table of several hundred response callbacks each time: about half
    a millisecond, more than the command itself on a page-cache hit. A client
    is thread-safe (each command borrows a connection from the pool), so one
    per pool serves every thread of a worker.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient

    def _tolerate(self, name, default, call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except OUTAGE as error:
            logger.error("cache unavailable during %s: %s", name, error.__class__.__name__)
            return default

    def get(self, *args, **kwargs):
        default = kwargs.get("default", args[1] if len(args) > 1 else None)
        return self._tolerate("get", default, super().get, *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._tolerate("get_many", {}, super().get_many, *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._tolerate("set", None, super().set, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._tolerate("set_many", [], super().set_many, *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._tolerate("add", False, super().add, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._tolerate("delete", False, super().delete, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._tolerate("delete_many", None, super().delete_many, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._tolerate("touch", False, super().touch, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._tolerate("has_key", False, super().has_key, *args, **kwargs)

    def ping(self):
        """True when the server answers; used by the health check."""
        try:
            return bool(self._cache.get_client(write=False).ping())
        except OUTAGE:
            return False
