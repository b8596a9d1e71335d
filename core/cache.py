"""The site's two caches: security state, never culled, and a bounded page cache.

`default` holds security state: used TOTP codes and login-failure counts
(allauth) and the site's own rate limits (home.ratelimit). Losing an entry
there reopens an attack (a used code accepted again, a failure count reset),
so nothing may push it out. `pages` holds whole pages (pagecache/cache.py)
and may lose entries at any time. On the database the two live in separate
tables; on Redis see `redis_eviction_check` below.

A Redis cache that treats an unreachable server as a miss instead of an error.

Pages must keep serving while Redis is down. Reads answer "not found", writes
are dropped, and `add` answers False ("already there"). That last choice is
deliberate: allauth records a used TOTP code with `cache.add`, so while the
cache is down a code cannot be proven unused and MFA logins fail closed.
Rate limits (home.ratelimit) catch the outage themselves and fail open.
"""

import logging

from django.core import checks
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import connections
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import OutOfMemoryError as RedisOutOfMemoryError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
# A full Redis under `noeviction` refuses writes with OutOfMemoryError: treated as an
# outage too, so a full cache degrades (pages uncached, codes refused) instead of a 500.
OUTAGE = (RedisConnectionError, RedisTimeoutError, RedisOutOfMemoryError, OSError)
# Redis policies that never drop a key to make room: anything else may evict a used
# TOTP code or a rate-limit counter (they carry TTLs, so volatile-* evicts them too).
SAFE_EVICTION_POLICIES = {"noeviction"}


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


class SecurityDatabaseCache(DatabaseCache):
    """A database cache that drops only expired entries, never live ones.

    Django's database cache, past MAX_ENTRIES, deletes a third of its keys in
    alphabetical order, live or not: 'allauth...' keys go first. Here passing
    MAX_ENTRIES only sweeps out expired rows; every entry this cache holds (a
    used code, a counter) carries a timeout of minutes, so the table stays small.
    """

    def _cull(self, db, cursor, now, num):
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        expires = connection.ops.quote_name("expires")
        sweep = f"DELETE FROM {table} WHERE {expires} < %s"  # noqa: S608 # nosec B608 - quoted names, no input
        cursor.execute(sweep, [connection.ops.adapt_datetimefield_value(now)])


def redis_eviction_policy(alias="default"):
    """Redis's maxmemory-policy as INFO reports it (CONFIG is often disabled on managed Redis)."""
    backend = caches[alias]
    client = backend._cache.get_client(write=True)
    return client.info("memory").get("maxmemory_policy", "")


@checks.register(checks.Tags.caches, deploy=True)
def redis_eviction_check(app_configs=None, **kwargs):
    """Security state on Redis needs a server that never evicts keys to make room."""
    if not isinstance(caches["default"], RedisCache):
        return []
    hint = (
        "Set `maxmemory-policy noeviction` on the Redis server that REDIS_URL names (docs/deploy.md); "
        "give the page cache its own Redis with PAGE_CACHE_REDIS_URL if you want it evicted by LRU."
    )
    try:
        policy = redis_eviction_policy()
    except Exception as error:  # unreachable, or INFO refused: say so rather than guess
        return [
            checks.Warning(
                f"could not read Redis's maxmemory-policy ({error.__class__.__name__})", hint=hint, id="seher.W002"
            )
        ]
    if policy not in SAFE_EVICTION_POLICIES:
        return [
            checks.Warning(
                f"Redis maxmemory-policy is {policy!r}: it may evict used TOTP codes and rate-limit counters",
                hint=hint,
                id="seher.W001",
            )
        ]
    return []
