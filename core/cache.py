"""The site's two caches: security state, never culled, and a bounded page cache.

`default` holds security state: used TOTP codes and login-failure counts
(allauth) and the site's own rate limits (core.ratelimit). Losing an entry
there reopens an attack (a used code accepted again, a failure count reset),
so nothing may push it out. `pages` holds whole pages (pagecache/cache.py)
and may lose entries at any time. On the database the two live in separate
tables; on Redis see `redis_eviction_check` below.

On Redis the backend is django-redis with IGNORE_EXCEPTIONS (config/settings/base.py):
an outage is a miss. What no library does is here: a database cache that never culls live
entries, and a deploy check that the Redis holding security state never evicts.
"""

from django.core import checks
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections
from django_redis import get_redis_connection
from django_redis.cache import RedisCache

# Redis policies that never drop a key to make room: anything else may evict a used
# TOTP code or a rate-limit counter (they carry TTLs, so volatile-* evicts them too).
SAFE_EVICTION_POLICIES = {"noeviction"}


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
    return get_redis_connection(alias, write=True).info("memory").get("maxmemory_policy", "")


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
